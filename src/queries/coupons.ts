import type { Result } from 'neverthrow';
import type { DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import { address } from '../decider/addressee';
import type { CustomerGraph } from '../graph/graph';
import { queryCustomerIdSchema, runQuery } from './query';

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
  customerId: number,
): Result<{ readonly data: readonly CouponView[]; readonly warnings: readonly DomainWarning[]; readonly errors: readonly DomainError[] }, DomainError> {
  return runQuery(graph, customerId, queryCustomerIdSchema, (reader, id) =>
    address(reader, 'customerCoupons', id).map((c) => ({
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
    })),
  );
}
