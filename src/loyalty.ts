import { err, ok, type Result } from 'neverthrow';
import type { LoyaltyCommand } from './commands';
import { couponCodeFor, type Coupon, type CouponSeries } from './coupons';
import type { Customer } from './customer';
import { domainError, invalidInput, mergedCustomer, type DomainError } from './errors';
import type { GraphEvent } from './events';
import type { GoodwillRequest } from './goodwill';
import { chainEnd, customerById, type CustomerGraph } from './graph';
import { customerId, type CustomerId } from './ids';
import { loyaltyPoints } from './ledger';
import { readSubscriptionRequest } from './subscriptions';
import { isIsoDateTime, type ValidMeta } from './validate';

/** The answer for a customer whose personal data was deleted (PII-2). */
export const PII_DELETED_MESSAGE = 'Customer is deleted after PII delete request';

/**
 * The customer a command addresses, if it can be acted on: unknown ids are `unknownCode` (8015 by default),
 * victims 8069 naming the survivor (MRG-5), deleted customers 8015 with the PII message (PII-2).
 */
export function actionable(graph: CustomerGraph, id: number, unknownCode: 8015 | 8009 = 8015): Result<Customer, DomainError> {
  const customer = customerById(graph, id);
  if (customer === undefined) return err(domainError(unknownCode));
  if (customer.status === 'merged') return err(mergedCustomer(8069, chainEnd(graph, id)?.id ?? customerId(id)));
  if (customer.status === 'deleted') return err(domainError(8015, PII_DELETED_MESSAGE));
  return ok(customer);
}

/** Sequence numbers the events of one decision will get: objects they create are named by them (ARC-1). */
export function sequenceFrom(graph: CustomerGraph): () => number {
  let next = graph.eventCount;
  return () => ++next;
}

/** A coupon issued from an offer, its id and code derived from the event's sequence number (CPN-1, CPN-2). */
export function couponFrom(series: CouponSeries, id: number, to: CustomerId, meta: ValidMeta): Coupon {
  const code = couponCodeFor(id);
  return {
    ...series,
    id,
    couponCode: code,
    trimmedCouponCode: code,
    issuedOn: meta.at,
    issuedBy: meta.till,
    issuedTo: to,
    redeemedOn: null,
    redeemedBy: null,
  };
}

function enrolled(customer: Customer, programId: number): Result<number, DomainError> {
  const ledger = customer.programs.find((l) => l.programId === programId);
  return ledger === undefined ? err(domainError(1013)) : ok(loyaltyPoints(ledger));
}

function series(input: { description: string; couponType?: string; discountCode?: string; validTill: string }): Result<CouponSeries, DomainError> {
  if (!isIsoDateTime(input.validTill)) return err(invalidInput(['series', 'validTill'], 'expected an ISO 8601 date-time with offset'));
  return ok({
    description: input.description,
    couponType: input.couponType ?? 'PE',
    discountCode: input.discountCode ?? 'NO_VALUE',
    validTill: input.validTill,
  });
}

/**
 * Decides the loyalty and communication commands (PTS-*, TRF-*, SUB-*, CPN-*, GDW-*, PII-*): each addresses
 * live customers only, and none takes more points than a customer holds.
 */
