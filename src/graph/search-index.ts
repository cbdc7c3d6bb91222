import type { Customer } from '../records/customer';
import type { CustomerId } from '../kernel/ids';
import { IDENTIFIER_TYPES } from '../org/identifiers';
import { SOURCES, type Source } from '../org/sources';
import { BTree } from './btree';

/** One searchable value of one customer: what `matchedIdentifiers` reports (SRCH-2). */
export interface SearchPosting {
  readonly customerId: CustomerId;
  readonly idType: string;
  readonly idValue: string;
  readonly source: Source;
  readonly accountId: string;
}

/**
 * The search index: a B+ tree used as a sorted set of posting keys, so that a prefix is a range scan
 * (SRCH-1). A key carries its whole posting, so the tree holds no value objects (about 50 bytes a posting):
 *
 *   term NUL id NUL field source accountLength accountId [value]
 *
 * `term` is the lower-cased value (NUL written as U+0001, so that the first NUL ends it); `id` is the
 * customer id in base 36 behind its length, so that within one term customers sort by id; `field` and
 * `source` are one character each, in the alphabetical order of their names; the exact value comes last,
 * and only when it differs from the term (a name's capitals, a case-sensitive id).
 */
export type SearchIndex = BTree<string, undefined>;

const SEP = '\u0000';
const CODE_BASE = 0x41;

const FIELDS: readonly string[] = ['firstName', 'lastName', ...IDENTIFIER_TYPES].sort();
const FIELD_CODE: ReadonlyMap<string, string> = new Map(FIELDS.map((f, i) => [f, String.fromCharCode(CODE_BASE + i)]));
const SORTED_SOURCES: readonly Source[] = [...SOURCES].sort();
const SOURCE_CODE: ReadonlyMap<string, string> = new Map(SORTED_SOURCES.map((s, i) => [s, String.fromCharCode(CODE_BASE + i)]));

// Keys are always strings: plain `<` is the order sorted-btree's default comparator gives them, without
// its per-call type dispatch (it runs a few dozen times per posting written or looked up).
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A new, empty search index. */
export function emptySearchIndex(): SearchIndex {
  return new BTree<string, undefined>(undefined, compareKeys);
}

/** The term of a value or of a query: lower-cased, with NUL kept out of the key's separators. */
export function searchTerm(value: string): string {
  const low = value.toLowerCase();
  return low.includes(SEP) ? low.replaceAll(SEP, '\u0001') : low;
}

function idCode(id: number): string {
  const s = id.toString(36);
  return String.fromCharCode(0x30 + s.length) + s;
}

function postingKey(id: CustomerId, field: string, value: string, source: Source, accountId: string): string {
  const term = searchTerm(value);
  const codes = `${FIELD_CODE.get(field) ?? '?'}${SOURCE_CODE.get(source) ?? '?'}${String.fromCharCode(0x30 + accountId.length)}`;
  return `${term}${SEP}${idCode(id)}${SEP}${codes}${accountId}${value === term ? '' : value}`;
}

/** The customer id of a posting key, read without decoding the rest. */
export function postingCustomer(key: string): CustomerId {
  const a = key.indexOf(SEP);
  const length = key.charCodeAt(a + 1) - 0x30;
  return parseInt(key.slice(a + 2, a + 2 + length), 36) as CustomerId;
}

/** The posting a key stands for. */
export function decodePosting(key: string): SearchPosting {
  const a = key.indexOf(SEP);
  const idLength = key.charCodeAt(a + 1) - 0x30;
  const b = a + 2 + idLength;
  const customerId = parseInt(key.slice(a + 2, b), 36) as CustomerId;
  const field = FIELDS[key.charCodeAt(b + 1) - CODE_BASE] ?? '';
  const source = SORTED_SOURCES[key.charCodeAt(b + 2) - CODE_BASE] ?? SORTED_SOURCES[0];
  const accountStart = b + 4;
  const accountEnd = accountStart + key.charCodeAt(b + 3) - 0x30;
  const rest = key.slice(accountEnd);
  return {
    customerId,
    idType: field,
    idValue: rest === '' ? key.slice(0, a) : rest,
    source: source as Source,
    accountId: key.slice(accountStart, accountEnd),
  };
}

/** The posting keys of a customer: first and last names and identifier values of every profile, conflicting ones too. */
export function postingKeysOf(customer: Customer | undefined): string[] {
  const out: string[] = [];
  if (customer === undefined || customer.status !== 'live') return out;
  for (const profile of customer.profiles) {
    addProfile(out, customer.id, profile);
    for (const p of profile.conflictingProfiles) addProfile(out, customer.id, p);
  }
  return out;
}

function addProfile(
  out: string[],
  id: CustomerId,
  p: { readonly source: Source; readonly accountId: string; readonly firstName: string; readonly lastName: string; readonly identifiers: readonly { readonly type: string; readonly value: string }[] },
): void {
  if (p.firstName !== '') out.push(postingKey(id, 'firstName', p.firstName, p.source, p.accountId));
  if (p.lastName !== '') out.push(postingKey(id, 'lastName', p.lastName, p.source, p.accountId));
  for (const i of p.identifiers) if (i.value !== '') out.push(postingKey(id, i.type, i.value, p.source, p.accountId));
}

/**
 * The customers whose terms start with the query's term, in the order of their first posting: at most
 * `max`, so that a search visits the postings of at most `max` customers whatever the graph holds (SRCH-1).
 */
export function prefixCustomers(index: SearchIndex, prefix: string, max: number): CustomerId[] {
  const low = searchTerm(prefix);
  const seen = new Set<CustomerId>();
  for (const k of index.keys(low)) {
    if (!k.startsWith(low)) break;
    const id = postingCustomer(k);
    if (seen.has(id)) continue;
    if (seen.size >= max) break;
    seen.add(id);
  }
  return [...seen];
}

/** A customer's postings whose terms start with the query's term, in the index's order: its matched values (SRCH-2). */
export function matchingPostings(customer: Customer, prefix: string): SearchPosting[] {
  const low = searchTerm(prefix);
  // The index is a set: a value held twice (a conflicting profile with its main profile's name) is one posting.
  return [...new Set(postingKeysOf(customer).filter((k) => k.startsWith(low)))].sort(compareKeys).map(decodePosting);
}
