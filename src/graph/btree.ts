import BTreeModule from 'sorted-btree';

// sorted-btree ships CommonJS with `exports.default`; Node's ESM loader hands us the exports object,
// bundlers hand us the class. Accept both so the ESM and CJS builds and the test runner agree.
const moduleValue = BTreeModule as unknown as { readonly default?: typeof BTreeModule };

/** The B+ tree class, whichever module system loaded it. */
export const BTree: typeof BTreeModule = moduleValue.default ?? BTreeModule;

/** A B+ tree instance. */
export type BTree<K, V> = BTreeModule<K, V>;

// Keys are always strings: plain `<` is the order sorted-btree's default comparator gives them, without
// its per-call type dispatch (it runs a few dozen times per key written or looked up).
/** The order of string keys (identifier values, search postings). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
