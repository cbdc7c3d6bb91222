// Goodwill requests: points or a coupon granted to a customer, PENDING until APPROVED or REJECTED, or
// APPROVED as raised when one-step or auto-approved (GDW-1, GDW-2). The events are `GoodwillRequested`
// and `GoodwillResolved`, followed by the grant's `PointsMoved` or `CouponIssued`.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { invalidInput, refuse, type DomainError } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { ledgerOf, type Customer } from '../records/customer';
import { couponSeriesSchema, type CouponSeries } from '../records/coupons';
import { recordWith } from '../records/freeze';
import { raisedGoodwill, resolvedGoodwill, type GoodwillRequest } from '../records/goodwill';
import { loyaltyPoints } from '../records/ledger';
import { address } from '../decider/addressee';
import { firstMisfit, knownProgram, liveCustomer } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, type CommandSlice, type DecisionContext, type Decision, type EventHandler } from '../decider/slice';
import { couponSeriesInputSchema, issuedCouponEvent, readSeries, type CouponIssued } from './coupons';
import { memberOf, pointsAmountSchema, pointsMovedEvent, type PointsMoved } from './points';

/** Raise a goodwill request for points or a coupon (GDW-1, GDW-2). */
export const requestGoodwillCommandSchema = record({
  kind: z.literal('requestGoodwill'),
  customerId: commandCustomerIdSchema,
  goodwillType: z.enum(['POINTS', 'COUPON']),
  programId: z.number().int().safe().optional(),
  points: pointsAmountSchema.optional(),
  series: couponSeriesInputSchema.optional(),
  reason: text(1024).optional(),
  comments: text(1024).optional(),
  oneStep: z.boolean().optional(),
  meta: commandMetaSchema,
});

/** Approve or reject a pending goodwill request (GDW-1). */
export const resolveGoodwillCommandSchema = record({
  kind: z.literal('resolveGoodwill'),
  customerId: commandCustomerIdSchema,
  requestId: z.number().int().safe(),
  decision: z.enum(['APPROVED', 'REJECTED']),
  comments: text(1024).optional(),
  meta: commandMetaSchema,
});

/** Raise a goodwill request (GDW-1, GDW-2). */
export type RequestGoodwillCommand = z.input<typeof requestGoodwillCommandSchema>;
/** Approve or reject a pending goodwill request (GDW-1). */
export type ResolveGoodwillCommand = z.input<typeof resolveGoodwillCommandSchema>;

/** A goodwill request raised; one-step and auto-approved ones are raised APPROVED (GDW-1, GDW-2). */
export const goodwillRequestedSchema = record({
  kind: z.literal('GoodwillRequested'),
  ...eventStampShape,
  customerId: customerIdSchema,
  requestId: z.number().int().positive().safe(),
  goodwillType: z.enum(['POINTS', 'COUPON']),
  programId: z.number().int().positive().safe().nullable(),
  points: z.number().int().min(1).max(1e12).nullable(),
  coupon: couponSeriesSchema.nullable(),
  reason: text(1024),
  comments: text(1024),
  oneStep: z.boolean(),
  autoApproved: z.boolean(),
});

/** A goodwill request raised (GDW-1). */
export type GoodwillRequested = z.output<typeof goodwillRequestedSchema>;

/** A pending goodwill request approved or rejected (GDW-1). */
export const goodwillResolvedSchema = record({
  kind: z.literal('GoodwillResolved'),
  ...eventStampShape,
  customerId: customerIdSchema,
  requestId: z.number().int().positive().safe(),
  status: z.enum(['APPROVED', 'REJECTED']),
  comments: text(1024),
});

/** A pending goodwill request approved or rejected (GDW-1). */
export type GoodwillResolved = z.output<typeof goodwillResolvedSchema>;

/** The answer of a goodwill request or decision (GDW-1). */
export interface GoodwillResponse {
  readonly success: true;
  readonly request: GoodwillRequest;
  readonly warnings: readonly DomainWarning[];
}

/** What an approved request gives: its points, or a coupon of its offer (GDW-1). */
type Grant = PointsMoved | CouponIssued;

function grant(customer: Customer, r: { readonly requestId: number; readonly programId: number | null; readonly points: number | null; readonly coupon: CouponSeries | null }, ctx: DecisionContext): Grant[] {
  if (r.programId !== null && r.points !== null) {
    const ledger = ledgerOf(customer, r.programId);
    const held = ledger === undefined ? 0 : loyaltyPoints(ledger);
    const reason = `goodwill ${r.requestId}`;
    return [pointsMovedEvent(ctx, { customerId: customer.id, programId: r.programId, movement: 'issue', points: r.points, expiresOn: null, purchase: 0, reason, balance: held + r.points })];
  }
  return r.coupon === null ? [] : [issuedCouponEvent(ctx, customer.id, r.coupon)];
}

type Asked = { readonly programId: number | null; readonly points: number | null; readonly coupon: CouponSeries | null };

function readAsked(reader: GraphReader, c: Customer, cmd: z.output<typeof requestGoodwillCommandSchema>): Result<Asked, DomainError> {
  if (cmd.goodwillType === 'COUPON') {
    if (cmd.series === undefined) return err(invalidInput(['series'], 'required for COUPON goodwill'));
    return readSeries(cmd.series, ['series']).map((coupon) => ({ programId: null, points: null, coupon }));
  }
  if (cmd.programId === undefined) return err(invalidInput(['programId'], 'required for POINTS goodwill'));
  const { programId, points } = cmd;
  return memberOf(reader, c, programId).andThen(() =>
    points === undefined || points <= 0 ? err(invalidInput(['points'], 'expected a positive integer')) : ok({ programId, points, coupon: null }),
  );
}

