import type { Customer, ProfileData } from './customer';
import type { GraphEvent } from './events';
import type { CustomerId, SourceAccountKey } from './ids';
import { IDENTIFIER_TYPES, type Identifier } from './identifiers';
import { emptySearchIndex, postingKeysOf, scanPrefix } from './internal/search-index';
import { createStore, readKey, readTables, writeVersion, type Version, type Writer } from './internal/versioned-store';
import type { Org } from './org';
import { MULTI_ACCOUNT_SOURCES, SOURCES, sourceAccountKey, type Source } from './sources';

/**
 * The customer graph of one org: an immutable value. Every command returns a new graph and leaves the
 * old one as it was, so any earlier graph can still be read, or written from (ARC-2, ARC-3). The records
 * and indexes are reached through the library's functions; a graph itself shows only its counters.
 */
export interface CustomerGraph {
  readonly org: Org;
  /** The id the next new customer gets: ids come from the graph, never from a random source (ARC-1). */
  readonly nextCustomerId: number;
  /** How many events have been folded into this graph; the n-th event has sequence number n. */
  readonly eventCount: number;
  /** How many customers the graph holds, victims and deleted ones included. */
  readonly customerCount: number;
}

/** One event in a customer's history, with its sequence number in the graph (HST-1). */
export interface HistoryEntry {
  readonly seq: number;
  readonly event: GraphEvent;
}

// The tables of a graph's store (see internal/versioned-store.ts for how versions share them):
// customers by id; the newest history entry of each customer, linked to the older ones; the search index;
// then one table per identifier type, from the normalised value to the live customer(s) holding it.
const CUSTOMERS = 0;
const HISTORY = 1;
const SEARCH = 2;
const IDENTIFIER_TABLE_BASE = 3;
const IDENTIFIER_TABLE: ReadonlyMap<string, number> = new Map(IDENTIFIER_TYPES.map((t, i) => [t, IDENTIFIER_TABLE_BASE + i]));

/**
 * Who holds one identifier value: a holding (customer and source account packed in one number), or
 * (rarely: one customer holding it in several source accounts, or several customers) a list of them.
 */
type Holders = number | readonly number[];

/**
 * The source accounts of an org, numbered from 1 so that a holding packs into one small integer:
 * `customerId * slots + account`. Number 0 stands for an account the org's configuration does not list
 * (only a replayed event can bring one); for those the account is read from the customer's record.
 */
interface AccountNumbers {
  readonly slots: number;
  readonly numbers: ReadonlyMap<string, number>;
  readonly keys: readonly SourceAccountKey[];
}

const accountNumbersByOrg = new WeakMap<Org, AccountNumbers>();

function accountNumbers(org: Org): AccountNumbers {
  let found = accountNumbersByOrg.get(org);
  if (found === undefined) {
    const keys: SourceAccountKey[] = [];
    for (const source of SOURCES) {
      if (MULTI_ACCOUNT_SOURCES.has(source)) for (const account of org.accounts.get(source) ?? []) keys.push(sourceAccountKey(source, account));
      else keys.push(sourceAccountKey(source, ''));
    }
    found = { slots: keys.length + 1, numbers: new Map(keys.map((k, i) => [k, i + 1])), keys };
    accountNumbersByOrg.set(org, found);
  }
  return found;
}

function accountNumber(numbers: AccountNumbers, source: Source, accountId: string): number {
  return numbers.numbers.get(MULTI_ACCOUNT_SOURCES.has(source) ? `${source}/${accountId}` : source) ?? 0;
}

/** A history entry and the one before it. */
interface HistoryNode extends HistoryEntry {
  readonly previous: HistoryNode | null;
}

/** The implementation of `CustomerGraph`: the counters, and the version of the store that holds the rest. */
class Graph implements CustomerGraph {
  readonly org: Org;
  readonly nextCustomerId: number;
  readonly eventCount: number;
  readonly customerCount: number;
  readonly #version: Version;

  constructor(org: Org, nextCustomerId: number, eventCount: number, customerCount: number, version: Version) {
    this.org = org;
    this.nextCustomerId = nextCustomerId;
    this.eventCount = eventCount;
    this.customerCount = customerCount;
    this.#version = version;
    Object.freeze(this);
  }

  /** The store version of a graph this module made; anything else is refused with a TypeError. */
  static versionOf(graph: CustomerGraph): Version {
    if (!(graph instanceof Graph)) throw new TypeError('not a customer graph: make one with emptyGraph(org)');
    return graph.#version;
  }
}

const versionOf = Graph.versionOf;

