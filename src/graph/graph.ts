// The graph value: the counters a user sees, and the version of the store that holds the tables. Only
// this folder knows the tables; the rules read through decider/read-model.ts and the queries through
// graph/reader.ts.
import { err, ok, type Result } from 'neverthrow';
import type { CustomerId } from '../kernel/ids';
import { invalidInput, type InvalidInputError } from '../kernel/refusals';
import { IDENTIFIER_TYPES } from '../org/identifiers';
import { isOrg, type Org } from '../org/org';
import type { Customer } from '../records/customer';
import { IdTrie } from './id-trie';
import { StringHamt } from './string-hamt';
import { emptySearchIndex } from './search-index';
import { emptyDueIndex } from './due-index';
import { closeBatch, createStore, openBatch, readKey, type Table, type Version } from './store';

/**
 * The customer graph of one org: an immutable value. Every command returns a new graph and leaves the
 * old one as it was, so any earlier graph can still be read, or written from (ARC-2, ARC-3). The records
 * and indexes are reached through the library's functions; a graph itself shows only its counters.
 */
export interface CustomerGraph {
  readonly org: Org;
  /** How many events have been folded into this graph; the next event has sequence number `eventCount + 1`. */
  readonly eventCount: number;
  /** How many customers the graph holds, victims and deleted ones included. */
  readonly customerCount: number;
  /** The id the next new customer gets: ids come from counters in the graph, never from a random source (ARC-1). */
  readonly nextCustomerId: number;
  /** The id the next coupon gets (CPN-2). */
  readonly nextCouponId: number;
  /** The id the next points transfer gets (TRF-1). */
  readonly nextTransferId: number;
  /** The id the next goodwill request gets (GDW-1). */
  readonly nextGoodwillId: number;
  /** The instant through which due items have run, and whether the clock was set there; null before the first advance (CLK-1). */
  readonly clock: GraphClock | null;
}

/** The org's clock as the graph knows it: due items have run through `at`; `set` when it was set there rather than following the wall clock (CLK-1, CLK-4). */
export interface GraphClock {
  readonly at: string;
  readonly set: boolean;
}

/** The counters of a graph, as a plain value. */
export type Counters = Omit<CustomerGraph, 'org'>;

// The tables of a graph's store: customers by id; the newest history entry of each customer, linked to the
// older ones; the search index; then one table per identifier type, from the normalised value to the live
// customer(s) holding it.
export const CUSTOMERS = 0;
export const HISTORY = 1;
export const SEARCH = 2;
export const IDENTIFIER_TABLE_BASE = 3;
export const IDENTIFIER_TABLE: ReadonlyMap<string, number> = new Map(IDENTIFIER_TYPES.map((t, i) => [t, IDENTIFIER_TABLE_BASE + i]));
/** The due index, after the identifier tables (CLK-2). */
export const DUE = IDENTIFIER_TABLE_BASE + IDENTIFIER_TYPES.length;

/** The implementation of `CustomerGraph`: the counters, and the version of the store that holds the rest. */
class Graph implements CustomerGraph {
  readonly org: Org;
  readonly eventCount: number;
  readonly customerCount: number;
  readonly nextCustomerId: number;
  readonly nextCouponId: number;
  readonly nextTransferId: number;
  readonly nextGoodwillId: number;
  readonly clock: GraphClock | null;
  readonly #version: Version;
  // The graph's reader, made on first use. A private field, so freezing the graph does not stop it.
  #reader: object | undefined = undefined;

  constructor(org: Org, counters: Counters, version: Version) {
    this.org = org;
    this.eventCount = counters.eventCount;
    this.customerCount = counters.customerCount;
    this.nextCustomerId = counters.nextCustomerId;
    this.nextCouponId = counters.nextCouponId;
    this.nextTransferId = counters.nextTransferId;
    this.nextGoodwillId = counters.nextGoodwillId;
    this.clock = counters.clock;
    this.#version = version;
    Object.freeze(this);
  }

  /** True for a graph this module made, whatever `value` is: a Proxy or a copy has no private version. */
  static is(value: unknown): value is Graph {
    return typeof value === 'object' && value !== null && #version in value;
  }

  static versionOf(graph: Graph): Version {
    return graph.#version;
  }

