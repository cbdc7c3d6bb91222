// The org's clock as a graph knows it, and what falls due next (CLK-1, CLK-2, CLK-4): what the emulator's
// `GET /_emulator/clock` answers, and what it reads to run due items when a request touches the org.
import { ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { CustomerId } from '../kernel/ids';
import type { DomainError } from '../kernel/refusals';
import type { DueKind } from '../graph/due-index';
import { runQuery } from './query';

/** The next item due, with its instant as an ISO 8601 date-time in UTC (CLK-2). */
export interface DueView {
  readonly at: string;
  readonly customerId: CustomerId;
  readonly programId: number;
  readonly kind: DueKind;
}

/** The clock of a graph: where due items have run through, whether it was set there, and what falls due next (CLK-1, CLK-4). */
export interface ClockView {
  /** The instant of the last advance; null before the first. */
  readonly advancedTo: string | null;
  /** True when the clock was set at `advancedTo` and stays there; false when it follows the wall clock. */
  readonly set: boolean;
  readonly nextDue: DueView | null;
}

/**
 * The graph's clock and its next due item (CLK-1, CLK-2, CLK-4): reading it costs one step into the due
 * index, whatever the graph holds. Anything but a graph of this library is refused.
 */
export function clockOf(graph: unknown): Result<ClockView, DomainError> {
  return runQuery(graph, {}, z.object({}), (reader) => {
    const first = reader.firstDue();
    const clock = reader.clock;
    const nextDue = first === undefined ? null : { at: new Date(first.at).toISOString(), customerId: first.customerId, programId: first.programId, kind: first.kind };
    return ok({ advancedTo: clock?.at ?? null, set: clock?.set ?? false, nextDue });
  });
}
