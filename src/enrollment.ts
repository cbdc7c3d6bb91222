import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { Customer } from './customer';
import { invalidInput, type DomainError } from './errors';
import type { GraphEvent, ProgramEnrolled } from './events';
import type { CustomerId } from './ids';
import { couponFrom, sequenceFrom } from './loyalty';
import type { Org } from './org';
import type { CustomerGraph } from './graph';
import { isIsoDateTime, parseWith, type ValidMeta } from './validate';

/** One item of `loyaltyProgramEnrollments`, as Register and Update carry it (PRG-2). */
export const enrollmentSchema = z.object({
  programId: z.number().int().positive(),
  tierNumber: z.number().int().positive().optional(),
  loyaltyPoints: z.number().int().min(0).max(1e12).optional(),
  tierExpiryDate: z.string().max(64).optional(),
  pointsExpiryDate: z.string().max(64).optional(),
});

type EnrollmentInput = z.output<typeof enrollmentSchema>;

/**
 * Reads the enrollments of a request (PRG-2, PRG-3): an unknown program or tier is 400 naming the field;
 * a program the customer is already enrolled in is not enrolled again (the seed's rule), nor one listed twice.
 */
export function enrollmentEvents(
  org: Org,
  items: readonly unknown[] | undefined,
  customerId: CustomerId,
  existing: Customer | undefined,
  meta: ValidMeta,
): Result<ProgramEnrolled[], DomainError> {
  const out: ProgramEnrolled[] = [];
  for (const [i, raw] of (items ?? []).entries()) {
    const path = ['loyaltyProgramEnrollments', String(i)];
    const parsed = parseWith<EnrollmentInput>(enrollmentSchema, raw, path);
    if (parsed.isErr()) return err(parsed.error);
    const e = parsed.value;
    const program = org.programs.get(e.programId);
    if (program === undefined) return err(invalidInput([...path, 'programId'], `unknown program ${e.programId}`));
    if (e.tierNumber !== undefined && !program.tiers.some((t) => t.serialNumber === e.tierNumber)) {
      return err(invalidInput([...path, 'tierNumber'], `program ${e.programId} has no tier ${e.tierNumber}`));
    }
    for (const field of ['tierExpiryDate', 'pointsExpiryDate'] as const) {
      const value = e[field];
      if (value !== undefined && !isIsoDateTime(value)) return err(invalidInput([...path, field], 'expected an ISO 8601 date-time with offset'));
    }
    if (existing?.programs.some((l) => l.programId === e.programId) || out.some((x) => x.programId === e.programId)) continue;
    out.push({
      kind: 'ProgramEnrolled',
      customerId,
      programId: e.programId,
      tierNumber: e.tierNumber ?? null,
      points: e.loyaltyPoints ?? 0,
      tierExpiryDate: e.tierExpiryDate ?? null,
      pointsExpiryDate: e.pointsExpiryDate ?? null,
      at: meta.at,
      till: meta.till,
    });
  }
  return ok(out);
}

/**
 * What a registration earns when the org rewards it (RWD-1): the points, enrolling the customer in the
 * program first if needed, and a coupon, reported as the response's `sideEffects`.
 */
export function rewardEvents(
  graph: CustomerGraph,
  customerId: CustomerId,
  existing: Customer | undefined,
  before: readonly GraphEvent[],
  meta: ValidMeta,
): GraphEvent[] {
  const { points, coupon } = graph.org.registrationReward;
  const out: GraphEvent[] = [];
  const base = { at: meta.at, till: meta.till };
  if (points !== null) {
    const enrolled =
      existing?.programs.some((l) => l.programId === points.programId) === true ||
      before.some((e) => e.kind === 'ProgramEnrolled' && e.programId === points.programId);
    if (!enrolled) {
      out.push({
        kind: 'ProgramEnrolled',
        customerId,
        programId: points.programId,
        tierNumber: null,
        points: 0,
        tierExpiryDate: null,
        pointsExpiryDate: null,
        ...base,
      });
    }
    out.push({
      kind: 'PointsMoved',
      customerId,
      programId: points.programId,
      movement: 'issue',
      points: points.points,
      expiresOn: null,
      purchase: 0,
      reason: REGISTRATION_REWARD,
      ...base,
    });
  }
  if (coupon !== null) {
    const seq = sequenceFrom(graph);
    const id = seq() + before.length + out.length;
    out.push({ kind: 'CouponIssued', customerId, coupon: couponFrom(coupon, id, customerId, meta), ...base });
  }
  return out;
}

/** The `reason` of points awarded for registering, by which the response finds its side effects (RWD-1). */
export const REGISTRATION_REWARD = 'registration';
