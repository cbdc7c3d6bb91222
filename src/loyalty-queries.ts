import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { Customer } from './customer';
import { domainError, mergedCustomer, type DomainError, type DomainWarning } from './errors';
import type { GraphEvent } from './events';
import type { GoodwillStatus, GoodwillType } from './goodwill';
import { chainEnd, customerById, historyOf, resolveLive, type CustomerGraph, type HistoryEntry } from './graph';
import { customerId, type CustomerId } from './ids';
import { lifetimePoints, loyaltyPoints, nextTierOf, type ProgramLedger, type TierChange } from './ledger';
import type { Org } from './org';
import { effectiveSubscriptions, type Subscription } from './subscriptions';
import { parseWith } from './validate';

/**
 * The customer a read addresses: victims are 8069 naming the survivor (MRG-5); a deleted customer is
 * readable here, because points, coupons and transfers outlive a PII deletion (PII-1).
 */
export function readable(graph: CustomerGraph, id: number): Result<Customer, DomainError> {
  const customer = customerById(graph, id);
  if (customer === undefined) return err(domainError(8015));
  if (customer.status === 'merged') return err(mergedCustomer(8069, chainEnd(graph, id)?.id ?? customerId(id)));
  return ok(customer);
}

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

/** A ledger in the seed's shape; `loyaltyId` is the customer id (PTS-1, PTS-5). */
export function programDetails(org: Org, owner: CustomerId, l: ProgramLedger): ProgramDetails {
  const program = org.programs.get(l.programId);
  const current = program?.tiers.find((t) => t.serialNumber === l.tier);
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

/** The query of Fetch Customer Loyalty Details (PTS-1). */
export interface LoyaltyDetailsQuery {
  readonly customerId: number;
  readonly programId?: number;
}

/** The seed's answer of Fetch Customer Loyalty Details. */
export interface LoyaltyDetailsResponse {
  readonly data: readonly ProgramDetails[];
  readonly warnings: readonly DomainWarning[];
  readonly errors: readonly DomainError[];
}

const loyaltyDetailsSchema = z.object({ customerId: z.number().int().safe(), programId: z.number().int().safe().optional() });

/** Fetch Customer Loyalty Details: every program of the customer, or the one `programId` names (PTS-1). */
export function loyaltyDetails(graph: CustomerGraph, query: LoyaltyDetailsQuery): Result<LoyaltyDetailsResponse, DomainError> {
  return parseWith<LoyaltyDetailsQuery>(loyaltyDetailsSchema, query)
    .andThen((q) => readable(graph, q.customerId).map((c) => ({ q, c })))
    .map(({ q, c }) => ({
      data: c.programs
        .filter((l) => q.programId === undefined || l.programId === q.programId)
        .map((l) => programDetails(graph.org, c.id, l)),
      warnings: [],
      errors: [],
    }));
}

/** The seed's answer of Retrieve Subscription Details (SUB-1). */
export interface SubscriptionsView {
  readonly subscriptions: readonly Subscription[];
  readonly campaignId: number;
  readonly communicationId: number;
  readonly warnings: readonly DomainWarning[];
}

/** Retrieve Subscription Details: the defaults with every change laid over them (SUB-1, SUB-3). */
export function getSubscriptions(graph: CustomerGraph, id: number): Result<SubscriptionsView, DomainError> {
  return readable(graph, id).map((c) => ({
    subscriptions: effectiveSubscriptions(c.subscriptions),
    campaignId: 0,
    communicationId: 0,
    warnings: [],
  }));
}

/** A party of a transfer as the summary names it. */
export interface TransferParty {
  readonly userId: CustomerId;
  readonly firstName: string;
  readonly lastName: string;
}

/** One line of Get Points Transfer Summary (TRF-1). */
export interface TransferView {
  readonly pointsTransferDate: string;
  readonly pointsTransferred: number;
  readonly transferId: number;
  readonly transferType: 'DEDUCTION' | 'ADDITION';
  readonly transferredFrom: TransferParty;
  readonly transferredTo: TransferParty;
  readonly notes: string;
  readonly programName: string;
}

function party(graph: CustomerGraph, id: CustomerId): TransferParty {
  // Names are read at query time, so a PII deletion of either party leaves no name behind (PII-1).
  const c = resolveLive(graph, id) ?? customerById(graph, id);
  const p = c?.profiles.find((x) => x.firstName !== '' || x.lastName !== '');
  return { userId: id, firstName: p?.firstName ?? '', lastName: p?.lastName ?? '' };
}

/** Get Points Transfer Summary: the customer's DEDUCTIONs and ADDITIONs, oldest first (TRF-1). */
export function pointsTransfers(
  graph: CustomerGraph,
  id: number,
): Result<{ data: readonly TransferView[]; warnings: readonly DomainWarning[]; errors: readonly DomainError[] }, DomainError> {
  return readable(graph, id).map((c) => ({
    data: c.transfers.map((t) => ({
      pointsTransferDate: `${t.at.slice(0, 10)} ${t.at.slice(11, 19)}`,
      pointsTransferred: t.points,
      transferId: t.transferId,
      transferType: t.transferType,
      transferredFrom: party(graph, t.fromId),
      transferredTo: party(graph, t.toId),
      notes: t.notes,
      programName: graph.org.programs.get(t.programId)?.name ?? '',
    })),
    warnings: [],
    errors: [],
  }));
}

/** A coupon as Get Customer Coupons lists it (CPN-1). */
export interface CouponView {
  readonly id: number;
  readonly couponType: string;
  readonly couponCode: string;
  readonly trimmedCouponCode: string;
  readonly validTill: string;
  readonly description: string;
  readonly discountCode: string;
  readonly issuedOn: string;
  readonly issuedBy: string;
  readonly redeemed: boolean;
  readonly redeemedOn: string | null;
}

/** Get Customer Coupons: every coupon the customer holds, merged ones included (CPN-1, MRG-9). */
export function customerCoupons(
  graph: CustomerGraph,
  id: number,
): Result<{ data: readonly CouponView[]; warnings: readonly DomainWarning[]; errors: readonly DomainError[] }, DomainError> {
  return readable(graph, id).map((c) => ({
    data: c.coupons.map((x) => ({
      id: x.id,
      couponType: x.couponType,
      couponCode: x.couponCode,
      trimmedCouponCode: x.trimmedCouponCode,
      validTill: x.validTill,
      description: x.description,
      discountCode: x.discountCode,
      issuedOn: x.issuedOn,
      issuedBy: x.issuedBy,
      redeemed: x.redeemedOn !== null,
      redeemedOn: x.redeemedOn,
    })),
    warnings: [],
    errors: [],
  }));
}

/** A till as the change and goodwill lists show it. */
export interface ActorView {
  readonly code: string;
  readonly description: string;
  readonly name: string;
  readonly type: 'TILL';
}

function actor(org: Org, code: string): ActorView {
  return { code, description: '', name: org.tills.get(code)?.name ?? code, type: 'TILL' };
}

/** The query of Get Customer Goodwill Requests (GDW-3). */
export interface GoodwillQuery {
  readonly customerId: number;
  readonly requestId?: number;
  readonly oneStep?: boolean;
  readonly programId?: number;
  readonly autoApprove?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

/** A goodwill request as the seed lists it (GDW-1). */
export interface GoodwillView {
  readonly id: number;
  readonly addedBy: ActorView;
  readonly updatedBy: ActorView;
  readonly addedOn: string;
  readonly updatedOn: string;
  readonly userId: CustomerId;
  readonly requestId: number;
  readonly goodwillType: GoodwillType;
  readonly goodwillStatus: GoodwillStatus;
  readonly programId: number | null;
  readonly comments: string;
  readonly reason: string;
  readonly approvedValue?: string;
  readonly updatedComments: string;
  readonly oneStep: boolean;
}

/** A paged list with the seed's pagination block. */
export interface Paged<T> {
  readonly pagination: { readonly limit: number; readonly offset: number; readonly total: number };
  readonly data: readonly T[];
  readonly warnings: readonly DomainWarning[];
  readonly errors: readonly DomainError[];
}

const pageSchema = {
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
};

const goodwillQuerySchema = z.object({
  customerId: z.number().int().safe(),
  requestId: z.number().int().safe().optional(),
  oneStep: z.boolean().optional(),
  programId: z.number().int().safe().optional(),
  autoApprove: z.boolean().optional(),
  ...pageSchema,
});

function page<T>(items: readonly T[], limit: number | undefined, offset: number | undefined): Paged<T> {
  const l = limit ?? 10;
  const o = offset ?? 0;
  return { pagination: { limit: l, offset: o, total: items.length }, data: items.slice(o, o + l), warnings: [], errors: [] };
}

/** Get Customer Goodwill Requests, newest first, with the seed's filters (GDW-3). */
export function goodwillRequests(graph: CustomerGraph, query: GoodwillQuery): Result<Paged<GoodwillView>, DomainError> {
  return parseWith<GoodwillQuery>(goodwillQuerySchema, query).andThen((q) =>
    readable(graph, q.customerId).map((c) =>
      page(
        c.goodwill
          .filter(
            (g) =>
              (q.requestId === undefined || g.id === q.requestId) &&
              (q.oneStep === undefined || g.oneStep === q.oneStep) &&
              (q.programId === undefined || g.programId === q.programId) &&
              (q.autoApprove === undefined || g.autoApproved === q.autoApprove),
          )
          .sort((a, b) => b.id - a.id)
          .map((g) => ({
            id: g.id,
            addedBy: actor(graph.org, g.addedBy),
            updatedBy: actor(graph.org, g.updatedBy),
            addedOn: g.addedOn,
            updatedOn: g.updatedOn,
            userId: c.id,
            requestId: g.id,
            goodwillType: g.goodwillType,
            goodwillStatus: g.goodwillStatus,
            programId: g.programId,
            comments: g.comments,
            reason: g.reason,
            ...(g.approvedValue === null ? {} : { approvedValue: g.approvedValue }),
            updatedComments: g.updatedComments,
            oneStep: g.oneStep,
          })),
        q.limit,
        q.offset,
      ),
    ),
  );
}

/** The change types the model records (HST-1). */
export const CHANGE_TYPES = ['EMAIL', 'MOBILE', 'EXTERNAL_ID', 'MERGE', 'TIER', 'POINTS', 'COUPON'] as const;

/** One change type (HST-1). */
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** One line of Get Change Requests (HST-1). */
export interface ChangeRequestView {
  readonly id: number;
  readonly requestId: number;
  readonly status: 'APPROVED';
  readonly baseType: ChangeType;
  readonly addedBy: ActorView;
  readonly updatedBy: ActorView;
  readonly addedOn: string;
  readonly updatedOn: string;
  readonly userId: CustomerId;
  readonly oldValue: string;
  readonly newValue: string;
  readonly reason: string;
  readonly comments: string;
  readonly reqAdd: boolean;
  readonly oneStep: true;
  readonly warnings: readonly DomainWarning[];
}

/** The query of Get Change Requests (HST-1). */
export interface ChangeRequestsQuery {
  readonly customerId: number;
  readonly changeType?: string;
  /** `YYYY-MM-DD`, compared with the date of the change in its own offset. */
  readonly startDate?: string;
  readonly endDate?: string;
  readonly startId?: number;
  readonly endId?: number;
  readonly limit?: number;
  readonly offset?: number;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const changeRequestsSchema = z.object({
  customerId: z.number().int().safe(),
  changeType: z.enum([...CHANGE_TYPES, 'ADDRESS', 'MOBILE_REALLOC', 'RETRO']).optional(),
  startDate: day.optional(),
  endDate: day.optional(),
  startId: z.number().int().safe().optional(),
  endId: z.number().int().safe().optional(),
  ...pageSchema,
});

const IDENTIFIER_CHANGE: Readonly<Record<string, ChangeType>> = { email: 'EMAIL', mobile: 'MOBILE', externalId: 'EXTERNAL_ID' };

function changeOf(org: Org, entry: HistoryEntry, owner: CustomerId): ChangeRequestView | undefined {
  const e: GraphEvent = entry.event;
  const line = (baseType: ChangeType, oldValue: string, newValue: string, reqAdd: boolean): ChangeRequestView => ({
    id: entry.seq,
    requestId: entry.seq,
    status: 'APPROVED',
    baseType,
    addedBy: actor(org, e.till),
    updatedBy: actor(org, e.till),
    addedOn: e.at,
    updatedOn: e.at,
    userId: owner,
    oldValue,
    newValue,
    reason: '',
    comments: '',
    reqAdd,
    oneStep: true,
    warnings: [],
  });
  switch (e.kind) {
    case 'IdentifierAdded':
    case 'IdentifierRemoved': {
      const type = Object.hasOwn(IDENTIFIER_CHANGE, e.identifier.type) ? IDENTIFIER_CHANGE[e.identifier.type] : undefined;
      if (type === undefined) return undefined;
      const added = e.kind === 'IdentifierAdded';
      return line(type, added ? '' : e.identifier.value, added ? e.identifier.value : '', added);
    }
    case 'CustomersMerged':
      return line('MERGE', String(e.victimId), String(e.survivorId), true);
    case 'PointsMoved':
      return line('POINTS', '', `${e.movement} ${e.points} in program ${e.programId}`, e.points > 0 && e.movement !== 'redeem' && e.movement !== 'return');
    case 'PointsExpired':
      return line('POINTS', '', `expire in program ${e.programId}`, false);
    case 'PointsTransferred':
      return line('POINTS', '', `transfer ${e.points} from ${e.fromId} to ${e.toId} in program ${e.programId}`, e.toId === owner);
    case 'CouponIssued':
      return line('COUPON', '', e.coupon.couponCode, true);
    case 'CouponRedeemed':
      return line('COUPON', String(e.couponId), 'redeemed', false);
    case 'CustomerRegistered':
    case 'SourceProfileCombined':
    case 'CustomerUpdated':
    case 'ProgramEnrolled':
    case 'SubscriptionsChanged':
    case 'GoodwillRequested':
    case 'GoodwillResolved':
    case 'PiiDeleted':
      return undefined;
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

function tierLine(org: Org, t: TierChange, owner: CustomerId): ChangeRequestView {
  const program = org.programs.get(t.programId);
  const name = (serial: number | null): string =>
    serial === null ? '' : (program?.tiers.find((x) => x.serialNumber === serial)?.name ?? String(serial));
  return {
    id: t.seq,
    requestId: t.seq,
    status: 'APPROVED',
    baseType: 'TIER',
    addedBy: actor(org, t.till),
    updatedBy: actor(org, t.till),
    addedOn: t.changedOn,
    updatedOn: t.changedOn,
    userId: owner,
    oldValue: name(t.from),
    newValue: name(t.to),
    reason: t.type,
    comments: `program ${t.programId}`,
    reqAdd: true,
    oneStep: true,
    warnings: [],
  };
}

/**
 * Get Change Requests (HST-1, HST-2): identifier, merge, points and coupon changes derived from the
 * events of the customer and of every customer merged into it, and tier changes from its ledgers;
 * newest first, filtered by type, date and id range, then paged.
 */
export function changeRequests(graph: CustomerGraph, query: ChangeRequestsQuery): Result<Paged<ChangeRequestView>, DomainError> {
  return parseWith<ChangeRequestsQuery>(changeRequestsSchema, query).andThen((q) =>
    readable(graph, q.customerId).map((c) => {
      const lines: ChangeRequestView[] = [];
      for (const id of [c.id, ...c.victims]) {
        for (const entry of historyOf(graph, id)) {
          const line = changeOf(graph.org, entry, c.id);
          if (line !== undefined && !lines.some((l) => l.id === line.id && l.baseType === line.baseType)) lines.push(line);
        }
      }
      for (const l of c.programs) for (const t of l.tierHistory) lines.push(tierLine(graph.org, t, c.id));
      // Reversed before the stable sort, so that two lines of one event (an enrollment that also reaches a
      // higher tier) are listed newest first as well.
      const kept = lines
        .reverse()
        .filter(
          (l) =>
            (q.changeType === undefined || l.baseType === q.changeType) &&
            (q.startDate === undefined || l.addedOn.slice(0, 10) >= q.startDate) &&
            (q.endDate === undefined || l.addedOn.slice(0, 10) <= q.endDate) &&
            (q.startId === undefined || l.id >= q.startId) &&
            (q.endId === undefined || l.id <= q.endId),
        )
        .sort((a, b) => b.id - a.id);
      return page(kept, q.limit, q.offset);
    }),
  );
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
export function subscriptionInfoOf(c: Customer): { subscriptions: readonly Subscription[] } {
  return { subscriptions: effectiveSubscriptions(c.subscriptions) };
}
