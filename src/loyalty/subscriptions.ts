// Update Subscription Details (SUB-1..SUB-5): OPTIN or OPTOUT per channel, priority and account. The
// event is `SubscriptionsChanged`.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema } from '../kernel/ids';
import { list, record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { recordWith } from '../records/freeze';
import { applySubscriptions, SUBSCRIPTION_CHANNELS, subscriptionSchema, type Subscription, type SubscriptionChannel } from '../records/subscriptions';
import { address } from '../decider/addressee';
import { liveCustomer } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import { eventStampShape, type CommandSlice, type Decision, type EventHandler } from '../decider/slice';

/** What a request's `scope` says, read into a value of the library's own: only the user scope exists (SUB-4). */
type ScopeRead = { readonly scope: 'user' | 'invalid' } | { readonly scope: 'multiple'; readonly count: number };

const INVALID_SCOPE: ScopeRead = Object.freeze({ scope: 'invalid' });
const USER_SCOPE_READ: ScopeRead = Object.freeze({ scope: 'user' });

function readScope(raw: unknown): ScopeRead | undefined {
  if (Array.isArray(raw) && raw.length > 1) return Object.freeze({ scope: 'multiple', count: raw.length });
  const one: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (one === undefined) return undefined;
  if (typeof one !== 'object' || one === null) return INVALID_SCOPE;
  const { scope, subScope } = one as { readonly scope?: unknown; readonly subScope?: unknown };
  return scope === 'USER' && (subScope === undefined || subScope === 'NONE') ? USER_SCOPE_READ : INVALID_SCOPE;
}

/** The body of Update Subscription Details (SUB-4). */
export const subscriptionRequestSchema = record({
  communicationId: z.number().int().optional(),
  campaignId: z.number().int().optional(),
  reason: text(1024).optional(),
  scope: z.unknown().transform(readScope).optional(),
  subscriptions: list(record({ channel: text(32), accountId: text(64).optional(), priority: text(32), type: text(32) }), 100, 1),
});

/** The body of Update Subscription Details (SUB-4). */
export type SubscriptionRequest = z.input<typeof subscriptionRequestSchema>;

/** Update Subscription Details (SUB-1..SUB-5). */
export const updateSubscriptionsCommandSchema = record({
  kind: z.literal('updateSubscriptions'),
  customerId: commandCustomerIdSchema,
  body: subscriptionRequestSchema,
  meta: commandMetaSchema,
});

/** Update Subscription Details (SUB-1..SUB-5). */
export type UpdateSubscriptionsCommand = z.input<typeof updateSubscriptionsCommandSchema>;

/** Subscription states set by Update Subscription Details (SUB-1). */
export const subscriptionsChangedSchema = record({
  kind: z.literal('SubscriptionsChanged'),
  ...eventStampShape,
  customerId: customerIdSchema,
  subscriptions: list(subscriptionSchema, 100),
});

/** Subscription states set by Update Subscription Details (SUB-1). */
export type SubscriptionsChanged = z.output<typeof subscriptionsChangedSchema>;

/** The seed's answer of Update Subscription Details (SUB-4). */
export interface SubscriptionsResponse {
  readonly scope: {
    readonly scopeId: 0;
    readonly scope: 'USER';
    readonly subScope: 'NONE';
    readonly setCreatedOn: false;
    readonly setPriority: false;
    readonly setScopeId: false;
    readonly setScope: true;
    readonly setSubScope: true;
  };
  readonly subscriptions: readonly Subscription[];
  readonly campaignId: number;
  readonly communicationId: number;
  readonly reason: string;
  readonly warnings: readonly DomainWarning[];
}

const CHANNEL_ALIASES: ReadonlyMap<string, SubscriptionChannel> = new Map<string, SubscriptionChannel>([
  ...SUBSCRIPTION_CHANNELS.map((c): [string, SubscriptionChannel] => [c, c]),
  ['MOBILE', 'SMS'],
]);

type ParsedRequest = z.output<typeof subscriptionRequestSchema>;

/**
 * Reads a subscription request (SUB-2, SUB-4): several scopes 1105, a bad scope 1103, a bad channel
 * 1101, priority 1102, status 1106. Channels are case-insensitive and MOBILE is SMS.
 */
export function readSubscriptions(body: ParsedRequest): Result<Subscription[], DomainError> {
  if (body.scope?.scope === 'multiple') return err(refuse({ reason: 'multipleScopes', code: 1105, count: body.scope.count }));
  if (body.scope?.scope === 'invalid') return err(refuse({ reason: 'invalidScope', code: 1103 }));
  const out: Subscription[] = [];
  for (const s of body.subscriptions) {
    const channel = CHANNEL_ALIASES.get(s.channel.toUpperCase());
    if (channel === undefined) return err(refuse({ reason: 'invalidSubscriptionChannel', code: 1101, channel: s.channel }));
    const priority = s.priority.toUpperCase();
    if (priority !== 'TRANS' && priority !== 'BULK') return err(refuse({ reason: 'invalidPriority', code: 1102, priority: s.priority }));
    const type = s.type.toUpperCase();
    if (type !== 'OPTIN' && type !== 'OPTOUT') return err(refuse({ reason: 'invalidSubscriptionStatus', code: 1106, status: s.type }));
    out.push(Object.freeze({ channel, accountId: s.accountId ?? '', priority, type }));
  }
  return ok(out);
}

const USER_SCOPE: SubscriptionsResponse['scope'] = Object.freeze({
  scopeId: 0,
  scope: 'USER',
  subScope: 'NONE',
  setCreatedOn: false,
  setPriority: false,
  setScopeId: false,
  setScope: true,
  setSubScope: true,
});

/** Update the subscriptions of a live customer (SUB-1, SUB-4, SUB-5). */
export const updateSubscriptionsSlice: CommandSlice<z.output<typeof updateSubscriptionsCommandSchema>, Decision<readonly [SubscriptionsChanged]>, SubscriptionsResponse> = {
  decide: (reader, cmd, ctx) =>
    address(reader, 'updateSubscriptions', cmd.customerId).andThen((customer) =>
      readSubscriptions(cmd.body).map((subscriptions) => ({
        events: [{ kind: 'SubscriptionsChanged', ...ctx.stamp(), customerId: customer.id, subscriptions: Object.freeze(subscriptions) }] as const,
      })),
    ),
  respond: ({ events: [e] }, cmd) => ({
    scope: USER_SCOPE,
    subscriptions: e.subscriptions,
    campaignId: cmd.body.campaignId ?? -1,
    communicationId: cmd.body.communicationId ?? -1,
    reason: cmd.body.reason ?? '',
    warnings: NO_WARNINGS,
  }),
};

/** Folding `SubscriptionsChanged`: the changes laid over the customer's explicit state (SUB-1). */
export const subscriptionsChangedHandler: EventHandler<SubscriptionsChanged> = {
  misfit: (reader, e) => liveCustomer(reader, e.customerId).match(() => undefined, (m) => m),
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    return { records: [recordWith(c, { subscriptions: applySubscriptions(c.subscriptions, e.subscriptions) })], history: [] };
  },
};
