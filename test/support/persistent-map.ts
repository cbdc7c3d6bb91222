// One property for every persistent table of the store (ARC-3): a tree of clones, each written once,
// answers exactly what a full copy of its map would, whatever its other clones were written with.
import fc from 'fast-check';
import { expect } from 'vitest';
import { NUM_RUNS } from '../../property-tests/support/arbitraries';

/** What the property needs of a persistent map. */
export interface PersistentMap<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
  clone(): PersistentMap<K, V>;
  entries(): IterableIterator<[K, V]>;
}

/** Checks `empty()` and its clones against a `Map` per version, over keys from `keys`, entries compared in `order`. */
export function checkAgainstCopies<K>(empty: () => PersistentMap<K, number>, keys: fc.Arbitrary<K>, order: (a: [K, number], b: [K, number]) => number): void {
  const opArb = fc.record({ from: fc.nat(), key: keys, value: fc.option(fc.integer({ min: 1, max: 9 })) });
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
      const maps: PersistentMap<K, number>[] = [empty()];
      const models: Map<K, number>[] = [new Map()];
      for (const op of ops) {
        const i = op.from % maps.length;
        const t = (maps[i] as PersistentMap<K, number>).clone();
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
        const m = models[k] as Map<K, number>;
        expect([...t.entries()].sort(order)).toEqual([...m].sort(order));
        for (const op of ops) expect(t.get(op.key)).toBe(m.get(op.key));
      });
    }),
    { numRuns: NUM_RUNS },
  );
}
