// The persistent store (ARC-3): a version never changes, whatever is read or written around it, a writer
// is dead once its transaction ends, and a version's fields are not reachable.
import { describe, expect, it } from 'vitest';
import { StringHamt } from '../../src/graph/string-hamt';
import { createStore, readKey, readTables, StoreMisuse, type Version, writeVersion, type Writer } from '../../src/graph/store';

function twoVersions(): { a: Version; b: Version } {
  const a = createStore([new StringHamt<string>().set('k', 'a')]);
  const b = writeVersion(a, (w) => w.set(0, 'k', 'b'));
  return { a, b };
}

describe('ARC-3: every version of the store is a value: any use of another version, even inside a callback, answers what that version holds', () => {
  it('ARC-3: reading version B inside a write of version A answers B, and A, B and the new version each keep what they held', () => {
    const { a, b } = twoVersions();
    let seen: unknown;
    const c = writeVersion(a, (w) => {
      w.set(0, 'k', 'c');
      seen = readKey(b, 0, 'k');
    });
    expect(seen).toBe('b');
    expect([readKey(a, 0, 'k'), readKey(b, 0, 'k'), readKey(c, 0, 'k')]).toEqual(['a', 'b', 'c']);
  });

  it('ARC-3: writing or reading inside a read works, and leaves the versions read unchanged', () => {
    const { a, b } = twoVersions();
    const d = readTables(a, () => writeVersion(b, (w) => w.set(0, 'k', 'd')));
    expect(readTables(a, () => readKey(a, 0, 'k'))).toBe('a');
    expect([readKey(a, 0, 'k'), readKey(b, 0, 'k'), readKey(d, 0, 'k')]).toEqual(['a', 'b', 'd']);
  });

  it('ARC-3: a writer kept past its transaction is dead: using it is refused, and the version it made stays', () => {
    const { a } = twoVersions();
    let kept: Writer | undefined;
    const c = writeVersion(a, (w) => {
      kept = w;
      w.set(0, 'k', 'c');
    });
    expect(() => kept?.set(0, 'k', 'x')).toThrow(StoreMisuse);
    expect(() => kept?.get(0, 'k')).toThrow(StoreMisuse);
    expect([readKey(a, 0, 'k'), readKey(c, 0, 'k')]).toEqual(['a', 'c']);
  });

  it('ARC-3: a version shows no fields: its tables are private', () => {
    const { a, b } = twoVersions();
    for (const v of [a, b]) {
      expect(Object.keys(v)).toEqual([]);
      expect(Reflect.ownKeys(v)).toEqual([]);
    }
  });
});
