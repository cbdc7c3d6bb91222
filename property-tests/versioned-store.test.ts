import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySearchIndex } from '../src/graph/search-index';
import { StringHamt } from '../src/graph/string-hamt';
import { createStore, readKey, readTables, writeVersion, type Table, type Version } from '../src/graph/store';
import { NUM_RUNS } from './support/arbitraries';

// The graph keeps its tables in a persistent store: B+ trees shared between versions by path copying.
// This checks the store against the obvious model, a full copy of every table per version, over
// arbitrary trees of versions: writes and reads of any version, in any order.

type Model = readonly [Map<string, number>, Map<string, number>, Set<string>];

type Op =
  | { readonly kind: 'write'; readonly from: number; readonly writes: readonly Write[]; readonly fail: boolean }
  | { readonly kind: 'read'; readonly at: number };

type Write =
  | { readonly kind: 'set'; readonly table: 0 | 1; readonly key: string; readonly value: number }
  | { readonly kind: 'delete'; readonly table: 0 | 1; readonly key: string }
  | { readonly kind: 'add' | 'remove'; readonly key: string };

const keyArb = fc.constantFrom('a', 'b', 'c', 'd', '__proto__', 'constructor');
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), table: fc.constantFrom(0 as const, 1 as const), key: keyArb, value: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('delete' as const), table: fc.constantFrom(0 as const, 1 as const), key: keyArb }),
  fc.record({ kind: fc.constantFrom('add' as const, 'remove' as const), key: keyArb }),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('write' as const), from: fc.nat(), writes: fc.array(writeArb, { maxLength: 5 }), fail: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), at: fc.nat() }) },
);

function contents(version: Version): unknown {
  return readTables(version, (tables) => [
    [...(tables[0] as Table<string, number>).entries()].sort(),
    [...(tables[1] as Table<string, number>).entries()].sort(),
    [...(tables[2] as ReturnType<typeof emptySearchIndex>).keys()],
  ]);
}

function modelContents(m: Model): unknown {
  return [[...m[0]].sort(), [...m[1]].sort(), [...m[2]].sort()];
}

describe('the persistent store behind every graph (ARC-3)', () => {
  it('ARC-3: every version of the store answers exactly what a full copy of its tables would, whatever order old and new versions are read and written in, and a write that throws leaves no trace', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const versions: Version[] = [createStore([new StringHamt(), new StringHamt(), emptySearchIndex() as unknown as Table])];
        const models: Model[] = [[new Map(), new Map(), new Set()]];
        for (const op of ops) {
          const i = (op.kind === 'write' ? op.from : op.at) % versions.length;
          const base = versions[i] as Version;
          if (op.kind === 'read') {
            expect(contents(base)).toEqual(modelContents(models[i] as Model));
            expect(readKey(base, 0, 'a')).toBe((models[i] as Model)[0].get('a'));
            continue;
          }
          const m = models[i] as Model;
          const next: Model = [new Map(m[0]), new Map(m[1]), new Set(m[2])];
          const apply = (): Version =>
            writeVersion(base, (w) => {
              for (const write of op.writes) {
                switch (write.kind) {
                  case 'set':
                    w.set(write.table, write.key, write.value);
                    next[write.table].set(write.key, write.value);
                    break;
                  case 'delete':
                    w.delete(write.table, write.key);
                    next[write.table].delete(write.key);
                    break;
                  case 'add':
                    w.add(2, write.key);
                    next[2].add(write.key);
                    break;
                  case 'remove':
                    w.remove(2, write.key);
                    next[2].delete(write.key);
                    break;
                  default: {
                    const unreachable: never = write;
                    void unreachable;
                  }
                }
                expect(w.get(0, 'a')).toBe(next[0].get('a'));
              }
              if (op.fail) throw new Error('refused');
            });
          if (op.fail) {
            expect(apply).toThrow('refused');
            expect(contents(base)).toEqual(modelContents(m));
          } else {
            versions.push(apply());
            models.push(next);
          }
        }
        // Finally every version, oldest first and then newest first, still answers its own contents.
        for (let k = 0; k < versions.length; k++) expect(contents(versions[k] as Version)).toEqual(modelContents(models[k] as Model));
        for (let k = versions.length - 1; k >= 0; k--) expect(contents(versions[k] as Version)).toEqual(modelContents(models[k] as Model));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-3: in a chain of 100,000 versions the oldest and the newest each answer their own contents', () => {
    let v = createStore([new StringHamt(), new StringHamt(), emptySearchIndex() as unknown as Table]);
    const first = v;
    for (let n = 0; n < 100_000; n++) v = writeVersion(v, (w) => w.set(0, 'n', n));
    expect(readKey(first, 0, 'n')).toBeUndefined();
    expect(readKey(v, 0, 'n')).toBe(99_999);
  });
});
