// Folding an event into the graph: the event's handler says which records change, and the graph commits
// them in one new version. Total: an event is never re-checked here and never dropped (ARC-2). The fold
// of events brought from outside checks them first (decider/replay.ts).
import { customerById, type Counters, type CustomerGraph } from '../graph/graph';
import { commit } from '../graph/commit';
import { historyOf, type HistoryEntry } from '../graph/history';
import type { CustomerId } from '../kernel/ids';
import type { ProgramDef } from '../org/programs';
import type { Customer } from '../records/customer';
import type { ProgramLedger } from '../records/ledger';
import { identifierAddedHandler, identifierRemovedHandler } from '../identity/change-identifier';
import { customersMergedHandler } from '../identity/merge';
import { customerUnmergedHandler } from '../identity/unmerge';
import { customerRegisteredHandler, sourceProfileCombinedHandler } from '../identity/register';
import { customerUpdatedHandler } from '../identity/update';
import { couponIssuedHandler, couponRedeemedHandler } from '../loyalty/coupons';
import { programEnrolledHandler } from '../loyalty/enrollment';
import { goodwillRequestedHandler, goodwillResolvedHandler } from '../loyalty/goodwill';
import { piiDeletedHandler } from '../loyalty/pii';
import { pointsExpiredHandler, pointsMovedHandler } from '../loyalty/points';
import { subscriptionsChangedHandler } from '../loyalty/subscriptions';
import { pointsTransferredHandler } from '../loyalty/transfers';
import { clockAdvancedHandler } from '../loyalty/clock';
import { tierReviewedHandler } from '../loyalty/tier-review';
import { ledgerOf } from '../records/customer';
import type { EventKind, EventMap, GraphEvent } from './events';
import { FoldPreconditionError, type EventHandler, type FoldReader } from './slice';

/** The handler of every kind of event. */
export const EVENT_HANDLERS: { readonly [K in EventKind]: EventHandler<EventMap[K]> } = {
  CustomerRegistered: customerRegisteredHandler,
  SourceProfileCombined: sourceProfileCombinedHandler,
  CustomerUpdated: customerUpdatedHandler,
  IdentifierAdded: identifierAddedHandler,
  IdentifierRemoved: identifierRemovedHandler,
  CustomersMerged: customersMergedHandler,
  CustomerUnmerged: customerUnmergedHandler,
  ProgramEnrolled: programEnrolledHandler,
  PointsMoved: pointsMovedHandler,
  PointsExpired: pointsExpiredHandler,
  PointsTransferred: pointsTransferredHandler,
  SubscriptionsChanged: subscriptionsChangedHandler,
  CouponIssued: couponIssuedHandler,
  CouponRedeemed: couponRedeemedHandler,
  GoodwillRequested: goodwillRequestedHandler,
  GoodwillResolved: goodwillResolvedHandler,
  PiiDeleted: piiDeletedHandler,
  TierReviewed: tierReviewedHandler,
  ClockAdvanced: clockAdvancedHandler,
};

/** The handler of one kind of event. */
export function handlerOf<K extends EventKind>(kind: K): EventHandler<EventMap[K]> {
  return EVENT_HANDLERS[kind];
}

/** What folding reads of a graph; a customer, program or ledger an event names but the graph lacks is a bug. */
class FoldView implements FoldReader {
  readonly org: FoldReader['org'];

  constructor(private readonly graph: CustomerGraph) {
    this.org = graph.org;
  }

  customer(id: CustomerId): Customer {
    const c = customerById(this.graph, id);
    if (c === undefined) throw new FoldPreconditionError(`an event names customer ${id}, which the graph does not hold`);
    return c;
  }

  program(id: number): ProgramDef {
    const p = this.org.programs.get(id);
    if (p === undefined) throw new FoldPreconditionError(`an event names program ${id}, which the org does not have`);
    return p;
  }

  ledger(customer: Customer, programId: number): ProgramLedger {
    const l = ledgerOf(customer, programId);
    if (l === undefined) throw new FoldPreconditionError(`an event names the ledger of customer ${customer.id} in program ${programId}, who is not enrolled`);
    return l;
  }

  history(id: CustomerId): HistoryEntry[] {
    return historyOf(this.graph, id);
  }
}

function foldKind<K extends EventKind>(graph: CustomerGraph, kind: K, event: EventMap[K]): CustomerGraph {
  const handler = handlerOf(kind);
  const change = handler.apply(new FoldView(graph), event);
  const counters: { -readonly [P in keyof Counters]: Counters[P] } = {
    eventCount: event.seq,
    customerCount: graph.customerCount,
    nextCustomerId: graph.nextCustomerId,
    nextCouponId: graph.nextCouponId,
    nextTransferId: graph.nextTransferId,
    nextGoodwillId: graph.nextGoodwillId,
    clock: change.clock ?? graph.clock,
  };
  for (const { counter, id } of handler.creates?.(event) ?? []) {
    switch (counter) {
      case 'customer':
        counters.customerCount += 1;
        counters.nextCustomerId = Math.max(counters.nextCustomerId, id + 1);
        break;
      case 'coupon':
        counters.nextCouponId = Math.max(counters.nextCouponId, id + 1);
        break;
      case 'transfer':
        counters.nextTransferId = Math.max(counters.nextTransferId, id + 1);
        break;
      case 'goodwill':
        counters.nextGoodwillId = Math.max(counters.nextGoodwillId, id + 1);
        break;
      default: {
        const unreachable: never = counter;
        void unreachable;
      }
    }
  }
  return commit(graph, event, change, counters);
}

/** The graph with one event folded in: every event is counted and applied, never re-checked (ARC-2). */
export function foldEvent(graph: CustomerGraph, event: GraphEvent): CustomerGraph {
  return foldKind(graph, event.kind, event);
}
