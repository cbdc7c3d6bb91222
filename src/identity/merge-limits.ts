// The org's bounds against over-merging (MRG-21..MRG-24): how many identifiers one customer may hold over
// all of its profiles, conflicting ones included, and how many customers may be merged into it. They are
// decision rules: the slices that add identifiers or merge check them before they emit anything, and the
// fold never does, so a log made under a larger bound still replays.
import { err, ok, type Result } from 'neverthrow';
import type { CustomerId } from '../kernel/ids';
import { refuse, type DomainError } from '../kernel/refusals';
import type { Org } from '../org/org';
import { allProfiles, type Customer } from '../records/customer';

/** The identifiers a customer holds over all of its profiles, conflicting ones included: each holding counts once (MRG-22). */
export function identifierCount(customer: Customer): number {
  let n = 0;
  for (const p of allProfiles(customer)) n += p.identifiers.length;
  return n;
}

/** A customer that would hold more identifiers than the org allows is refused with 9041, naming how many (MRG-22). */
export function withinIdentifierLimit(org: Org, customerId: CustomerId, wouldHold: number): Result<number, DomainError> {
  const limit = org.limits.maxIdentifiersPerCustomer;
  return wouldHold > limit ? err(refuse({ reason: 'tooManyIdentifiers', code: 9041, customerId, limit, wouldHold })) : ok(wouldHold);
}

/**
 * A merge of `victim` into `survivor` within the org's bounds (MRG-22, MRG-23): the survivor's merges
 * count every customer merged into it, directly or through a chain, so a victim brings its own victims
 * too (9043 beyond the bound); the survivor then holds both customers' identifiers plus `adding` (9041).
 */
export function mergeWithinLimits(org: Org, survivor: Customer, victim: Customer, adding = 0): Result<Customer, DomainError> {
  const limit = org.limits.maxMergesInto;
  if (survivor.victims.length + 1 + victim.victims.length > limit) return err(refuse({ reason: 'tooManyMerges', code: 9043, customerId: survivor.id, limit }));
  return withinIdentifierLimit(org, survivor.id, identifierCount(survivor) + identifierCount(victim) + adding).map(() => survivor);
}
