// The rerooted store guards itself (ARC-3): no version can be read or written from inside another's
// callback, a writer is dead once its transaction ends, and a version's fields are not reachable.
import { describe, expect, it } from 'vitest';
import { createStore, readKey, readTables, StoreMisuse, Version, writeVersion, type Writer } from '../../src/graph/store';

function twoVersions(): { a: Version; b: Version } {
  const a = createStore([new Map([['k', 'a']])]);
  const b = writeVersion(a, (w) => w.set(0, 'k', 'b'));
  return { a, b };
}

describe('ARC-3: the store refuses to be used from inside its own callbacks, and never corrupts a version', () => {
  it('ARC-3: reading version B inside a write of version A is refused loudly, and A and B still answer what they held', () => {
    const { a, b } = twoVersions();
    expect(() => writeVersion(a, (w) => {
      w.set(0, 'k', 'c');
      readKey(b, 0, 'k');
    })).toThrow(StoreMisuse);
    expect(readKey(a, 0, 'k')).toBe('a');
    expect(readKey(b, 0, 'k')).toBe('b');
  });

  it('ARC-3: writing or reading inside a read is refused too, the versions unchanged', () => {
    const { a, b } = twoVersions();
    expect(() => readTables(a, () => writeVersion(b, () => undefined))).toThrow(StoreMisuse);
    expect(() => readTables(a, () => readKey(a, 0, 'k'))).toThrow(StoreMisuse);
    expect([readKey(a, 0, 'k'), readKey(b, 0, 'k')]).toEqual(['a', 'b']);
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

  it('ARC-3: a version shows no fields: its tables, next version and changes are private', () => {
    const { a, b } = twoVersions();
    for (const v of [a, b]) {
      expect(Object.keys(v)).toEqual([]);
      expect(Reflect.ownKeys(v)).toEqual([]);
    }
  });
});
