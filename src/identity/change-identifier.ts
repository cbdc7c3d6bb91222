// Update Customer Identifiers (CHG-1..CHG-8): add and remove identifiers in one source account; an added
// identifier that exactly one other customer holds elsewhere merges this customer into that one as the
// victim. The events are `IdentifierRemoved`, `IdentifierAdded` and `CustomersMerged`.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { list, record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { mergedWarning, NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { readSourceAccount, type SourceAccount } from '../org/source-account';
import { sourceAccountKey, sourceSchema } from '../org/sources';
import { holdsIn, profileIn, type Customer } from '../records/customer';
import { produce } from '../records/freeze';
import { identifierSchema, type Identifier } from '../records/profile';
import { address, requireProfile } from '../decider/addressee';
import { firstMisfit, freeFor, hasProfile, knownAccount, liveCustomer, normalised } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, FoldPreconditionError, type CommandSlice, type DecisionContext, type Decision, type EventHandler } from '../decider/slice';
import { heldByOthers, holdersElsewhere } from './holders';
import type { CustomersMerged } from './merge';
import { identifierCount, mergeWithinLimits, withinIdentifierLimit } from './merge-limits';
import { identifierInputSchema, readIdentifiers } from './profile-input';

const MAX_LIST = 100;

/** The body of Update Customer Identifiers (CHG-1). */
export const changeIdentifierBodySchema = record({
  add: list(identifierInputSchema, MAX_LIST).optional(),
  remove: list(identifierInputSchema, MAX_LIST).optional(),
});

/** Add and remove identifiers in one source account, merging where the seed says so (CHG-1..CHG-8). */
export const changeIdentifierCommandSchema = record({
  kind: z.literal('changeIdentifier'),
  customerId: commandCustomerIdSchema,
  source: text(64),
  accountId: text(64).optional(),
  add: list(identifierInputSchema, MAX_LIST).optional(),
  remove: list(identifierInputSchema, MAX_LIST).optional(),
  meta: commandMetaSchema,
});

/** Add and remove identifiers in one source account (CHG-1..CHG-8). */
export type ChangeIdentifierCommand = z.input<typeof changeIdentifierCommandSchema>;

const identifierChange = {
  ...eventStampShape,
  customerId: customerIdSchema,
  source: sourceSchema,
  accountId: text(64),
  identifier: identifierSchema,
};

/** An identifier joined a source profile (CHG-1). */
export const identifierAddedSchema = record({ kind: z.literal('IdentifierAdded'), ...identifierChange });

/** An identifier left a source profile: the only way an identifier is ever lost (CHG-2). */
export const identifierRemovedSchema = record({ kind: z.literal('IdentifierRemoved'), ...identifierChange });

/** An identifier joined a source profile (CHG-1). */
export type IdentifierAdded = z.output<typeof identifierAddedSchema>;
/** An identifier left a source profile (CHG-2). */
export type IdentifierRemoved = z.output<typeof identifierRemovedSchema>;

/** The documented answer of Update Customer Identifiers (CHG-1). */
export interface ChangeIdentifierResponse {
  readonly success: true;
  readonly warnings: readonly DomainWarning[];
}

type ChangeEvents = readonly (IdentifierRemoved | IdentifierAdded | CustomersMerged)[];

const keyOf = (id: Identifier): string => `${id.type}\u0000${id.value}`;

/**
 * Add and remove identifiers in one source account (CHG-1..CHG-8). Nothing to change is 1104; a
 * removed identifier the customer does not hold is 1104; an added one held by another customer in the
 * same account is 8008; held by exactly one other customer elsewhere, this customer merges into that
 * one as the victim (CHG-4, 8051); held by several, nothing changes (CHG-5, 8053); past the org's bounds
 * on identifiers or merges, nothing changes either (MRG-22, MRG-23: 9041, 9043).
 */
