// A tier's review at its expiry date: the program's renewal condition is met or the tier is lowered by the
// program's downgrade strategy (TIR-1..TIR-4). Pure maths over frozen ledgers, like records/ledger.ts: the
// decider computes the outcome once, the event carries it, and the fold applies it without deciding again.
import { shiftDate } from '../kernel/durations';
import type { ProgramDef, TierReviewPolicy } from '../org/programs';
import { tierChange, type ProgramLedger, type Stamp } from './ledger';

/** What a review does to a tier: keeps it for one more period, lowers it, or leaves the base tier without an expiry (TIR-2..TIR-4). */
export type ReviewOutcome = 'renewed' | 'downgraded' | 'kept';

/** The result of a tier review: the tier before and after, and when the tier after expires (TIR-1). */
export interface TierReview {
  readonly from: number;
  readonly to: number;
  readonly outcome: ReviewOutcome;
  /** Null for the base tier, which does not expire (TIR-4). */
  readonly tierExpiryDate: string | null;
}

/** Whether the member earned what the program asks since its tier period began (TIR-2). */
export function renewalMet(policy: TierReviewPolicy, l: ProgramLedger): boolean {
  const { renewal } = policy;
  switch (renewal.kind) {
    case 'points':
      return l.issued - l.reviewBase.issued >= renewal.points;
    case 'purchases':
      return l.cumulativePurchases - l.reviewBase.purchases >= renewal.amount;
    default: {
      const unreachable: never = renewal;
      return unreachable;
    }
  }
}

/** The tier a member who did not renew goes to: one below, or the program's base tier (TIR-3). */
function lowered(program: ProgramDef, policy: TierReviewPolicy, tier: number): number {
  const base = program.tiers[0]?.serialNumber ?? tier;
  switch (policy.downgrade) {
    case 'baseTier':
      return base;
    case 'oneTier':
      return [...program.tiers].reverse().find((t) => t.serialNumber < tier)?.serialNumber ?? base;
    default: {
      const unreachable: never = policy.downgrade;
      return unreachable;
    }
  }
}

/**
 * The review of a ledger's tier at its expiry date, for a program that reviews tiers (TIR-1..TIR-4): the
 * base tier is kept and stops expiring (91011: already the lowest); a met renewal condition keeps the tier
 * for `validityDays` more; otherwise the tier is lowered, and the lowered tier holds for `validityDays`
 * unless it is the base tier. Undefined when there is nothing to review.
 */
export function reviewOf(program: ProgramDef, l: ProgramLedger): TierReview | undefined {
  const policy = program.tierReview;
  if (policy === null || l.tierExpiryDate === null) return undefined;
  const base = program.tiers[0]?.serialNumber ?? l.tier;
  const next = shiftDate(l.tierExpiryDate, { days: policy.validityDays });
  if (l.tier <= base) return { from: l.tier, to: l.tier, outcome: 'kept', tierExpiryDate: null };
  if (renewalMet(policy, l)) return { from: l.tier, to: l.tier, outcome: 'renewed', tierExpiryDate: next };
  const to = lowered(program, policy, l.tier);
  return { from: l.tier, to, outcome: 'downgraded', tierExpiryDate: to <= base ? null : next };
}

/**
 * The ledger after a review (TIR-1..TIR-3): a new tier period begins; a lowered tier is the new floor, and
 * the points earned before it no longer count towards an upgrade; a renewal or a downgrade is recorded in
 * the tier history (`RENEWAL`, `DOWNGRADE`), a kept base tier is not a change.
 */
export function applyReview(program: ProgramDef, l: ProgramLedger, review: TierReview, stamp: Stamp): ProgramLedger {
  const reviewBase = Object.freeze({ issued: l.issued, purchases: l.cumulativePurchases });
  const changed = review.outcome === 'kept' ? l.tierHistory : Object.freeze([...l.tierHistory, tierChange(program.id, review.from, review.to, review.tierExpiryDate, stamp)]);
  const down = review.outcome === 'downgraded';
  return Object.freeze({
    ...l,
    tier: review.to,
    floorTier: down ? review.to : l.floorTier,
    upgradeBase: down ? l.issued : l.upgradeBase,
    tierExpiryDate: review.tierExpiryDate,
    tierHistory: changed,
    reviewBase,
  });
}
