// The string HAMT behind the identifier tables (ARC-3): a persistent map by string, checked against a
// full copy per version over arbitrary trees of clones, with keys chosen to collide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringHamt } from '../../src/graph/string-hamt';
import { NUM_RUNS } from '../../property-tests/support/arbitraries';

type Op = { readonly from: number; readonly key: string; readonly value: number | null };

// FNV-1a collides on these two ("costarring" and "liquid" share a 32-bit hash), so buckets are exercised.
const keyArb = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('costarring', 'liquid', '__proto__', 'constructor', ''));
const opArb: fc.Arbitrary<Op> = fc.record({ from: fc.nat(), key: keyArb, value: fc.option(fc.integer({ min: 1, max: 9 })) });

describe('ARC-3: the string HAMT is persistent', () => {
  it('ARC-3: every clone of the string HAMT answers exactly what a full copy of its map would, whatever its other clones were written with', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const maps: StringHamt<number>[] = [new StringHamt<number>()];
        const models: Map<string, number>[] = [new Map()];
        for (const op of ops) {
          const i = op.from % maps.length;
          const t = (maps[i] as StringHamt<number>).clone();
          const m = new Map(models[i]);
          if (op.value === null) expect(t.delete(op.key)).toBe(m.delete(op.key));
          else {
            t.set(op.key, op.value);
            m.set(op.key, op.value);
          }
          maps.push(t);
          models.push(m);
        }
        maps.forEach((t, k) => {
          const m = models[k] as Map<string, number>;
          expect([...t.entries()].sort()).toEqual([...m].sort());
          for (const op of ops) expect(t.get(op.key)).toBe(m.get(op.key));
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