  static memo<R extends object>(graph: Graph, make: (graph: CustomerGraph) => R): R {
    return (graph.#reader ??= make(graph)) as R;
  }
}

/** True for a graph made by this library: `emptyGraph` and the functions that return new graphs (ARC-5). */
export function isCustomerGraph(value: unknown): value is CustomerGraph {
  return Graph.is(value);
}

/** A graph refused: anything that is not a graph this library made (a copy, a Proxy, null) (ARC-5). */
export function checkGraph(value: unknown): Result<CustomerGraph, InvalidInputError> {
  return Graph.is(value) ? ok(value) : err(invalidInput(['graph'], 'not a customer graph: make one with emptyGraph(org)'));
}

/** The store version behind a graph this module made. */
export function versionOf(graph: CustomerGraph): Version {
  return Graph.versionOf(graph as Graph);
}

/**
 * The reader of a graph, made by `make` once per graph and kept with it. Readers made per call died young,
 * and V8 drops the optimized code checking for a shape no live object has at every full GC: the read path
 * went back through the compiler after each one.
 */
export function readerSlot<R extends object>(graph: CustomerGraph, make: (graph: CustomerGraph) => R): R {
  return Graph.memo(graph as Graph, make);
}

/** A graph of the org with these counters over this version of the store. */
export function graphAt(org: Org, counters: Counters, version: Version): CustomerGraph {
  return new Graph(org, counters, version);
}

/**
 * A graph whose next writes go in place, for a bulk load (`executeAll`, `evolveAll`): each graph folded
 * from it is spent once the next one exists; `closeBatchAt` makes the last one a value. `graph` itself
 * stays as it was (the batch clones each table on its first write to it).
 */
export function openBatchAt(graph: CustomerGraph): CustomerGraph {
  return new Graph(graph.org, countersOf(graph), openBatch(versionOf(graph)));
}

/** Ends the batch whose newest graph is `graph`: from now on it is an ordinary, immutable graph. */
export function closeBatchAt(graph: CustomerGraph): CustomerGraph {
  closeBatch(versionOf(graph));
  return graph;
}

/** The counters of a graph. */
export function countersOf(graph: CustomerGraph): Counters {
  return {
    eventCount: graph.eventCount,
    customerCount: graph.customerCount,
    nextCustomerId: graph.nextCustomerId,
    nextCouponId: graph.nextCouponId,
    nextTransferId: graph.nextTransferId,
    nextGoodwillId: graph.nextGoodwillId,
    clock: graph.clock,
  };
}

/**
 * The empty graph of an org: the decider's initial state (ARC-2). Anything but an org that `defineOrg`
 * or `defaultOrg` built is refused.
 * @example
 * ```ts
 * import { defaultOrg, emptyGraph } from 'customer-graph';
 *
 * const graph = emptyGraph(defaultOrg())._unsafeUnwrap();
 * graph.customerCount; // 0
 * ```
 */
export function emptyGraph(org: Org): Result<CustomerGraph, InvalidInputError> {
  if (!isOrg(org)) return err(invalidInput(['org'], 'not an org: make one with defineOrg(config) or defaultOrg()'));
  const tables = [new IdTrie(), new IdTrie(), emptySearchIndex() as unknown as Table, ...IDENTIFIER_TYPES.map(() => new StringHamt()), emptyDueIndex() as unknown as Table] as Table[];
  const counters: Counters = { eventCount: 0, customerCount: 0, nextCustomerId: org.firstCustomerId, nextCouponId: 1, nextTransferId: 1, nextGoodwillId: 1, clock: null };
  return ok(new Graph(org, counters, createStore(tables)));
}

/** The customer with this id, victim or live, if it exists. */
export function customerById(graph: CustomerGraph, id: number): Customer | undefined {
  return readKey<Customer>(versionOf(graph), CUSTOMERS, id);
}

/**
 * The customer at the end of a victim's chain of merges, whatever its status: its live survivor, or the
 * survivor deleted since on a PII request (MRG-4, PII-2). The chain is followed at most once per
 * customer in the graph, so even a corrupted graph cannot loop.
 */
export function chainEnd(graph: CustomerGraph, id: number): Customer | undefined {
  let current = customerById(graph, id);
  for (let steps = 0; current !== undefined && steps <= graph.customerCount; steps++) {
    if (current.status !== 'merged' || current.mergedInto === null) return current;
    current = customerById(graph, current.mergedInto);
  }
  return undefined;
}

/** The ids of every customer of the graph, victims and deleted ones included, in id order. */
export function customerIds(graph: CustomerGraph): CustomerId[] {
  const ids: CustomerId[] = [];
  for (let id = graph.org.firstCustomerId; id < graph.nextCustomerId; id++) ids.push(id as CustomerId);
  return ids;
}
