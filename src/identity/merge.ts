// Merging one customer into another (MRG-1..MRG-10): through changeIdentifier (CHG-4) or an explicit
// merge request (MRG-6). The event is `CustomersMerged`; the survivor keeps its id and gains everything
// the victim held, and the victim keeps only its pointer.
import { err } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { record } from '../kernel/parse';
import { refuse } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import type { Org } from '../org/org';
import { higherLoyalty, type Customer } from '../records/customer';
import { fieldMap } from '../records/field-map';
import { freezeDeep } from '../records/freeze';
import { mergeLedgers, type ProgramLedger, type Stamp } from '../records/ledger';
import { mergeCauseSchema, premergeRecord, priorStampSchema } from '../records/premerge';
import { profileData, type ConflictingProfile, type SourceProfile } from '../records/profile';
import { mergeSubscriptions } from '../records/subscriptions';
import { addressExisting, refuseDeleted, refuseVictim } from '../decider/addressee';
import { misfitOf, twoLiveCustomers } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import { eventStampShape, type CommandSlice, type Decision, type EventHandler } from '../decider/slice';
import { mergeWithinLimits } from './merge-limits';

/** Merge one customer into another explicitly, as the platform's merge request does (MRG-6, MRG-7). */
export const mergeCommandSchema = record({
  kind: z.literal('merge'),
  survivorId: commandCustomerIdSchema,
  victimId: commandCustomerIdSchema,
  meta: commandMetaSchema,
});

/** Merge one customer into another explicitly (MRG-6). */
export type MergeCommand = z.input<typeof mergeCommandSchema>;

export { mergeCauseSchema, type MergeCause } from '../records/premerge';

/** The victim's profiles joined the survivor, which keeps its id; the cause is null for an explicit merge (MRG-1..MRG-4, MRG-7). */
export const customersMergedSchema = record({
  kind: z.literal('CustomersMerged'),
  ...eventStampShape,
  survivorId: customerIdSchema,
  victimId: customerIdSchema,
  cause: mergeCauseSchema.nullable(),
  /** Absent for an explicit merge, and in logs written before unmerge existed (MRG-15). */
  priorStamp: priorStampSchema.optional(),
});

/** The victim's profiles joined the survivor (MRG-1..MRG-4). */
export type CustomersMerged = z.output<typeof customersMergedSchema>;

