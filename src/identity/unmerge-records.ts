// The two records after an unmerge (MRG-11..MRG-15): the merge is made again from the pre-merge copies,
// and what differs between that and the survivor now is what happened after the merge. The victim gets
// back what it brought, as it is now; the survivor keeps its own and everything after the merge.
import { sameData } from '../kernel/same';
import type { CustomerId } from '../kernel/ids';
import type { Org } from '../org/org';
import type { Customer } from '../records/customer';
import { fieldMap } from '../records/field-map';
import { freezeDeep } from '../records/freeze';
import type { ProgramLedger, Stamp } from '../records/ledger';
import type { Premerge } from '../records/premerge';
import { profileData, type ConflictingProfile, type Identifier, type SourceProfile } from '../records/profile';
import { splitLedger } from '../records/unmerge-ledger';
import { mergeRecords } from './merge';

type Account = { readonly source: string; readonly accountId: string };
const sameAccount = (p: Account, q: Account): boolean => p.source === q.source && p.accountId === q.accountId;

/** Whether the victim brought its profile in this source account whole: the survivor had none there before the merge (MRG-14). */
export function broughtWhole(pre: Premerge, account: Account): boolean {
  return pre.victim.profiles.some((v) => sameAccount(v, account)) && !pre.survivor.profiles.some((s) => sameAccount(s, account));
}

// The entries of `list` left after taking out one of each of `gone`, taken from the end, where the merge put them.
function withoutEach<T>(list: readonly T[], gone: readonly T[], key: (t: T) => number): T[] {
  const count = new Map<number, number>();
  for (const g of gone) count.set(key(g), (count.get(key(g)) ?? 0) + 1);
  const out: T[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const t = list[i] as T;
    const n = count.get(key(t)) ?? 0;
    if (n > 0) count.set(key(t), n - 1);
    else out.push(t);
  }
  return out.reverse();
}

interface SplitProfiles {
  readonly survivor: SourceProfile[];
  readonly victim: SourceProfile[];
}

// Profiles (MRG-14): a profile the victim brought whole goes back as it is now; one that went to a
// conflicting list comes out of it as it is now, with the conflicting profiles the victim had brought
// along. Conflicting profiles are told apart by the customer they were merged from.
function splitProfiles(current: Customer, pre: Premerge): SplitProfiles {
  const victimId = pre.victim.id;
  const theirs = new Set<CustomerId>(pre.victim.victims);
  const mine = (q: ConflictingProfile): boolean => q.mergedFrom !== victimId && !theirs.has(q.mergedFrom);
  const survivor: SourceProfile[] = [];
  for (const p of current.profiles) {
    // A profile the victim brought whole goes with it: unmerge refuses while a later merge put one into it (9035).
    if (!broughtWhole(pre, p)) survivor.push(p.conflictingProfiles.every(mine) ? p : { ...p, conflictingProfiles: p.conflictingProfiles.filter(mine) });
  }
  const victim = pre.victim.profiles.map((vp): SourceProfile => {
    const now = current.profiles.find((p) => sameAccount(p, vp));
    const along = (now?.conflictingProfiles ?? []).filter((q) => theirs.has(q.mergedFrom));
    const whole = broughtWhole(pre, vp);
    const entry = now?.conflictingProfiles.find((q) => q.mergedFrom === victimId);
    if (whole && now !== undefined) return along.length === now.conflictingProfiles.length ? now : { ...now, conflictingProfiles: along };
    if (!whole && entry !== undefined) return { ...profileData(entry), conflictingProfiles: along };
    return vp;
  });
  return { survivor, victim };
}

/**
 * The victim after the split without `released` in the merge cause's source account (MRG-15); if nothing
 * changed that profile since the merge and adding the cause was all the changeIdentifier did, with the
 * modification stamp it had before that command.
 */
export function releasing(victim: Customer, pre: Premerge, released: Identifier | null): Customer {
  const cause = pre.cause;
  if (released === null || cause === null) return victim;
  const release = (p: SourceProfile): SourceProfile => {
    const without = { ...p, identifiers: p.identifiers.filter((i) => i.type !== released.type || i.value !== released.value) };
    const untouched = p.attribution.modifiedDate === pre.at && p.attribution.modifiedBy === pre.till;
    return pre.priorStamp === null || !untouched ? without : { ...without, attribution: { ...without.attribution, ...pre.priorStamp } };
  };
  return { ...victim, profiles: victim.profiles.map((p) => (sameAccount(p, cause) ? release(p) : p)) };
}

