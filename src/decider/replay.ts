// Folding events a caller brings (a log, a replay, an import): each is read into the library's own copy
// and checked for its fit to the graph before it is folded, and the first that does not fit is refused
// by its index and reason; nothing is skipped and nothing is applied silently (ARC-2, ARC-4, ARC-5).
import { err, ok, type Result } from 'neverthrow';
import type { CustomerId } from '../kernel/ids';
import type { IdCounter, Misfit } from '../kernel/misfits';
import { parseWith } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { checkGraph, closeBatchAt, openBatchAt, type CustomerGraph } from '../graph/graph';
import { readerOf } from '../graph/reader';
import { mergeOwed } from '../identity/change-identifier';
import { decidedFor } from './decide';
import { graphEventSchema, type EventKind, type EventMap, type GraphEvent } from './events';
import { foldEvent, handlerOf } from './fold';
import type { GraphReader } from './read-model';

/** A merge an added identifier made due: nothing but the victim's other identifier changes may come first (CHG-4, ID-2). */
interface Owed {
  readonly victimId: CustomerId;
  readonly survivorId: CustomerId;
}

const NEXT: { readonly [C in IdCounter]: (r: GraphReader) => number } = {
  customer: (r) => r.counters.nextCustomerId,
  coupon: (r) => r.counters.nextCouponId,
  transfer: (r) => r.counters.nextTransferId,
  goodwill: (r) => r.counters.nextGoodwillId,
};

function misfitOfKind<K extends EventKind>(reader: GraphReader, kind: K, event: EventMap[K]): Misfit | undefined {
  const handler = handlerOf(kind);
  for (const { counter, id } of handler.creates?.(event) ?? []) {
    const expected = NEXT[counter](reader);
    if (id !== expected) return { misfit: 'idOutOfTurn', counter, expected, found: id };
  }
  return handler.misfit(reader, event);
}

/** Why an event does not fit the graph, if it does not: its sequence number, till, created ids, then its kind's checks. */
function misfitOf(reader: GraphReader, event: GraphEvent, owed: Owed | undefined): Misfit | undefined {
  const expected = reader.counters.eventCount + 1;
  if (event.seq !== expected) return { misfit: 'sequence', expected, found: event.seq };
  if (!reader.org.tills.has(event.till)) return { misfit: 'unknownTill', till: event.till };
  if (owed !== undefined) {
    const merging = event.kind === 'CustomersMerged' && event.victimId === owed.victimId && event.survivorId === owed.survivorId;
    const sameChange = (event.kind === 'IdentifierAdded' || event.kind === 'IdentifierRemoved') && event.customerId === owed.victimId;
    if (!merging && !sameChange) return { misfit: 'mergeOwed', victimId: owed.victimId, survivorId: owed.survivorId };
  }
  return misfitOfKind(reader, event.kind, event);
}

function misfit(index: number, eventKind: string | null, m: Misfit): DomainError {
  return refuse({ reason: 'eventMisfit', code: 400, path: ['events', index], index, eventKind, misfit: m });
}

/**
 * The items of an iterable caller value named `field`, or why they cannot be read (a non-iterable, a
 * throwing iterator). Copied first, so that reading the caller's list (a Proxy, a throwing iterator)
 * happens here alone.
 */
export function itemsOf(value: unknown, field: string): Result<readonly unknown[], DomainError> {
  try {
    if (typeof value === 'object' && value !== null && (Array.isArray(value) || Symbol.iterator in value)) return ok(Array.from(value as Iterable<unknown>));
  } catch (error) {
    return err(refuse({ reason: 'invalidInput', code: 400, path: [field], problem: `unreadable ${field} (${error instanceof Error ? error.name : typeof error})` }));
  }
  return err(refuse({ reason: 'invalidInput', code: 400, path: [field], problem: `expected a list of ${field}` }));
}

/**
 * Folds events brought from outside, in order: each is read into the library's own frozen copy (keys
 * outside its schema dropped) and must fit the graph it is folded into: the next sequence number, a till
 * of the org, the next id of what it creates, live customers, the org's programs and source accounts, a
 * debit within the balance, identifiers normalised and free. The first event that does not is refused
 * with its index and reason, and the graph given stays as it was (ARC-2, ARC-5).
 * @example
 * const rebuilt = evolveAll(emptyGraph(org)._unsafeUnwrap(), eventsFromALog);
 * if (rebuilt.isErr()) console.error(rebuilt.error.message); // names the first misfit by its index
 */
export function evolveAll(graph: CustomerGraph, events: Iterable<unknown>): Result<CustomerGraph, DomainError> {
  const checked = checkGraph(graph);
  if (checked.isErr()) return err(checked.error);
  // The very events `decide` made for this very graph fit it: they are folded as they are.
  // Folded as one batch of in-place writes (a log of a million lines clones each table once); a misfit
  // abandons the batch, and the graph given was never written.
  if (decidedFor(checked.value, events)) return ok(closeBatchAt((events as readonly GraphEvent[]).reduce(foldEvent, openBatchAt(checked.value))));
  const items = itemsOf(events, 'events');
  if (items.isErr()) return err(items.error);
  if (items.value.length === 0) return ok(checked.value);
  let current = openBatchAt(checked.value);
  let owed: Owed | undefined;
  for (const [index, raw] of items.value.entries()) {
    const parsed = parseWith(graphEventSchema, raw, [], true);
    if (parsed.isErr()) {
      const { path, problem } = parsed.error;
      return err(misfit(index, kindOf(raw), { misfit: 'shape', path, problem }));
    }
    const event = parsed.value;
    const reader = readerOf(current);
    const found = misfitOf(reader, event, owed);
    if (found !== undefined) return err(misfit(index, event.kind, found));
    current = foldEvent(current, event);
    if (event.kind === 'IdentifierAdded') {
      const survivorId = mergeOwed(readerOf(current), event);
      owed = survivorId === undefined ? owed : { victimId: event.customerId, survivorId };
    } else if (event.kind === 'CustomersMerged') {
      owed = undefined;
    }
  }
  return ok(closeBatchAt(current));
}

/**
 * Folds one event brought from outside: `evolveAll` of one (ARC-2).
 * @example
 * ```ts
 * import { decide, defaultOrg, emptyGraph, evolve } from 'customer-graph';
 *
 * const start = emptyGraph(defaultOrg())._unsafeUnwrap();
 * const events = decide(start, {
 *   kind: 'register',
 *   source: 'INSTORE',
 *   body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] },
 *   meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' },
 * })._unsafeUnwrap();
 * let graph = start;
 * for (const event of events) graph = evolve(graph, event)._unsafeUnwrap();
 * graph.customerCount; // 1
 * ```
 */
export function evolve(graph: CustomerGraph, event: unknown): Result<CustomerGraph, DomainError> {
  return evolveAll(graph, [event]);
}

function kindOf(raw: unknown): string | null {
  try {
    const kind: unknown = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
    return typeof kind === 'string' && kind.length <= 64 ? kind : null;
  } catch {
    return null;
  }
}
