import BTreeModule from 'sorted-btree';

// The same interop shim as src/internal/btree.ts (not imported: src/internal is not public API).
// sorted-btree ships CommonJS with `exports.default`; Node's ESM loader hands us the exports object,
// bundlers hand us the class. Accept both.
const moduleValue = BTreeModule as unknown as { readonly default?: typeof BTreeModule };

/** The B+ tree class, whichever module system loaded it. */
export const BTree: typeof BTreeModule = moduleValue.default ?? BTreeModule;

/** A B+ tree instance. */
export type BTree<K, V> = BTreeModule<K, V>;

/** Plain string order, without sorted-btree's per-call type dispatch (keys are always strings). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
