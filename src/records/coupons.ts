import { z } from 'zod';
import { isoDateTimeSchema } from '../kernel/dates';
import type { CustomerId, TillCode } from '../kernel/ids';
import { record, text } from '../kernel/parse';

/** A coupon offer the org issues from, e.g. the registration reward (CPN-1). */
export const couponSeriesSchema = record({
  description: text(256).min(1),
  couponType: text(16).min(1),
  discountCode: text(64).min(1),
  validTill: isoDateTimeSchema,
});

/** A coupon offer the org issues from, e.g. the registration reward (CPN-1). */
export type CouponSeries = z.output<typeof couponSeriesSchema>;

/** A coupon held by a customer, in the fields of the seed's coupon side effect (CPN-1). */
export interface Coupon extends CouponSeries {
  readonly id: number;
  readonly couponCode: string;
  readonly trimmedCouponCode: string;
  readonly issuedOn: string;
  readonly issuedBy: TillCode;
  /** The customer it was issued to; a merge keeps it with the survivor. */
  readonly issuedTo: CustomerId;
  readonly redeemedOn: string | null;
  readonly redeemedBy: TillCode | null;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The code of the coupon with this id: eight characters, derived from the id by a fixed bijective mix,
 * so codes look random but the core makes no random values (ARC-1, CPN-2).
 */
export function couponCodeFor(id: number): string {
  // Multiplication by an odd constant is a bijection modulo 2^32: distinct ids give distinct codes.
  let x = Math.imul(id >>> 0, 0x9e3779b1) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  let code = '';
  for (let i = 0; i < 7; i++) {
    code += ALPHABET[x % 32];
    x = Math.floor(x / 32);
  }
  // 7 × 5 bits = 35 bits cover the 32-bit value; the eighth character carries the id's high bits.
  return code + (ALPHABET[Math.floor(id / 2 ** 32) % 32] ?? 'A');
}

/** The coupon an issue makes: its code derived from its id, issued at the event's time by its till (CPN-1, CPN-2). */
export function issuedCoupon(id: number, series: CouponSeries, to: CustomerId, at: string, till: TillCode): Coupon {
  const code = couponCodeFor(id);
  return Object.freeze({ ...series, id, couponCode: code, trimmedCouponCode: code, issuedOn: at, issuedBy: till, issuedTo: to, redeemedOn: null, redeemedBy: null });
}

/** The coupon after its redemption (CPN-3). */
export function redeemedCoupon(coupon: Coupon, at: string, till: TillCode): Coupon {
  return Object.freeze({ ...coupon, redeemedOn: at, redeemedBy: till });
}
