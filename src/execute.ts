import { ok, type Result } from 'neverthrow';
import type { Command } from './commands';
import { decide } from './decide';
import type { DomainError, DomainWarning } from './errors';
import type { GraphEvent } from './events';
import { fold } from './evolve';
import type { Coupon } from './coupons';
import { REGISTRATION_REWARD } from './enrollment';
import type { GoodwillRequest } from './goodwill';
import { customerById, type CustomerGraph } from './graph';
import { loyaltyPoints } from './ledger';
import type { Subscription } from './subscriptions';
import { customerId, type CustomerId } from './ids';
import { warningsOf } from './warnings';

/** The documented answer of Register Customer: the new or existing customer's id (REG-1, REG-6). */
export interface RegisterResponse {
  readonly createdId: CustomerId;
  readonly warnings: readonly DomainWarning[];
  readonly sideEffects: readonly SideEffect[];
}

/** The documented answer of Update Customer Details (UPD-1). */
export interface UpdateResponse {
  readonly createdId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/** The documented answer of Update Customer Identifiers (CHG-1). */
export interface ChangeIdentifierResponse {
  readonly success: true;
  readonly warnings: readonly DomainWarning[];
}

/** The answer of an explicit merge request (MRG-6). */
export interface MergeResponse {
  readonly success: true;
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/** A registration side effect, in the seed's shape (RWD-1). */
export type SideEffect =
  | { readonly type: 'points'; readonly awardedPoints: number }
  | {
      readonly type: 'coupon';
      readonly id: number;
      readonly couponType: string;
      readonly couponCode: string;
      readonly validTill: string;
      readonly description: string;
      readonly discountCode: string;
      readonly trimmedCouponCode: string;
    };

/** The answer of a points movement: the program's balance after it (PTS-2). */
export interface PointsResponse {
  readonly success: true;
  readonly customerId: CustomerId;
  readonly programId: number;
  readonly loyaltyPoints: number;
  readonly warnings: readonly DomainWarning[];
}

/** The answer of a points transfer (TRF-1). */
export interface TransferResponse {
  readonly success: true;
  readonly transferId: number;
  readonly warnings: readonly DomainWarning[];
}

/** The seed's answer of Update Subscription Details (SUB-4). */
export interface SubscriptionsResponse {
  readonly scope: {
    readonly scopeId: 0;
    readonly scope: 'USER';
    readonly subScope: 'NONE';
    readonly setCreatedOn: false;
    readonly setPriority: false;
    readonly setScopeId: false;
    readonly setScope: true;
    readonly setSubScope: true;
  };
  readonly subscriptions: readonly Subscription[];
  readonly campaignId: number;
  readonly communicationId: number;
  readonly reason: string;
  readonly warnings: readonly DomainWarning[];
}

/** The answer of a coupon issue or redemption (CPN-1, CPN-3). */
export interface CouponResponse {
  readonly success: true;
  readonly coupon: Coupon;
  readonly warnings: readonly DomainWarning[];
}

/** The answer of a goodwill request or decision (GDW-1). */
export interface GoodwillResponse {
  readonly success: true;
  readonly request: GoodwillRequest;
  readonly warnings: readonly DomainWarning[];
}

/** The answer of a PII deletion (PII-1). */
export interface PiiResponse {
  readonly success: true;
  readonly customerId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/** The response type of each command kind. */
export interface ResponseByKind {
  readonly register: RegisterResponse;
  readonly update: UpdateResponse;
  readonly changeIdentifier: ChangeIdentifierResponse;
  readonly merge: MergeResponse;
  readonly issuePoints: PointsResponse;
  readonly redeemPoints: PointsResponse;
  readonly returnPoints: PointsResponse;
  readonly adjustPoints: PointsResponse;
  readonly expirePoints: PointsResponse;
  readonly transferPoints: TransferResponse;
  readonly updateSubscriptions: SubscriptionsResponse;
  readonly issueCoupon: CouponResponse;
  readonly redeemCoupon: CouponResponse;
  readonly requestGoodwill: GoodwillResponse;
  readonly resolveGoodwill: GoodwillResponse;
  readonly deletePii: PiiResponse;
}

/** What `execute` gives back: the new graph, the events that made it, and the documented response. */
export interface Executed<R> {
  readonly graph: CustomerGraph;
  readonly events: readonly GraphEvent[];
  readonly response: R;
}

/** The side effects of a registration, read off its events (RWD-1). */
function sideEffectsOf(events: readonly GraphEvent[]): SideEffect[] {
  const out: SideEffect[] = [];
  for (const e of events) {
    if (e.kind === 'PointsMoved' && e.reason === REGISTRATION_REWARD) out.push({ type: 'points', awardedPoints: e.points });
    if (e.kind === 'CouponIssued') {
      const c = e.coupon;
      out.push({
        type: 'coupon',
        id: c.id,
        couponType: c.couponType,
        couponCode: c.couponCode,
        validTill: c.validTill,
        description: c.description,
        discountCode: c.discountCode,
        trimmedCouponCode: c.trimmedCouponCode,
      });
    }
  }
  return out;
}

function respond(command: Command, events: readonly GraphEvent[], graph: CustomerGraph): ResponseByKind[Command['kind']] {
  const warnings = warningsOf(events);
  switch (command.kind) {
    case 'register': {
      // A register decision starts with exactly one CustomerRegistered or SourceProfileCombined event.
      const first = events[0];
      const createdId = first !== undefined && 'customerId' in first ? first.customerId : customerId(0);
      return { createdId, warnings, sideEffects: sideEffectsOf(events) };
    }
    case 'update':
      return { createdId: customerId(command.customerId), warnings };
    case 'changeIdentifier':
      return { success: true, warnings };
    case 'merge':
      return {
        success: true,
        survivorId: customerId(command.survivorId),
        victimId: customerId(command.victimId),
        warnings,
      };
    case 'issuePoints':
    case 'redeemPoints':
    case 'returnPoints':
    case 'adjustPoints':
    case 'expirePoints': {
      const ledger = customerById(graph, command.customerId)?.programs.find((l) => l.programId === command.programId);
      return {
        success: true,
        customerId: customerId(command.customerId),
        programId: command.programId,
        loyaltyPoints: ledger === undefined ? 0 : loyaltyPoints(ledger),
        warnings,
      };
    }
    case 'transferPoints': {
      const first = events[0];
      return { success: true, transferId: first?.kind === 'PointsTransferred' ? first.transferId : 0, warnings };
    }
    case 'updateSubscriptions': {
      const first = events[0];
      return {
        scope: {
          scopeId: 0,
          scope: 'USER',
          subScope: 'NONE',
          setCreatedOn: false,
          setPriority: false,
          setScopeId: false,
          setScope: true,
          setSubScope: true,
        },
        subscriptions: first?.kind === 'SubscriptionsChanged' ? first.subscriptions : [],
        campaignId: command.body.campaignId ?? -1,
        communicationId: command.body.communicationId ?? -1,
        reason: command.body.reason ?? '',
        warnings,
      };
    }
    case 'issueCoupon':
    case 'redeemCoupon': {
      const first = events[0];
      const id = first?.kind === 'CouponIssued' ? first.coupon.id : first?.kind === 'CouponRedeemed' ? first.couponId : -1;
      const coupon = customerById(graph, command.customerId)?.coupons.find((c) => c.id === id);
      return { success: true, coupon: coupon as Coupon, warnings };
    }
    case 'requestGoodwill':
    case 'resolveGoodwill': {
      const first = events[0];
      const id = first?.kind === 'GoodwillRequested' ? first.request.id : first?.kind === 'GoodwillResolved' ? first.requestId : -1;
      const request = customerById(graph, command.customerId)?.goodwill.find((g) => g.id === id);
      return { success: true, request: request as GoodwillRequest, warnings };
    }
    case 'deletePii':
      return { success: true, customerId: customerId(command.customerId), warnings };
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/**
 * Decides and folds in one step: the new graph, the events and the documented response, or the
 * documented error with the graph untouched (ARC-2, ARC-5).
 */
export function execute<C extends Command>(
  graph: CustomerGraph,
  command: C,
): Result<Executed<ResponseByKind[C['kind']]>, DomainError> {
  return decide(graph, command).andThen((events) => {
    // The events come from `decide` on this very graph, so they are folded without a second shape check.
    const next = events.reduce(fold, graph);
    return ok({ graph: next, events, response: respond(command, events, next) as ResponseByKind[C['kind']] });
  });
}