// Programs (MRG-13): each the victim brought is split; the others are the survivor's.
function splitPrograms(org: Org, current: Customer, atMerge: Customer, pre: Premerge, stamp: Stamp): { survivor: ProgramLedger[]; victim: ProgramLedger[] } {
  const survivor: ProgramLedger[] = [];
  const victim: ProgramLedger[] = [];
  for (const l of current.programs) {
    const theirs = pre.victim.programs.find((v) => v.programId === l.programId);
    const program = org.programs.get(l.programId);
    const merged = atMerge.programs.find((m) => m.programId === l.programId);
    if (theirs === undefined || program === undefined || merged === undefined) {
      survivor.push(l);
      continue;
    }
    const own = pre.survivor.programs.find((s) => s.programId === l.programId);
    const split = splitLedger(program, l, merged, own, theirs, pre.seq, stamp);
    if (split.survivor !== undefined) survivor.push(split.survivor);
    victim.push(split.victim);
  }
  // The victim's programs in the order it had them.
  victim.sort((a, b) => pre.victim.programs.findIndex((v) => v.programId === a.programId) - pre.victim.programs.findIndex((v) => v.programId === b.programId));
  return { survivor, victim };
}

/**
 * The survivor and the victim after undoing the victim's merge (MRG-11..MRG-15). Right after the merge
 * both are exactly as they were before it; later, the survivor keeps what happened after the merge and the
 * victim gets back its profiles, identifiers, subscriptions, coupons, goodwill, victims and balances as
 * far as they are left (MRG-13), without `released`, the identifier that caused the merge (MRG-15).
 */
export function unmergeRecords(org: Org, survivor: Customer, victim: Customer, released: Identifier | null, stamp: Stamp): readonly [Customer, Customer] {
  const pre = victim.premerge;
  if (pre === null) return [survivor, victim];
  const event = { kind: 'CustomersMerged', seq: pre.seq, at: pre.at, till: pre.till, survivorId: survivor.id, victimId: victim.id, cause: pre.cause } as const;
  const [atMerge] = mergeRecords(org, pre.survivor, pre.victim, event);
  const unchanged = <K extends keyof Customer>(k: K): boolean => sameData(survivor[k], atMerge[k]);
  const profiles = splitProfiles(survivor, pre);
  const programs = splitPrograms(org, survivor, atMerge, pre, stamp);
  const byId = (c: { id: number }) => c.id;
  const broughtFields = Object.entries(pre.victim.extendedFields).filter(([k]) => !Object.hasOwn(pre.survivor.extendedFields, k)).map(([k]) => k);
  const kept: Customer = {
    ...survivor,
    // Loyalty only upgrades, except back to what the survivor was (MRG-13): a member of a program stays loyalty.
    loyaltyType: programs.survivor.length > 0 ? 'loyalty' : pre.survivor.loyaltyType,
    profiles: profiles.survivor,
    extendedFields: unchanged('extendedFields')
      ? pre.survivor.extendedFields
      : fieldMap(Object.entries(survivor.extendedFields).filter(([k, v]) => !broughtFields.includes(k) || v !== atMerge.extendedFields[k])),
    attribution: unchanged('attribution') ? pre.survivor.attribution : survivor.attribution,
    programs: programs.survivor,
    subscriptions: unchanged('subscriptions') ? pre.survivor.subscriptions : survivor.subscriptions,
    coupons: withoutEach(survivor.coupons, pre.victim.coupons, byId),
    goodwill: withoutEach(survivor.goodwill, pre.victim.goodwill, byId),
    transfers: withoutEach(survivor.transfers, pre.victim.transfers, (t) => t.transferId),
    victims: survivor.victims.filter((id) => id !== victim.id && !pre.victim.victims.includes(id)),
  };
  // Each as it is now in the survivor's list: one pass over it, not one search per item.
  const now = <T extends { id: number }>(list: readonly T[], mine: readonly T[]): T[] => {
    const byId = new Map(list.map((x) => [x.id, x] as const));
    return mine.map((m) => byId.get(m.id) ?? m);
  };
  const back = releasing(
    { ...pre.victim, profiles: profiles.victim, programs: programs.victim, coupons: now(survivor.coupons, pre.victim.coupons), goodwill: now(survivor.goodwill, pre.victim.goodwill) },
    pre,
    released,
  );
  return [freezeDeep(kept), freezeDeep(back)];
}
