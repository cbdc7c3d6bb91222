// Writing a graph: one event's outcome, as the new versions of the records it changed, in one new
// version of the store. The indexes are derived from the records by difference, so they can never
// disagree with them (ID-1); the cost is proportional to the identifiers of the changed customers,
// never to the size of the graph (ARC-3).
import type { GraphEvent } from '../decider/events';
import type { CustomerId } from '../kernel/ids';
import type { Customer } from '../records/customer';
import { CUSTOMERS, graphAt, SEARCH, versionOf, type Counters, type CustomerGraph } from './graph';
import { recordHistory, replaceHistory, type HistoryEntry } from './history';
import { accountNumbers, reindexIdentifiers, type AccountNumbers } from './identifier-index';
import { postingKeysOf } from './search-index';
import { writeVersion, type Writer } from './store';

/** What folding one event changes: the new records, whose histories record it, and histories rewritten. */
export interface Change {
  readonly records: readonly Customer[];
  /** The customers whose history records the event (HST-1); none for events no change request is made of. */
  readonly history: readonly CustomerId[];
  /** Histories replaced, e.g. without what a PII deletion removes (PII-1). */
  readonly rewrites?: readonly { readonly id: CustomerId; readonly entries: readonly HistoryEntry[] }[];
}

function reindexSearch(w: Writer, before: Customer | undefined, after: Customer): void {
  // A key can occur twice (a conflicting profile with the same name as its main profile): sets, not lists.
  const oldKeys = new Set(postingKeysOf(before));
  const newKeys = new Set(postingKeysOf(after));
  for (const k of oldKeys) if (!newKeys.has(k)) w.remove(SEARCH, k);
  for (const k of newKeys) if (!oldKeys.has(k)) w.add(SEARCH, k);
}

/** Writes a customer's new record with its identifier and search postings, by difference (ID-1). */
export function writeRecord(w: Writer, numbers: AccountNumbers, record: Customer): void {
  const before = w.get<Customer>(CUSTOMERS, record.id);
  // Records share untouched parts with their previous version: same profiles and status, same postings.
  if (before === undefined || before.profiles !== record.profiles || before.status !== record.status) {
    reindexIdentifiers(w, numbers, before, record);
    reindexSearch(w, before, record);
  }
  w.set(CUSTOMERS, record.id, record);
}

/** The graph after one event: its change written in one new version, with the counters given (ID-1, ARC-3). */
export function commit(graph: CustomerGraph, event: GraphEvent, change: Change, counters: Counters): CustomerGraph {
  const numbers = accountNumbers(graph.org);
  const version = writeVersion(versionOf(graph), (w) => {
    for (const record of change.records) writeRecord(w, numbers, record);
    for (const id of new Set(change.history)) recordHistory(w, id, event.seq, event);
    for (const { id, entries } of change.rewrites ?? []) replaceHistory(w, id, entries);
  });
  return graphAt(graph.org, counters, version);
}
