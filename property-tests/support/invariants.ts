// Invariants stated once and checked by several properties: identifier uniqueness and the indexes against
// the records (ID-1, ID-2).
import { expect } from 'vitest';
import type { CustomerGraph } from '../../src/index';
import { searchTerm } from '../../src/graph/search-index';
import { expectedIndexTriples, expectedSearchPostings, holdingKey, holdingsOf, indexTriples, postingText, searchPostings } from './run';

const tripleText = (t: { type: string; value: string; customerId: number }): string => `${t.type}\u0001${t.value}\u0001${t.customerId}`;

/** The keys that occur more than once. */
function repeated(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const k of keys) (seen.has(k) ? twice : seen).add(k);
  return [...twice];
}

/** ID-1 and ID-2 on one graph, and both indexes against the records. */
export function expectUniqueAndIndexed(graph: CustomerGraph): void {
  const holdings = holdingsOf(graph);

  // ID-1: no (source account, type, value) is held twice, by two customers or twice by one.
  expect(repeated(holdings.map(holdingKey)), 'identifiers held twice in one source account').toEqual([]);

  // ID-2: no value is held by two live customers, whatever the source accounts.
  const owners = new Map<string, Set<number>>();
  for (const h of holdings) {
    const k = `${h.type}:${h.value}`;
    owners.set(k, (owners.get(k) ?? new Set()).add(h.customerId));
  }
  expect([...owners].filter(([, ids]) => ids.size > 1).map(([k, ids]) => `${k} -> ${[...ids].join(',')}`), 'values held by two live customers').toEqual([]);

  // The identifier index says exactly what the records say: nothing missing, nothing stale, no empty entries.
  expect(indexTriples(graph).map(tripleText).sort(), 'identifierIndex against the records').toEqual(expectedIndexTriples(graph).map(tripleText).sort());

  // The search index holds exactly the names and values of live profiles, each under its lower-cased term.
  const postings = searchPostings(graph);
  expect(postings.map((p) => postingText(p.posting)).sort(), 'searchIndex against the records').toEqual(
    [...new Set(expectedSearchPostings(graph).map(postingText))].sort(),
  );
  for (const { key, posting } of postings) expect(key.startsWith(`${searchTerm(posting.idValue)}\u0000`), key).toBe(true);
}

