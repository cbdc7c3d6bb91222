import type { Customer, SourceProfile } from './customer';
import { fieldMap } from './customer';
import type { GraphEvent } from './events';
import { customerById, type CustomerGraph } from './graph';
import { freezeDeep, produce, recordWith } from './internal/immer';
import { enroll, expirePoints, movePoints, type ProgramLedger, type TierChange } from './ledger';
import { applySubscriptions } from './subscriptions';

/** The events of the loyalty and communication state. */
export type LoyaltyEvent = Extract<
  GraphEvent,
  {
    kind:
      | 'ProgramEnrolled'
      | 'PointsMoved'
      | 'PointsExpired'
      | 'PointsTransferred'
      | 'SubscriptionsChanged'
      | 'CouponIssued'
      | 'CouponRedeemed'
      | 'GoodwillRequested'
      | 'GoodwillResolved'
      | 'PiiDeleted';
  }
>;

function live(graph: CustomerGraph, id: number): Customer | undefined {
  const c = customerById(graph, id);
  return c?.status === 'live' ? c : undefined;
}

// Tier changes are stamped with the sequence number of the event that caused them (HST-2). The ledger
// functions leave the entries they add unstamped, and they add them at the end: the scan stops at the
// first stamped entry from the end, so it reads one entry, not the whole history.
function stamped(ledger: ProgramLedger, seq: number, before?: ProgramLedger): ProgramLedger {
  const history = ledger.tierHistory;
  // Most movements change no tier: the history is the very list the ledger had, all of it stamped.
  if (history === before?.tierHistory) return ledger;
  let first = history.length;
  while (first > 0 && (history[first - 1] as TierChange).seq === 0) first--;
  if (first === history.length) return ledger;
  const restamped = Object.freeze(history.map((t, i) => (i >= first ? Object.freeze({ ...t, seq }) : t)));
  return Object.freeze({ ...ledger, tierHistory: restamped });
}

// A transfer also appends to the customer's transfers: given here, so that the record is built once.
function withLedger(graph: CustomerGraph, customer: Customer, ledger: ProgramLedger, transfers = customer.transfers): Customer {
  const before = customer.programs.find((l) => l.programId === ledger.programId);
  const next = stamped(ledger, graph.eventCount + 1, before);
  return recordWith(customer, {
    programs: Object.freeze(customer.programs.map((l) => (l === before ? next : l))),
    transfers,
  });
}

function scrubProfile(p: SourceProfile): SourceProfile {
  return {
    ...p,
    firstName: '',
    lastName: '',
    identifiers: [],
    commChannels: [],
    fields: fieldMap(),
    conflictingProfiles: p.conflictingProfiles.map((c) => ({
      ...c,
      firstName: '',
      lastName: '',
      identifiers: [],
      commChannels: [],
      fields: fieldMap(),
    })),
  };
}

