import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, defineOrg } from '../src/index';
import { identifierCount } from '../src/identity/merge-limits';
import { commandSequenceArb, NUM_RUNS } from './support/arbitraries';
import { customersOf, runSequence } from './support/run';
import { Tally } from './support/tally';

// Small bounds, so that the generated sequences meet them: 3 identifiers per customer, 1 merge into one.
const SMALL = defineOrg({ ...DEFAULT_ORG_CONFIG, limits: { maxIdentifiersPerCustomer: 3, maxMergesInto: 1 } })._unsafeUnwrap();

describe('over-merging bounds over arbitrary command sequences (MRG-22, MRG-23)', () => {
  it("MRG-22, MRG-23: no command leaves a customer above the org's limits, and a command refused for them changes nothing", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(commandSequenceArb, (instructions) => {
        const run = runSequence(instructions, SMALL);
        for (const step of run.steps) {
          tally.step(step);
          if (step.error?.code === 9041 || step.error?.code === 9043) expect(step.after).toBe(step.before);
          if (step.after === step.before) continue;
          for (const c of customersOf(step.after)) {
            expect(identifierCount(c), `identifiers of ${c.id}`).toBeLessThanOrEqual(SMALL.limits.maxIdentifiersPerCustomer);
            expect(c.victims.length, `merges into ${c.id}`).toBeLessThanOrEqual(SMALL.limits.maxMergesInto);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The sequences met both bounds, and still merged within them.
    expect(tally.get('refused:9041'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
    expect(tally.get('refused:9043'), tally.toString()).toBeGreaterThan(0);
    expect(tally.get('CustomersMerged'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
  });
});