export function decideChangeIdentifier(
  reader: GraphReader,
  cmd: z.output<typeof changeIdentifierCommandSchema>,
  ctx: DecisionContext,
): Result<Decision<ChangeEvents>, DomainError> {
  const addressed = address(reader, 'changeIdentifier', cmd.customerId).andThen((customer) =>
    readSourceAccount(reader.org, cmd.source, cmd.accountId).map((account) => ({ customer, account })),
  );
  if (addressed.isErr()) return err(addressed.error);
  const { customer, account } = addressed.value;
  if ((cmd.add ?? []).length === 0 && (cmd.remove ?? []).length === 0) return err(refuse({ reason: 'nothingToChange', code: 1104 }));
  const profile = requireProfile(customer, account);
  if (profile.isErr()) return err(profile.error);
  const adds = readIdentifiers(reader.org, cmd.add ?? [], 'changeIdentifier');
  if (adds.isErr()) return err(adds.error);
  const removes = readIdentifiers(reader.org, cmd.remove ?? [], 'changeIdentifier');
  if (removes.isErr()) return err(removes.error);
  for (const id of removes.value) {
    if (!holdsIn(customer, account.source, account.accountId, id.type, id.value)) return err(refuse({ reason: 'identifierNotHeld', code: 1104, identifierType: id.type, value: id.value, sourceAccount: account.key }));
  }
  const removed = new Set(removes.value.map(keyOf));
  const fresh = adds.value.filter((id) => removed.has(keyOf(id)) || !holdsIn(customer, account.source, account.accountId, id.type, id.value));
  for (const id of fresh) {
    const holder = reader.holderIn(id, account);
    if (holder !== undefined && holder !== customer.id) {
      return err(refuse({ reason: 'identifierInUse', code: 8008, identifierType: id.type, holderId: holder, sourceAccount: account.key }));
    }
  }
  const elsewhere = holdersElsewhere(reader, account, fresh, customer.id);
  const several = heldByOthers(elsewhere);
  if (several !== undefined) return err(several);
  const bounded = withinLimits(reader, customer, account, removed, fresh.length, elsewhere);
  if (bounded.isErr()) return err(bounded.error);

  const events: (IdentifierRemoved | IdentifierAdded | CustomersMerged)[] = [
    ...removes.value.map((identifier): IdentifierRemoved => ({ kind: 'IdentifierRemoved', ...ctx.stamp(), customerId: customer.id, source: account.source, accountId: account.accountId, identifier })),
    ...fresh.map((identifier): IdentifierAdded => ({ kind: 'IdentifierAdded', ...ctx.stamp(), customerId: customer.id, source: account.source, accountId: account.accountId, identifier })),
  ];
  // When adding the cause is all the command does to the profile, an unmerge can give the profile its stamp back (MRG-15).
  const before = profileIn(customer, account.source, account.accountId)?.attribution;
  const only = removes.value.length === 0 && fresh.length === 1 && before !== undefined;
  for (const [survivorId, identifier] of elsewhere) {
    const cause = { source: account.source, accountId: account.accountId, identifier };
    events.push({ kind: 'CustomersMerged', ...ctx.stamp(), survivorId, victimId: customer.id, cause, ...(only ? { priorStamp: { modifiedDate: before.modifiedDate, modifiedBy: before.modifiedBy } } : {}) });
  }
  return ok({ events });
}

// The customer after the change, or its survivor if it merges, stays within the org's bounds (MRG-22,
// MRG-23): a removed identifier leaves the profile and the profiles merged into it there.
function withinLimits(
  reader: GraphReader,
  customer: Customer,
  account: SourceAccount,
  removed: ReadonlySet<string>,
  added: number,
  elsewhere: ReadonlyMap<CustomerId, Identifier>,
): Result<unknown, DomainError> {
  const p = profileIn(customer, account.source, account.accountId);
  let gone = 0;
  for (const q of p === undefined ? [] : [p, ...p.conflictingProfiles]) gone += q.identifiers.filter((id) => removed.has(keyOf(id))).length;
  const change = added - gone;
  const [survivorId] = elsewhere.keys();
  const survivor = survivorId === undefined ? undefined : reader.customer(survivorId);
  return survivor === undefined ? withinIdentifierLimit(reader.org, customer.id, identifierCount(customer) + change) : mergeWithinLimits(reader.org, survivor, customer, change);
}

