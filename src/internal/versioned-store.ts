// A fully persistent store of a few mutable tables, by "rerooting" (H. Baker, "Shallow binding makes
// functional arrays fast", 1991; Conchon and Filliâtre, "A persistent union-find data structure", 2007).
//
// Exactly one version, the head, owns the tables. Every other version holds the list of changes that turns
// the tables of the version next to it (one step nearer the head) into its own. Reading or writing a
// version first reroots the store at it: the changes along the path are applied and reversed, so the
// version becomes the head and the former head holds the reverse changes.
//
// What this buys: reading or writing the newest version, by far the most common case, is a plain mutable
// Map or B+ tree access with no copying, so a command costs what a mutable implementation costs plus its
// undo log, whatever the number of customers. Every version stays valid: an old one is reached by undoing
// the changes made since, at a cost proportional to those changes. A version that nobody references is
// garbage, with its changes; the head never references older versions.
//
// The store is observably immutable: a version answers the same thing every time it is read. Its internal
// state changes on reads, so a version must not be shared between threads (JavaScript values never are),
// and no code may hold a table across a read of another version (the functions here never hand one out).

/** A table of the store: a `Map`, or anything with the same get/has/set/delete (a B+ tree). */
export interface Table<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
}

// Marks a key that was absent, in a list of changes: deleting it restores that state.
const ABSENT: unique symbol = Symbol('absent');

type AnyTable = Table<unknown, unknown>;

/**
 * One version of the store. Its fields change when the store is rerooted; what it answers never does.
 * `tables` is set on the head only; every other version has `next` and `changes`: flat triples
 * (table index, key, value or ABSENT), applied from the last to the first to step from `next` to it.
 */
export class Version {
  /** @internal */ tables: AnyTable[] | null;
  /** @internal */ next: Version | null;
  /** @internal */ changes: unknown[] | null;

  /** @internal */
  constructor(tables: AnyTable[] | null, next: Version | null, changes: unknown[] | null) {
    this.tables = tables;
    this.next = next;
    this.changes = changes;
  }
}

/** A new store owning these tables, and its first version. */
export function createStore(tables: readonly AnyTable[]): Version {
  return new Version([...tables], null, null);
}

// Applies a list of changes from its end to its start, and returns the list that undoes it.
function applyChanges(tables: AnyTable[], changes: readonly unknown[]): unknown[] {
  const inverse: unknown[] = new Array<unknown>(changes.length);
  let w = 0;
  for (let i = changes.length - 3; i >= 0; i -= 3) {
    const table = tables[changes[i] as number] as AnyTable;
    const key = changes[i + 1];
    const value = changes[i + 2];
    inverse[w++] = changes[i];
    inverse[w++] = key;
    inverse[w++] = table.has(key) ? table.get(key) : ABSENT;
    if (value === ABSENT) table.delete(key);
    else table.set(key, value);
  }
  // `inverse` was filled in the order its entries were applied; reading it from the end undoes them.
  return inverse;
}

/** Makes `version` the head and returns its tables. O(changes made between it and the current head). */
function reroot(version: Version): AnyTable[] {
  if (version.tables !== null) return version.tables;
  // The path from this version to the head, iteratively: chains can be as long as the history.
  const path: Version[] = [];
  let at: Version = version;
  while (at.tables === null) {
    path.push(at);
    at = at.next as Version;
  }
  const tables = at.tables;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as Version;
    const head = step.next as Version;
    const inverse = applyChanges(tables, step.changes as unknown[]);
    head.tables = null;
    head.next = step;
    head.changes = inverse;
    step.tables = tables;
    step.next = null;
    step.changes = null;
  }
  return tables;
}

/** Reads one key of one table as `version` sees it. */
export function readKey<V>(version: Version, table: number, key: unknown): V | undefined {
  return reroot(version)[table]?.get(key) as V | undefined;
}

/** Runs `read` over the tables as `version` sees them; `read` must not touch any other version. */
export function readTables<T>(version: Version, read: (tables: readonly AnyTable[]) => T): T {
  return read(reroot(version));
}

/** The writes of one transaction: each is recorded so that the version written from can be restored. */
export interface Writer {
  /** The value of a key as the transaction sees it (its own writes included). */
  get<V>(table: number, key: unknown): V | undefined;
  /** Sets a key; `undefined` is a value (a B+ tree used as a sorted set). */
  set(table: number, key: unknown, value: unknown): void;
  /** Deletes a key, if present. */
  delete(table: number, key: unknown): void;
  /** Adds a key to a table used as a sorted set (a B+ tree whose values are all `undefined`). */
  add(table: number, key: string): void;
  /** Removes a key from a table used as a sorted set. */
  remove(table: number, key: string): void;
}

/** A B+ tree's writes report whether they changed anything, which saves a lookup before each. */
interface SetTable {
  set(key: unknown, value: undefined): boolean;
  delete(key: unknown): boolean;
}

/**
 * A new version: `version` with the writes `write` makes. `version` stays what it was. When `write`
 * throws, every write it made is undone before the error goes on, and the store is as it was.
 */
export function writeVersion(version: Version, write: (writer: Writer) => void): Version {
  const tables = reroot(version);
  const undo: unknown[] = [];
  const writer: Writer = {
    get: <V>(t: number, key: unknown) => (tables[t] as AnyTable).get(key) as V | undefined,
    set(t, key, value) {
      const table = tables[t] as AnyTable;
      const old = table.get(key);
      undo.push(t, key, old !== undefined || table.has(key) ? old : ABSENT);
      table.set(key, value);
    },
    delete(t, key) {
      const table = tables[t] as AnyTable;
      if (!table.has(key)) return;
      undo.push(t, key, table.get(key));
      table.delete(key);
    },
    add(t, key) {
      if ((tables[t] as unknown as SetTable).set(key, undefined)) undo.push(t, key, ABSENT);
    },
    remove(t, key) {
      if ((tables[t] as unknown as SetTable).delete(key)) undo.push(t, key, undefined);
    },
  };
  try {
    write(writer);
  } catch (error) {
    applyChanges(tables, undo);
    throw error;
  }
  const next = new Version(tables, null, null);
  version.tables = null;
  version.next = next;
  version.changes = undo;
  return next;
}
