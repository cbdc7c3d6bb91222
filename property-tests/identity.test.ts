import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookup, type CustomerGraph } from '../src/index';
import { commandSequenceArb, NUM_RUNS } from './support/arbitraries';
import {
  expectedIndexTriples,
  expectedSearchPostings,
  holdingKey,
  holdingsOf,
  indexTriples,
  postingText,
  runSequence,
  searchPostings,
} from './support/run';
import { Tally } from './support/tally';
import { searchTerm } from '../src/graph/search-index';

const tripleText = (t: { type: string; value: string; customerId: number }): string => `${t.type}\u0001${t.value}\u0001${t.customerId}`;

/** The keys that occur more than once. */
function repeated(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const k of keys) (seen.has(k) ? twice : seen).add(k);
  return [...twice];
}

/** ID-1 and ID-2 on one graph, and both indexes against the records. */
function expectUniqueAndIndexed(graph: CustomerGraph): void {
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

describe('identity invariants over arbitrary command sequences (ID-1, ID-2, LKP-1)', () => {
  it('ID-1, ID-2: after every command at most one live customer holds any (source account, identifier type, value), no value belongs to two live customers, and the identifier index and the search index agree with the customer records exactly', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(commandSequenceArb, (instructions) => {
        const run = runSequence(instructions);
        expectUniqueAndIndexed(run.initial);
        for (const step of run.steps) {
          tally.step(step);
          if (step.after !== step.before) expectUniqueAndIndexed(step.after);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The sequences met the paths these rules are about: same-account refusals, combines and merges.
    expect(tally.get('SourceProfileCombined'), tally.toString()).toBeGreaterThan(NUM_RUNS / 10);
    expect(tally.get('merge:changeIdentifier'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
    expect(tally.get('refused:8008') + tally.get('refused:1014') + tally.get('refused:1032'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
  });

  it('LKP-1, MRG-3, MRG-4: every identifier on a live customer, conflicting profiles included, is found by lookup in its source account and with ALL, and resolves to that very customer', () => {
    let checked = 0;
    let conflicting = 0;
    fc.assert(
      fc.property(commandSequenceArb, (instructions) => {
        const run = runSequence(instructions);
        for (const step of run.steps) {
          if (step.after === step.before) continue;
          for (const h of holdingsOf(step.after)) {
            const own = lookup(step.after, {
              source: h.source,
              ...(h.accountId === '' ? {} : { accountId: h.accountId }),
              identifierName: h.type,
              identifierValue: h.value,
            });
            const all = lookup(step.after, { source: 'ALL', identifierName: h.type, identifierValue: h.value });
            expect(own.isOk() ? own.value.entity : own.error, `${h.type} ${h.value} in ${h.sak}`).toBe(h.customerId);
            expect(all.isOk() ? all.value.entity : all.error, `${h.type} ${h.value} in ALL`).toBe(h.customerId);
            checked++;
            if (h.conflicting) conflicting++;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(checked).toBeGreaterThan(NUM_RUNS);
    expect(conflicting, 'identifiers of conflicting profiles looked up').toBeGreaterThan(NUM_RUNS / 20);
  });
});
