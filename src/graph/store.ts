// A persistent store of a few tables: every version is a value, and every version costs the same to read
// and to write whatever has been done with any other (ARC-3).
//
// Each table is a persistent map whose `clone` is O(1) and shares every node until either side writes
// (the id trie, the string HAMT, sorted-btree's B+ tree). A version never changes its tables; a write
// clones the tables it touches and writes the clones in place, copying only the nodes on the paths it
// writes, the way Clojure's transients and immutable.js's `withMutations` batch an edit: a command that
// sets ten keys copies each path at most once.
//
// What this buys over the rerooted store it replaced (decisions.md, "The persistent graph"): two branches
// used alternately, a reader holding an old snapshot while a writer goes on, or the first read of a
// snapshot thousands of writes old cost what the newest version costs, and an old version keeps alive only
// the nodes it does not share, never a chain of undo logs.

/**
 * A table of the store: a persistent map whose `clone` is O(1) and shares structure until either side
 * writes (the id trie of id-trie.ts, the string HAMT of string-hamt.ts, a B+ tree from sorted-btree).
 */
export interface Table<K = unknown, V = unknown> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
  clone(): Table<K, V>;
  entries(): IterableIterator<[K, V]>;
  keys(): IterableIterator<K>;
}

// The tables differ in key and value types (ids, identifier values, posting keys); their readers cast.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = Table<any, unknown>;

/** The writes of one transaction. */
export interface Writer {
  /** The value of a key as the transaction sees it (its own writes included). */
  get<V>(table: number, key: unknown): V | undefined;
  /** Sets a key; `undefined` is a value (a B+ tree used as a sorted set). */
  set(table: number, key: unknown, value: unknown): void;
  /** Deletes a key, if present. */
  delete(table: number, key: unknown): void;
  /** Adds a key to a table used as a sorted set (its values are all `undefined`); cheapest for a key not there. */
  add(table: number, key: string): void;
  /** Removes a key from a table used as a sorted set; cheapest for a key that is there. */
  remove(table: number, key: string): void;
}

/** A writer used after its transaction ended: a bug, refused. */
export class StoreMisuse extends Error {
  override readonly name = 'StoreMisuse';
}

/**
 * A run of writes made in place (Clojure's transients): while a batch is open, a write on its newest version
 * reuses the tables the batch already cloned instead of cloning them again, so a bulk load clones each
 * table once and sorted-btree's nodes are copied once, not once per write. The versions a batch makes
 * along the way are spent as soon as the next one exists; only the last is a value, once the batch ends.
 */
interface Batch {
  /** Which tables are already the batch's own clones. */
  readonly owned: boolean[];
  /** The newest version of the batch, the only one that may be written; undefined once it ended. */
  head: Version | undefined;
}

/** One version of the store: its tables, never written once the version exists (outside an open batch). */
export class Version {
  readonly #tables: readonly AnyTable[];
  readonly #batch: Batch | undefined;

  private constructor(tables: readonly AnyTable[], batch?: Batch) {
    this.#tables = tables;
    this.#batch = batch;
  }

  /** A new store over these tables, and its first version; the store keeps its own clones. */
  static create(tables: readonly AnyTable[]): Version {
    return new Version(tables.map((t) => t.clone()));
  }

  /** One key of one table as `version` sees it: the hot path of every read. */
  static get<V>(version: Version, table: number, key: unknown): V | undefined {
    return version.#tables[table]?.get(key) as V | undefined;
  }

