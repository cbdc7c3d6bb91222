// Time as an input that moves (CLK-1..CLK-4): `advanceClock` takes the org's graph to an instant and emits,
// in date order, what is due by then: points lots past their expiry expire (PTS-3) and tiers past their
// expiry date are reviewed (TIR-1). What is due is read from the due index, ordered by date, so the cost
// grows with the items due, never with the customers (CLK-2). `ClockAdvanced` closes the run.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { record } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import type { CustomerId } from '../kernel/ids';
import type { ProgramDef } from '../org/programs';
import { ledgerOf } from '../records/customer';
import { duePoints, expirePoints, loyaltyPoints, type ProgramLedger } from '../records/ledger';
import { applyReview, reviewOf } from '../records/tier-review';
import { earliestLotExpiry, tierReviewDue } from '../graph/due-index';
import { commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, type CommandSlice, type DecisionContext, type Decision, type EventHandler } from '../decider/slice';
import type { PointsExpired } from './points';
import { tierReviewedEvent, type TierReviewed } from './tier-review';

/**
 * Move the org's clock to the command's time (`meta.at`), running what is due by then (CLK-1); `set` says
 * the clock stays there until it is moved again, rather than following the wall clock (CLK-4).
 * @example
 * execute(graph, { kind: 'advanceClock', set: true, meta: { at: '2025-02-01T00:00:00Z', till: 'demo.till' } });
 */
export const advanceClockCommandSchema = record({
  kind: z.literal('advanceClock'),
  set: z.boolean().optional(),
  meta: commandMetaSchema,
});

/** Move the org's clock forward, running what is due (CLK-1). */
export type AdvanceClockCommand = z.input<typeof advanceClockCommandSchema>;

/** The clock reached `at`, after `due` events that fell due on the way (CLK-1, CLK-3). */
export const clockAdvancedSchema = record({
  kind: z.literal('ClockAdvanced'),
  ...eventStampShape,
  set: z.boolean(),
  due: z.number().int().min(0).safe(),
});

/** The clock reached an instant (CLK-1). */
export type ClockAdvanced = z.output<typeof clockAdvancedSchema>;

/** The answer of an advance: where the clock is, and what ran on the way (CLK-1). */
export interface AdvanceClockResponse {
  readonly success: true;
  readonly clock: string;
  readonly set: boolean;
  /** The points expiries that ran, one per ledger and date (PTS-3). */
  readonly pointsExpired: readonly { readonly customerId: CustomerId; readonly programId: number; readonly at: string; readonly points: number }[];
  /** The tier reviews that ran (TIR-1). */
  readonly tierReviews: readonly { readonly customerId: CustomerId; readonly programId: number; readonly at: string; readonly from: number; readonly to: number; readonly outcome: TierReviewed['outcome'] }[];
  readonly warnings: readonly DomainWarning[];
}

type DueEvent = PointsExpired | TierReviewed;

/** One event planned for a ledger, before the run is put in date order and stamped. */
interface Planned {
  readonly at: number;
  readonly make: (ctx: DecisionContext) => DueEvent;
}

// What one ledger does until `until`: its due items one after another, each on the ledger the last one
// left, so that a review counts the points an earlier expiry took (CLK-3).
function planLedger(reader: GraphReader, program: ProgramDef, customerId: CustomerId, first: ProgramLedger, until: number, till: DecisionContext['till'], out: Planned[]): void {
  let l = first;
  // Each step removes a lot or moves the tier's expiry date forward (or clears it): the loop ends.
  for (;;) {
    const points = earliestLotExpiry(l);
    const tier = tierReviewDue(reader.org, l);
    const next = points === undefined ? tier : tier === undefined ? points : Math.min(points, tier);
    if (next === undefined || next > until) return;
    // The ledger planned ahead is thrown away: the fold makes the real one, with the real sequence numbers.
    const stamp = { at: '', till, seq: 0 };
    if (points === next) {
      const at = l.lots.find((lot) => lot.expiresOn !== null && lot.remaining > 0 && Date.parse(lot.expiresOn) === points)?.expiresOn ?? '';
      const expired = duePoints(l, at);
      const balance = loyaltyPoints(l) - expired;
      out.push({ at: next, make: (ctx) => ({ kind: 'PointsExpired', ...ctx.stamp(), at, customerId, programId: program.id, points: expired, balance }) });
      l = expirePoints(program, l, { ...stamp, at });
      continue;
    }
    const review = reviewOf(program, l);
    const at = l.tierExpiryDate;
    if (review === undefined || at === null) return;
    out.push({ at: next, make: (ctx) => tierReviewedEvent(ctx, at, customerId, program.id, review) });
    l = applyReview(program, l, review, { ...stamp, at });
  }
}

