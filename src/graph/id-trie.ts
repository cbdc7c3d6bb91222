// A persistent map from non-negative integer ids to values: a 32-way radix trie (the layout of Clojure's
// persistent vector, keyed by the id itself), written by path copying. Customer ids are dense and come
// from a counter, so a read is a few array indexings with no hashing and no comparisons, and a write
// copies the few nodes on one path (ARC-3). `clone` is O(1): the clone shares the root until it writes.

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

type Node = unknown[];

// The slot of a key at a level: 32-bit shifts where they are exact, division beyond (ids go up to 2^40).
function slotOf(key: number, shift: number): number {
  return shift < 31 && key < 0x8000_0000 ? (key >>> shift) & MASK : Math.floor(key / 2 ** shift) & MASK;
}

function emptyNode(): Node {
  return new Array<unknown>(WIDTH).fill(undefined);
}

/** A persistent trie of values by integer id; `undefined` is not a value (it means absent). */
export class IdTrie<V> {
  private root: Node | undefined;
  private shift: number;
  /** The first id the trie's height cannot hold. */
  private limit: number;

  constructor(root: Node | undefined = undefined, shift = 0) {
    this.root = root;
    this.shift = shift;
    this.limit = 2 ** (shift + BITS);
  }

  /** The value of an id, if any. */
  get(key: number): V | undefined {
    if (!(key >= 0 && key < this.limit) || !Number.isInteger(key)) return undefined;
    let node = this.root;
    for (let s = this.shift; node !== undefined && s > 0; s -= BITS) node = node[slotOf(key, s)] as Node | undefined;
    return node?.[key & MASK] as V | undefined;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets an id's value, copying the nodes on its path: other clones keep theirs. */
  set(key: number, value: V): this {
    if (!Number.isInteger(key) || key < 0) throw new RangeError(`an id trie holds non-negative integer ids, not ${key}`);
    while (key >= this.limit) {
      if (this.root !== undefined) {
        const up = emptyNode();
        up[0] = this.root;
        this.root = up;
      }
      this.shift += BITS;
      this.limit = 2 ** (this.shift + BITS);
    }
    this.root = this.write(this.root, this.shift, key, value);
    return this;
  }

  /** Removes an id, if present. */
  delete(key: number): boolean {
    if (!this.has(key)) return false;
    this.root = this.write(this.root, this.shift, key, undefined);
    return true;
  }

  /** A clone sharing every node with this trie; either may be written afterwards without touching the other. */
  clone(): IdTrie<V> {
    return new IdTrie<V>(this.root, this.shift);
  }

  /** Every (id, value), in id order. */
  *entries(): IterableIterator<[number, V]> {
    if (this.root === undefined) return;
    const stack: { node: Node; shift: number; base: number; i: number }[] = [{ node: this.root, shift: this.shift, base: 0, i: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      if (top.i >= WIDTH) {
        stack.pop();
        continue;
      }
      const i = top.i++;
      const child = top.node[i];
      if (child === undefined) continue;
      const id = top.base + i * 2 ** top.shift;
      if (top.shift === 0) yield [id, child as V];
      else stack.push({ node: child as Node, shift: top.shift - BITS, base: id, i: 0 });
    }
  }

  /** Every id, in order. */
  *keys(): IterableIterator<number> {
    for (const [k] of this.entries()) yield k;
  }

  private write(node: Node | undefined, shift: number, key: number, value: V | undefined): Node {
    const copy = node === undefined ? emptyNode() : node.slice();
    const slot = slotOf(key, shift);
    copy[slot] = shift === 0 ? value : this.write(copy[slot] as Node | undefined, shift - BITS, key, value);
    return copy;
  }
}
