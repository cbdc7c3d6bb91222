import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError } from './errors';

/** The channels a subscription is kept for, as the API reports them; a MOBILE request is SMS (SUB-2). */
export const SUBSCRIPTION_CHANNELS = ['EMAIL', 'SMS', 'WECHAT', 'ANDROID', 'IOS', 'LINE'] as const;

/** A channel as reported (SUB-2). */
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];

/** TRANS for personalised messages, BULK for campaigns (SUB-1). */
export type SubscriptionPriority = 'TRANS' | 'BULK';

/** Subscribed or not (SUB-1). */
export type SubscriptionStatus = 'OPTIN' | 'OPTOUT';

/** The state of one (channel, priority, account) (SUB-1). */
export interface Subscription {
  readonly channel: SubscriptionChannel;
  readonly accountId: string;
  readonly priority: SubscriptionPriority;
  readonly type: SubscriptionStatus;
}

const DEFAULT_CHANNELS: readonly SubscriptionChannel[] = ['EMAIL', 'SMS', 'ANDROID', 'IOS'];
const PRIORITIES: readonly SubscriptionPriority[] = ['TRANS', 'BULK'];

/**
 * What a new customer is subscribed to before any request: OPTIN on EMAIL, SMS, ANDROID and IOS for both
 * priorities, the state the seed's `embed=subscriptions` sample shows (SUB-3).
 */
export const DEFAULT_SUBSCRIPTIONS: readonly Subscription[] = PRIORITIES.flatMap((priority) =>
  DEFAULT_CHANNELS.map((channel): Subscription => ({ channel, accountId: '', priority, type: 'OPTIN' })),
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

/** A subscription as a request carries it. */
export interface SubscriptionInput {
  readonly channel: string;
  readonly accountId?: string;
  readonly priority: string;
  readonly type: string;
}

/** The body of Update Subscription Details (SUB-4). */
export interface SubscriptionRequest {
  readonly communicationId?: number;
  readonly campaignId?: number;
  readonly reason?: string;
  readonly scope?: unknown;
  readonly subscriptions: readonly SubscriptionInput[];
}

const CHANNEL_ALIASES: ReadonlyMap<string, SubscriptionChannel> = new Map<string, SubscriptionChannel>([
  ...SUBSCRIPTION_CHANNELS.map((c): [string, SubscriptionChannel] => [c, c]),
  ['MOBILE', 'SMS'],
]);

/** The scope a request applies to; only the user scope exists in this model (SUB-4). */
export interface SubscriptionScope {
  readonly scope: 'USER';
  readonly subScope: 'NONE';
}

/**
 * Reads a subscription request (SUB-2, SUB-4): bad channel 1101, priority 1102, scope 1103, several
 * scopes 1105, status 1106. Channels are case-insensitive and MOBILE is SMS.
 */
export function readSubscriptionRequest(
  body: SubscriptionRequest,
): Result<{ scope: SubscriptionScope; subscriptions: Subscription[] }, DomainError> {
  if (Array.isArray(body.scope) && body.scope.length > 1) return err(domainError(1105));
  const rawScope = Array.isArray(body.scope) ? body.scope[0] : body.scope;
  if (rawScope !== undefined) {
    const scope = rawScope as { scope?: unknown; subScope?: unknown };
    if (typeof rawScope !== 'object' || rawScope === null || scope.scope !== 'USER') return err(domainError(1103));
    if (scope.subScope !== undefined && scope.subScope !== 'NONE') return err(domainError(1103));
  }
  const out: Subscription[] = [];
  for (const s of body.subscriptions) {
    const channel = CHANNEL_ALIASES.get(s.channel.toUpperCase());
    if (channel === undefined) return err(domainError(1101));
    const priority = s.priority.toUpperCase();
    if (priority !== 'TRANS' && priority !== 'BULK') return err(domainError(1102));
    const type = s.type.toUpperCase();
    if (type !== 'OPTIN' && type !== 'OPTOUT') return err(domainError(1106));
    out.push({ channel, accountId: s.accountId ?? '', priority, type });
  }
  return ok({ scope: { scope: 'USER', subScope: 'NONE' }, subscriptions: out });
}
