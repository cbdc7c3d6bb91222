// The persistent store (ARC-3): a version never changes, whatever is read or written around it, a writer
// is dead once its transaction ends, and a version's fields are not reachable.
import { describe, expect, it } from 'vitest';
import { StringHamt } from '../../src/graph/string-hamt';
import { closeBatch, createStore, openBatch, readKey, readTables, StoreMisuse, type Version, writeVersion, type Writer } from '../../src/graph/store';

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

describe('ARC-3: a batch writes in place between its versions and never before them', () => {
  it('ARC-3: a batch leaves the version it opened on as it was, clones each table once, and its closed version is a value', () => {
    const { a, b } = twoVersions();
    let v = openBatch(b);
    for (let i = 0; i < 5; i++) {
      const prev = v;
      v = writeVersion(prev, (w) => w.set(0, `k${i}`, i));
    }
    const closed = closeBatch(v);
    expect([readKey(a, 0, 'k'), readKey(b, 0, 'k0'), readKey(closed, 0, 'k4')]).toEqual(['a', undefined, 4]);
    const later = writeVersion(closed, (w) => w.set(0, 'k4', 'later'));
    expect([readKey(closed, 0, 'k4'), readKey(later, 0, 'k4')]).toEqual([4, 'later']);
  });

  it('ARC-3: a version the batch moved past is spent: writing it or closing the batch on it is refused', () => {
    const { b } = twoVersions();
    const first = openBatch(b);
    const second = writeVersion(first, (w) => w.set(0, 'x', 1));
    expect(() => writeVersion(first, (w) => w.set(0, 'x', 2))).toThrow(StoreMisuse);
    expect(() => closeBatch(first)).toThrow(StoreMisuse);
    expect(readKey(closeBatch(second), 0, 'x')).toBe(1);
  });
});
