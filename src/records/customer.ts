import { z } from 'zod';
import type { CustomerId, TillCode } from '../kernel/ids';
import type { FieldMap } from '../kernel/parse';
import type { Coupon } from './coupons';
import { recordWith } from './freeze';
import type { GoodwillRequest } from './goodwill';
import type { ProgramLedger } from './ledger';
import type { Premerge } from './premerge';
import type { Attribution, ProfileData, SourceProfile } from './profile';
import type { Subscription } from './subscriptions';
import type { PointsTransfer } from './transfers';

/** `loyalty` customers are enrolled; `non_loyalty` are only subscribed (LOY-1). */
export const loyaltyTypeSchema = z.enum(['loyalty', 'non_loyalty'], 'expected loyalty or non_loyalty');

/** `loyalty` customers are enrolled; `non_loyalty` are only subscribed (LOY-1). */
export type LoyaltyType = z.output<typeof loyaltyTypeSchema>;

/**
 * A customer: live; a merge victim that points to the customer it merged into (MRG-4); or deleted on a
 * PII request, keeping only its id, points, coupons and transfers (PII-1).
 */
export interface Customer {
  readonly id: CustomerId;
  readonly status: 'live' | 'merged' | 'deleted';
  /** The customer this one merged into; null while live (MRG-4). */
  readonly mergedInto: CustomerId | null;
  readonly loyaltyType: LoyaltyType;
  readonly profiles: readonly SourceProfile[];
  readonly extendedFields: FieldMap;
  /** The till the customer was associated with at registration, if any. */
  readonly associatedWith: TillCode | null;
  /** Attribution of the customer-level (loyalty) record. */
  readonly attribution: Attribution;
  /** One ledger per loyalty program the customer is enrolled in (PRG-2, PTS-1). */
  readonly programs: readonly ProgramLedger[];
  /** Explicit subscription changes, laid over the defaults (SUB-1, SUB-3). */
  readonly subscriptions: readonly Subscription[];
  readonly coupons: readonly Coupon[];
  readonly goodwill: readonly GoodwillRequest[];
  readonly transfers: readonly PointsTransfer[];
  /** Every customer merged into this one, directly or through a chain (MRG-4, HST-1). */
  readonly victims: readonly CustomerId[];
  /** When the customer's personal data was deleted; null while it is kept (PII-1). */
  readonly piiDeletedOn: string | null;
  /** A merge victim's copy of both customers before its merge, so that the merge can be undone; null otherwise (MRG-11). */
  readonly premerge: Premerge | null;
}

/** The higher of two loyalty types: loyalty only ever upgrades (LOY-1, UPD-3, MRG-2). */
export function higherLoyalty(a: LoyaltyType, b: LoyaltyType): LoyaltyType {
  return a === 'loyalty' || b === 'loyalty' ? 'loyalty' : 'non_loyalty';
}

/** Every profile of a customer, conflicting ones included, in a stable order. */
export function allProfiles(customer: Customer): readonly ProfileData[] {
  const out: ProfileData[] = [];
  for (const p of customer.profiles) out.push(p, ...p.conflictingProfiles);
  return out;
}

/** The customer's profile in a source account, if it has one (SRC-3). */
export function profileIn(customer: Customer, source: string, accountId: string): SourceProfile | undefined {
  return customer.profiles.find((p) => p.source === source && p.accountId === accountId);
}

/** Whether the customer holds an identifier in a source account, in its profile there or one merged into it. */
export function holdsIn(customer: Customer, source: string, accountId: string, type: string, value: string): boolean {
  const p = profileIn(customer, source, accountId);
  if (p === undefined) return false;
  const has = (q: ProfileData): boolean => q.identifiers.some((i) => i.type === type && i.value === value);
  return has(p) || p.conflictingProfiles.some(has);
}

/** The customer's ledger in a program, if enrolled (PRG-2). */
export function ledgerOf(customer: Customer, programId: number): ProgramLedger | undefined {
  return customer.programs.find((l) => l.programId === programId);
}

/** The customer with its ledger of the program replaced by `ledger` (PTS-2). */
export function withLedger(customer: Customer, ledger: ProgramLedger, changes: Partial<Customer> = {}): Customer {
  return recordWith(customer, { programs: Object.freeze(customer.programs.map((l) => (l.programId === ledger.programId ? ledger : l))), ...changes });
}