/** True for a graph made by this library (`emptyGraph` and the functions that return new graphs). */
export function isCustomerGraph(value: unknown): value is CustomerGraph {
  return value instanceof Graph;
}

/** The empty graph of an org: the decider's initial state (ARC-2). */
export function emptyGraph(org: Org): CustomerGraph {
  const tables = [new Map(), new Map(), emptySearchIndex(), ...IDENTIFIER_TYPES.map(() => new Map())];
  return new Graph(org, org.firstCustomerId, 0, 0, createStore(tables));
}

/** Every profile of a customer, conflicting ones included, in a stable order. */
export function allProfiles(customer: Customer): readonly ProfileData[] {
  const out: ProfileData[] = [];
  for (const p of customer.profiles) out.push(p, ...p.conflictingProfiles);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** The customer with this id, victim or live, if it exists. */
export function customerById(graph: CustomerGraph, id: number): Customer | undefined {
  return readKey<Customer>(versionOf(graph), CUSTOMERS, id);
}

/**
 * The live customer a customer id stands for: itself, or the end of its chain of merges (MRG-4).
 * The chain is followed at most once per customer in the graph, so even a corrupted graph cannot loop.
 */
export function resolveLive(graph: CustomerGraph, id: number): Customer | undefined {
  let current = customerById(graph, id);
  for (let steps = 0; current !== undefined && steps <= graph.customerCount; steps++) {
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
  for (let steps = 0; current !== undefined && steps <= graph.customerCount; steps++) {
    if (current.status !== 'merged' || current.mergedInto === null) return current;
    current = customerById(graph, current.mergedInto);
  }
  return undefined;
}

/** Every customer of the graph, victims and deleted ones included, by id. */
export function allCustomers(graph: CustomerGraph): Customer[] {
  return readTables(versionOf(graph), (tables) => [...(tables[CUSTOMERS] as Map<CustomerId, Customer>).values()]).sort(
    (a, b) => a.id - b.id,
  );
}

function holdingsAt(graph: CustomerGraph, identifier: Identifier): Holders | undefined {
  const table = IDENTIFIER_TABLE.get(identifier.type);
  return table === undefined ? undefined : readKey<Holders>(versionOf(graph), table, identifier.value);
}

function profileHolds(p: ProfileData, identifier: Identifier): boolean {
  for (const i of p.identifiers) if (i.value === identifier.value && i.type === identifier.type) return true;
  return false;
}

/** The source accounts where a customer's record holds the identifier, in its profile or a conflicting one there. */
function accountsHolding(customer: Customer, identifier: Identifier): SourceAccountKey[] {
  const out: SourceAccountKey[] = [];
  for (const p of customer.profiles) {
    if (profileHolds(p, identifier) || p.conflictingProfiles.some((q) => profileHolds(q, identifier))) {
      out.push(sourceAccountKey(p.source, p.accountId));
    }
  }
  return out;
}

/** Every (source account, live customer) a holdings entry stands for, oldest first. */
function decodeHoldings(graph: CustomerGraph, identifier: Identifier, holders: Holders): { sak: SourceAccountKey; id: CustomerId }[] {
  const numbers = accountNumbers(graph.org);
  const out: { sak: SourceAccountKey; id: CustomerId }[] = [];
  for (const h of typeof holders === 'number' ? [holders] : holders) {
    const id = Math.floor(h / numbers.slots) as CustomerId;
    const account = h % numbers.slots;
    if (account !== 0) {
      out.push({ sak: numbers.keys[account - 1] as SourceAccountKey, id });
      continue;
    }
    const c = customerById(graph, id);
    const known = new Set(numbers.keys as readonly string[]);
    for (const sak of c === undefined ? [] : accountsHolding(c, identifier)) if (!known.has(sak)) out.push({ sak, id });
  }
  return out;
}

/** The live customer holding an identifier in one source account, if any (ID-1). */
export function holderIn(graph: CustomerGraph, identifier: Identifier, source: Source, accountId: string): CustomerId | undefined {
  const holders = holdingsAt(graph, identifier);
  if (holders === undefined) return undefined;
  const numbers = accountNumbers(graph.org);
  const account = accountNumber(numbers, source, accountId);
  if (account !== 0) {
    if (typeof holders === 'number') return holders % numbers.slots === account ? (Math.floor(holders / numbers.slots) as CustomerId) : undefined;
    for (const h of holders) if (h % numbers.slots === account) return Math.floor(h / numbers.slots) as CustomerId;
    return undefined;
  }
  const sak = sourceAccountKey(source, accountId);
  return decodeHoldings(graph, identifier, holders).find((h) => h.sak === sak)?.id;
}

/** The first live customer to have taken an identifier value, in any source account (LKP-1 with `ALL`). */
export function firstHolder(graph: CustomerGraph, identifier: Identifier): CustomerId | undefined {
  const holders = holdingsAt(graph, identifier);
  const first = holders === undefined || typeof holders === 'number' ? holders : holders[0];
  return first === undefined ? undefined : (Math.floor(first / accountNumbers(graph.org).slots) as CustomerId);
}

/** Every (source account, live customer) holding an identifier value, oldest holding first (ID-1, REG-6). */
export function holdersOf(graph: CustomerGraph, identifier: Identifier): { readonly sak: SourceAccountKey; readonly id: CustomerId }[] {
  const holders = holdingsAt(graph, identifier);
  return holders === undefined ? [] : decodeHoldings(graph, identifier, holders);
}

/** The history of a customer, oldest entry first (HST-1). */
export function historyOf(graph: CustomerGraph, id: CustomerId): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let n = readKey<HistoryNode>(versionOf(graph), HISTORY, id) ?? null; n !== null; n = n.previous) {
    out.push({ seq: n.seq, event: n.event });
  }
  return out.reverse();
}

