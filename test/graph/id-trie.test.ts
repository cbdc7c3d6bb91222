// The id trie behind the customer and history tables (ARC-3): a persistent map by integer id.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTrie } from '../../src/graph/id-trie';
import { checkAgainstCopies } from '../support/persistent-map';

const keyArb = fc.oneof(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(31, 32, 1023, 1024, 2 ** 31 - 1, 2 ** 31, 2 ** 32));

describe('ARC-3: the id trie is persistent', () => {
  it('ARC-3: every clone of the id trie answers exactly what a full copy of its map would, in id order, whatever its other clones were written with', () => {
    checkAgainstCopies(() => new IdTrie<number>(), keyArb, (a, b) => a[0] - b[0]);
    // It also iterates in id order by itself:
    const t = new IdTrie<number>().set(2 ** 32, 1).set(3, 2).set(40, 3);
    expect([...t.keys()]).toEqual([3, 40, 2 ** 32]);
  });

  it('ARC-3: the id trie answers undefined for what no id can be (negative, fractional, beyond its height), and refuses to set one', () => {
    const t = new IdTrie<string>().set(5, 'five');
    for (const k of [-1, 5.5, Number.NaN, 2 ** 50]) expect(t.get(k)).toBeUndefined();
    expect(() => t.set(-1, 'x')).toThrow(RangeError);
    expect(t.get(5)).toBe('five');
  });
});
