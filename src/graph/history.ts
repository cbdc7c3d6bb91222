// Each customer's history: the events that touched it and that Get Change Requests is made of, newest
// first, as a linked list per customer (HST-1). Nodes are frozen and shared between versions.
import type { GraphEvent } from '../decider/events';
import type { CustomerId } from '../kernel/ids';
import { HISTORY, versionOf, type CustomerGraph } from './graph';
import { readKey, type Writer } from './store';

/** One event in a customer's history, with its sequence number in the graph (HST-1). */
export interface HistoryEntry {
  readonly seq: number;
  readonly event: GraphEvent;
}

/** A history entry and the one before it. */
interface HistoryNode extends HistoryEntry {
  readonly previous: HistoryNode | null;
}

/** The history of a customer, oldest entry first (HST-1). */
export function historyOf(graph: CustomerGraph, id: CustomerId): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let n = readKey<HistoryNode>(versionOf(graph), HISTORY, id) ?? null; n !== null; n = n.previous) {
    out.push({ seq: n.seq, event: n.event });
  }
  return out.reverse();
}

/** Records an event as the newest entry of a customer's history. */
export function recordHistory(w: Writer, id: CustomerId, seq: number, event: GraphEvent): void {
  const previous = w.get<HistoryNode>(HISTORY, id) ?? null;
  w.set(HISTORY, id, Object.freeze({ seq, event, previous }));
}

/** Replaces a customer's history with these entries, oldest first (PII-1). */
export function replaceHistory(w: Writer, id: CustomerId, entries: readonly HistoryEntry[]): void {
  if (w.get<HistoryNode>(HISTORY, id) === undefined) return;
  let node: HistoryNode | null = null;
  for (const e of entries) node = Object.freeze({ seq: e.seq, event: e.event, previous: node });
  if (node === null) w.delete(HISTORY, id);
  else w.set(HISTORY, id, node);
}
