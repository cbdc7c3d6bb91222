// A tier reviewed at its expiry date (TIR-1..TIR-4): the event `TierReviewed`, which the clock's advance
// emits (loyalty/clock.ts). It carries the outcome the decider computed, so that the fold applies it as it
// is; an event brought from outside must carry the outcome the rules give at its time.
import { err, ok } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { isIsoDateTime } from '../kernel/dates';
import { withLedger } from '../records/customer';
import { applyReview, reviewOf, type TierReview } from '../records/tier-review';
import { enrolledLedger, knownProgram, liveCustomer, misfitOf } from '../decider/fit';
import { eventStampShape, type DecisionContext, type EventHandler } from '../decider/slice';
import type { CustomerId } from '../kernel/ids';

/** A member's tier was reviewed at its expiry date: renewed, lowered, or the base tier kept without an expiry (TIR-1..TIR-4). */
export const tierReviewedSchema = record({
  kind: z.literal('TierReviewed'),
  ...eventStampShape,
  customerId: customerIdSchema,
  programId: z.number().int().positive().safe(),
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  outcome: z.enum(['renewed', 'downgraded', 'kept']),
  tierExpiryDate: text(64).refine(isIsoDateTime, 'expected an ISO 8601 date-time with offset').nullable(),
});

/** A member's tier was reviewed at its expiry date (TIR-1). */
export type TierReviewed = z.output<typeof tierReviewedSchema>;

/** The `TierReviewed` event of a review, stamped at the tier's expiry date (TIR-1). */
export function tierReviewedEvent(ctx: DecisionContext, at: string, customerId: CustomerId, programId: number, review: TierReview): TierReviewed {
  return { kind: 'TierReviewed', ...ctx.stamp(), at, customerId, programId, ...review };
}

/** Folding `TierReviewed`: the ledger takes the outcome the event carries (TIR-1..TIR-3). */
export const tierReviewedHandler: EventHandler<TierReviewed> = {
  misfit(reader, e) {
    return misfitOf(
      knownProgram(reader, e.programId).andThen((program) =>
        liveCustomer(reader, e.customerId).andThen((c) =>
          enrolledLedger(c, e.programId).andThen((l) => {
            const bad = (problem: string) => err({ misfit: 'tierReview' as const, customerId: c.id, programId: program.id, problem });
            const review = reviewOf(program, l);
            if (review === undefined || l.tierExpiryDate === null) return bad('no tier review is due');
            if (Date.parse(l.tierExpiryDate) !== Date.parse(e.at)) return bad(`the tier expires at ${l.tierExpiryDate}, the event is at ${e.at}`);
            if (review.from !== e.from || review.to !== e.to || review.outcome !== e.outcome || review.tierExpiryDate !== e.tierExpiryDate) {
              return bad(`the rules give ${review.outcome} from ${review.from} to ${review.to} until ${review.tierExpiryDate ?? 'no expiry'}`);
            }
            return ok(l);
          }),
        ),
      ),
    );
  },
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    const review: TierReview = { from: e.from, to: e.to, outcome: e.outcome, tierExpiryDate: e.tierExpiryDate };
    return { records: [withLedger(c, applyReview(reader.program(e.programId), reader.ledger(c, e.programId), review, e))], history: [c.id] };
  },
};
