// The lean floor's search index: one mutable B+ tree of postings (lower-cased value, customer id, type,
// where, value), so that a prefix search is a range scan and a change writes only its own postings. The
// key order is customer-graph's: within a term customers sort by id.
import { BTree, compareStrings, prefixPage } from '../btree';
import type { LeanCustomer, LeanProfile } from './records';

/** One searchable value of a customer. */
export interface LeanPosting {
  readonly customerId: number;
  readonly idType: string;
  readonly idValue: string;
  /** The profile's source account key, with `<victimId` for a conflicting profile. */
  readonly where: string;
}

export interface LeanSearchAnswer {
  readonly total: number;
  readonly data: readonly {
    readonly userId: number;
    readonly matched: readonly LeanPosting[];
    readonly profiles: readonly { readonly where: string; readonly firstName: string; readonly lastName: string }[];
  }[];
}

const SEP = '\u0000';

function keyOf(customerId: number, idType: string, idValue: string, where: string): string {
  return `${idValue.toLowerCase()}${SEP}${String(customerId).padStart(16, '0')}${SEP}${idType}${SEP}${where}${SEP}${idValue}`;
}

export class LeanSearchIndex {
  private readonly tree = new BTree<string, LeanPosting>(undefined, compareStrings);

  private put(customerId: number, idType: string, idValue: string, where: string): void {
    if (idValue !== '') this.tree.set(keyOf(customerId, idType, idValue, where), { customerId, idType, idValue, where });
  }

  private drop(customerId: number, idType: string, idValue: string, where: string): void {
    if (idValue !== '') this.tree.delete(keyOf(customerId, idType, idValue, where));
  }

  /** Adds or removes every posting of one profile: names, identifiers, and those of its conflicting profiles. */
  private profile(id: number, p: LeanProfile, write: (id: number, type: string, value: string, where: string) => void): void {
    const where = p.account.key;
    write(id, 'firstName', p.firstName, where);
    write(id, 'lastName', p.lastName, where);
    for (const i of p.identifiers) write(id, i.type, i.value, where);
    for (const x of p.conflicting) {
      const at = `${where}<${x.mergedFrom}`;
      write(id, 'firstName', x.firstName, at);
      write(id, 'lastName', x.lastName, at);
      for (const i of x.identifiers) write(id, i.type, i.value, at);
    }
  }

  addProfile(id: number, p: LeanProfile): void {
    this.profile(id, p, (a, b, c, d) => this.put(a, b, c, d));
  }

  /** Every posting of a customer (a live one has postings; a victim has none). */
  add(c: LeanCustomer): void {
    for (const p of c.profiles) this.addProfile(c.id, p);
  }

  remove(c: LeanCustomer): void {
    for (const p of c.profiles) this.profile(c.id, p, (a, b, d, e) => this.drop(a, b, d, e));
  }

  /** A name of one profile changed. */
  rename(id: number, p: LeanProfile, type: 'firstName' | 'lastName', before: string): void {
    if (before === p[type]) return;
    this.drop(id, type, before, p.account.key);
    this.put(id, type, p[type], p.account.key);
  }

  /** Fetch Customers: customers with a first name, last name or identifier value starting with `q`. */
  search(q: string, limit: number, offset: number, profilesOf: (id: number) => readonly LeanProfile[]): LeanSearchAnswer {
    const { total, page } = prefixPage(this.tree, q, limit, offset);
    const data: LeanSearchAnswer['data'][number][] = [];
    for (const [userId, matched] of page) {
      const profiles = profilesOf(userId).map((p) => ({ where: p.account.key, firstName: p.firstName, lastName: p.lastName }));
      data.push({ userId, matched, profiles });
    }
    return { total, data };
  }
}
