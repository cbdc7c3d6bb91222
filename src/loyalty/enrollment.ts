// Enrollment in the org's loyalty programs: the `loyaltyProgramEnrollments` of Register and Update, and
// the registration reward (PRG-2, PRG-3, RWD-1). The event is `ProgramEnrolled`.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { isIsoDateTime } from '../kernel/dates';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { list, record, text } from '../kernel/parse';
import { invalidInput, refuse, type DomainError, type InputPath } from '../kernel/refusals';
import { tierOf } from '../org/programs';
import { ledgerOf, type Customer, type LoyaltyType } from '../records/customer';
import { recordWith } from '../records/freeze';
import { enroll, loyaltyPoints } from '../records/ledger';
import { firstMisfit, knownProgram, liveCustomer } from '../decider/fit';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, type DecisionContext, type EventHandler } from '../decider/slice';
import { issuedCouponEvent, type CouponIssued } from './coupons';
import { pointsMovedEvent, type PointsMoved } from './points';

/** One item of `loyaltyProgramEnrollments`, as Register and Update carry it (PRG-2). */
export const enrollmentInputSchema = record({
  programId: z.number().int().positive().safe(),
  tierNumber: z.number().int().positive().optional(),
  loyaltyPoints: z.number().int().min(0).max(1e12).optional(),
  tierExpiryDate: text(64).optional(),
  pointsExpiryDate: text(64).optional(),
});

/** The enrollments of a Register or Update body (PRG-2). */
export const enrollmentsInputSchema = list(enrollmentInputSchema, 100);

type EnrollmentInput = z.output<typeof enrollmentInputSchema>;

/** A customer joined a loyalty program, with a starting tier and points (PRG-2). */
export const programEnrolledSchema = record({
  kind: z.literal('ProgramEnrolled'),
  ...eventStampShape,
  customerId: customerIdSchema,
  programId: z.number().int().positive().safe(),
  /** The tier given at enrollment; null for the program's lowest. */
  tierNumber: z.number().int().positive().nullable(),
  points: z.number().int().min(0).max(1e12),
  tierExpiryDate: text(64).nullable(),
  pointsExpiryDate: text(64).nullable(),
});

/** A customer joined a loyalty program (PRG-2). */
export type ProgramEnrolled = z.output<typeof programEnrolledSchema>;

/** An enrollment the rules accepted, before it is an event. */
export type AcceptedEnrollment = Omit<ProgramEnrolled, 'kind' | 'seq' | 'at' | 'till' | 'customerId'>;

/**
 * Reads the enrollments of a request (PRG-2, PRG-3): an unknown program or tier, or a date that is not
 * an ISO date-time, is 400 naming the field; a program the customer is already enrolled in is not
 * enrolled again (the seed's rule), nor one listed twice.
 */
export function readEnrollments(
  reader: GraphReader,
  items: readonly EnrollmentInput[] | undefined,
  existing: Customer | undefined,
  root: InputPath,
): Result<AcceptedEnrollment[], DomainError> {
  const out: AcceptedEnrollment[] = [];
  for (const [i, e] of (items ?? []).entries()) {
    const path = [...root, i];
    const program = reader.org.programs.get(e.programId);
    if (program === undefined) return err(refuse({ reason: 'unknownProgram', code: 400, path: [...path, 'programId'], programId: e.programId }));
    if (e.tierNumber !== undefined && tierOf(program, e.tierNumber) === undefined) {
      return err(refuse({ reason: 'unknownTier', code: 400, path: [...path, 'tierNumber'], programId: e.programId, tierNumber: e.tierNumber }));
    }
    for (const field of ['tierExpiryDate', 'pointsExpiryDate'] as const) {
      const value = e[field];
      if (value !== undefined && !isIsoDateTime(value)) return err(invalidInput([...path, field], 'expected an ISO 8601 date-time with offset'));
    }
    if ((existing !== undefined && ledgerOf(existing, e.programId) !== undefined) || out.some((x) => x.programId === e.programId)) continue;
    out.push({
      programId: e.programId,
      tierNumber: e.tierNumber ?? null,
      points: e.loyaltyPoints ?? 0,
      tierExpiryDate: e.tierExpiryDate ?? null,
      pointsExpiryDate: e.pointsExpiryDate ?? null,
    });
  }
  return ok(out);
}