export function decideLoyalty(graph: CustomerGraph, cmd: LoyaltyCommand, meta: ValidMeta): Result<GraphEvent[], DomainError> {
  const { org } = graph;
  const seq = sequenceFrom(graph);
  const base = { at: meta.at, till: meta.till };
  switch (cmd.kind) {
    case 'issuePoints':
    case 'redeemPoints':
    case 'returnPoints':
    case 'adjustPoints': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      if (!org.programs.has(cmd.programId)) return err(invalidInput(['programId'], `unknown program ${cmd.programId}`));
      const balance = enrolled(target.value, cmd.programId);
      if (balance.isErr()) return err(balance.error);
      const movement = ({ issuePoints: 'issue', redeemPoints: 'redeem', returnPoints: 'return', adjustPoints: 'adjust' } as const)[cmd.kind];
      if (cmd.points === 0 || (movement !== 'adjust' && cmd.points < 0)) {
        return err(invalidInput(['points'], movement === 'adjust' ? 'expected a non-zero integer' : 'expected a positive integer'));
      }
      if (cmd.expiresOn !== undefined && !isIsoDateTime(cmd.expiresOn)) {
        return err(invalidInput(['expiresOn'], 'expected an ISO 8601 date-time with offset'));
      }
      const debit = movement === 'redeem' || movement === 'return' || (movement === 'adjust' && cmd.points < 0);
      if (debit && Math.abs(cmd.points) > balance.value) {
        return err(domainError(1010, `${domainError(1010).message} Not enough points: ${balance.value} held, ${Math.abs(cmd.points)} asked.`));
      }
      return ok([
        {
          kind: 'PointsMoved',
          customerId: target.value.id,
          programId: cmd.programId,
          movement,
          points: cmd.points,
          expiresOn: cmd.expiresOn ?? null,
          purchase: movement === 'issue' ? (cmd.purchase ?? 0) : 0,
          reason: cmd.reason ?? '',
          ...base,
        },
      ]);
    }
    case 'expirePoints': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      if (!org.programs.has(cmd.programId)) return err(invalidInput(['programId'], `unknown program ${cmd.programId}`));
      const balance = enrolled(target.value, cmd.programId);
      if (balance.isErr()) return err(balance.error);
      return ok([{ kind: 'PointsExpired', customerId: target.value.id, programId: cmd.programId, ...base }]);
    }
    case 'transferPoints': {
      if (cmd.fromId === cmd.toId) return err(invalidInput(['toId'], 'a customer cannot transfer points to itself'));
      const from = actionable(graph, cmd.fromId);
      if (from.isErr()) return err(from.error);
      const to = actionable(graph, cmd.toId);
      if (to.isErr()) return err(to.error);
      if (!org.programs.has(cmd.programId)) return err(invalidInput(['programId'], `unknown program ${cmd.programId}`));
      const held = enrolled(from.value, cmd.programId);
      if (held.isErr()) return err(held.error);
      const receiver = enrolled(to.value, cmd.programId);
      if (receiver.isErr()) return err(receiver.error);
      if (cmd.points <= 0) return err(invalidInput(['points'], 'expected a positive integer'));
      if (cmd.points > held.value) {
        return err(domainError(1010, `${domainError(1010).message} Not enough points: ${held.value} held, ${cmd.points} asked.`));
      }
      return ok([
        {
          kind: 'PointsTransferred',
          transferId: seq(),
          fromId: from.value.id,
          toId: to.value.id,
          programId: cmd.programId,
          points: cmd.points,
          notes: cmd.notes ?? '',
          ...base,
        },
      ]);
    }
    case 'updateSubscriptions': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      const read = readSubscriptionRequest(cmd.body);
      if (read.isErr()) return err(read.error);
      return ok([{ kind: 'SubscriptionsChanged', customerId: target.value.id, subscriptions: read.value.subscriptions, ...base }]);
    }
    case 'issueCoupon': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      const offer = series(cmd.series);
      if (offer.isErr()) return err(offer.error);
      return ok([{ kind: 'CouponIssued', customerId: target.value.id, coupon: couponFrom(offer.value, seq(), target.value.id, meta), ...base }]);
    }
    case 'redeemCoupon': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      const code = cmd.couponCode.trim().toUpperCase();
      const coupon = target.value.coupons.find((c) => c.couponCode === code);
      if (coupon === undefined) return err(invalidInput(['couponCode'], 'the customer holds no such coupon'));
      if (coupon.redeemedOn !== null) return err(invalidInput(['couponCode'], 'the coupon is already redeemed'));
      if (Date.parse(coupon.validTill) < Date.parse(meta.at)) return err(invalidInput(['couponCode'], 'the coupon has expired'));
      return ok([{ kind: 'CouponRedeemed', customerId: target.value.id, couponId: coupon.id, ...base }]);
    }
    case 'requestGoodwill': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      const c = target.value;
      let offer: CouponSeries | null = null;
      if (cmd.goodwillType === 'POINTS') {
        if (cmd.programId === undefined) return err(invalidInput(['programId'], 'required for POINTS goodwill'));
        if (!org.programs.has(cmd.programId)) return err(invalidInput(['programId'], `unknown program ${cmd.programId}`));
        const balance = enrolled(c, cmd.programId);
        if (balance.isErr()) return err(balance.error);
        if (cmd.points === undefined || cmd.points <= 0) return err(invalidInput(['points'], 'expected a positive integer'));
      } else {
        if (cmd.series === undefined) return err(invalidInput(['series'], 'required for COUPON goodwill'));
        const read = series(cmd.series);
        if (read.isErr()) return err(read.error);
        offer = read.value;
      }
      const approved = cmd.oneStep === true || org.goodwillAutoApprove;
      const requestId = seq();
      const request: GoodwillRequest = {
        id: requestId,
        userId: c.id,
        goodwillType: cmd.goodwillType,
        goodwillStatus: approved ? 'APPROVED' : 'PENDING',
        programId: cmd.goodwillType === 'POINTS' ? (cmd.programId ?? null) : null,
        points: cmd.goodwillType === 'POINTS' ? (cmd.points ?? null) : null,
        coupon: offer,
        reason: cmd.reason ?? '',
        comments: cmd.comments ?? '',
        approvedValue: approved ? grantedValue(cmd.points ?? null, offer) : null,
        updatedComments:
          approved && cmd.oneStep !== true
            ? [cmd.comments ?? '', 'AUTO_APPROVED'].filter((x) => x !== '').join('; ')
            : (cmd.comments ?? ''),
        oneStep: cmd.oneStep === true,
        autoApproved: approved && cmd.oneStep !== true,
        addedOn: meta.at,
        addedBy: meta.till,
        updatedOn: meta.at,
        updatedBy: meta.till,
      };
      const events: GraphEvent[] = [{ kind: 'GoodwillRequested', customerId: c.id, request, ...base }];
      if (approved) events.push(...grant(request, c.id, seq, meta));
      return ok(events);
    }
    case 'resolveGoodwill': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      const request = target.value.goodwill.find((g) => g.id === cmd.requestId);
      if (request === undefined) return err(invalidInput(['requestId'], 'no such goodwill request'));
      if (request.goodwillStatus !== 'PENDING') return err(invalidInput(['requestId'], `the request is already ${request.goodwillStatus}`));
      if (cmd.decision === 'APPROVED' && request.programId !== null && !target.value.programs.some((l) => l.programId === request.programId)) {
        return err(domainError(1013));
      }
      const approved = cmd.decision === 'APPROVED';
      // The GoodwillResolved event takes the next sequence number, so a granted coupon is named by its own event's (CPN-2).
      seq();
      const events: GraphEvent[] = [
        {
          kind: 'GoodwillResolved',
          customerId: target.value.id,
          requestId: request.id,
          status: cmd.decision,
          approvedValue: approved ? grantedValue(request.points, request.coupon) : null,
          comments: cmd.comments ?? request.comments,
          ...base,
        },
      ];
      if (approved) events.push(...grant(request, target.value.id, seq, meta));
      return ok(events);
    }
    case 'deletePii': {
      const target = actionable(graph, cmd.customerId);
      if (target.isErr()) return err(target.error);
      return ok([{ kind: 'PiiDeleted', customerId: target.value.id, ...base }]);
    }
    default: {
      const unreachable: never = cmd;
      return unreachable;
    }
  }
}

function grantedValue(points: number | null, offer: CouponSeries | null): string {
  return points !== null ? String(points) : (offer?.description ?? '');
}

// What an approved goodwill request gives: its points, or a coupon of its offer (GDW-1).
function grant(request: GoodwillRequest, to: CustomerId, seq: () => number, meta: ValidMeta): GraphEvent[] {
  const base = { at: meta.at, till: meta.till };
  if (request.goodwillType === 'POINTS' && request.programId !== null && request.points !== null) {
    return [
      {
        kind: 'PointsMoved',
        customerId: to,
        programId: request.programId,
        movement: 'issue',
        points: request.points,
        expiresOn: null,
        purchase: 0,
        reason: `goodwill ${request.id}`,
        ...base,
      },
    ];
  }
  if (request.coupon !== null) return [{ kind: 'CouponIssued', customerId: to, coupon: couponFrom(request.coupon, seq(), to, meta), ...base }];
  return [];
}
