// Coupons: issue from an offer, redeem once before `validTill` (CPN-1..CPN-3). The events are
// `CouponIssued` and `CouponRedeemed`; a coupon's id comes from the graph's coupon counter and its code
// from its id (CPN-2).
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { isIsoDateTime } from '../kernel/dates';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { invalidInput, refuse, type DomainError } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { recordWith } from '../records/freeze';
import { couponSeriesSchema, issuedCoupon, redeemedCoupon, type Coupon, type CouponSeries } from '../records/coupons';
import { address } from '../decider/addressee';
import { liveCustomer } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import { eventStampShape, type CommandSlice, type DecisionContext, type Decision, type EventHandler } from '../decider/slice';

/** A coupon offer in a request: `couponType` defaults to PE and `discountCode` to NO_VALUE (CPN-1). */
export const couponSeriesInputSchema = record({
  description: text(256).min(1),
  couponType: text(16).min(1).optional(),
  discountCode: text(64).min(1).optional(),
  validTill: text(64),
});

/** A coupon offer in a request (CPN-1). */
export type CouponSeriesInput = z.input<typeof couponSeriesInputSchema>;

/** Issue a coupon from an offer (CPN-1). */
export const issueCouponCommandSchema = record({
  kind: z.literal('issueCoupon'),
  customerId: commandCustomerIdSchema,
  series: couponSeriesInputSchema,
  meta: commandMetaSchema,
});

/** Redeem a coupon the customer holds (CPN-3). */
export const redeemCouponCommandSchema = record({
  kind: z.literal('redeemCoupon'),
  customerId: commandCustomerIdSchema,
  couponCode: text(64).min(1),
  meta: commandMetaSchema,
});

/** Issue a coupon from an offer (CPN-1). */
export type IssueCouponCommand = z.input<typeof issueCouponCommandSchema>;
/** Redeem a coupon the customer holds (CPN-3). */
export type RedeemCouponCommand = z.input<typeof redeemCouponCommandSchema>;

/** A coupon issued to a customer: its id from the graph's counter, its code from its id (CPN-1, CPN-2). */
export const couponIssuedSchema = record({
  kind: z.literal('CouponIssued'),
  ...eventStampShape,
  customerId: customerIdSchema,
  couponId: z.number().int().positive().safe(),
  series: couponSeriesSchema,
});

/** A coupon issued to a customer (CPN-1). */
export type CouponIssued = z.output<typeof couponIssuedSchema>;

/** A coupon of the customer redeemed (CPN-3). */
export const couponRedeemedSchema = record({
  kind: z.literal('CouponRedeemed'),
  ...eventStampShape,
  customerId: customerIdSchema,
  couponId: z.number().int().positive().safe(),
});

/** A coupon of the customer redeemed (CPN-3). */
export type CouponRedeemed = z.output<typeof couponRedeemedSchema>;

/** The answer of a coupon issue or redemption (CPN-1, CPN-3). */
export interface CouponResponse {
  readonly success: true;
  readonly coupon: Coupon;
  readonly warnings: readonly DomainWarning[];
}

/** An offer of a request with its defaults, its `validTill` an ISO date-time (400 naming the field otherwise) (CPN-1). */
export function readSeries(input: z.output<typeof couponSeriesInputSchema>, path: readonly string[]): Result<CouponSeries, DomainError> {
  if (!isIsoDateTime(input.validTill)) return err(invalidInput([...path, 'validTill'], 'expected an ISO 8601 date-time with offset'));
  return ok(Object.freeze({ description: input.description, couponType: input.couponType ?? 'PE', discountCode: input.discountCode ?? 'NO_VALUE', validTill: input.validTill }));
}

/** A `CouponIssued` event, stamped, with the next coupon id (CPN-2). */
export function issuedCouponEvent(ctx: DecisionContext, customerId: CustomerId, series: CouponSeries): CouponIssued {
  return { kind: 'CouponIssued', ...ctx.stamp(), customerId, couponId: ctx.take('coupon'), series };
}

/** The coupon a `CouponIssued` event makes (CPN-1, CPN-2). */
export function couponOf(e: CouponIssued): Coupon {
  return issuedCoupon(e.couponId, e.series, e.customerId, e.at, e.till);
}

/** Issue a coupon to a live customer (CPN-1, CPN-2). */
export const issueCouponSlice: CommandSlice<z.output<typeof issueCouponCommandSchema>, Decision<readonly [CouponIssued]>, CouponResponse> = {
  decide: (reader, cmd, ctx) =>
    address(reader, 'coupons', cmd.customerId).andThen((customer) =>
      readSeries(cmd.series, ['series']).map((series) => ({ events: [issuedCouponEvent(ctx, customer.id, series)] as const })),
    ),
  respond: ({ events: [e] }) => ({ success: true, coupon: couponOf(e), warnings: NO_WARNINGS }),
};

/** Redeem a coupon once, before its `validTill`; an unknown, redeemed or expired code is 400 (CPN-3). */
export const redeemCouponSlice: CommandSlice<z.output<typeof redeemCouponCommandSchema>, Decision<readonly [CouponRedeemed], { readonly coupon: Coupon }>, CouponResponse> = {
  decide: (reader, cmd, ctx) =>
    address(reader, 'coupons', cmd.customerId).andThen((customer) => {
      const code = cmd.couponCode.trim().toUpperCase();
      const coupon = customer.coupons.find((c) => c.couponCode === code);
      const path = ['couponCode'];
      if (coupon === undefined) return err(refuse({ reason: 'couponNotHeld', code: 400, path, customerId: customer.id, couponCode: code }));
      if (coupon.redeemedOn !== null) return err(refuse({ reason: 'couponRedeemed', code: 400, path, couponId: coupon.id, redeemedOn: coupon.redeemedOn }));
      if (Date.parse(coupon.validTill) < Date.parse(ctx.at)) return err(refuse({ reason: 'couponExpired', code: 400, path, couponId: coupon.id, validTill: coupon.validTill }));
      return ok({ events: [{ kind: 'CouponRedeemed', ...ctx.stamp(), customerId: customer.id, couponId: coupon.id }] as const, coupon });
    }),
  respond: ({ events: [e], coupon }) => ({ success: true, coupon: redeemedCoupon(coupon, e.at, e.till), warnings: NO_WARNINGS }),
};

/** Folding `CouponIssued`: the customer holds the new coupon (CPN-1). */
export const couponIssuedHandler: EventHandler<CouponIssued> = {
  misfit: (reader, e) => liveCustomer(reader, e.customerId).match(() => undefined, (m) => m),
  creates: (e) => [{ counter: 'coupon', id: e.couponId }],
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    return { records: [recordWith(c, { coupons: [...c.coupons, couponOf(e)] })], history: [c.id] };
  },
};

/** Folding `CouponRedeemed`: the coupon is redeemed at the event's time by its till (CPN-3). */
export const couponRedeemedHandler: EventHandler<CouponRedeemed> = {
  misfit: (reader, e) =>
    liveCustomer(reader, e.customerId).match(
      (c) => {
        const coupon = c.coupons.find((x) => x.id === e.couponId);
        if (coupon === undefined) return { misfit: 'couponNotHeld', customerId: c.id, couponId: e.couponId };
        return coupon.redeemedOn === null ? undefined : { misfit: 'couponRedeemed', customerId: c.id, couponId: e.couponId };
      },
      (m) => m,
    ),
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    return { records: [recordWith(c, { coupons: c.coupons.map((x) => (x.id === e.couponId ? redeemedCoupon(x, e.at, e.till) : x)) })], history: [c.id] };
  },
};
