import { err, ok, type Result } from 'neverthrow';
import type { MergeCommand } from './commands';
import {
  fieldMap,
  higherLoyalty,
  type ConflictingProfile,
  type Customer,
  type ProfileData,
  type SourceProfile,
} from './customer';
import { domainError, type DomainError } from './errors';
import type { CustomersMerged, GraphEvent } from './events';
import { customerById, type CustomerGraph } from './graph';
import { mergeLedgers, type ProgramLedger } from './ledger';
import type { Org } from './org';
import { mergeSubscriptions } from './subscriptions';
import { PII_DELETED_MESSAGE } from './loyalty';
import type { ValidMeta } from './validate';

/**
 * An explicit merge request, as the platform's merge API has it (MRG-6): survivor and victim must be two
 * different live customers (9029, 9023, 9027); unknown ids are 8015.
 */
export function decideMerge(graph: CustomerGraph, command: MergeCommand, meta: ValidMeta): Result<GraphEvent[], DomainError> {
  if (command.survivorId === command.victimId) return err(domainError(9029));
  const survivor = customerById(graph, command.survivorId);
  const victim = customerById(graph, command.victimId);
  if (survivor === undefined || victim === undefined) return err(domainError(8015));
  if (survivor.status === 'merged') return err(domainError(9023));
  if (victim.status === 'merged') return err(domainError(9027));
  if (survivor.status === 'deleted' || victim.status === 'deleted') return err(domainError(8015, PII_DELETED_MESSAGE));
  return ok([
    { kind: 'CustomersMerged', survivorId: survivor.id, victimId: victim.id, cause: null, at: meta.at, till: meta.till },
  ]);
}

function profileData(p: ProfileData): ProfileData {
  return {
    source: p.source,
    accountId: p.accountId,
    firstName: p.firstName,
    lastName: p.lastName,
    identifiers: p.identifiers,
    commChannels: p.commChannels,
    fields: p.fields,
    attribution: p.attribution,
  };
}

// Points of each program are added, tiers take the higher (MRG-9); a program only one side has moves over.
function mergePrograms(
  org: Org,
  survivor: readonly ProgramLedger[],
  victim: readonly ProgramLedger[],
  event: CustomersMerged,
  seq: number,
): ProgramLedger[] {
  const out = [...survivor];
  for (const v of victim) {
    const i = out.findIndex((l) => l.programId === v.programId);
    const s = out[i];
    const program = org.programs.get(v.programId);
    if (s === undefined || program === undefined) out.push(v);
    else out[i] = mergeLedgers(program, s, v, event.at, event.till, seq);
  }
  return out;
}

/**
 * Folds a merge into the two records (MRG-1..MRG-4): the survivor keeps its id and gains the victim's
 * profiles; a profile for a source account it already has goes to that profile's conflicting list;
 * loyalty is the higher one; the survivor's extended fields win; the victim keeps only its pointer.
 */
export function mergeRecords(
  org: Org,
  survivor: Customer,
  victim: Customer,
  event: CustomersMerged,
  seq: number,
): readonly [Customer, Customer] {
  const profiles: SourceProfile[] = [...survivor.profiles];
  for (const vp of victim.profiles) {
    const i = profiles.findIndex((p) => p.source === vp.source && p.accountId === vp.accountId);
    const target = profiles[i];
    if (target === undefined) {
      profiles.push(vp);
      continue;
    }
    const moved: ConflictingProfile[] = [
      { ...profileData(vp), mergedFrom: victim.id },
      ...vp.conflictingProfiles,
    ];
    profiles[i] = { ...target, conflictingProfiles: [...target.conflictingProfiles, ...moved] };
  }
  const merged: Customer = {
    ...survivor,
    loyaltyType: higherLoyalty(survivor.loyaltyType, victim.loyaltyType),
    profiles,
    extendedFields: fieldMap([...Object.entries(victim.extendedFields), ...Object.entries(survivor.extendedFields)]),
    attribution: { ...survivor.attribution, modifiedDate: event.at, modifiedBy: event.till },
    programs: mergePrograms(org, survivor.programs, victim.programs, event, seq),
    subscriptions: mergeSubscriptions(survivor.subscriptions, victim.subscriptions),
    coupons: [...survivor.coupons, ...victim.coupons],
    goodwill: [...survivor.goodwill, ...victim.goodwill],
    transfers: [...survivor.transfers, ...victim.transfers],
    victims: [...survivor.victims, victim.id, ...victim.victims],
  };
  // The victim's personal data moved to the survivor (its extended fields filled the survivor's gaps): the
  // victim keeps none of it, so that a PII deletion of the survivor leaves no copy behind (PII-1).
  const gone: Customer = { ...victim, status: 'merged', mergedInto: survivor.id, profiles: [], extendedFields: fieldMap() };
  return [merged, gone];
}
