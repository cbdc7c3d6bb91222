import { err, ok, type Result } from 'neverthrow';
import type { DomainError } from '../kernel/refusals';
import type { CustomerGraph } from '../graph/graph';
import type { Command, ParsedCommand } from './commands';
import { decideCommand, markDecided, type ResponseByKind } from './decide';
import type { GraphEvent } from './events';
import { foldEvent } from './fold';

/** What `execute` gives back: the new graph, the events that made it, and the documented response. */
export interface Executed<R> {
  readonly graph: CustomerGraph;
  readonly events: readonly GraphEvent[];
  readonly response: R;
}

/**
 * The decider: what a command means against the graph, as events, or the documented error (ARC-1,
 * ARC-2, ERR-1). It reads no clock and makes no ids of its own: time and till come in the command's
 * metadata, and ids from the graph's counters.
 * @example
 * const events = decide(graph, { kind: 'merge', survivorId: 1, victimId: 2, meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' } });
 */
export function decide(graph: CustomerGraph, command: Command | ParsedCommand): Result<readonly GraphEvent[], DomainError> {
  return decideCommand(graph, command).map((d) => markDecided(d.events, d.graph));
}

/**
 * Decides and folds in one step: the new graph, the events and the documented response, or the
 * documented error with the graph untouched (ARC-2, ARC-5). The events come from the decider on this
 * very graph, so they are folded as they are, never checked again (ARC-2).
 * @example
 * const done = execute(graph, { kind: 'register', source: 'INSTORE', body, meta });
 * if (done.isOk()) graph = done.value.graph;
 */
export function execute<C extends Command | ParsedCommand>(graph: CustomerGraph, command: C): Result<Executed<ResponseByKind[C['kind']]>, DomainError> {
  const decided = decideCommand(graph, command);
  if (decided.isErr()) return err(decided.error);
  const { events, response } = decided.value;
  const next = events.reduce(foldEvent, decided.value.graph);
  // The parsed command has the kind of the command given, so its response is that kind's.
  return ok({ graph: next, events, response: response as ResponseByKind[C['kind']] });
}