/**
 * A non-loyalty customer is not enrolled in loyalty programs (LOY-2): enrollments that would enroll one are
 * a 400 naming `loyaltyProgramEnrollments`, so that no command leaves a non-loyalty customer holding a
 * ledger, a state Register could not have made.
 */
export function enrollableAs(loyaltyType: LoyaltyType, accepted: readonly AcceptedEnrollment[], path: InputPath): Result<readonly AcceptedEnrollment[], DomainError> {
  return loyaltyType === 'non_loyalty' && accepted.length > 0 ? err(invalidInput(path, 'a non_loyalty customer is not enrolled in loyalty programs')) : ok(accepted);
}

/** The events of accepted enrollments, stamped in order. */
export function enrollmentEvents(customerId: CustomerId, enrollments: readonly AcceptedEnrollment[], ctx: DecisionContext): ProgramEnrolled[] {
  return enrollments.map((e) => ({ kind: 'ProgramEnrolled', ...ctx.stamp(), customerId, ...e }));
}

/** The `reason` of points awarded for registering, by which the response finds its side effects (RWD-1). */
export const REGISTRATION_REWARD = 'registration';

/**
 * What a registration earns when the org rewards it (RWD-1): the points, enrolling the customer in the
 * program first if needed, and a coupon, reported as the response's `sideEffects`.
 */
export function rewardEvents(
  reader: GraphReader,
  customerId: CustomerId,
  existing: Customer | undefined,
  enrolled: readonly ProgramEnrolled[],
  loyaltyType: LoyaltyType,
  ctx: DecisionContext,
): (ProgramEnrolled | PointsMoved | CouponIssued)[] {
  const { points, coupon } = reader.org.registrationReward;
  const out: (ProgramEnrolled | PointsMoved | CouponIssued)[] = [];
  // Points need a membership, which a non-loyalty customer does not hold (LOY-2); the coupon is still issued.
  if (points !== null && loyaltyType === 'loyalty') {
    const ledger = existing === undefined ? undefined : ledgerOf(existing, points.programId);
    const joined = enrolled.find((e) => e.programId === points.programId);
    let held = ledger === undefined ? (joined?.points ?? 0) : loyaltyPoints(ledger);
    if (ledger === undefined && joined === undefined) {
      out.push({ kind: 'ProgramEnrolled', ...ctx.stamp(), customerId, programId: points.programId, tierNumber: null, points: 0, tierExpiryDate: null, pointsExpiryDate: null });
      held = 0;
    }
    out.push(pointsMovedEvent(ctx, { customerId, programId: points.programId, movement: 'issue', points: points.points, expiresOn: null, purchase: 0, reason: REGISTRATION_REWARD, balance: held + points.points }));
  }
  if (coupon !== null) out.push(issuedCouponEvent(ctx, customerId, coupon));
  return out;
}

/** Folding `ProgramEnrolled`: a new ledger for the program (PRG-2). */
export const programEnrolledHandler: EventHandler<ProgramEnrolled> = {
  misfit: (reader, e) =>
    firstMisfit(
      () => liveCustomer(reader, e.customerId).andThen((c) => (ledgerOf(c, e.programId) === undefined ? ok(c) : err({ misfit: 'alreadyEnrolled' as const, customerId: c.id, programId: e.programId }))),
      () =>
        knownProgram(reader, e.programId).andThen((p) =>
          e.tierNumber === null || tierOf(p, e.tierNumber) !== undefined ? ok(p) : err({ misfit: 'unknownTier' as const, programId: p.id, tierNumber: e.tierNumber }),
        ),
    ),
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    const ledger = enroll(reader.program(e.programId), { tier: e.tierNumber, points: e.points, tierExpiryDate: e.tierExpiryDate, pointsExpiryDate: e.pointsExpiryDate }, e);
    return { records: [recordWith(c, { programs: [...c.programs, ledger] })], history: [] };
  },
};
