// The bulk path (ARC-2, ARC-3): `executeAll` and `evolveAll` write a batch in place, and must give exactly
// what one command or one event at a time gives, without touching the graph they start from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolveAll, execute, executeAll, graphSnapshot, type CustomerGraph } from '../src/index';
import { anySequenceArb, NUM_RUNS } from './support/arbitraries';
import { runSequence } from './support/run';

const picture = (graph: CustomerGraph): string => JSON.stringify(graphSnapshot(graph)._unsafeUnwrap());

describe('ARC-2 ARC-3: the bulk path gives what one at a time gives', () => {
  it('ARC-2 ARC-3: executeAll of a run\'s commands gives the same outcomes, events, responses and final graph as execute one by one', () => {
    fc.assert(
      fc.property(anySequenceArb, (instructions) => {
        const run = runSequence(instructions);
        const commands = run.steps.map((s) => s.command);
        const all = executeAll(run.initial, commands)._unsafeUnwrap();
        expect(picture(all.graph)).toBe(picture(run.graph));
        expect(all.outcomes.map((o) => (o.isOk() ? { events: o.value.events } : { code: o.error.code, message: o.error.message }))).toEqual(
          run.steps.map((s) => (s.error === undefined ? { events: s.events } : { code: s.error.code, message: s.error.message })),
        );
        all.outcomes.forEach((o, i) => {
          const step = run.steps[i]!;
          if (o.isOk()) expect(o.value.response).toEqual(execute(step.before, step.command)._unsafeUnwrap().response);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-3: a batch never writes the graph it starts from, nor any graph returned before it; the graph it returns takes further writes like any other', () => {
    fc.assert(
      fc.property(anySequenceArb, anySequenceArb, (first, second) => {
        const base = runSequence(first);
        const before = picture(base.graph);
        const middle = base.steps.length > 0 ? base.steps[Math.floor(base.steps.length / 2)]!.after : base.initial;
        const middleBefore = picture(middle);
        const more = runSequence(second).steps.map((s) => s.command);
        const batched = executeAll(base.graph, more)._unsafeUnwrap();
        const replayed = evolveAll(base.graph, batched.outcomes.flatMap((o) => (o.isOk() ? o.value.events : [])))._unsafeUnwrap();
        expect(picture(base.graph)).toBe(before);
        expect(picture(middle)).toBe(middleBefore);
        expect(picture(replayed)).toBe(picture(batched.graph));
        // Two batches from one graph are two branches: neither sees the other.
        const again = executeAll(base.graph, more)._unsafeUnwrap();
        expect(picture(again.graph)).toBe(picture(batched.graph));
        // And the results stay values under later writes on either side.
        const after = picture(batched.graph);
        executeAll(batched.graph, more);
        expect(picture(batched.graph)).toBe(after);
      }),
      { numRuns: Math.max(1, Math.floor(NUM_RUNS / 4)) },
    );
  });
});
