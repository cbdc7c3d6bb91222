// Everything a graph's store holds, for tests and diagnostics: the identifier index as triples, every
// search posting key, every customer's history. Not part of the public API.
import type { CustomerId } from '../kernel/ids';
import { IDENTIFIER_TYPES } from '../org/identifiers';
import type { Customer } from '../records/customer';
import type { DueIndex } from './due-index';
import { customerById, customerIds, DUE, HISTORY, IDENTIFIER_TABLE_BASE, SEARCH, versionOf, type CustomerGraph } from './graph';
import { historyOf, type HistoryEntry } from './history';
import { accountNumbers, holderOf, type Holders } from './identifier-index';
import type { SearchIndex } from './search-index';
import { readTables, type Table } from './store';

/** Every customer of the graph, victims and deleted ones included, by id. */
export function allCustomers(graph: CustomerGraph): Customer[] {
  return customerIds(graph).flatMap((id) => customerById(graph, id) ?? []);
}

/** What the indexes hold: one identifier triple per holding (a customer in two source accounts appears twice), every posting key, every history. */
export function indexContents(graph: CustomerGraph): {
  readonly identifiers: readonly (readonly [type: string, value: string, id: CustomerId])[];
  readonly searchKeys: readonly string[];
  /** Every key of the due index, in date order (CLK-2). */
  readonly dueKeys: readonly string[];
  readonly history: ReadonlyMap<CustomerId, readonly HistoryEntry[]>;
} {
  const numbers = accountNumbers(graph.org);
  const { identifiers, keys, dueKeys, owners } = readTables(versionOf(graph), (tables) => {
    const identifiers: [string, string, CustomerId][] = [];
    IDENTIFIER_TYPES.forEach((type, i) => {
      for (const [value, holders] of (tables[IDENTIFIER_TABLE_BASE + i] as Table<string, Holders>).entries()) {
        for (const h of typeof holders === 'number' ? [holders] : holders) identifiers.push([type, value, holderOf(numbers, h)]);
      }
    });
    const keys = [...(tables[SEARCH] as SearchIndex).keys()];
    const dueKeys = [...(tables[DUE] as DueIndex).keys()];
    const owners = [...(tables[HISTORY] as Table<CustomerId, unknown>).keys()];
    return { identifiers, keys, dueKeys, owners };
  });
  const history = new Map<CustomerId, HistoryEntry[]>();
  for (const id of owners.sort((a, b) => a - b)) history.set(id, historyOf(graph, id));
  return { identifiers, searchKeys: keys, dueKeys, history };
}
