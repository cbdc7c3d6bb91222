// Undoing a merge (MRG-11..MRG-17): a victim is split back out of its survivor. The event is
// `CustomerUnmerged`; the records are made again from the copies the merge kept (identity/unmerge-records.ts).
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import type { Misfit } from '../kernel/misfits';
import { record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { unmergedWarning, type DomainWarning } from '../kernel/warnings';
import { allProfiles, holdsIn, type Customer } from '../records/customer';
import type { MergeCause, Premerge } from '../records/premerge';
import { identifierSchema, type Identifier } from '../records/profile';
import { addressExisting } from '../decider/addressee';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, type CommandSlice, type Decision, type EventHandler, type EventStamp } from '../decider/slice';
import { broughtWhole, releasing, unmergeRecords } from './unmerge-records';

/** Split a merge victim back out of its survivor, with the reason for it (MRG-11, MRG-16). */
export const unmergeCommandSchema = record({
  kind: z.literal('unmerge'),
  victimId: commandCustomerIdSchema,
  reason: text(4096).default(''),
  meta: commandMetaSchema,
});

/** Split a merge victim back out of its survivor (MRG-11). */
export type UnmergeCommand = z.input<typeof unmergeCommandSchema>;

/**
 * The victim is live again beside its survivor, with the reason and the till (MRG-11, MRG-16); `released`
 * is the identifier whose addition caused the merge, which the victim no longer holds (MRG-15).
 */
export const customerUnmergedSchema = record({
  kind: z.literal('CustomerUnmerged'),
  ...eventStampShape,
  survivorId: customerIdSchema,
  victimId: customerIdSchema,
  reason: text(4096),
  released: identifierSchema.nullable(),
});

/** The victim is live again beside its survivor (MRG-11). */
export type CustomerUnmerged = z.output<typeof customerUnmergedSchema>;

/** The answer of an unmerge (MRG-16): both ids, and the 9030 warning naming the survivor and any identifier released. */
export interface UnmergeResponse {
  readonly success: true;
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  readonly released: Identifier | null;
  readonly warnings: readonly DomainWarning[];
}

interface Unmergeable {
  readonly survivor: Customer;
  readonly victim: Customer;
  readonly released: Identifier | null;
}

// Only a victim whose merge was recorded, and whose survivor is live, can be split out (MRG-12): a chain is
// undone from its end, the last merge first. The split is made here once to see what it would leave: the
// identifier to release (MRG-15), and no value held by both (ID-2, 9034).
function unmergeable(reader: GraphReader, victim: Customer, stamp: EventStamp): Result<Unmergeable, DomainError> {
  if (victim.status !== 'merged' || victim.mergedInto === null) {
    return err(refuse({ reason: 'notMergeVictim', code: 9031, victimId: victim.id, status: victim.status === 'deleted' ? 'deleted' : 'live' }));
  }
  if (victim.premerge === null) return err(refuse({ reason: 'mergeNotRecorded', code: 9032, victimId: victim.id }));
  const survivor = reader.customer(victim.mergedInto);
  if (survivor === undefined || survivor.status !== 'live') {
    return err(refuse({ reason: 'survivorNotLive', code: 9033, victimId: victim.id, survivorId: victim.mergedInto, status: survivor?.status === 'merged' ? 'merged' : 'deleted' }));
  }
  const later = laterMergeInto(survivor, victim.premerge);
  if (later !== undefined) return err(refuse({ reason: 'laterMergeInto', code: 9035, victimId: victim.id, survivorId: survivor.id, laterVictimId: later }));
  const [kept, back] = unmergeRecords(reader.org, survivor, victim, null, stamp);
  const released = releasedBy(kept, back, victim.premerge.cause);
  const shared = sharedValue(kept, releasing(back, victim.premerge, released));
  if (shared !== undefined) {
    return err(refuse({ reason: 'identifierShared', code: 9034, victimId: victim.id, survivorId: survivor.id, identifierType: shared.type, value: shared.value }));
  }
  return ok({ survivor, victim, released });
}

// A customer merged into the survivor after the victim whose profile went to the conflicting list of a
// profile the victim brought whole: the split would leave that profile without its place, so the later
// merge is undone first, as in a chain (MRG-12).
function laterMergeInto(survivor: Customer, pre: Premerge): CustomerId | undefined {
  const theirs = new Set<CustomerId>([pre.victim.id, ...pre.victim.victims]);
  for (const p of survivor.profiles) {
    const other = broughtWhole(pre, p) ? p.conflictingProfiles.find((q) => !theirs.has(q.mergedFrom)) : undefined;
    if (other !== undefined) return other.mergedFrom;
  }
  return undefined;
}

