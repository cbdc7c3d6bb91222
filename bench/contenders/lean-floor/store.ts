// The lean floor: the identity rules of docs/rules.md (REG, CHG, UPD, MRG, LKP, IDN) on plain mutable
// records, written for speed: accounts made once and compared by reference, identifiers indexed by type
// then value, customers in an array by id, subscription defaults implied. It reads values with the
// library's own helpers (normaliseIdentifier, tierFor), decides in the order the reference model does,
// and keeps what the library keeps (names, lots, transfer lines, fields, channels). Points, transfers,
// subscriptions are in ./ledger.ts and ./writes.ts, the reads in ./reads.ts.
import type { ChangeIdentifierCommand, IdentifierInput, Org, RegisterCommand, UpdateCommand } from '../../../src/index';
import { isIdentifierType, normaliseIdentifier } from '../../../src/org/identifiers';
import { MULTI_ACCOUNT_SOURCES } from '../../../src/org/sources';
import { mergeLedgers, enroll, readEnrollments } from './ledger';
import { accountsOf, LIVE, VICTIM, type LeanAccount, type LeanCustomer, type LeanIdentifier, type LeanProfile } from './records';
import { LeanSearchIndex } from './search-index';

/** A value, or the documented code of the refusal. */
export type LeanOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: number };

export function refuse(code: number): { readonly ok: false; readonly code: number } {
  return { ok: false, code };
}

/** Who holds an identifier in one source account (ID-1); `id` follows merges (MRG-2). */
interface Holding {
  readonly account: LeanAccount;
  id: number;
}

const PRIMARY: ReadonlySet<string> = new Set(['mobile', 'email', 'externalId']);
const REGISTER_BAD: Readonly<Record<string, number>> = { mobile: 1001, email: 1002, externalId: 1003 };
const CHANGE_BAD: Readonly<Record<string, number>> = { mobile: 8056, email: 8055, externalId: 8064 };
const COLLISION: Readonly<Record<string, number>> = { mobile: 1032, email: 1016, externalId: 1033 };

// LOY-2: a customer that stays non_loyalty joins no program (items naming one it holds are no-ops).
function joinsAsNonLoyalty(c: LeanCustomer, after: 'loyalty' | 'non_loyalty', items: readonly { readonly programId: number }[]): boolean {
  return after !== 'loyalty' && items.some((e) => !c.programs.some((l) => l.programId === e.programId));
}

export class LeanStore {
  /** By id − firstCustomerId. */
  readonly customers: (LeanCustomer | undefined)[] = [];
  /** Identifier type, then normalised value, to its holders by account. */
  private readonly index = new Map<string, Map<string, Holding[]>>();
  private readonly accounts: Map<string, Map<string, LeanAccount>>;
  readonly searchIndex = new LeanSearchIndex();
  nextId: number;
  nextTransferId = 1;

  constructor(readonly org: Org) {
    this.accounts = accountsOf(org);
    this.nextId = org.firstCustomerId;
    for (const t of ['mobile', 'email', 'externalId', 'wechat', 'martjackId', 'fbId', 'tmall_uname', 'cuid', 'ali_uname', 'jd_uname', 'vip_uname', 'line', 'mobilePush']) {
      this.index.set(t, new Map());
    }
  }

  customer(id: number): LeanCustomer | undefined {
    return this.customers[id - this.org.firstCustomerId];
  }

  /** The live customer an id stands for (MRG-4). */
  resolve(id: number): number {
    let c = this.customer(id);
    while (c !== undefined && c.state === VICTIM) c = this.customer(c.mergedInto);
    return c?.id ?? id;
  }

  /** SRC-1, SRC-2, SRC-4: the account, or the code of its refusal. */
  account(source: string, accountId: string | undefined): LeanAccount | number {
    const byId = this.accounts.get(source);
    if (byId === undefined) return 8012;
    const id = accountId ?? '';
    if (id === '' && MULTI_ACCOUNT_SOURCES.has(source as never)) return 8045;
    return byId.get(id) ?? 8011;
  }

