import { z } from 'zod';
import { record, text } from '../kernel/parse';

/** The channels a subscription is kept for, as the API reports them; a MOBILE request is SMS (SUB-2). */
export const SUBSCRIPTION_CHANNELS = Object.freeze(['EMAIL', 'SMS', 'WECHAT', 'ANDROID', 'IOS', 'LINE'] as const);

/** A channel as reported (SUB-2). */
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];

/** The state of one (channel, priority, account): subscribed or not (SUB-1). */
export const subscriptionSchema = record({
  channel: z.enum(SUBSCRIPTION_CHANNELS),
  accountId: text(64),
  /** TRANS for personalised messages, BULK for campaigns. */
  priority: z.enum(['TRANS', 'BULK']),
  type: z.enum(['OPTIN', 'OPTOUT']),
});

/** The state of one (channel, priority, account) (SUB-1). */
export type Subscription = z.output<typeof subscriptionSchema>;

/** TRANS for personalised messages, BULK for campaigns (SUB-1). */
export type SubscriptionPriority = Subscription['priority'];

/** Subscribed or not (SUB-1). */
export type SubscriptionStatus = Subscription['type'];

const DEFAULT_CHANNELS: readonly SubscriptionChannel[] = ['EMAIL', 'SMS', 'ANDROID', 'IOS'];
const PRIORITIES: readonly SubscriptionPriority[] = ['TRANS', 'BULK'];

/**
 * What a new customer is subscribed to before any request: OPTIN on EMAIL, SMS, ANDROID and IOS for both
 * priorities, the state the seed's `embed=subscriptions` sample shows (SUB-3).
 */
export const DEFAULT_SUBSCRIPTIONS: readonly Subscription[] = Object.freeze(
  PRIORITIES.flatMap((priority) => DEFAULT_CHANNELS.map((channel): Subscription => Object.freeze({ channel, accountId: '', priority, type: 'OPTIN' }))),
);

function key(s: Pick<Subscription, 'channel' | 'priority' | 'accountId'>): string {
  return `${s.channel}|${s.priority}|${s.accountId}`;
}

/** The full state: the defaults with every explicit change laid over them, in a stable order (SUB-1, SUB-3). */
export function effectiveSubscriptions(explicit: readonly Subscription[]): Subscription[] {
  const byKey = new Map<string, Subscription>();
  for (const s of DEFAULT_SUBSCRIPTIONS) byKey.set(key(s), s);
  for (const s of explicit) byKey.set(key(s), s);
  return [...byKey.values()];
}

/** Lays changes over the explicit state; a repeated OPTIN is simply the same state again (SUB-1). */
export function applySubscriptions(explicit: readonly Subscription[], changes: readonly Subscription[]): Subscription[] {
  const byKey = new Map<string, Subscription>();
  for (const s of explicit) byKey.set(key(s), s);
  for (const s of changes) byKey.set(key(s), s);
  return [...byKey.values()];
}

/** Joins two customers' subscriptions: an OPTOUT on either side wins, so a merge never re-subscribes (MRG-10). */
export function mergeSubscriptions(survivor: readonly Subscription[], victim: readonly Subscription[]): Subscription[] {
  const s = new Map(effectiveSubscriptions(survivor).map((x) => [key(x), x]));
  const v = new Map(effectiveSubscriptions(victim).map((x) => [key(x), x]));
  const out: Subscription[] = [];
  for (const k of new Set([...s.keys(), ...v.keys()])) {
    const a = s.get(k);
    const b = v.get(k);
    const first = a ?? b;
    if (first === undefined) continue;
    const optedOut = a?.type === 'OPTOUT' || b?.type === 'OPTOUT';
    out.push({ ...first, type: optedOut ? 'OPTOUT' : 'OPTIN' });
  }
  return out;
}
