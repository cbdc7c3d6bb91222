// Writing a graph: one event's outcome, as the new versions of the records it changed, in one new
// version of the store. The indexes are derived from the records by difference, so they can never
// disagree with them (ID-1); the cost is proportional to the identifiers of the changed customers,
// never to the size of the graph (ARC-3).
import type { GraphEvent } from '../decider/events';
import type { CustomerId } from '../kernel/ids';
import type { Customer } from '../records/customer';
import { CUSTOMERS, DUE, graphAt, SEARCH, versionOf, type Counters, type CustomerGraph, type GraphClock } from './graph';
import { recordHistory, replaceHistory, type HistoryEntry } from './history';
import { accountNumbers, reindexIdentifiers, type AccountNumbers } from './identifier-index';
import { postingKeysOf } from './search-index';
import { dueKeysOf } from './due-index';
import type { Org } from '../org/org';
import { writeVersion, type Writer } from './store';

/** What folding one event changes: the new records, whose histories record it, and histories rewritten. */
export interface Change {
  readonly records: readonly Customer[];
  /** The customers whose history records the event (HST-1); none for events no change request is made of. */
  readonly history: readonly CustomerId[];
  /** Histories replaced, e.g. without what a PII deletion removes (PII-1). */
  readonly rewrites?: readonly { readonly id: CustomerId; readonly entries: readonly HistoryEntry[] }[];
  /** The org's clock after the event, when the event moves it (CLK-1). */
  readonly clock?: GraphClock;
}

function reindexSearch(w: Writer, before: Customer | undefined, after: Customer): void {
  // A key can occur twice (a conflicting profile with the same name as its main profile): sets, not lists.
  const oldKeys = new Set(postingKeysOf(before));
  const newKeys = new Set(postingKeysOf(after));
  for (const k of oldKeys) if (!newKeys.has(k)) w.remove(SEARCH, k);
  for (const k of newKeys) if (!oldKeys.has(k)) w.add(SEARCH, k);
}

function reindexDue(w: Writer, org: Org, before: Customer | undefined, after: Customer): void {
  const oldKeys = new Set(dueKeysOf(org, before));
  const newKeys = new Set(dueKeysOf(org, after));
  for (const k of oldKeys) if (!newKeys.has(k)) w.remove(DUE, k);
  for (const k of newKeys) if (!oldKeys.has(k)) w.add(DUE, k);
}

/** Writes a customer's new record with its identifier, search and due postings, by difference (ID-1, CLK-2). */
export function writeRecord(w: Writer, org: Org, numbers: AccountNumbers, record: Customer): void {
  const before = w.get<Customer>(CUSTOMERS, record.id);
  // Records share untouched parts with their previous version: same profiles and status, same postings.
  const statusChanged = before === undefined || before.status !== record.status;
  if (statusChanged || before.profiles !== record.profiles) {
    reindexIdentifiers(w, numbers, before, record);
    reindexSearch(w, before, record);
  }
  if (statusChanged || before.programs !== record.programs) reindexDue(w, org, before, record);
  w.set(CUSTOMERS, record.id, record);
}

/** The graph after one event: its change written in one new version, with the counters given (ID-1, ARC-3). */
export function commit(graph: CustomerGraph, event: GraphEvent, change: Change, counters: Counters): CustomerGraph {
  const numbers = accountNumbers(graph.org);
  const version = writeVersion(versionOf(graph), (w) => {
    for (const record of change.records) writeRecord(w, graph.org, numbers, record);
    for (const id of new Set(change.history)) recordHistory(w, id, event.seq, event);
    for (const { id, entries } of change.rewrites ?? []) replaceHistory(w, id, entries);
  });
  return graphAt(graph.org, counters, version);
}