  holders(i: LeanIdentifier): Holding[] | undefined {
    return this.index.get(i.type)?.get(i.value);
  }

  private holderIn(i: LeanIdentifier, account: LeanAccount): Holding | undefined {
    const hs = this.holders(i);
    if (hs !== undefined) for (const h of hs) if (h.account === account) return h;
    return undefined;
  }

  private hold(i: LeanIdentifier, account: LeanAccount, id: number): void {
    const byValue = this.index.get(i.type) as Map<string, Holding[]>;
    const hs = byValue.get(i.value);
    if (hs === undefined) byValue.set(i.value, [{ account, id }]);
    else {
      const h = hs.find((x) => x.account === account);
      if (h === undefined) hs.push({ account, id });
      else h.id = id;
    }
  }

  unhold(i: LeanIdentifier, account: LeanAccount): void {
    const byValue = this.index.get(i.type) as Map<string, Holding[]>;
    const hs = byValue.get(i.value);
    if (hs === undefined) return;
    const k = hs.findIndex((x) => x.account === account);
    if (k !== -1) hs.splice(k, 1);
    if (hs.length === 0) byValue.delete(i.value);
  }

  /** IDN-1..IDN-4: normalised identifiers in order, exact repeats dropped; or the first bad one's code. */
  private read(inputs: readonly IdentifierInput[], bad: Readonly<Record<string, number>>): LeanIdentifier[] | number {
    const out: LeanIdentifier[] = [];
    for (const input of inputs) {
      if (!isIdentifierType(input.type)) return 1104;
      const r = normaliseIdentifier(input.type, input.value, this.org.identifierRules, this.org.blocklist);
      if (!r.ok) return bad[input.type] ?? 1104;
      if (!out.some((x) => x.type === input.type && x.value === r.value)) out.push({ type: input.type, value: r.value });
    }
    return out;
  }

  /** The one live customer other than `self` holding any of `ids` in another account; -2 when several (8053). */
  private holderElsewhere(ids: readonly LeanIdentifier[], account: LeanAccount, self: number): number {
    let found = -1;
    for (const i of ids) {
      for (const h of this.holders(i) ?? []) {
        if (h.account === account) continue;
        const live = this.resolve(h.id);
        if (live === self) continue;
        if (found !== -1 && found !== live) return -2;
        found = live;
      }
    }
    return found;
  }