/** The search index's posting keys for a query's prefix, in key order (SRCH-1). */
export function searchKeys(graph: CustomerGraph, prefix: string): string[] {
  return readTables(versionOf(graph), (tables) => scanPrefix(tables[SEARCH] as ReturnType<typeof emptySearchIndex>, prefix));
}

/**
 * Everything the indexes hold, for tests and diagnostics: the identifier index as (type, value, customer)
 * triples, every search posting key, and every customer's history.
 */
export function indexContents(graph: CustomerGraph): {
  /** One entry per holding: a customer holding a value in two source accounts appears twice, unless the org does not list them. */
  readonly identifiers: readonly (readonly [type: string, value: string, id: CustomerId])[];
  readonly searchKeys: readonly string[];
  readonly history: ReadonlyMap<CustomerId, readonly HistoryEntry[]>;
} {
  const version = versionOf(graph);
  const { identifiers, keys, owners } = readTables(version, (tables) => {
    const identifiers: [string, string, CustomerId][] = [];
    const { slots } = accountNumbers(graph.org);
    IDENTIFIER_TYPES.forEach((type, i) => {
      for (const [value, holders] of tables[IDENTIFIER_TABLE_BASE + i] as Map<string, Holders>) {
        for (const h of typeof holders === 'number' ? [holders] : holders) identifiers.push([type, value, Math.floor(h / slots) as CustomerId]);
      }
    });
    const keys = [...(tables[SEARCH] as ReturnType<typeof emptySearchIndex>).keys()];
    const owners = [...(tables[HISTORY] as Map<CustomerId, HistoryNode>).keys()];
    return { identifiers, keys, owners };
  });
  const history = new Map<CustomerId, HistoryEntry[]>();
  for (const id of owners.sort((a, b) => a - b)) history.set(id, historyOf(graph, id));
  return { identifiers, searchKeys: keys, history };
}

// ---------------------------------------------------------------------------------------------------
// Writing

/**
 * The holdings of a customer as flat triples (identifier table, value, holding), each once; none unless
 * it is live. Accounts the org does not list share holding number 0, so they count once per customer.
 */
function holdingsOfRecord(numbers: AccountNumbers, customer: Customer | undefined): (number | string)[] {
  const out: (number | string)[] = [];
  if (customer === undefined || customer.status !== 'live') return out;
  for (const profile of customer.profiles) {
    const holding = customer.id * numbers.slots + accountNumber(numbers, profile.source, profile.accountId);
    addHoldings(out, profile, holding);
    for (const p of profile.conflictingProfiles) addHoldings(out, p, holding);
  }
  return out;
}

function addHoldings(out: (number | string)[], p: ProfileData, holding: number): void {
  for (const i of p.identifiers) {
    const table = IDENTIFIER_TABLE.get(i.type);
    if (table !== undefined && indexOfTriple(out, table, i.value, holding) === -1) out.push(table, i.value, holding);
  }
}

function indexOfTriple(triples: readonly (number | string)[], table: number, value: string, holding: number): number {
  for (let k = 0; k < triples.length; k += 3) if (triples[k + 2] === holding && triples[k + 1] === value && triples[k] === table) return k;
  return -1;
}