/** The answer of an explicit merge request (MRG-6). */
export interface MergeResponse {
  readonly success: true;
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/**
 * An explicit merge request (MRG-6): survivor and victim must be two different live customers: the same
 * id is 9029, an unknown id 8015, a survivor that is a victim 9023, a victim already merged 9027, a
 * deleted one 8015 with the PII message; a merge past the org's bounds is 9043 or 9041 (MRG-22, MRG-23).
 */
export const mergeSlice: CommandSlice<z.output<typeof mergeCommandSchema>, Decision<readonly [CustomersMerged]>, MergeResponse> = {
  decide(reader, cmd, ctx) {
    if (cmd.survivorId === cmd.victimId) return err(refuse({ reason: 'selfMerge', code: 9029, customerId: cmd.survivorId as CustomerId }));
    // Both ids must name somebody before either side's status is looked at; victims before deletions.
    return addressExisting(reader, 'mergeSurvivor', cmd.survivorId)
      .andThen((s) => addressExisting(reader, 'mergeVictim', cmd.victimId).map((v) => [s, v] as const))
      .andThen(([s, v]) => refuseVictim(reader, 'mergeSurvivor', s).andThen(() => refuseVictim(reader, 'mergeVictim', v)).map(() => [s, v] as const))
      .andThen(([s, v]) => refuseDeleted('mergeSurvivor', s).andThen(() => refuseDeleted('mergeVictim', v)).map(() => [s, v] as const))
      .andThen(([s, v]) => mergeWithinLimits(reader.org, s, v).map(() => [s, v] as const))
      .map(([s, v]) => ({ events: [{ kind: 'CustomersMerged', ...ctx.stamp(), survivorId: s.id, victimId: v.id, cause: null }] as const }));
  },
  respond: ({ events: [e] }) => ({ success: true, survivorId: e.survivorId, victimId: e.victimId, warnings: NO_WARNINGS }),
};

// Points of each program are added, tiers take the higher (MRG-9); a program only one side has moves over.
function mergePrograms(org: Org, survivor: readonly ProgramLedger[], victim: readonly ProgramLedger[], stamp: Stamp): ProgramLedger[] {
  const out = [...survivor];
  for (const v of victim) {
    const i = out.findIndex((l) => l.programId === v.programId);
    const s = out[i];
    const program = org.programs.get(v.programId);
    if (s === undefined || program === undefined) out.push(v);
    else out[i] = mergeLedgers(program, s, v, stamp);
  }
  return out;
}

/**
 * The two records after a merge (MRG-1..MRG-4, MRG-8..MRG-10): the survivor keeps its id and gains the
 * victim's profiles (one for a source account it already has goes to that profile's conflicting list),
 * the higher loyalty, the victim's extended fields where it has none, its points, coupons, goodwill,
 * transfers and subscriptions (OPTOUT wins); the victim keeps only its pointer.
 */
export function mergeRecords(org: Org, survivor: Customer, victim: Customer, e: CustomersMerged): readonly [Customer, Customer] {
  const profiles: SourceProfile[] = [...survivor.profiles];
  for (const vp of victim.profiles) {
    const i = profiles.findIndex((p) => p.source === vp.source && p.accountId === vp.accountId);
    const target = profiles[i];
    if (target === undefined) {
      profiles.push(vp);
      continue;
    }
    const moved: ConflictingProfile[] = [{ ...profileData(vp), mergedFrom: victim.id }, ...vp.conflictingProfiles];
    profiles[i] = { ...target, conflictingProfiles: [...target.conflictingProfiles, ...moved] };
  }
  const merged: Customer = {
    ...survivor,
    loyaltyType: higherLoyalty(survivor.loyaltyType, victim.loyaltyType),
    profiles,
    extendedFields: fieldMap([...Object.entries(victim.extendedFields), ...Object.entries(survivor.extendedFields)]),
    attribution: { ...survivor.attribution, modifiedDate: e.at, modifiedBy: e.till },
    programs: mergePrograms(org, survivor.programs, victim.programs, e),
    subscriptions: mergeSubscriptions(survivor.subscriptions, victim.subscriptions),
    coupons: [...survivor.coupons, ...victim.coupons],
    goodwill: [...survivor.goodwill, ...victim.goodwill],
    transfers: [...survivor.transfers, ...victim.transfers],
    victims: [...survivor.victims, victim.id, ...victim.victims],
  };
  // The victim's personal data moved to the survivor (its extended fields filled the survivor's gaps): the
  // victim keeps none of it, so that a PII deletion of the survivor leaves no copy behind (PII-1).
  // It keeps both sides as they were instead, so that the merge can be undone exactly (MRG-11); a PII
  // deletion of the survivor drops that copy with the rest (PII-1).
  const premerge = { survivor: premergeRecord(survivor), victim: premergeRecord(victim), seq: e.seq, at: e.at, till: e.till, cause: e.cause, priorStamp: e.priorStamp ?? null };
  const gone: Customer = { ...victim, status: 'merged', mergedInto: survivor.id, profiles: [], extendedFields: fieldMap(), premerge };
  return [freezeDeep(merged), freezeDeep(gone)];
}

/**
 * Folding `CustomersMerged`: only two different live customers merge, so no chain can loop (MRG-4); the
 * org's bounds are not checked here, so a log made under larger bounds still replays (MRG-24).
 */
export const customersMergedHandler: EventHandler<CustomersMerged> = {
  misfit: (reader, e) => misfitOf(twoLiveCustomers(reader, e.survivorId, e.victimId)),
  apply(reader, e) {
    const [survivor, victim] = mergeRecords(reader.org, reader.customer(e.survivorId), reader.customer(e.victimId), e);
    return { records: [survivor, victim], history: [survivor.id, victim.id] };
  },
};