/** Raise a goodwill request; one-step, or in an org that auto-approves, it is granted at once (GDW-1, GDW-2). */
export const requestGoodwillSlice: CommandSlice<
  z.output<typeof requestGoodwillCommandSchema>,
  Decision<readonly [GoodwillRequested, ...Grant[]]>,
  GoodwillResponse
> = {
  decide: (reader, cmd, ctx) =>
    address(reader, 'goodwill', cmd.customerId).andThen((c) =>
      readAsked(reader, c, cmd).map((asked) => {
        const oneStep = cmd.oneStep === true;
        const autoApproved = !oneStep && reader.org.goodwillAutoApprove;
        const requested: GoodwillRequested = {
          kind: 'GoodwillRequested',
          ...ctx.stamp(),
          customerId: c.id,
          requestId: ctx.take('goodwill'),
          goodwillType: cmd.goodwillType,
          ...asked,
          reason: cmd.reason ?? '',
          comments: cmd.comments ?? '',
          oneStep,
          autoApproved,
        };
        return { events: [requested, ...(oneStep || autoApproved ? grant(c, requested, ctx) : [])] as const };
      }),
    ),
  respond: ({ events: [e] }) => ({ success: true, request: requestOf(e), warnings: NO_WARNINGS }),
};

/** The request a `GoodwillRequested` event raises (GDW-1, GDW-2). */
export function requestOf(e: GoodwillRequested): GoodwillRequest {
  const { requestId, customerId, goodwillType, programId, points, coupon, reason, comments, oneStep, autoApproved } = e;
  return raisedGoodwill({ id: requestId, userId: customerId, goodwillType, programId, points, coupon, reason, comments, oneStep, autoApproved }, e.at, e.till);
}

/** Approve or reject a PENDING request; approval grants it (GDW-1). Anything but a pending request is 400. */
export const resolveGoodwillSlice: CommandSlice<
  z.output<typeof resolveGoodwillCommandSchema>,
  Decision<readonly [GoodwillResolved, ...Grant[]], { readonly request: GoodwillRequest }>,
  GoodwillResponse
> = {
  decide: (reader, cmd, ctx) =>
    address(reader, 'goodwill', cmd.customerId).andThen((c) => {
      const path = ['requestId'];
      const request = c.goodwill.find((g) => g.id === cmd.requestId);
      if (request === undefined) return err(refuse({ reason: 'goodwillNotFound', code: 400, path, customerId: c.id, requestId: cmd.requestId }));
      if (request.goodwillStatus !== 'PENDING') return err(refuse({ reason: 'goodwillDecided', code: 400, path, requestId: request.id, status: request.goodwillStatus }));
      const approved = cmd.decision === 'APPROVED';
      if (approved && request.programId !== null && ledgerOf(c, request.programId) === undefined) {
        return err(refuse({ reason: 'notEnrolled', code: 1013, customerId: c.id, programId: request.programId }));
      }
      const resolved: GoodwillResolved = { kind: 'GoodwillResolved', ...ctx.stamp(), customerId: c.id, requestId: request.id, status: cmd.decision, comments: cmd.comments ?? request.comments };
      const granted = approved ? grant(c, { requestId: request.id, programId: request.programId, points: request.points, coupon: request.coupon }, ctx) : [];
      return ok({ events: [resolved, ...granted] as const, request });
    }),
  respond: ({ events: [e], request }) => ({ success: true, request: resolvedGoodwill(request, e.status, e.comments, e.at, e.till), warnings: NO_WARNINGS }),
};

/** Folding `GoodwillRequested`: the customer holds the request (GDW-1). */
export const goodwillRequestedHandler: EventHandler<GoodwillRequested> = {
  misfit: (reader, e) =>
    firstMisfit(
      () => liveCustomer(reader, e.customerId),
      () =>
        e.goodwillType === 'POINTS'
          ? e.programId === null || e.points === null
            ? err({ misfit: 'shape' as const, path: ['programId'], problem: 'a POINTS request names its program and points' })
            : knownProgram(reader, e.programId)
          : e.coupon === null
            ? err({ misfit: 'shape' as const, path: ['coupon'], problem: 'a COUPON request names its offer' })
            : ok(e.coupon),
    ),
  creates: (e) => [{ counter: 'goodwill', id: e.requestId }],
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    return { records: [recordWith(c, { goodwill: [...c.goodwill, requestOf(e)] })], history: [] };
  },
};

/** Folding `GoodwillResolved`: the pending request approved or rejected (GDW-1). */
export const goodwillResolvedHandler: EventHandler<GoodwillResolved> = {
  misfit: (reader, e) =>
    liveCustomer(reader, e.customerId).match(
      (c) => (c.goodwill.some((g) => g.id === e.requestId && g.goodwillStatus === 'PENDING') ? undefined : { misfit: 'goodwillNotPending', customerId: c.id, requestId: e.requestId }),
      (m) => m,
    ),
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    return {
      records: [recordWith(c, { goodwill: c.goodwill.map((g) => (g.id === e.requestId ? resolvedGoodwill(g, e.status, e.comments, e.at, e.till) : g)) })],
      history: [],
    };
  },
};