  /** Register Customer (REG-1..REG-7, REG-9): a new customer, or a combine into the one holding an identifier elsewhere. */
  register(cmd: RegisterCommand): LeanOutcome<{ createdId: number; combined: boolean }> {
    if (!this.org.tills.has(cmd.meta.till)) return refuse(91021);
    const account = this.account(cmd.source, cmd.accountId);
    if (typeof account === 'number') return refuse(account);
    const loyalty = cmd.body.loyaltyInfo.loyaltyType;
    if (loyalty !== 'loyalty' && loyalty !== 'non_loyalty') return refuse(400);
    if (cmd.body.associatedWith !== undefined && !this.org.tills.has(cmd.body.associatedWith)) return refuse(91020);
    const input = cmd.body.profiles.find((p) => p.source === undefined || p.source === account.source);
    if (input === undefined) return refuse(400);
    const ids = this.read(input.identifiers ?? [], REGISTER_BAD);
    if (typeof ids === 'number') return refuse(ids);
    if (loyalty === 'loyalty' && !ids.some((i) => PRIMARY.has(i.type))) return refuse(1007);
    if (ids.length === 0) return refuse(1045);
    let firstHit = -1;
    let sameHolder = true;
    let holder0: number | undefined;
    for (let k = 0; k < ids.length; k++) {
      const h = this.holderIn(ids[k] as LeanIdentifier, account);
      if (k === 0) holder0 = h?.id;
      if (h === undefined || h.id !== holder0) sameHolder = false;
      if (h !== undefined && firstHit === -1) firstHit = k;
    }
    if (firstHit !== -1) return refuse(sameHolder ? 1014 : (COLLISION[ids[firstHit]?.type ?? ''] ?? 1014));
    const existingId = this.holderElsewhere(ids, account, -1);
    if (existingId === -2) return refuse(8053);
    const profile: LeanProfile = {
      account,
      firstName: input.firstName?.trim() ?? '',
      lastName: input.lastName?.trim() ?? '',
      identifiers: ids,
      conflicting: [],
      commChannels: input.commChannels ?? [],
    };
    const enrollments = readEnrollments(this.org, cmd.body.loyaltyProgramEnrollments);
    if (existingId !== -1) {
      const existing = this.customer(existingId) as LeanCustomer;
      if (existing.profiles.some((p) => p.account === account)) return refuse(8066);
      if (typeof enrollments === 'number') return refuse(enrollments);
      if (joinsAsNonLoyalty(existing, loyalty === 'loyalty' ? 'loyalty' : existing.loyalty, enrollments)) return refuse(400);
      existing.profiles.push(profile);
      if (loyalty === 'loyalty') existing.loyalty = 'loyalty';
      for (const i of ids) this.hold(i, account, existing.id);
      this.searchIndex.addProfile(existing.id, profile);
      enroll(this.org, existing, enrollments, cmd.meta.at);
      return { ok: true, value: { createdId: existing.id, combined: true } };
    }
    if (typeof enrollments === 'number') return refuse(enrollments);
    if (loyalty !== 'loyalty' && enrollments.length > 0) return refuse(400);
    const id = this.nextId++;
    const c: LeanCustomer = {
      id,
      state: LIVE,
      mergedInto: 0,
      loyalty,
      profiles: [profile],
      programs: [],
      subscriptions: null,
      transfers: null,
      extendedFields: { ...(cmd.body.extendedFields ?? {}) },
    };
    this.customers[id - this.org.firstCustomerId] = c;
    for (const i of ids) this.hold(i, account, id);
    this.searchIndex.addProfile(id, profile);
    enroll(this.org, c, enrollments, cmd.meta.at);
    return { ok: true, value: { createdId: id, combined: false } };
  }

  /** The customer a write addresses: unknown 8015, a victim 8069 (MRG-5). */
  actionable(id: number): LeanCustomer | number {
    const c = this.customer(id);
    if (c === undefined) return 8015;
    return c.state === VICTIM ? 8069 : c;
  }

  /** Update Customer Identifiers (CHG-1..CHG-8): removals, then additions, then the merge they cause. */
  changeIdentifier(cmd: ChangeIdentifierCommand): LeanOutcome<{ mergedInto: number | null }> {
    if (!this.org.tills.has(cmd.meta.till)) return refuse(91021);
    const c = this.customer(cmd.customerId);
    if (c === undefined) return refuse(8009);
    if (c.state === VICTIM) return refuse(8067);
    const account = this.account(cmd.source, cmd.accountId);
    if (typeof account === 'number') return refuse(account);
    const add = cmd.add ?? [];
    const remove = cmd.remove ?? [];
    if (add.length === 0 && remove.length === 0) return refuse(1104);
    const profile = c.profiles.find((p) => p.account === account);
    if (profile === undefined) return refuse(8065);
    const adds = this.read(add, CHANGE_BAD);
    if (typeof adds === 'number') return refuse(adds);
    const removes = this.read(remove, CHANGE_BAD);
    if (typeof removes === 'number') return refuse(removes);
    const has = (list: readonly LeanIdentifier[], i: LeanIdentifier): boolean => list.some((x) => x.type === i.type && x.value === i.value);
    const holds = (i: LeanIdentifier): boolean => has(profile.identifiers, i) || profile.conflicting.some((x) => has(x.identifiers, i));
    if (removes.some((i) => !holds(i))) return refuse(1104);
    const fresh = adds.filter((i) => has(removes, i) || !holds(i));
    for (const i of fresh) {
      const h = this.holderIn(i, account);
      if (h !== undefined && h.id !== c.id) return refuse(8008);
    }
    const survivorId = this.holderElsewhere(fresh, account, c.id);
    if (survivorId === -2) return refuse(8053);
    this.searchIndex.remove(c);
    for (const i of removes) {
      const other = (x: LeanIdentifier): boolean => x.type !== i.type || x.value !== i.value;
      profile.identifiers = profile.identifiers.filter(other);
      for (const x of profile.conflicting) x.identifiers = x.identifiers.filter(other);
      this.unhold(i, account);
    }
    for (const i of fresh) {
      profile.identifiers.push(i);
      this.hold(i, account, c.id);
    }
    if (survivorId === -1) {
      this.searchIndex.add(c);
      return { ok: true, value: { mergedInto: null } };
    }
    const survivor = this.customer(survivorId) as LeanCustomer;
    this.mergeInto(survivor, c);
    this.searchIndex.add(survivor);
    return { ok: true, value: { mergedInto: survivorId } };
  }

