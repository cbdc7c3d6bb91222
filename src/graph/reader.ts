// The read interface of the rules (decider/read-model.ts) over a graph of this library, and what the
// queries read besides: every customer, a customer's history, the search index.
import type { GraphReader } from '../decider/read-model';
import type { CustomerId } from '../kernel/ids';
import type { SourceAccount } from '../org/source-account';
import type { Customer } from '../records/customer';
import type { Identifier } from '../records/profile';
import { chainEnd, customerById, customerIds, DUE, IDENTIFIER_TABLE, readerSlot, SEARCH, versionOf, type CustomerGraph, type GraphClock } from './graph';
import { historyOf, type HistoryEntry } from './history';
import { accountNumber, accountNumbers, decodeHolders, holderOf, holdingIn, type Holders } from './identifier-index';
import { prefixCustomers, type SearchIndex } from './search-index';
import { dueThrough, firstDue, type DueIndex, type DueItem } from './due-index';
import { readKey, readTables } from './store';

function holdersAt(graph: CustomerGraph, identifier: Identifier): Holders | undefined {
  const table = IDENTIFIER_TABLE.get(identifier.type);
  return table === undefined ? undefined : readKey<Holders>(versionOf(graph), table, identifier.value);
}

/** The live customer holding an identifier in a source account, if any (ID-1, LKP-1). */
export function holderIn(graph: CustomerGraph, identifier: Identifier, account: Pick<SourceAccount, 'source' | 'accountId'>): CustomerId | undefined {
  const holders = holdersAt(graph, identifier);
  if (holders === undefined) return undefined;
  const numbers = accountNumbers(graph.org);
  return holdingIn(numbers, holders, accountNumber(numbers, account.source, account.accountId));
}

/** The first live customer to have taken an identifier value, in any source account (LKP-1 with `ALL`). */
export function firstHolder(graph: CustomerGraph, identifier: Identifier): CustomerId | undefined {
  const holders = holdersAt(graph, identifier);
  const first = holders === undefined || typeof holders === 'number' ? holders : holders[0];
  return first === undefined ? undefined : holderOf(accountNumbers(graph.org), first);
}

/** Every (source account, live customer) holding an identifier value, oldest holding first (ID-1, ID-2). */
export function holdersOf(graph: CustomerGraph, identifier: Identifier): readonly { readonly sak: string; readonly id: CustomerId }[] {
  const holders = holdersAt(graph, identifier);
  return holders === undefined ? [] : decodeHolders(accountNumbers(graph.org), holders);
}

/** What the queries read of a graph: the rules' interface and more. */
export interface QueryReader extends GraphReader {
  /** Every customer, victims and deleted ones included, in id order. */
  customers(): Customer[];
  /** The history of a customer, oldest entry first (HST-1). */
  history(id: CustomerId): HistoryEntry[];
  /** The first live customer to have taken an identifier value, in any source account (LKP-1). */
  firstHolder(identifier: Identifier): CustomerId | undefined;
  /** The customers matching a query's prefix, in the order of their first posting, at most `max` (SRCH-1). */
  searchCustomers(prefix: string, max: number): CustomerId[];
  /** The earliest item of the due index, if anything is due at all (CLK-2). */
  firstDue(): DueItem | undefined;
}

function scanDueIndex(tables: readonly unknown[], range: { readonly until: number; readonly limit: number }): DueItem[] {
  const out: DueItem[] = [];
  for (const item of dueThrough(tables[DUE] as DueIndex, range.until)) {
    if (out.length >= range.limit) break;
    out.push(item);
  }
  return out;
}

function firstOfDueIndex(tables: readonly unknown[]): DueItem | undefined {
  return firstDue(tables[DUE] as DueIndex);
}

function scanSearchIndex(tables: readonly unknown[], query: { readonly prefix: string; readonly max: number }): CustomerId[] {
  return prefixCustomers(tables[SEARCH] as SearchIndex, query.prefix, query.max);
}

// One small object per graph, its methods on the prototype (an object of closures cost more than the
// lookup it served), made on the graph's first read and kept with it (graph.ts says why).
class Reader implements QueryReader {
  readonly org: GraphReader['org'];
  readonly counters: GraphReader['counters'];
  readonly clock: GraphClock | null;

  constructor(private readonly graph: CustomerGraph) {
    this.org = graph.org;
    this.counters = graph;
    this.clock = graph.clock;
  }

  dueThrough(until: number, limit = Number.POSITIVE_INFINITY): readonly DueItem[] {
    return readTables(versionOf(this.graph), scanDueIndex, { until, limit });
  }

  customer(id: number): Customer | undefined {
    return customerById(this.graph, id);
  }

  chainEnd(id: number): Customer | undefined {
    return chainEnd(this.graph, id);
  }

  holderIn(identifier: Identifier, account: SourceAccount): CustomerId | undefined {
    return holderIn(this.graph, identifier, account);
  }

  holdersElsewhere(identifier: Identifier, account: SourceAccount): readonly CustomerId[] {
    const out: CustomerId[] = [];
    for (const { sak, id } of holdersOf(this.graph, identifier)) if (sak !== account.key && !out.includes(id)) out.push(id);
    return out;
  }

  customers(): Customer[] {
    return customerIds(this.graph).flatMap((id) => customerById(this.graph, id) ?? []);
  }

  history(id: CustomerId): HistoryEntry[] {
    return historyOf(this.graph, id);
  }

  firstHolder(identifier: Identifier): CustomerId | undefined {
    return firstHolder(this.graph, identifier);
  }

  firstDue(): DueItem | undefined {
    return readTables(versionOf(this.graph), firstOfDueIndex);
  }

  searchCustomers(prefix: string, max: number): CustomerId[] {
    return readTables(versionOf(this.graph), scanSearchIndex, { prefix, max });
  }
}

function makeReader(graph: CustomerGraph): Reader {
  return new Reader(graph);
}

/** The rules' read interface over a graph (ARC-2). */
export function readerOf(graph: CustomerGraph): GraphReader {
  return readerSlot(graph, makeReader);
}

/** The queries' read interface over a graph. */
export function queryReaderOf(graph: CustomerGraph): QueryReader {
  return readerSlot(graph, makeReader);
}
