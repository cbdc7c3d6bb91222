// A graph from its snapshot (ARC-6): the snapshot of any graph the decider made, sent through JSON,
// is a graph again that pictures, answers and takes writes exactly as the original.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execute, graphFromSnapshot, graphSnapshot, type CustomerGraph } from '../src/index';
import { anyCommandArb, anySequenceArb, corruptAt, garbageArb, NUM_RUNS, replacementArb } from './support/arbitraries';
import { expectUniqueAndIndexed } from './support/invariants';
import { runSequence, theOrg } from './support/run';

// Compared as values: a restored record lists its fields in its schema's order, a folded one in the order it was built.
const picture = (graph: CustomerGraph): unknown => graphSnapshot(graph)._unsafeUnwrap();
const throughJson = (graph: CustomerGraph): unknown => JSON.parse(JSON.stringify(picture(graph))) as unknown;

describe('ARC-6: a graph from its snapshot', () => {
  it('ARC-6 ID-1 ID-2: the snapshot of any graph, through JSON, restores a graph with the same snapshot and indexes that agree with its records', () => {
    fc.assert(
      fc.property(anySequenceArb, (instructions) => {
        const run = runSequence(instructions);
        const restored = graphFromSnapshot(theOrg(), throughJson(run.graph));
        expect(restored.isOk() ? 'restored' : restored.error.message).toBe('restored');
        const graph = restored._unsafeUnwrap();
        expect(picture(graph)).toEqual(picture(run.graph));
        expectUniqueAndIndexed(graph);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-6: a restored graph decides every next command exactly as the graph it was taken of', () => {
    fc.assert(
      fc.property(anySequenceArb, fc.array(anyCommandArb, { maxLength: 5 }), (instructions, next) => {
        let original = runSequence(instructions).graph;
        let restored = graphFromSnapshot(theOrg(), throughJson(original))._unsafeUnwrap();
        for (const command of next) {
          const a = execute(original, command);
          const b = execute(restored, command);
          expect(b.isOk() ? { events: b.value.events, response: b.value.response } : b.error).toEqual(
            a.isOk() ? { events: a.value.events, response: a.value.response } : a.error,
          );
          if (a.isOk() && b.isOk()) [original, restored] = [a.value.graph, b.value.graph];
        }
        expect(picture(restored)).toEqual(picture(original));
      }),
      { numRuns: Math.max(1, Math.floor(NUM_RUNS / 4)) },
    );
  });

  it('ARC-5 ARC-6: a snapshot with any one field at any depth replaced by garbage or removed never throws, and a graph it is accepted as keeps identifiers unique and indexed and restores again from its own snapshot', () => {
    fc.assert(
      fc.property(anySequenceArb, fc.nat(), replacementArb, (instructions, pick, replacement) => {
        const snapshot = corruptAt(throughJson(runSequence(instructions).graph), pick, replacement);
        const restored = graphFromSnapshot(theOrg(), snapshot);
        if (restored.isErr()) {
          expect(restored.error.code).toBe(400);
          return;
        }
        expectUniqueAndIndexed(restored.value);
        // Through JSON on both sides: garbage may have put a -0 into an event, which JSON carries as 0.
        expect(throughJson(graphFromSnapshot(theOrg(), throughJson(restored.value))._unsafeUnwrap())).toEqual(throughJson(restored.value));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-5 ARC-6: any value at all as a snapshot is refused with a 400, never thrown', () => {
    fc.assert(
      fc.property(garbageArb, (garbage) => {
        expect(graphFromSnapshot(theOrg(), garbage)._unsafeUnwrapErr().code).toBe(400);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
