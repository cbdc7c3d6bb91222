// A persistent map from strings to values: a hash array mapped trie (Bagwell's HAMT, with CHAMP's
// compact bitmap-indexed nodes) written by path copying. The identifier tables are probed by exact value
// on every lookup and write, and need no order: a probe hashes the key once and then indexes a few small
// arrays, where a B+ tree compared strings at every level (ARC-3). `clone` is O(1).

const BITS = 5;
const MASK = (1 << BITS) - 1;
// 32 hash bits, 5 a level: below this depth the hash is spent and keys that share it sit in a bucket.
const MAX_DEPTH = 7;

interface Leaf {
  readonly hash: number;
  readonly key: string;
  readonly value: unknown;
}

interface Branch {
  readonly bitmap: number;
  readonly slots: readonly Slot[];
}

interface Bucket {
  readonly leaves: readonly Leaf[];
}

type Slot = Leaf | Branch | Bucket;

const EMPTY: Branch = { bitmap: 0, slots: [] };

// FNV-1a over UTF-16 code units: cheap, and good enough spread for identifier values.
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function isLeaf(slot: Slot): slot is Leaf {
  return 'key' in slot;
}

function isBucket(slot: Slot): slot is Bucket {
  return 'leaves' in slot;
}

function get(node: Slot, hash: number, key: string, depth: number): unknown {
  let at: Slot = node;
  for (let d = depth; ; d++) {
    if (isLeaf(at)) return at.key === key ? at.value : undefined;
    if (isBucket(at)) return at.leaves.find((l) => l.key === key)?.value;
    const bit = 1 << ((hash >>> (d * BITS)) & MASK);
    if ((at.bitmap & bit) === 0) return undefined;
    at = at.slots[popcount(at.bitmap & (bit - 1))] as Slot;
  }
}

// Two leaves that collide at `depth`: a branch (or, once the hash is spent, a bucket) holding both.
function join(a: Leaf, b: Leaf, depth: number): Slot {
  if (depth >= MAX_DEPTH) return { leaves: [a, b] };
  const fa = (a.hash >>> (depth * BITS)) & MASK;
  const fb = (b.hash >>> (depth * BITS)) & MASK;
  if (fa === fb) return { bitmap: 1 << fa, slots: [join(a, b, depth + 1)] };
  return { bitmap: (1 << fa) | (1 << fb), slots: fa < fb ? [a, b] : [b, a] };
}

function put(slot: Slot, leaf: Leaf, depth: number): Slot {
  if (isLeaf(slot)) return slot.key === leaf.key ? leaf : join(slot, leaf, depth);
  if (isBucket(slot)) return { leaves: [...slot.leaves.filter((l) => l.key !== leaf.key), leaf] };
  const bit = 1 << ((leaf.hash >>> (depth * BITS)) & MASK);
  const i = popcount(slot.bitmap & (bit - 1));
  const slots = slot.slots.slice();
  if ((slot.bitmap & bit) === 0) slots.splice(i, 0, leaf);
  else slots[i] = put(slots[i] as Slot, leaf, depth + 1);
  return { bitmap: slot.bitmap | bit, slots };
}

// The slot without `key`, or undefined when nothing is left of it; the caller checked that `key` is there.
function remove(slot: Slot, hash: number, key: string, depth: number): Slot | undefined {
  if (isLeaf(slot)) return undefined;
  if (isBucket(slot)) {
    const leaves = slot.leaves.filter((l) => l.key !== key);
    return leaves.length === 1 ? leaves[0] : { leaves };
  }
  const bit = 1 << ((hash >>> (depth * BITS)) & MASK);
  const i = popcount(slot.bitmap & (bit - 1));
  const child = remove(slot.slots[i] as Slot, hash, key, depth + 1);
  const slots = slot.slots.slice();
  if (child === undefined) slots.splice(i, 1);
  else slots[i] = child;
  const bitmap = child === undefined ? slot.bitmap & ~bit : slot.bitmap;
  // A branch left with one leaf is that leaf: the trie stays as shallow as its keys need.
  if (depth > 0 && slots.length === 1 && isLeaf(slots[0] as Slot)) return slots[0];
  return slots.length === 0 && depth > 0 ? undefined : { bitmap, slots };
}

function* leavesOf(slot: Slot): IterableIterator<Leaf> {
  if (isLeaf(slot)) yield slot;
  else if (isBucket(slot)) yield* slot.leaves;
  else for (const s of slot.slots) yield* leavesOf(s);
}

/** A persistent map of values by string, in no particular order; `undefined` is not a value (it means absent). */
export class StringHamt<V> {
  private root: Slot;

  constructor(root: Slot = EMPTY) {
    this.root = root;
  }

  get(key: string): V | undefined {
    return get(this.root, hashOf(key), key, 0) as V | undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets a key's value, copying the nodes on its path: other clones keep theirs. */
  set(key: string, value: V): this {
    this.root = put(this.root, { hash: hashOf(key), key, value }, 0);
    return this;
  }

  /** Removes a key, if present. */
  delete(key: string): boolean {
    if (!this.has(key)) return false;
    this.root = remove(this.root, hashOf(key), key, 0) ?? EMPTY;
    return true;
  }

  /** A clone sharing every node with this map; either may be written afterwards without touching the other. */
  clone(): StringHamt<V> {
    return new StringHamt<V>(this.root);
  }

  /** Every (key, value), in hash order. */
  *entries(): IterableIterator<[string, V]> {
    for (const l of leavesOf(this.root)) yield [l.key, l.value as V];
  }

  /** Every key, in hash order. */
  *keys(): IterableIterator<string> {
    for (const l of leavesOf(this.root)) yield l.key;
  }
}
