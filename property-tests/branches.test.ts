// The graph over trees of versions, not only lines (ARC-3, ID-1, ARC-2): commands run from any earlier
// version, in any order, and every version keeps what it held, holds its identifiers once, agrees with its
// indexes, and is the replay of its own history.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, evolveAll, execute, executeAll, graphSnapshot, type CustomerGraph, type GraphEvent } from '../src/index';
import { anySequenceArb, NUM_RUNS, type Instruction } from './support/arbitraries';
import { expectUniqueAndIndexed } from './support/invariants';
import { resolveInstruction, theOrg } from './support/run';

const picture = (graph: CustomerGraph): string => JSON.stringify(graphSnapshot(graph)._unsafeUnwrap());

/** A version of the tree: its graph, the events that made it from the empty graph, and its picture when it was made. */
interface Node {
  readonly graph: CustomerGraph;
  readonly history: readonly GraphEvent[];
  readonly picture: string;
}

/** A tree: a first line from the empty graph, then branches each starting at any version made before it. */
const treeArb = fc.record({
  trunk: anySequenceArb,
  branches: fc.array(fc.record({ from: fc.nat(), instructions: anySequenceArb, bulk: fc.boolean() }), { minLength: 1, maxLength: 4 }),
});

/** Runs the instructions from `start` as one `executeAll` batch (targets chosen on `start`), adding its one final version. */
function growInBulk(nodes: Node[], start: Node, instructions: readonly Instruction[]): void {
  const done = executeAll(start.graph, instructions.map((i) => resolveInstruction(start.graph, i)))._unsafeUnwrap();
  const events = done.outcomes.flatMap((o) => (o.isOk() ? o.value.events : []));
  nodes.push({ graph: done.graph, history: [...start.history, ...events], picture: picture(done.graph) });
}

/** Runs instructions from `start`, adding every version it makes to `nodes`. */
function grow(nodes: Node[], start: Node, instructions: readonly Instruction[]): void {
  let at = start;
  for (const instruction of instructions) {
    const done = execute(at.graph, resolveInstruction(at.graph, instruction));
    if (done.isErr()) continue;
    at = { graph: done.value.graph, history: [...at.history, ...done.value.events], picture: picture(done.value.graph) };
    nodes.push(at);
  }
}

describe('ARC-3 ID-1 ARC-2: the rules over branched histories', () => {
  it('ARC-3 ID-1 ARC-2: over any tree of versions, made one command at a time or in executeAll batches, every version still reads as it did when made, holds each identifier once with indexes that match its records, and is the replay of its own history', () => {
    fc.assert(
      fc.property(treeArb, ({ trunk, branches }) => {
        const empty = emptyGraph(theOrg())._unsafeUnwrap();
        const nodes: Node[] = [{ graph: empty, history: [], picture: picture(empty) }];
        grow(nodes, nodes[0]!, trunk);
        for (const { from, instructions, bulk } of branches) (bulk ? growInBulk : grow)(nodes, nodes[from % nodes.length]!, instructions);
        for (const node of nodes) {
          expect(picture(node.graph), 'a version changed after it was made').toBe(node.picture);
          expectUniqueAndIndexed(node.graph);
          expect(picture(evolveAll(empty, node.history)._unsafeUnwrap()), 'replay of the version\'s own history').toBe(node.picture);
        }
      }),
      { numRuns: Math.max(1, Math.floor(NUM_RUNS / 10)) },
    );
  });
});
