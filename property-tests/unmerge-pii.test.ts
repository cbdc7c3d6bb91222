// PII deletion over runs with merges and unmerges (PII-1, MRG-12): the copies a merge keeps to be undone are
// personal data, and an unmerge moves a customer out of a survivor whose later victims still keep copies of
// it. Whatever was merged and unmerged before, no copy of a deleted customer is left.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, execute, graphSnapshot } from '../src/index';
import { anySequenceArb, NUM_RUNS, targetedArbFor } from './support/arbitraries';
import { liveCustomersOf, theOrg } from './support/run';
import { Tally } from './support/tally';
import { runWorld, unmergePickArb, type UnmergeWorldInstruction } from './support/unmerge';

const META = { at: '2025-06-01T00:00:00Z', till: 'demo.till' };

describe('PII-1, MRG-12: a PII deletion after merges and unmerges leaves no copy behind', () => {
  it('PII-1, MRG-12: after any run of commands, merges and unmerges, deleting any live customer leaves no pre-merge copy of it or of its victims, nor of a survivor with one of them inside', () => {
    const tally = new Tally();
    const runArb = fc.record({
      sequence: anySequenceArb,
      merges: fc.array(fc.record({ at: fc.nat(), merge: targetedArbFor('merge') as fc.Arbitrary<UnmergeWorldInstruction> }), { minLength: 2, maxLength: 5 }),
      unmerges: fc.array(fc.record({ at: fc.nat(), unmerge: unmergePickArb }), { minLength: 1, maxLength: 3 }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(runArb, ({ sequence, merges, unmerges, pick }) => {
        const instructions: UnmergeWorldInstruction[] = [...sequence];
        for (const { at, merge } of merges) instructions.splice(at % (instructions.length + 1), 0, merge);
        for (const { at, unmerge } of unmerges) instructions.splice(1 + (at % instructions.length), 0, unmerge);
        const { graph, steps } = runWorld(emptyGraph(theOrg())._unsafeUnwrap(), instructions);
        if (steps.some((s) => s.command.kind === 'unmerge' && s.error === undefined)) tally.add('after an unmerge');
        const live = liveCustomersOf(graph);
        const was = live[pick % Math.max(live.length, 1)];
        if (was === undefined) return void tally.add('nobody live');
        const erased = execute(graph, { kind: 'deletePii', customerId: was.id, meta: META });
        if (erased.isErr()) return expect.fail(`deletePii refused: ${erased.error.message}`);
        const after = erased.value.graph;
        // No record keeps a copy of it or of its victims, or of a survivor with one of them inside: a customer's
        // data moves only by merges, which list it among the survivor's victims, so these are all the copies
        // that can hold it. (Its values alone cannot tell: another customer may have held the same before.)
        const chain = new Set<number>([was.id, ...was.victims]);
        const inside = (c: { id: number; victims: readonly number[] }): boolean => chain.has(c.id) || c.victims.some((v) => chain.has(v));
        const records = graphSnapshot(after)._unsafeUnwrap().customers;
        for (const r of records) {
          if (r.premerge === null) continue;
          expect(inside(r.premerge.survivor) || inside(r.premerge.victim), `customer ${r.id} keeps a copy holding deleted customer ${was.id}`).toBe(false);
        }
        tally.add('deleted');
        if (steps.some((s) => s.command.kind === 'unmerge' && s.error === undefined) && records.some((r) => r.premerge !== null)) tally.add('copies kept after an unmerge');
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('deleted'), tally.toString()).toBeGreaterThan(NUM_RUNS / 2);
    expect(tally.get('copies kept after an unmerge'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
  });
});
