import { err, ok, type Result } from 'neverthrow';
import type { DomainError } from '../kernel/refusals';
import { checkGraph, closeBatchAt, openBatchAt, type CustomerGraph } from '../graph/graph';
import type { Command, ParsedCommand } from './commands';
import { decideCommand, markDecided, type ResponseByKind } from './decide';
import type { GraphEvent } from './events';
import { foldEvent } from './fold';
import { itemsOf } from './replay';

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
 * ```ts
 * import { decide, defaultOrg, emptyGraph, evolveAll } from 'customer-graph';
 *
 * const graph = emptyGraph(defaultOrg())._unsafeUnwrap();
 * const decided = decide(graph, {
 *   kind: 'register',
 *   source: 'INSTORE',
 *   body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] },
 *   meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' },
 * });
 * if (decided.isOk()) evolveAll(graph, decided.value); // the graph with Ann registered
 * ```
 */
export function decide(graph: CustomerGraph, command: Command | ParsedCommand): Result<readonly GraphEvent[], DomainError> {
  return decideCommand(graph, command).map((d) => markDecided(d.events, d.graph));
}

/**
 * Decides and folds in one step: the new graph, the events and the documented response, or the
 * documented error with the graph untouched (ARC-2, ARC-5). The events come from the decider on this
 * very graph, so they are folded as they are, never checked again (ARC-2).
 * @example
 * ```ts
 * import { defaultOrg, emptyGraph, execute } from 'customer-graph';
 *
 * let graph = emptyGraph(defaultOrg())._unsafeUnwrap();
 * const done = execute(graph, {
 *   kind: 'register',
 *   source: 'INSTORE',
 *   body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] },
 *   meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' },
 * });
 * if (done.isOk()) {
 *   graph = done.value.graph;
 *   done.value.response.createdId; // 1
 * } else {
 *   console.error(done.error.code, done.error.message);
 * }
 * ```
 */
export function execute<C extends Command | ParsedCommand>(graph: CustomerGraph, command: C): Result<Executed<ResponseByKind[C['kind']]>, DomainError> {
  const decided = decideCommand(graph, command);
  if (decided.isErr()) return err(decided.error);
  const { events, response } = decided.value;
  const next = events.reduce(foldEvent, decided.value.graph);
  // The parsed command has the kind of the command given, so its response is that kind's.
  return ok({ graph: next, events, response: response as ResponseByKind[C['kind']] });
}

/** What one command of `executeAll` did: its events and documented response (its graph is the batch's). */
export interface Decided<R> {
  readonly events: readonly GraphEvent[];
  readonly response: R;
}

/** What `executeAll` gives back: the graph after every accepted command, and each command's outcome in order. */
export interface ExecutedAll {
  readonly graph: CustomerGraph;
  readonly outcomes: readonly Result<Decided<ResponseByKind[Command['kind']]>, DomainError>[];
}

/**
 * Executes many commands in order, in one call: the same outcomes and the same final graph as `execute`
 * one by one, each command on the graph the accepted ones before it made and a refused one changing
 * nothing, but written as one batch in place, so that a bulk load does not pay a new version per command
 * (ARC-2, ARC-3). Only the final graph is a value; the graph given stays as it was.
 * @example
 * const { graph: loaded, outcomes } = executeAll(emptyGraph(org)._unsafeUnwrap(), registrations)._unsafeUnwrap();
 * const refused = outcomes.filter((o) => o.isErr()).length;
 */
export function executeAll(graph: CustomerGraph, commands: Iterable<Command | ParsedCommand>): Result<ExecutedAll, DomainError> {
  const checked = checkGraph(graph);
  if (checked.isErr()) return err(checked.error);
  const read = itemsOf(commands, 'commands');
  if (read.isErr()) return err(read.error);
  const items = read.value;
  if (items.length === 0) return ok({ graph: checked.value, outcomes: [] });
  let current = openBatchAt(checked.value);
  const outcomes: Result<Decided<ResponseByKind[Command['kind']]>, DomainError>[] = [];
  for (const command of items) {
    // `decideCommand` parses each command itself: anything that is not one is refused as its outcome.
    const decided = decideCommand(current, command as Command);
    if (decided.isErr()) {
      outcomes.push(err(decided.error));
      continue;
    }
    const { events, response } = decided.value;
    current = events.reduce(foldEvent, decided.value.graph);
    outcomes.push(ok({ events, response }));
  }
  return ok({ graph: closeBatchAt(current), outcomes });
}
