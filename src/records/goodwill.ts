import type { CustomerId, TillCode } from '../kernel/ids';
import type { CouponSeries } from './coupons';

/** What a goodwill request grants (GDW-1). */
export type GoodwillType = 'POINTS' | 'COUPON';

/** A goodwill request waits as PENDING until it is APPROVED or REJECTED (GDW-1). */
export type GoodwillStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** A goodwill request, with the fields of the seed's Get Customer Goodwill Requests (GDW-1). */
export interface GoodwillRequest {
  readonly id: number;
  readonly userId: CustomerId;
  readonly goodwillType: GoodwillType;
  readonly goodwillStatus: GoodwillStatus;
  readonly programId: number | null;
  /** Points asked for, for a POINTS request. */
  readonly points: number | null;
  /** The offer asked for, for a COUPON request. */
  readonly coupon: CouponSeries | null;
  readonly reason: string;
  readonly comments: string;
  readonly approvedValue: string | null;
  readonly updatedComments: string;
  /** Issued at once, in one step, without a pending stage (GDW-2). */
  readonly oneStep: boolean;
  /** Approved by the org's configuration as it was raised (GDW-2). */
  readonly autoApproved: boolean;
  readonly addedOn: string;
  readonly addedBy: TillCode;
  readonly updatedOn: string;
  readonly updatedBy: TillCode;
}

/** What a request grants, as `approvedValue` shows it: the points, or the offer's description (GDW-1). */
export function grantedValue(points: number | null, coupon: CouponSeries | null): string {
  return points !== null ? String(points) : (coupon?.description ?? '');
}

/** The facts a raised request is made of; the rest of the record follows from them (GDW-1, GDW-2). */
export interface RaisedGoodwill {
  readonly id: number;
  readonly userId: CustomerId;
  readonly goodwillType: GoodwillType;
  readonly programId: number | null;
  readonly points: number | null;
  readonly coupon: CouponSeries | null;
  readonly reason: string;
  readonly comments: string;
  readonly oneStep: boolean;
  readonly autoApproved: boolean;
}

/**
 * The request as it is raised: one-step and auto-approved requests are APPROVED at once, an
 * auto-approval noted as `AUTO_APPROVED` in `updatedComments` (GDW-1, GDW-2).
 */
export function raisedGoodwill(r: RaisedGoodwill, at: string, till: TillCode): GoodwillRequest {
  const approved = r.oneStep || r.autoApproved;
  return Object.freeze({
    ...r,
    goodwillStatus: approved ? 'APPROVED' : 'PENDING',
    approvedValue: approved ? grantedValue(r.points, r.coupon) : null,
    updatedComments: r.autoApproved ? [r.comments, 'AUTO_APPROVED'].filter((x) => x !== '').join('; ') : r.comments,
    addedOn: at,
    addedBy: till,
    updatedOn: at,
    updatedBy: till,
  });
}

/** A pending request approved or rejected (GDW-1). */
export function resolvedGoodwill(
  request: GoodwillRequest,
  status: 'APPROVED' | 'REJECTED',
  comments: string,
  at: string,
  till: TillCode,
): GoodwillRequest {
  return Object.freeze({
    ...request,
    goodwillStatus: status,
    approvedValue: status === 'APPROVED' ? grantedValue(request.points, request.coupon) : null,
    updatedComments: comments,
    updatedOn: at,
    updatedBy: till,
  });
}
