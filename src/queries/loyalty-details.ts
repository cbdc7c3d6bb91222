// Fetch Customer Loyalty Details and Retrieve Subscription Details (PTS-1, PTS-5, SUB-1, SUB-3), and the
// program views the other reads share (embed=points and embed=mlp, the v1.1 get).
import type { Result } from 'neverthrow';
import { z } from 'zod';
import type { CustomerId } from '../kernel/ids';
import { record } from '../kernel/parse';
import type { DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import type { Org } from '../org/org';
import { nextTierOf, tierOf } from '../org/programs';
import type { Customer } from '../records/customer';
import { lifetimePoints, loyaltyPoints, type ProgramLedger } from '../records/ledger';
import { effectiveSubscriptions, type Subscription } from '../records/subscriptions';
import { address } from '../decider/addressee';
import type { CustomerGraph } from '../graph/graph';
import { queryCustomerIdSchema, runQuery } from './query';

/** One program's standing in the seed's `loyaltyProgramDetails` shape (PTS-1). */
export interface ProgramDetails {
  readonly redeemed: number;
  readonly expired: number;
  readonly returned: number;
  readonly adjusted: number;
  readonly lifetimePoints: number;
  readonly loyaltyPoints: number;
  readonly cumulativePurchases: number;
  readonly loyaltyId: CustomerId;
  readonly currentSlab: string;
  readonly nextSlab: string;
  readonly nextSlabSerialNumber: number;
  readonly nextSlabDescription: string;
  readonly slabSNo: number;
  readonly slabExpiryDate: string;
  readonly programId: number;
}

/** The seed's `pointsSummary` (embed=points): one program's details without the program id (PTS-1). */
export type PointsSummary = Omit<ProgramDetails, 'programId'>;

/** A ledger in the seed's shape, shared by every read that shows a program; `loyaltyId` is the customer id, the next tier named (PTS-1, PTS-5, FID-1). */
export function programDetails(org: Org, owner: CustomerId, l: ProgramLedger): ProgramDetails {
  const program = org.programs.get(l.programId);
  const current = program === undefined ? undefined : tierOf(program, l.tier);
  const next = program === undefined ? undefined : nextTierOf(program, l.tier);
  return {
    redeemed: l.redeemed,
    expired: l.expired,
    returned: l.returned,
    adjusted: l.adjusted,
    lifetimePoints: lifetimePoints(l),
    loyaltyPoints: loyaltyPoints(l),
    cumulativePurchases: l.cumulativePurchases,
    loyaltyId: owner,
    currentSlab: current?.name ?? '',
    nextSlab: next?.name ?? '',
    nextSlabSerialNumber: next?.serialNumber ?? -1,
    nextSlabDescription: next?.description ?? '',
    slabSNo: l.tier,
    slabExpiryDate: l.tierExpiryDate ?? '',
    programId: l.programId,
  };
}

/** The program shown as `pointsSummary`: the customer's first enrollment (PTS-1). */
export function pointsSummaryOf(org: Org, c: Customer): PointsSummary | undefined {
  const first = c.programs[0];
  if (first === undefined) return undefined;
  const { programId, ...summary } = programDetails(org, c.id, first);
  void programId;
  return summary;
}

/** Everything `embed=subscriptions` adds (SUB-1). */
export function subscriptionInfoOf(c: Customer): { readonly subscriptions: readonly Subscription[] } {
  return { subscriptions: effectiveSubscriptions(c.subscriptions) };
}

/** The query of Fetch Customer Loyalty Details (PTS-1). */
export const loyaltyDetailsQuerySchema = record({ customerId: queryCustomerIdSchema, programId: z.number().int().safe().optional() });

/** The query of Fetch Customer Loyalty Details (PTS-1). */
export type LoyaltyDetailsQuery = z.input<typeof loyaltyDetailsQuerySchema>;

/** The seed's answer of Fetch Customer Loyalty Details. */
export interface LoyaltyDetailsResponse {
  readonly data: readonly ProgramDetails[];
  readonly warnings: readonly DomainWarning[];
  readonly errors: readonly DomainError[];
}

/** Fetch Customer Loyalty Details: every program of the customer, or the one `programId` names (PTS-1); deleted customers stay readable (PII-1). */
export function loyaltyDetails(graph: CustomerGraph, query: LoyaltyDetailsQuery): Result<LoyaltyDetailsResponse, DomainError> {
  return runQuery(graph, query, loyaltyDetailsQuerySchema, (reader, q) =>
    address(reader, 'loyaltyDetails', q.customerId).map((c) => ({
      data: c.programs.filter((l) => q.programId === undefined || l.programId === q.programId).map((l) => programDetails(reader.org, c.id, l)),
      warnings: [],
      errors: [],
    })),
  );
}

/** The seed's answer of Retrieve Subscription Details (SUB-1). */
export interface SubscriptionsView {
  readonly subscriptions: readonly Subscription[];
  readonly campaignId: number;
  readonly communicationId: number;
  readonly warnings: readonly DomainWarning[];
}

/** Retrieve Subscription Details: the defaults with every change laid over them (SUB-1, SUB-3). */
export function getSubscriptions(graph: CustomerGraph, customerId: number): Result<SubscriptionsView, DomainError> {
  return runQuery(graph, customerId, queryCustomerIdSchema, (reader, id) =>
    address(reader, 'getSubscriptions', id).map((c) => ({ subscriptions: effectiveSubscriptions(c.subscriptions), campaignId: 0, communicationId: 0, warnings: [] })),
  );
}
