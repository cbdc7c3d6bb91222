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
// state changes on reads, so it guards itself: a version's fields are private to this module, and while a
// callback runs over the tables (a read or a write), any other use of the store is refused with an error
// rather than allowed to reroot the tables under the callback's feet. A writer is dead once its
// transaction ends.

/** A table of the store: a `Map`, or anything with the same get/has/set/delete (a B+ tree). */
export interface Table<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
}

type AnyTable = Table<unknown, unknown>;

/** A B+ tree's writes report whether they changed anything, which saves a lookup before each. */
interface SetTable {
  set(key: unknown, value: undefined): boolean;
  delete(key: unknown): boolean;
}

// Marks a key that was absent, in a list of changes: deleting it restores that state.
const ABSENT: unique symbol = Symbol('absent');

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

/** The store was used from inside one of its own callbacks, or through a dead writer: a bug, refused. */
export class StoreMisuse extends Error {
  override readonly name = 'StoreMisuse';
}

// Set while a callback runs over the tables: nothing may reroot them until it returns.
let busy = false;

function enter(): void {
  if (busy) throw new StoreMisuse('the store was used from inside a read or write of the store: a version must not be read while another is being read or written');
  busy = true;
}

/**
 * One version of the store. What it answers never changes; how it holds it does (rerooting), which is
 * why its fields are private: `tables` on the head only, `next` and `changes` (flat triples: table index,
 * key, value or ABSENT, applied from the last to the first to step from `next` to it) on every other.
 */
export class Version {
  #tables: AnyTable[] | null;
  #next: Version | null;
  #changes: unknown[] | null;

  private constructor(tables: AnyTable[] | null) {
    this.#tables = tables;
    this.#next = null;
    this.#changes = null;
  }

  /** A new store owning these tables, and its first version. */
  static create(tables: readonly AnyTable[]): Version {
    return new Version([...tables]);
  }

  // Applies a list of changes from its end to its start, and returns the list that undoes it.
  static #apply(tables: AnyTable[], changes: readonly unknown[]): unknown[] {
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
  static #reroot(version: Version): AnyTable[] {
    if (version.#tables !== null) return version.#tables;
    // The path from this version to the head, iteratively: chains can be as long as the history.
    const path: Version[] = [];
    let at: Version = version;
    while (at.#tables === null) {
      path.push(at);
      at = at.#next as Version;
    }
    const tables = at.#tables;
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i] as Version;
      const head = step.#next as Version;
      const inverse = Version.#apply(tables, step.#changes as unknown[]);
      head.#tables = null;
      head.#next = step;
      head.#changes = inverse;
      step.#tables = tables;
      step.#next = null;
      step.#changes = null;
    }
    return tables;
  }

  /** One key of one table as `version` sees it: the hot path of every read, so without a callback. */
  static get<V>(version: Version, table: number, key: unknown): V | undefined {
    enter();
    try {
      return Version.#reroot(version)[table]?.get(key) as V | undefined;
    } finally {
      busy = false;
    }
  }

  /** Runs `read` over the tables as `version` sees them; the store refuses any other use until it returns. */
  static read<T, A>(version: Version, read: (tables: readonly AnyTable[], arg: A) => T, arg: A): T {
    enter();
    try {
      return read(Version.#reroot(version), arg);
    } finally {
      busy = false;
    }
  }

  /**
   * A new version: `version` with the writes `write` makes. `version` stays what it was. When `write`
   * throws, every write it made is undone before the error goes on, and the store is as it was.
   */
  static write(version: Version, write: (writer: Writer) => void): Version {
    enter();
    const tables = Version.#reroot(version);
    const writer = transaction(tables);
    try {
      try {
        write(writer);
      } catch (error) {
        Version.#apply(tables, writer.undo);
        throw error;
      }
      const next = new Version(tables);
      version.#tables = null;
      version.#next = next;
      version.#changes = writer.undo;
      return next;
    } finally {
      writer.live = false;
      busy = false;
    }
  }
}

/** The writer of one transaction, recording an undo entry for every change; dead once the transaction ends. */
interface Transaction extends Writer {
  readonly tables: AnyTable[];
  readonly undo: unknown[];
  live: boolean;
}

// A transaction is a literal whose methods are shared functions, not a class instance: V8 keeps a literal's
// shape with the code that makes it, while the shape of short-lived class instances was dropped at each
// full GC, and the optimized code of every write with it.
function tableOf(tx: Transaction, t: number): AnyTable {
  if (!tx.live) throw new StoreMisuse('a writer was used after its transaction ended');
  return tx.tables[t] as AnyTable;
}

function txGet<V>(this: Transaction, t: number, key: unknown): V | undefined {
  return tableOf(this, t).get(key) as V | undefined;
}

function txSet(this: Transaction, t: number, key: unknown, value: unknown): void {
  const table = tableOf(this, t);
  const old = table.get(key);
  this.undo.push(t, key, old !== undefined || table.has(key) ? old : ABSENT);
  table.set(key, value);
}

function txDelete(this: Transaction, t: number, key: unknown): void {
  const table = tableOf(this, t);
  if (!table.has(key)) return;
  this.undo.push(t, key, table.get(key));
  table.delete(key);
}

function txAdd(this: Transaction, t: number, key: string): void {
  if ((tableOf(this, t) as unknown as SetTable).set(key, undefined)) this.undo.push(t, key, ABSENT);
}

function txRemove(this: Transaction, t: number, key: string): void {
  if ((tableOf(this, t) as unknown as SetTable).delete(key)) this.undo.push(t, key, undefined);
}

function transaction(tables: AnyTable[]): Transaction {
  return { tables, undo: [], live: true, get: txGet, set: txSet, delete: txDelete, add: txAdd, remove: txRemove };
}

/** A new store owning these tables, and its first version. */
export function createStore(tables: readonly AnyTable[]): Version {
  return Version.create(tables);
}

/** Reads one key of one table as `version` sees it. */
export function readKey<V>(version: Version, table: number, key: unknown): V | undefined {
  return Version.get<V>(version, table, key);
}

/**
 * Runs `read` over the tables as `version` sees them, with `arg` (so that a hot read can be a module
 * function rather than a closure made per call); `read` must not use the store itself.
 */
export function readTables<T, A = undefined>(version: Version, read: (tables: readonly AnyTable[], arg: A) => T, arg?: A): T {
  return Version.read(version, read, arg as A);
}

/** A new version: `version` with the writes `write` makes; `write` must not use the store itself. */
export function writeVersion(version: Version, write: (writer: Writer) => void): Version {
  return Version.write(version, write);
}
