// The string HAMT behind the identifier tables (ARC-3): a persistent map by string, with keys chosen to collide.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { StringHamt } from '../../src/graph/string-hamt';
import { checkAgainstCopies } from '../support/persistent-map';

// FNV-1a collides on these two ("costarring" and "liquid" share a 32-bit hash), so buckets are exercised.
const keyArb = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('costarring', 'liquid', '__proto__', 'constructor', ''));

describe('ARC-3: the string HAMT is persistent', () => {
  it('ARC-3: every clone of the string HAMT answers exactly what a full copy of its map would, whatever its other clones were written with', () => {
    checkAgainstCopies(() => new StringHamt<number>(), keyArb, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  });
});
