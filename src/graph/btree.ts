import BTreeModule from 'sorted-btree';

// sorted-btree ships CommonJS with `exports.default`; Node's ESM loader hands us the exports object,
// bundlers hand us the class. Accept both so the ESM and CJS builds and the test runner agree.
const moduleValue = BTreeModule as unknown as { readonly default?: typeof BTreeModule };

/** The B+ tree class, whichever module system loaded it. */
export const BTree: typeof BTreeModule = moduleValue.default ?? BTreeModule;

/** A B+ tree instance. */
export type BTree<K, V> = BTreeModule<K, V>;