  /** Runs `read` over the tables of `version`; `read` must not write them. */
  static read<T, A>(version: Version, read: (tables: readonly AnyTable[], arg: A) => T, arg: A): T {
    return read(version.#tables, arg);
  }

  /**
   * A new version: `version` with the writes `write` makes. `version` stays what it was, and when `write`
   * throws there is no new version at all: nothing of the old one was written. In an open batch the
   * writes go in place, `version` is spent, and a throw spends the whole batch.
   */
  static write(version: Version, write: (writer: Writer) => void): Version {
    const batch = version.#batch;
    if (batch !== undefined && batch.head !== undefined) {
      if (batch.head !== version) throw new StoreMisuse('a version of a batch was written after the batch moved past it');
      const tx = transaction(version.#tables, batch.owned);
      try {
        write(tx);
      } catch (error) {
        batch.head = undefined;
        throw error;
      } finally {
        tx.live = false;
      }
      const next = new Version(tx.tables, batch);
      batch.head = next;
      return next;
    }
    const tx = transaction(version.#tables, version.#tables.map(() => false));
    try {
      write(tx);
    } finally {
      tx.live = false;
    }
    return new Version(tx.tables);
  }

  /** The first version of a batch: `version`'s tables, cloned by the batch's first write to each. */
  static openBatch(version: Version): Version {
    const batch: Batch = { owned: version.#tables.map(() => false), head: undefined };
    const first = new Version(version.#tables, batch);
    batch.head = first;
    return first;
  }

  /** Ends the batch `version` is the newest of: from now on it is a value like any other. */
  static closeBatch(version: Version): Version {
    const batch = version.#batch;
    if (batch === undefined) return version;
    if (batch.head !== version) throw new StoreMisuse('a batch was closed on a version it had moved past');
    batch.head = undefined;
    return version;
  }
}

/** The writer of one transaction: the tables it has written are its own clones. */
interface Transaction extends Writer {
  readonly tables: AnyTable[];
  /** Which tables are already this transaction's own clones. */
  readonly owned: boolean[];
  live: boolean;
}

// A transaction is a literal whose methods are shared functions, not a class instance: V8 keeps a literal's
// shape with the code that makes it, while the shape of short-lived class instances was dropped at each
// full GC, and the optimized code of every write with it (performance.md, "The core redesign").
function readable(tx: Transaction, t: number): AnyTable {
  if (!tx.live) throw new StoreMisuse('a writer was used after its transaction ended');
  return tx.tables[t] as AnyTable;
}

function writable(tx: Transaction, t: number): AnyTable {
  const table = readable(tx, t);
  if (tx.owned[t] === true) return table;
  const own = table.clone();
  tx.tables[t] = own;
  tx.owned[t] = true;
  return own;
}

function txGet<V>(this: Transaction, t: number, key: unknown): V | undefined {
  return readable(this, t).get(key) as V | undefined;
}

function txSet(this: Transaction, t: number, key: unknown, value: unknown): void {
  writable(this, t).set(key, value);
}

function txDelete(this: Transaction, t: number, key: unknown): void {
  if (readable(this, t).has(key)) writable(this, t).delete(key);
}

// `add` and `remove` are given keys known to be absent and present (the search postings are written by
// difference, commit.ts), so they write without asking first: sorted-btree answers `has` with a range scan,
// which cost 15% of a bulk load.
function txAdd(this: Transaction, t: number, key: string): void {
  writable(this, t).set(key, undefined);
}

function txRemove(this: Transaction, t: number, key: string): void {
  writable(this, t).delete(key);
}

function transaction(tables: readonly AnyTable[], owned: boolean[]): Transaction {
  return { tables: [...tables], owned, live: true, get: txGet, set: txSet, delete: txDelete, add: txAdd, remove: txRemove };
}

/** A new store over these persistent tables, and its first version. */
export function createStore(tables: readonly AnyTable[]): Version {
  return Version.create(tables);
}

/** Reads one key of one table as `version` sees it. */
export function readKey<V>(version: Version, table: number, key: unknown): V | undefined {
  return Version.get<V>(version, table, key);
}

/**
 * Runs `read` over the tables as `version` sees them, with `arg` (so that a hot read can be a module
 * function rather than a closure made per call); `read` must not write them.
 */
export function readTables<T, A = undefined>(version: Version, read: (tables: readonly AnyTable[], arg: A) => T, arg?: A): T {
  return Version.read(version, read, arg as A);
}

/** A new version: `version` with the writes `write` makes. */
export function writeVersion(version: Version, write: (writer: Writer) => void): Version {
  return Version.write(version, write);
}

/** A batch of in-place writes starting at `version`, which stays as it was (see `Batch`). */
export function openBatch(version: Version): Version {
  return Version.openBatch(version);
}

/** Ends a batch at its newest version, which becomes an ordinary version. */
export function closeBatch(version: Version): Version {
  return Version.closeBatch(version);
}
