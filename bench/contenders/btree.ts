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

/**
 * A prefix search over postings keyed by lower-cased value (the floors' search index): how many distinct
 * customers match, and the postings of the page's customers, by customer, in key order. A customer can
 * match under several values, apart in key order: it is counted once.
 */
export function prefixPage<P extends { readonly customerId: number }>(
  tree: BTree<string, P>,
  q: string,
  limit: number,
  offset: number,
): { readonly total: number; readonly page: Map<number, P[]> } {
  const low = q.trim().toLowerCase();
  const seen = new Set<number>();
  const page = new Map<number, P[]>();
  for (const [k, p] of tree.entries(low)) {
    if (!k.startsWith(low)) break;
    if (seen.has(p.customerId)) {
      page.get(p.customerId)?.push(p);
      continue;
    }
    if (seen.size >= offset && seen.size < offset + limit) page.set(p.customerId, [p]);
    seen.add(p.customerId);
  }
  return { total: seen.size, page };
}