  /** MRG-1..MRG-3, MRG-9, MRG-10: the victim's profiles, points and subscriptions join the survivor. */
  private mergeInto(survivor: LeanCustomer, victim: LeanCustomer): void {
    for (const p of victim.profiles) {
      const target = survivor.profiles.find((s) => s.account === p.account);
      if (target === undefined) survivor.profiles.push(p);
      else target.conflicting.push({ mergedFrom: victim.id, firstName: p.firstName, lastName: p.lastName, identifiers: p.identifiers }, ...p.conflicting);
      for (const i of p.identifiers) this.hold(i, p.account, survivor.id);
      for (const x of p.conflicting) for (const i of x.identifiers) this.hold(i, p.account, survivor.id);
    }
    if (victim.loyalty === 'loyalty') survivor.loyalty = 'loyalty';
    mergeLedgers(this.org, survivor, victim);
    victim.state = VICTIM;
    victim.mergedInto = survivor.id;
    victim.profiles = [];
  }

  /** Update Customer Details (UPD-3, UPD-5, PRG-2, PRG-3): names, loyalty that only upgrades, new enrollments. */
  update(cmd: UpdateCommand): LeanOutcome<{ createdId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return refuse(91021);
    const c = this.actionable(cmd.customerId);
    if (typeof c === 'number') return refuse(c);
    const account = this.account(cmd.source, cmd.accountId);
    if (typeof account === 'number') return refuse(account);
    const profile = c.profiles.find((p) => p.account === account);
    if (profile === undefined) return refuse(8065);
    const requested = cmd.body.loyaltyInfo?.loyaltyType;
    if (requested !== undefined) {
      if (requested !== 'loyalty' && requested !== 'non_loyalty') return refuse(400);
      if (c.loyalty === 'loyalty' && requested === 'non_loyalty') return refuse(1046);
    }
    const enrollments = readEnrollments(this.org, cmd.body.loyaltyProgramEnrollments);
    if (typeof enrollments === 'number') return refuse(enrollments);
    if (joinsAsNonLoyalty(c, requested === 'loyalty' ? 'loyalty' : c.loyalty, enrollments)) return refuse(400);
    if (requested === 'loyalty') c.loyalty = 'loyalty';
    const input = cmd.body.profiles?.find((p) => p.source === undefined || p.source === account.source);
    if (input?.firstName !== undefined) {
      const before = profile.firstName;
      profile.firstName = input.firstName.trim();
      this.searchIndex.rename(c.id, profile, 'firstName', before);
    }
    if (input?.lastName !== undefined) {
      const before = profile.lastName;
      profile.lastName = input.lastName.trim();
      this.searchIndex.rename(c.id, profile, 'lastName', before);
    }
    enroll(this.org, c, enrollments, cmd.meta.at);
    return { ok: true, value: { createdId: c.id } };
  }

  /** Removes the newest customers, registered as new (the undo of a register round). */
  forget(count: number): void {
    for (let k = 0; k < count; k++) {
      const c = this.customer(this.nextId - 1);
      if (c === undefined) break;
      this.searchIndex.remove(c);
      for (const p of c.profiles) for (const i of p.identifiers) this.unhold(i, p.account);
      this.customers.length = c.id - this.org.firstCustomerId;
      this.nextId = c.id;
    }
  }
}
