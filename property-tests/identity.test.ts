import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookup, type CustomerGraph } from '../src/index';
import { commandSequenceArb, NUM_RUNS } from './support/arbitraries';
import { expectUniqueAndIndexed } from './support/invariants';
import { holdingsOf, runSequence } from './support/run';
import { Tally } from './support/tally';

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