const holdsValue = (c: Customer, id: Identifier): boolean => allProfiles(c).some((p) => p.identifiers.some((i) => i.type === id.type && i.value === id.value));

// The identifier whose addition caused the merge, when the survivor still holds it in its own accounts after
// the split: the victim lets it go there, or the next command that touches it would find two holders and
// merge them again (MRG-15). If the survivor no longer holds it, the victim keeps it: nobody else would.
function releasedBy(kept: Customer, back: Customer, cause: MergeCause | null): Identifier | null {
  if (cause === null) return null;
  const id = cause.identifier;
  return holdsIn(back, cause.source, cause.accountId, id.type, id.value) && holdsValue(kept, id) ? id : null;
}

// A value both would hold after the split: things done after the merge (a combine, an identifier added)
// gave the survivor a value the victim brought. Two live customers never share one (ID-2).
function sharedValue(kept: Customer, back: Customer): Identifier | undefined {
  const values = new Set<string>();
  for (const p of allProfiles(kept)) for (const id of p.identifiers) values.add(`${id.type}\u0000${id.value}`);
  for (const p of allProfiles(back)) for (const id of p.identifiers) if (values.has(`${id.type}\u0000${id.value}`)) return id;
  return undefined;
}

/**
 * Unmerge (MRG-11..MRG-17): an unknown id is 8015, a customer that is not a merge victim 9031, a merge
 * recorded before unmerge existed (or whose copy a PII deletion dropped) 9032, a victim whose survivor is
 * itself merged or deleted 9033, a split that would leave both holding one value 9034, a later merge into a
 * profile the victim brought 9035; otherwise one `CustomerUnmerged` event.
 * @example
 * execute(graph, { kind: 'unmerge', victimId: 2, reason: 'wrong merge', meta: { at, till } });
 */
export const unmergeSlice: CommandSlice<z.output<typeof unmergeCommandSchema>, Decision<readonly [CustomerUnmerged]>, UnmergeResponse> = {
  decide(reader, cmd, ctx) {
    const stamp = ctx.stamp();
    return addressExisting(reader, 'mergeVictim', cmd.victimId)
      .andThen((v) => unmergeable(reader, v, stamp))
      .map(({ survivor, victim, released }) => ({
        events: [{ kind: 'CustomerUnmerged', ...stamp, survivorId: survivor.id, victimId: victim.id, reason: cmd.reason, released }] as const,
      }));
  },
  respond: ({ events: [e] }) => ({ success: true, survivorId: e.survivorId, victimId: e.victimId, released: e.released, warnings: [unmergedWarning(e.survivorId, e.released)] }),
};

function unmergeMisfit(reader: GraphReader, e: CustomerUnmerged): Misfit | undefined {
  const victim = reader.customer(e.victimId);
  if (victim === undefined) return { misfit: 'unknownCustomer', customerId: e.victimId };
  const fit = unmergeable(reader, victim, e);
  if (fit.isErr()) return { misfit: 'mergeLink', victimId: e.victimId, survivorId: e.survivorId, problem: fit.error.message };
  if (fit.value.survivor.id !== e.survivorId) return { misfit: 'mergeLink', victimId: e.victimId, survivorId: e.survivorId, problem: `the victim merged into ${fit.value.survivor.id}` };
  const released = fit.value.released;
  const same = released === null ? e.released === null : e.released !== null && released.type === e.released.type && released.value === e.released.value;
  return same ? undefined : { misfit: 'mergeLink', victimId: e.victimId, survivorId: e.survivorId, problem: 'the released identifier is not the one that caused the merge' };
}

/** Folding `CustomerUnmerged`: both records are made again from the merge's copies; both histories record it (MRG-11, MRG-16); one from outside is checked first (MRG-17). */
export const customerUnmergedHandler: EventHandler<CustomerUnmerged> = {
  misfit: unmergeMisfit,
  apply(reader, e) {
    const [survivor, victim] = unmergeRecords(reader.org, reader.customer(e.survivorId), reader.customer(e.victimId), e.released, e);
    return { records: [survivor, victim], history: [survivor.id, victim.id] };
  },
};
