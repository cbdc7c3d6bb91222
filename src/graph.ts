import { List as IList, Map as IMap } from 'immutable';
import type { Customer, ProfileData } from './customer';
import type { GraphEvent } from './events';
import type { CustomerId, SourceAccountKey } from './ids';
import type { Identifier } from './identifiers';
import { emptySearchIndex, postingsOf, updateSearchIndex, type SearchIndex } from './internal/search-index';
import type { Org } from './org';
import { sourceAccountKey } from './sources';

/** `type NUL value`: the key of an identifier value across all source accounts. */
export type IdentifierValueKey = string;

/**
 * The customer graph of one org: an immutable value. Every command returns a new graph that shares
 * all untouched structure with the old one, so old snapshots stay valid and cost little (ARC-3).
 */
export interface CustomerGraph {
  readonly org: Org;
  /** Every customer ever created, victims included, by id (HAMT: O(log N) per change). */
  readonly customers: IMap<CustomerId, Customer>;
  /** Identifier value to the live customer holding it in each source account (ID-1, ID-2). */
  readonly identifierIndex: IMap<IdentifierValueKey, IMap<SourceAccountKey, CustomerId>>;
  /** Lower-cased names and identifier values, for prefix search (SRCH-1). */
  readonly searchIndex: SearchIndex;
  /** The id the next new customer gets: ids come from the graph, never from a random source (ARC-1). */
  readonly nextCustomerId: number;
  /** How many events have been folded into this graph; the n-th event has sequence number n. */
  readonly eventCount: number;
  /** The events that touched each customer, with their sequence numbers: the change history is derived from them (HST-1). */
  readonly history: IMap<CustomerId, IList<HistoryEntry>>;
}

/** One event in a customer's history, with its sequence number in the graph (HST-1). */
export interface HistoryEntry {
  readonly seq: number;
  readonly event: GraphEvent;
}

/** The empty graph of an org: the decider's initial state (ARC-2). */
export function emptyGraph(org: Org): CustomerGraph {
  return Object.freeze({
    org,
    customers: IMap<CustomerId, Customer>(),
    identifierIndex: IMap<IdentifierValueKey, IMap<SourceAccountKey, CustomerId>>(),
    searchIndex: emptySearchIndex(),
    nextCustomerId: org.firstCustomerId,
    eventCount: 0,
    history: IMap<CustomerId, IList<HistoryEntry>>(),
  });
}

/** The key of an identifier value, the same in every source account. */
export function identifierValueKey(identifier: Identifier): IdentifierValueKey {
  return `${identifier.type}\u0000${identifier.value}`;
}

/** Every profile of a customer, conflicting ones included, in a stable order. */
export function allProfiles(customer: Customer): readonly ProfileData[] {
  const out: ProfileData[] = [];
  for (const p of customer.profiles) out.push(p, ...p.conflictingProfiles);
  return out;
}

interface IndexEntry {
  readonly valueKey: IdentifierValueKey;
  readonly sak: SourceAccountKey;
}

function indexEntriesOf(customer: Customer | undefined): Map<string, IndexEntry> {
  const out = new Map<string, IndexEntry>();
  if (customer === undefined || customer.status !== 'live') return out;
  for (const p of allProfiles(customer)) {
    const sak = sourceAccountKey(p.source, p.accountId);
    for (const id of p.identifiers) {
      const valueKey = identifierValueKey(id);
      out.set(`${sak}\u0000${valueKey}`, { valueKey, sak });
    }
  }
  return out;
}

/**
 * Stores new versions of some customers and brings both indexes in line with them. The indexes are
 * derived from the records by difference, so they can never disagree with them (ID-1); the cost is
 * proportional to the identifiers of the changed customers, never to the size of the graph (ARC-3).
 */