/** The new records a loyalty event makes; none when the event does not fit the graph (ARC-5). */
export function loyaltyRecords(graph: CustomerGraph, event: LoyaltyEvent): readonly Customer[] {
  const { org } = graph;
  switch (event.kind) {
    case 'ProgramEnrolled': {
      const c = live(graph, event.customerId);
      const program = org.programs.get(event.programId);
      if (c === undefined || program === undefined || c.programs.some((l) => l.programId === program.id)) return [];
      const ledger = enroll(
        program,
        {
          tier: event.tierNumber ?? undefined,
          points: event.points,
          tierExpiryDate: event.tierExpiryDate,
          pointsExpiryDate: event.pointsExpiryDate,
        },
        event.at,
        event.till,
      );
      return [recordWith(c, { programs: [...c.programs, stamped(ledger, graph.eventCount + 1)] })];
    }
    case 'PointsMoved': {
      const c = live(graph, event.customerId);
      const program = org.programs.get(event.programId);
      const ledger = c?.programs.find((l) => l.programId === event.programId);
      if (c === undefined || program === undefined || ledger === undefined) return [];
      const moved = movePoints(program, ledger, event.movement, event.points, event.at, event.till, {
        expiresOn: event.expiresOn,
        purchase: event.purchase,
      });
      return moved.isOk() ? [withLedger(graph, c, moved.value)] : [];
    }
    case 'PointsExpired': {
      const c = live(graph, event.customerId);
      const program = org.programs.get(event.programId);
      const ledger = c?.programs.find((l) => l.programId === event.programId);
      if (c === undefined || program === undefined || ledger === undefined) return [];
      return [withLedger(graph, c, expirePoints(program, ledger, event.at, event.till))];
    }
    case 'PointsTransferred': {
      const from = live(graph, event.fromId);
      const to = live(graph, event.toId);
      const program = org.programs.get(event.programId);
      const fromLedger = from?.programs.find((l) => l.programId === event.programId);
      const toLedger = to?.programs.find((l) => l.programId === event.programId);
      if (from === undefined || to === undefined || from.id === to.id || program === undefined) return [];
      if (fromLedger === undefined || toLedger === undefined) return [];
      const out = movePoints(program, fromLedger, 'transferOut', event.points, event.at, event.till);
      const into = movePoints(program, toLedger, 'transferIn', event.points, event.at, event.till);
      if (out.isErr() || into.isErr()) return [];
      const side = (transferType: 'DEDUCTION' | 'ADDITION') => ({
        transferId: event.transferId,
        programId: event.programId,
        points: event.points,
        transferType,
        fromId: from.id,
        toId: to.id,
        notes: event.notes,
        at: event.at,
      });
      return [
        withLedger(graph, from, out.value, Object.freeze([...from.transfers, Object.freeze(side('DEDUCTION'))])),
        withLedger(graph, to, into.value, Object.freeze([...to.transfers, Object.freeze(side('ADDITION'))])),
      ];
    }
    case 'SubscriptionsChanged': {
      const c = live(graph, event.customerId);
      if (c === undefined) return [];
      return [recordWith(c, { subscriptions: applySubscriptions(c.subscriptions, event.subscriptions) })];
    }
    case 'CouponIssued': {
      const c = live(graph, event.customerId);
      if (c === undefined || c.coupons.some((x) => x.id === event.coupon.id)) return [];
      return [recordWith(c, { coupons: [...c.coupons, event.coupon] })];
    }
    case 'CouponRedeemed': {
      const c = live(graph, event.customerId);
      if (c === undefined || !c.coupons.some((x) => x.id === event.couponId && x.redeemedOn === null)) return [];
      return [
        produce(c, (draft) => {
          const coupon = draft.coupons.find((x) => x.id === event.couponId);
          if (coupon === undefined) return;
          coupon.redeemedOn = event.at;
          coupon.redeemedBy = event.till;
        }),
      ];
    }
    case 'GoodwillRequested': {
      const c = live(graph, event.customerId);
      if (c === undefined || c.goodwill.some((g) => g.id === event.request.id)) return [];
      return [recordWith(c, { goodwill: [...c.goodwill, event.request] })];
    }
    case 'GoodwillResolved': {
      const c = live(graph, event.customerId);
      if (c === undefined || !c.goodwill.some((g) => g.id === event.requestId && g.goodwillStatus === 'PENDING')) return [];
      return [
        produce(c, (draft) => {
          const request = draft.goodwill.find((g) => g.id === event.requestId);
          if (request === undefined) return;
          request.goodwillStatus = event.status;
          request.approvedValue = event.approvedValue;
          request.updatedComments = event.comments;
          request.updatedOn = event.at;
          request.updatedBy = event.till;
        }),
      ];
    }
    case 'PiiDeleted': {
      const c = live(graph, event.customerId);
      if (c === undefined) return [];
      return [
        freezeDeep<Customer>({
          ...c,
          status: 'deleted',
          profiles: c.profiles.map(scrubProfile),
          extendedFields: fieldMap(),
          piiDeletedOn: event.at,
        }),
      ];
    }
    default: {
      const unreachable: never = event;
      void unreachable;
      return [];
    }
  }
}
