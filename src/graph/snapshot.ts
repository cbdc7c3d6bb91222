// A graph as a plain value and back (ARC-2, ARC-6): the records, each customer's history and the
// counters. The indexes are left out, because they are derived from the records (ID-1).
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { itemsOf } from '../decider/replay';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { parseWith, pathFrom, record } from '../kernel/parse';
import { invalidInput, type DomainError, type InputPath, type InvalidInputError } from '../kernel/refusals';
import type { Org } from '../org/org';
import type { Customer } from '../records/customer';
import { checkGraph, countersOf, customerById, type Counters, type CustomerGraph } from './graph';
import { historyOf, type HistoryEntry } from './history';
import { restoreSnapshot, type SnapshotHeader } from './restore';

/** The history of one customer in a snapshot, oldest entry first (HST-1). */
export interface SnapshotHistory {
  readonly id: CustomerId;
  readonly entries: readonly HistoryEntry[];
}

/** A plain, ordered picture of a graph's records, histories and counters: equal graphs give deep-equal snapshots (ARC-2, ARC-6). */
export interface GraphSnapshot extends Counters {
  readonly org: string;
  /** Every customer, in id order. */
  readonly customers: readonly Customer[];
  /** The histories of the customers that have one, in id order. */
  readonly histories: readonly SnapshotHistory[];
}

/** One customer of a snapshot: its record and its history, oldest entry first (ARC-6). */
export interface SnapshotEntry {
  readonly record: Customer;
  readonly history: readonly HistoryEntry[];
}

/** A snapshot as its counters and a lazy walk of its customers, for writing one that is too large to build at once (ARC-6). */
export interface SnapshotParts {
  readonly header: SnapshotHeader;
  /** Every customer in id order, read from the graph as the walk goes: the graph is a value, so the walk sees it as it was. */
  readonly entries: () => Iterable<SnapshotEntry>;
}

/**
 * The counters of a graph and a walk of its customers (ARC-6): `graphSnapshot` without building it, for a
 * writer that streams it. `restoreSnapshot` reads it back. Anything but a graph of this library is refused.
 */
export function snapshotParts(graph: CustomerGraph): Result<SnapshotParts, InvalidInputError> {
  const checked = checkGraph(graph);
  if (checked.isErr()) return err(checked.error);
  const g = checked.value;
  function* entries(): Generator<SnapshotEntry> {
    for (let id = g.org.firstCustomerId; id < g.nextCustomerId; id++) {
      const record = customerById(g, id);
      if (record !== undefined) yield { record, history: historyOf(g, id as CustomerId) };
    }
  }
  return ok({ header: { org: g.org.id, ...countersOf(g) }, entries });
}

/**
 * The snapshot of a graph (ARC-2, ARC-6): `graphFromSnapshot` makes it a graph again. Anything but a
 * graph of this library is refused.
 * @example
 * const snapshot = graphSnapshot(graph)._unsafeUnwrap();
 * const again = graphFromSnapshot(graph.org, JSON.parse(JSON.stringify(snapshot)))._unsafeUnwrap();
 */
export function graphSnapshot(graph: CustomerGraph): Result<GraphSnapshot, InvalidInputError> {
  return snapshotParts(graph).map(({ header, entries }) => {
    const customers: Customer[] = [];
    const histories: SnapshotHistory[] = [];
    for (const { record, history } of entries()) {
      customers.push(record);
      if (history.length > 0) histories.push({ id: record.id, entries: history });
    }
    return { ...header, customers, histories };
  });
}

/**
 * The graph a snapshot pictures (ARC-6), from a value brought from outside: its counters, records and
 * histories are read with their schemas and must fit the org and one another (valid ids and merge
 * links, the org's tills, accounts and programs, no identifier held twice in a source account, lots
 * that add up). The first misfit is refused with its path; the graph answers every query as the one the
 * snapshot was taken of; `at` prefixes the path of every refusal (`['body']` for a request body). For a
 * snapshot read as it streams, see `restoreSnapshot`.
 * @example
 * const again = graphFromSnapshot(org, JSON.parse(text));
 * if (again.isErr()) console.error(again.error.message); // names the first misfit by its path
 */