export function commitCustomers(graph: CustomerGraph, records: readonly Customer[]): CustomerGraph {
  const removals: { id: CustomerId; entry: IndexEntry }[] = [];
  const additions: { id: CustomerId; entry: IndexEntry }[] = [];
  const searchChanges: { before: ReturnType<typeof postingsOf>; after: ReturnType<typeof postingsOf> }[] = [];
  let nextId = graph.nextCustomerId;
  const customers = graph.customers.withMutations((m) => {
    for (const record of records) {
      const before = m.get(record.id);
      const was = indexEntriesOf(before);
      const now = indexEntriesOf(record);
      for (const [k, e] of was) if (!now.has(k)) removals.push({ id: record.id, entry: e });
      for (const [k, e] of now) if (!was.has(k)) additions.push({ id: record.id, entry: e });
      searchChanges.push({ before: postingsOf(before), after: postingsOf(record) });
      m.set(record.id, record);
      if (record.id >= nextId) nextId = record.id + 1;
    }
  });
  let identifierIndex = graph.identifierIndex;
  if (removals.length > 0 || additions.length > 0) {
    identifierIndex = identifierIndex.withMutations((index) => {
      for (const { id, entry } of removals) {
        const holders = index.get(entry.valueKey);
        if (holders === undefined || holders.get(entry.sak) !== id) continue;
        const rest = holders.delete(entry.sak);
        if (rest.size === 0) index.delete(entry.valueKey);
        else index.set(entry.valueKey, rest);
      }
      for (const { id, entry } of additions) {
        const holders = index.get(entry.valueKey) ?? IMap<SourceAccountKey, CustomerId>();
        index.set(entry.valueKey, holders.set(entry.sak, id));
      }
    });
  }
  return Object.freeze({
    org: graph.org,
    customers,
    identifierIndex,
    searchIndex: updateSearchIndex(graph.searchIndex, searchChanges),
    nextCustomerId: nextId,
    eventCount: graph.eventCount,
    history: graph.history,
  });
}

/** Counts one more event and records it in the history of the customers it touched (HST-1). */
export function recordEvent(graph: CustomerGraph, event: GraphEvent, touched: readonly CustomerId[]): CustomerGraph {
  const seq = graph.eventCount + 1;
  const history = graph.history.withMutations((h) => {
    for (const id of new Set(touched)) h.set(id, (h.get(id) ?? IList<HistoryEntry>()).push({ seq, event }));
  });
  return Object.freeze({ ...graph, eventCount: seq, history });
}

/** Replaces the history of some customers, e.g. to drop what a PII deletion removes (PII-1). */
export function rewriteHistory(
  graph: CustomerGraph,
  ids: readonly CustomerId[],
  keep: (entry: HistoryEntry) => HistoryEntry | undefined,
): CustomerGraph {
  const history = graph.history.withMutations((h) => {
    for (const id of ids) {
      const entries = h.get(id);
      if (entries === undefined) continue;
      h.set(id, IList(entries.toArray().flatMap((e) => keep(e) ?? [])));
    }
  });
  return Object.freeze({ ...graph, history });
}

/** The customer with this id, victim or live, if it exists. */
export function customerById(graph: CustomerGraph, id: number): Customer | undefined {
  return graph.customers.get(id as CustomerId);
}

/**
 * The live customer a customer id stands for: itself, or the end of its chain of merges (MRG-4).
 * The chain is followed at most once per customer in the graph, so even a corrupted graph cannot loop.
 */
export function resolveLive(graph: CustomerGraph, id: number): Customer | undefined {
  let current = customerById(graph, id);
  for (let steps = 0; current !== undefined && steps <= graph.customers.size; steps++) {
    if (current.status === 'live') return current;
    if (current.mergedInto === null) return undefined;
    current = customerById(graph, current.mergedInto);
  }
  return undefined;
}

/**
 * The customer at the end of a victim's chain of merges, whatever its status: its live survivor, or the
 * survivor deleted since on a PII request (MRG-4, PII-2). Bounded like `resolveLive`.
 */
export function chainEnd(graph: CustomerGraph, id: number): Customer | undefined {
  let current = customerById(graph, id);
  for (let steps = 0; current !== undefined && steps <= graph.customers.size; steps++) {
    if (current.status !== 'merged' || current.mergedInto === null) return current;
    current = customerById(graph, current.mergedInto);
  }
  return undefined;
}

/** The holders of one identifier value, by source account. */
export function holdersOf(graph: CustomerGraph, identifier: Identifier): IMap<SourceAccountKey, CustomerId> | undefined {
  return graph.identifierIndex.get(identifierValueKey(identifier));
}