function addHolding(w: Writer, table: number, value: string, holding: number): void {
  const holders = w.get<Holders>(table, value);
  if (holders === undefined) w.set(table, value, holding);
  else if (typeof holders === 'number') {
    if (holders !== holding) w.set(table, value, Object.freeze([holders, holding]));
  } else if (!holders.includes(holding)) w.set(table, value, Object.freeze([...holders, holding]));
}

function removeHolding(w: Writer, table: number, value: string, holding: number): void {
  const holders = w.get<Holders>(table, value);
  if (holders === undefined) return;
  if (typeof holders === 'number') {
    if (holders === holding) w.delete(table, value);
    return;
  }
  const rest = holders.filter((h) => h !== holding);
  if (rest.length === holders.length) return;
  w.set(table, value, rest.length === 1 ? (rest[0] as number) : Object.freeze(rest));
}

function updateIndexes(w: Writer, numbers: AccountNumbers, before: Customer | undefined, after: Customer): void {
  // Records share untouched parts with their previous version: same profiles and status, same postings.
  if (before !== undefined && before.profiles === after.profiles && before.status === after.status) return;
  const was = holdingsOfRecord(numbers, before);
  const now = holdingsOfRecord(numbers, after);
  for (let k = 0; k < was.length; k += 3) {
    const [table, value, holding] = [was[k] as number, was[k + 1] as string, was[k + 2] as number];
    if (indexOfTriple(now, table, value, holding) === -1) removeHolding(w, table, value, holding);
  }
  for (let k = 0; k < now.length; k += 3) {
    const [table, value, holding] = [now[k] as number, now[k + 1] as string, now[k + 2] as number];
    if (indexOfTriple(was, table, value, holding) === -1) addHolding(w, table, value, holding);
  }
  // A key can occur twice (a conflicting profile with the same name as its main profile): sets, not lists.
  const oldKeys = new Set(postingKeysOf(before));
  const newKeys = new Set(postingKeysOf(after));
  for (const k of oldKeys) if (!newKeys.has(k)) w.remove(SEARCH, k);
  for (const k of newKeys) if (!oldKeys.has(k)) w.add(SEARCH, k);
}

/**
 * Folds one event's outcome into the graph, in one new version: stores the new versions of the customers
 * it changed, brings both indexes in line with them, counts the event and records it in the history of
 * `historyOwners` (HST-1). The indexes are derived from the records by difference, so they can never
 * disagree with them (ID-1); the cost is proportional to the identifiers of the changed customers, never
 * to the size of the graph (ARC-3).
 */
export function commitEvent(
  graph: CustomerGraph,
  records: readonly Customer[],
  event: GraphEvent,
  historyOwners: readonly CustomerId[],
): CustomerGraph {
  let nextId = graph.nextCustomerId;
  let count = graph.customerCount;
  const seq = graph.eventCount + 1;
  const numbers = accountNumbers(graph.org);
  const version = writeVersion(versionOf(graph), (w) => {
    for (const record of records) {
      const before = w.get<Customer>(CUSTOMERS, record.id);
      if (before === undefined) count++;
      updateIndexes(w, numbers, before, record);
      w.set(CUSTOMERS, record.id, record);
      if (record.id >= nextId) nextId = record.id + 1;
    }
    for (let k = 0; k < historyOwners.length; k++) {
      const id = historyOwners[k] as CustomerId;
      if (historyOwners.indexOf(id) !== k) continue;
      const previous = w.get<HistoryNode>(HISTORY, id) ?? null;
      w.set(HISTORY, id, Object.freeze({ seq, event, previous }));
    }
  });
  return new Graph(graph.org, nextId, seq, count, version);
}

/** Replaces the history of some customers, e.g. to drop what a PII deletion removes (PII-1). */
export function rewriteHistory(
  graph: CustomerGraph,
  ids: readonly CustomerId[],
  keep: (entry: HistoryEntry) => HistoryEntry | undefined,
): CustomerGraph {
  const rewritten = ids.map((id) => ({ id, entries: historyOf(graph, id).flatMap((e) => keep(e) ?? []) }));
  const version = writeVersion(versionOf(graph), (w) => {
    for (const { id, entries } of rewritten) {
      if (w.get<HistoryNode>(HISTORY, id) === undefined) continue;
      let node: HistoryNode | null = null;
      for (const e of entries) node = Object.freeze({ seq: e.seq, event: e.event, previous: node });
      if (node === null) w.delete(HISTORY, id);
      else w.set(HISTORY, id, node);
    }
  });
  return new Graph(graph.org, graph.nextCustomerId, graph.eventCount, graph.customerCount, version);
}
