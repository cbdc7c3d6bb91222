// The id trie behind the customer and history tables (ARC-3): a persistent map by integer id, checked
// against a full copy per version over arbitrary trees of clones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTrie } from '../../src/graph/id-trie';
import { NUM_RUNS } from '../../property-tests/support/arbitraries';

type Op = { readonly from: number; readonly key: number; readonly value: number | null };

const keyArb = fc.oneof(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(31, 32, 1023, 1024, 2 ** 31 - 1, 2 ** 31, 2 ** 32));
const opArb: fc.Arbitrary<Op> = fc.record({ from: fc.nat(), key: keyArb, value: fc.option(fc.integer({ min: 1, max: 9 })) });

describe('ARC-3: the id trie is persistent', () => {
  it('ARC-3: every clone of the id trie answers exactly what a full copy of its map would, in id order, whatever its other clones were written with', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const tries: IdTrie<number>[] = [new IdTrie<number>()];
        const models: Map<number, number>[] = [new Map()];
        for (const op of ops) {
          const i = op.from % tries.length;
          const t = (tries[i] as IdTrie<number>).clone();
          const m = new Map(models[i]);
          if (op.value === null) expect(t.delete(op.key)).toBe(m.delete(op.key));
          else {
            t.set(op.key, op.value);
            m.set(op.key, op.value);
          }
          tries.push(t);
          models.push(m);
        }
        tries.forEach((t, k) => {
          const m = models[k] as Map<number, number>;
          expect([...t.entries()]).toEqual([...m].sort((a, b) => a[0] - b[0]));
          for (const op of ops) expect(t.get(op.key)).toBe(m.get(op.key));
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-3: the id trie answers undefined for what no id can be (negative, fractional, beyond its height), and refuses to set one', () => {
    const t = new IdTrie<string>().set(5, 'five');
    for (const k of [-1, 5.5, Number.NaN, 2 ** 50]) expect(t.get(k)).toBeUndefined();
    expect(() => t.set(-1, 'x')).toThrow(RangeError);
    expect(t.get(5)).toBe('five');
  });
});