/**
 * Decides an advance (CLK-1..CLK-3): a clock never moves back (400 naming `meta.at`); every live member's
 * due items up to the instant run in date order (earlier dates first; at one date, points before tiers),
 * each event stamped at the date it fell due, and `ClockAdvanced` closes the run at the instant.
 */
export function decideAdvanceClock(reader: GraphReader, cmd: z.output<typeof advanceClockCommandSchema>, ctx: DecisionContext): Result<Decision<readonly (DueEvent | ClockAdvanced)[]>, DomainError> {
  const until = Date.parse(ctx.at);
  const clock = reader.clock;
  if (clock !== null && Date.parse(clock.at) > until) return err(refuse({ reason: 'clockBackwards', code: 400, path: ['meta', 'at'], clock: clock.at, asked: ctx.at }));
  const planned: Planned[] = [];
  const seen = new Set<string>();
  for (const item of reader.dueThrough(until)) {
    const key = `${item.customerId}:${item.programId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const customer = reader.customer(item.customerId);
    const program = reader.org.programs.get(item.programId);
    const ledger = customer === undefined ? undefined : ledgerOf(customer, item.programId);
    if (program !== undefined && ledger !== undefined) planLedger(reader, program, item.customerId, ledger, until, ctx.till, planned);
  }
  // A stable sort: within one ledger the plan is already in date order, points before tiers at one date.
  const ordered = planned.map((p, i) => ({ p, i })).sort((a, b) => a.p.at - b.p.at || a.i - b.i);
  const events: (DueEvent | ClockAdvanced)[] = ordered.map(({ p }) => p.make(ctx));
  events.push({ kind: 'ClockAdvanced', ...ctx.stamp(), set: cmd.set ?? false, due: ordered.length });
  return ok({ events });
}

function respond(decision: Decision<readonly (DueEvent | ClockAdvanced)[]>): AdvanceClockResponse {
  const pointsExpired: AdvanceClockResponse['pointsExpired'][number][] = [];
  const tierReviews: AdvanceClockResponse['tierReviews'][number][] = [];
  let clock = '';
  let set = false;
  for (const e of decision.events) {
    switch (e.kind) {
      case 'PointsExpired':
        pointsExpired.push({ customerId: e.customerId, programId: e.programId, at: e.at, points: e.points });
        break;
      case 'TierReviewed':
        tierReviews.push({ customerId: e.customerId, programId: e.programId, at: e.at, from: e.from, to: e.to, outcome: e.outcome });
        break;
      case 'ClockAdvanced':
        clock = e.at;
        set = e.set;
        break;
      default: {
        const unreachable: never = e;
        void unreachable;
      }
    }
  }
  return { success: true, clock, set, pointsExpired, tierReviews, warnings: NO_WARNINGS };
}

/** Move the clock forward and run what is due (CLK-1..CLK-3). */
export const advanceClockSlice: CommandSlice<z.output<typeof advanceClockCommandSchema>, Decision<readonly (DueEvent | ClockAdvanced)[]>, AdvanceClockResponse> = {
  decide: decideAdvanceClock,
  respond,
};

/** Folding `ClockAdvanced`: the graph's clock moves; from outside, only forward and with nothing due left behind it (CLK-1, CLK-3). */
export const clockAdvancedHandler: EventHandler<ClockAdvanced> = {
  misfit(reader, e) {
    const clock = reader.clock?.at ?? null;
    if (clock !== null && Date.parse(clock) > Date.parse(e.at)) return { misfit: 'clock', clock, at: e.at, problem: 'backwards' };
    if (reader.dueThrough(Date.parse(e.at), 1).length > 0) return { misfit: 'clock', clock, at: e.at, problem: 'dueLeft' };
    return undefined;
  },
  apply: (_reader, e) => ({ records: [], history: [], clock: Object.freeze({ at: e.at, set: e.set }) }),
};