export function graphFromSnapshot(org: Org, snapshot: unknown, at: InputPath = []): Result<CustomerGraph, DomainError> {
  const steps = snapshotSteps(org, snapshot, at);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * `graphFromSnapshot` in steps (ARC-6): the generator pauses after every `every` customers (yielding how
 * many are in), so that a host can let other work run between them, and returns the same result.
 * @example
 * const steps = snapshotSteps(org, body, ['body']);
 * let step = steps.next();
 * while (step.done !== true) { await new Promise((r) => setImmediate(r)); step = steps.next(); }
 * const graph = step.value;
 */
export function* snapshotSteps(org: Org, snapshot: unknown, at: InputPath = [], every = 256): Generator<number, Result<CustomerGraph, DomainError>, void> {
  const root = pathFrom(at);
  const pause = Number.isSafeInteger(every) && every > 0 ? every : 256;
  let customers: unknown;
  let histories: unknown;
  try {
    ({ customers, histories = [] } = (typeof snapshot === 'object' && snapshot !== null ? snapshot : {}) as { customers?: unknown; histories?: unknown });
  } catch (error) {
    return err(invalidInput(root, `unreadable snapshot (${error instanceof Error ? error.name : typeof error})`));
  }
  const restorer = restoreSnapshot(org, snapshot, root);
  if (restorer.isErr()) return err(restorer.error);
  const records = itemsOf(customers, 'customers').mapErr((e) => within(root, e));
  if (records.isErr()) return err(records.error);
  const lists = itemsOf(histories, 'histories').mapErr((e) => within(root, e));
  if (lists.isErr()) return err(lists.error);
  const byId = historiesById(lists.value, root);
  if (byId.isErr()) return err(byId.error);
  for (const [i, raw] of records.value.entries()) {
    const id = idOf(raw);
    const history = id === undefined ? undefined : byId.value.get(id);
    if (id !== undefined) byId.value.delete(id);
    const added = restorer.value.add(raw, history?.entries ?? [], [...root, 'customers', i], history === undefined ? undefined : [...root, 'histories', history.index, 'entries']);
    if (added.isErr()) return err(added.error);
    if ((i + 1) % pause === 0) yield i + 1;
  }
  for (const [id, { index }] of byId.value) return err(invalidInput([...root, 'histories', index, 'id'], `customer ${id} is not in the snapshot`));
  return restorer.value.finish(root);
}

/** The id a raw record claims, if it can be read: only to pair it with its history, which its own check confirms. */
function idOf(raw: unknown): number | undefined {
  try {
    const id: unknown = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}

const historyItemSchema = record({ id: customerIdSchema, entries: z.unknown() });

/** The histories by customer id, each with its index in the list; an id listed twice is refused. */
function historiesById(items: readonly unknown[], root: InputPath): Result<Map<number, { readonly index: number; readonly entries: unknown }>, DomainError> {
  const out = new Map<number, { readonly index: number; readonly entries: unknown }>();
  for (const [index, raw] of items.entries()) {
    const item = parseWith(historyItemSchema, raw, [...root, 'histories', index]);
    if (item.isErr()) return err(item.error);
    if (out.has(item.value.id)) return err(invalidInput([...root, 'histories', index, 'id'], `a second history of customer ${item.value.id}`));
    out.set(item.value.id, { index, entries: item.value.entries });
  }
  return ok(out);
}

/** An error of a list read at the top of the snapshot, with its path under `root`. */
function within(root: InputPath, e: DomainError): DomainError {
  return root.length === 0 || e.reason !== 'invalidInput' ? e : invalidInput([...root, ...e.path], e.problem);
}
