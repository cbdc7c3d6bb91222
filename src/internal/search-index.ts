import type { Customer } from '../customer';
import type { CustomerId } from '../ids';
import type { Source } from '../sources';
import { BTree } from './btree';

/** One searchable value of one customer: what `matchedIdentifiers` reports (SRCH-2). */
export interface SearchPosting {
  readonly customerId: CustomerId;
  readonly idType: string;
  readonly idValue: string;
  readonly source: Source;
  readonly accountId: string;
}

/** Search terms, lower-cased, in a persistent B+ tree so that a prefix is a range scan (SRCH-1, ARC-3). */
export type SearchIndex = BTree<string, SearchPosting>;

const SEP = '\u0000';

// Keys are always strings: plain `<` is the order sorted-btree's default comparator gives them, without
// its per-call type dispatch (it runs a few dozen times per posting written or looked up).
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function emptySearchIndex(): SearchIndex {
  const tree = new BTree<string, SearchPosting>(undefined, compareKeys);
  tree.freeze();
  return tree;
}

function key(p: SearchPosting): string {
  // The id is zero-padded so that, within one term, customers sort by id. The exact value comes last: two
  // values that differ only in case (a case-sensitive wechat id, two profiles' names) are two postings.
  return `${p.idValue.toLowerCase()}${SEP}${String(p.customerId).padStart(16, '0')}${SEP}${p.idType}${SEP}${p.source}/${p.accountId}${SEP}${p.idValue}`;
}

/** The postings of a customer: first and last names and identifier values of every profile, conflicting ones too. */
export function postingsOf(customer: Customer | undefined): Map<string, SearchPosting> {
  const out = new Map<string, SearchPosting>();
  if (customer === undefined || customer.status !== 'live') return out;
  const add = (idType: string, idValue: string, source: Source, accountId: string): void => {
    if (idValue === '') return;
    const p: SearchPosting = { customerId: customer.id, idType, idValue, source, accountId };
    out.set(key(p), p);
  };
  for (const profile of customer.profiles) {
    for (const p of [profile, ...profile.conflictingProfiles]) {
      add('firstName', p.firstName, p.source, p.accountId);
      add('lastName', p.lastName, p.source, p.accountId);
      for (const id of p.identifiers) add(id.type, id.value, p.source, p.accountId);
    }
  }
  return out;
}

/** Applies the difference between postings before and after, copying only the touched paths of the tree. */
export function updateSearchIndex(
  index: SearchIndex,
  changes: readonly { readonly before: Map<string, SearchPosting>; readonly after: Map<string, SearchPosting> }[],
): SearchIndex {
  let next: SearchIndex | undefined;
  const writable = (): SearchIndex => (next ??= index.clone());
  for (const { before, after } of changes) {
    for (const k of before.keys()) if (!after.has(k)) writable().delete(k);
    for (const [k, p] of after) if (!before.has(k)) writable().set(k, p);
  }
  if (next === undefined) return index;
  next.freeze();
  return next;
}

/** Every posting whose term starts with the lower-cased prefix, in term order. */
export function* scanPrefix(index: SearchIndex, prefix: string): Generator<SearchPosting> {
  const low = prefix.toLowerCase();
  for (const [k, p] of index.entries(low)) {
    if (!k.startsWith(low)) return;
    yield p;
  }
}