/** Update Customer Identifiers (CHG-1..CHG-8). */
export const changeIdentifierSlice: CommandSlice<z.output<typeof changeIdentifierCommandSchema>, Decision<ChangeEvents>, ChangeIdentifierResponse> = {
  decide: decideChangeIdentifier,
  respond: ({ events }) => ({
    success: true,
    warnings: events.flatMap((e) => (e.kind === 'CustomersMerged' ? [mergedWarning(e.survivorId)] : NO_WARNINGS)),
  }),
};

function changedProfile(customer: Customer, e: IdentifierAdded | IdentifierRemoved, change: (identifiers: readonly Identifier[]) => Identifier[]): Customer {
  return produce(customer, (draft) => {
    const p = draft.profiles.find((x) => x.source === e.source && x.accountId === e.accountId);
    if (p === undefined) throw new FoldPreconditionError(`customer ${e.customerId} has no profile in ${e.source}/${e.accountId}`);
    p.identifiers = change(p.identifiers) as never;
    if (e.kind === 'IdentifierRemoved') for (const c of p.conflictingProfiles) c.identifiers = change(c.identifiers) as never;
    p.attribution.modifiedDate = e.at;
    p.attribution.modifiedBy = e.till;
  });
}

const profileOf = (reader: GraphReader, e: IdentifierAdded | IdentifierRemoved) =>
  knownAccount(reader, e.source, e.accountId).andThen((account) =>
    liveCustomer(reader, e.customerId).andThen((c) => hasProfile(c, e.source, e.accountId).map(() => ({ c, account }))),
  );

/**
 * The survivor an added identifier binds its customer to: the one other live customer holding it in
 * another source account, into which the customer must merge before anything else happens (CHG-4, ID-2).
 */
export function mergeOwed(reader: GraphReader, e: IdentifierAdded): CustomerId | undefined {
  return reader.holdersElsewhere(e.identifier, { source: e.source, accountId: e.accountId, key: sourceAccountKey(e.source, e.accountId) }).find((id) => id !== e.customerId);
}

/** Folding `IdentifierAdded`: the identifier joins the profile, free in its source account (CHG-1, ID-1). */
export const identifierAddedHandler: EventHandler<IdentifierAdded> = {
  misfit: (reader, e) =>
    firstMisfit(() =>
      profileOf(reader, e).andThen(({ c, account }) =>
        holdsIn(c, e.source, e.accountId, e.identifier.type, e.identifier.value)
          ? err({ misfit: 'identifierHeld' as const, identifierType: e.identifier.type, value: e.identifier.value, holderId: c.id })
          : freeFor(reader, [e.identifier], account, c.id, false),
      ),
    ),
  apply(reader, e) {
    const c = changedProfile(reader.customer(e.customerId), e, (ids) => [...ids, e.identifier]);
    return { records: [c], history: [c.id] };
  },
};

/** Folding `IdentifierRemoved`: the identifier leaves the profile and any profile merged into it there (CHG-2). */
export const identifierRemovedHandler: EventHandler<IdentifierRemoved> = {
  misfit: (reader, e) =>
    firstMisfit(() =>
      profileOf(reader, e).andThen(({ c }) =>
        normalised(reader, e.identifier).andThen((id) =>
          holdsIn(c, e.source, e.accountId, id.type, id.value) ? ok(id) : err({ misfit: 'identifierNotHeld' as const, identifierType: id.type, value: id.value, customerId: c.id }),
        ),
      ),
    ),
  apply(reader, e) {
    const same = (i: Identifier): boolean => i.type === e.identifier.type && i.value === e.identifier.value;
    const c = changedProfile(reader.customer(e.customerId), e, (ids) => ids.filter((i) => !same(i)));
    return { records: [c], history: [c.id] };
  },
};
