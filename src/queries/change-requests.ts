// Get Change Requests (HST-1, HST-2): the customer's identifier, merge, points and coupon changes read
// off its history (and the histories of the customers merged into it), and its tier changes off its
// ledgers; every line's id is the sequence number of the event that caused it.
import type { Result } from 'neverthrow';
import { z } from 'zod';
import type { CustomerId } from '../kernel/ids';
import { daySchema } from '../kernel/dates';
import { frozenSet } from '../kernel/frozen';
import { record } from '../kernel/parse';
import type { DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import type { Org } from '../org/org';
import { tierOf } from '../org/programs';
import { couponCodeFor } from '../records/coupons';
import type { TierChange } from '../records/ledger';
import { address } from '../decider/addressee';
import type { EventKind } from '../decider/events';
import type { CustomerGraph } from '../graph/graph';
import type { HistoryEntry } from '../graph/history';
import { page, pageSchema, queryCustomerIdSchema, runQuery, tillView, type Paged, type TillView } from './query';

/** The change types the model records (HST-1). */
export const CHANGE_TYPES = Object.freeze(['EMAIL', 'MOBILE', 'EXTERNAL_ID', 'MERGE', 'TIER', 'POINTS', 'COUPON'] as const);

/** One change type (HST-1). */
export type ChangeType = (typeof CHANGE_TYPES)[number];

/**
 * The events Get Change Requests derives its lines from (HST-1): identifier changes, merges, points and
 * coupons. A customer's history keeps only these (each event's handler says whose history records it);
 * registrations, updates, enrollments, subscriptions and goodwill leave no line.
 */
export const CHANGE_EVENT_KINDS: ReadonlySet<EventKind> = frozenSet<EventKind>([
  'IdentifierAdded',
  'IdentifierRemoved',
  'CustomersMerged',
  'CustomerUnmerged',
  'PointsMoved',
  'PointsExpired',
  'PointsTransferred',
  'CouponIssued',
  'CouponRedeemed',
]);

/** The seed's change types the model never records: valid filters that list nothing (HST-1). */
export const UNRECORDED_CHANGE_TYPES = Object.freeze(['ADDRESS', 'MOBILE_REALLOC', 'RETRO'] as const);

/** One line of Get Change Requests (HST-1). */
export interface ChangeRequestView {
  readonly id: number;
  readonly requestId: number;
  readonly status: 'APPROVED';
  readonly baseType: ChangeType;
  readonly addedBy: TillView;
  readonly updatedBy: TillView;
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

/** The query of Get Change Requests (HST-1): type, date range (`YYYY-MM-DD`, in the change's own offset), id range, page. */
export const changeRequestsQuerySchema = record({
  customerId: queryCustomerIdSchema,
  changeType: z.enum([...CHANGE_TYPES, ...UNRECORDED_CHANGE_TYPES]).optional(),
  startDate: daySchema.optional(),
  endDate: daySchema.optional(),
  startId: z.number().int().safe().optional(),
  endId: z.number().int().safe().optional(),
  ...pageSchema,
});

/** The query of Get Change Requests (HST-1). */
export type ChangeRequestsQuery = z.input<typeof changeRequestsQuerySchema>;

const IDENTIFIER_CHANGE: Readonly<Record<string, ChangeType>> = Object.freeze({ email: 'EMAIL', mobile: 'MOBILE', externalId: 'EXTERNAL_ID' });

function line(org: Org, seq: number, baseType: ChangeType, at: string, till: string, owner: CustomerId, values: { oldValue: string; newValue: string; reason?: string; comments?: string; reqAdd: boolean }): ChangeRequestView {
  return {
    id: seq,
    requestId: seq,
    status: 'APPROVED',
    baseType,
    addedBy: tillView(org, till),
    updatedBy: tillView(org, till),
    addedOn: at,
    updatedOn: at,
    userId: owner,
    oldValue: values.oldValue,
    newValue: values.newValue,
    reason: values.reason ?? '',
    comments: values.comments ?? '',
    reqAdd: values.reqAdd,
    oneStep: true,
    warnings: [],
  };
}

function changeOf(org: Org, entry: HistoryEntry, owner: CustomerId): ChangeRequestView | undefined {
  const e = entry.event;
  const at = (baseType: ChangeType, values: Parameters<typeof line>[6]) => line(org, entry.seq, baseType, e.at, e.till, owner, values);
  switch (e.kind) {
    case 'IdentifierAdded':
    case 'IdentifierRemoved': {
      const type = Object.hasOwn(IDENTIFIER_CHANGE, e.identifier.type) ? IDENTIFIER_CHANGE[e.identifier.type] : undefined;
      if (type === undefined) return undefined;
      const added = e.kind === 'IdentifierAdded';
      return at(type, { oldValue: added ? '' : e.identifier.value, newValue: added ? e.identifier.value : '', reqAdd: added });
    }
    case 'CustomersMerged':
      return at('MERGE', { oldValue: String(e.victimId), newValue: String(e.survivorId), reqAdd: true });
    // An unmerge is a MERGE line the other way: from the survivor back to the victim, not an addition (MRG-16).
    case 'CustomerUnmerged':
      return at('MERGE', { oldValue: String(e.survivorId), newValue: String(e.victimId), reason: e.reason, reqAdd: false });
    case 'PointsMoved':
      return at('POINTS', { oldValue: '', newValue: `${e.movement} ${e.points} in program ${e.programId}`, reqAdd: e.points > 0 && e.movement !== 'redeem' && e.movement !== 'return' });
    case 'PointsExpired':
      return at('POINTS', { oldValue: '', newValue: `expire in program ${e.programId}`, reqAdd: false });
    case 'PointsTransferred':
      return at('POINTS', { oldValue: '', newValue: `transfer ${e.points} from ${e.fromId} to ${e.toId} in program ${e.programId}`, reqAdd: e.toId === owner });
    case 'CouponIssued':
      return at('COUPON', { oldValue: '', newValue: couponCodeFor(e.couponId), reqAdd: true });
    case 'CouponRedeemed':
      return at('COUPON', { oldValue: String(e.couponId), newValue: 'redeemed', reqAdd: false });
    case 'CustomerRegistered':
    case 'SourceProfileCombined':
    case 'CustomerUpdated':
    case 'ProgramEnrolled':
    case 'SubscriptionsChanged':
    case 'GoodwillRequested':
    case 'GoodwillResolved':
    case 'PiiDeleted':
    case 'TierReviewed':
    case 'ClockAdvanced':
      return undefined;
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

function tierLine(org: Org, t: TierChange, owner: CustomerId): ChangeRequestView {
  const program = org.programs.get(t.programId);
  const name = (serial: number | null): string => (serial === null ? '' : ((program === undefined ? undefined : tierOf(program, serial))?.name ?? String(serial)));
  return line(org, t.seq, 'TIER', t.changedOn, t.till, owner, { oldValue: name(t.from), newValue: name(t.to), reason: t.type, comments: `program ${t.programId}`, reqAdd: true });
}

/**
 * Get Change Requests (HST-1, HST-2): identifier, merge, points and coupon changes derived from the
 * events of the customer and of every customer merged into it, and tier changes from its ledgers;
 * newest first, filtered by type, date and id range, then paged.
 */
export function changeRequests(graph: CustomerGraph, query: ChangeRequestsQuery): Result<Paged<ChangeRequestView>, DomainError> {
  return runQuery(graph, query, changeRequestsQuerySchema, (reader, q) =>
    address(reader, 'changeRequests', q.customerId).map((c) => {
      const lines: ChangeRequestView[] = [];
      for (const id of [c.id, ...c.victims]) {
        for (const entry of reader.history(id)) {
          const l = changeOf(reader.org, entry, c.id);
          if (l !== undefined && !lines.some((x) => x.id === l.id && x.baseType === l.baseType)) lines.push(l);
        }
      }
      for (const l of c.programs) for (const t of l.tierHistory) lines.push(tierLine(reader.org, t, c.id));
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
