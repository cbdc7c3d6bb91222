import type { CouponSeries } from './coupons';
import type { CustomerId, TillCode } from './ids';

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
