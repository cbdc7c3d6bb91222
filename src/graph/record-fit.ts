// Does a customer record brought in a snapshot fit the org and the records before it (ARC-6)? These are
// not the rules (decide enforces those when the record is made): they ask what the graph's invariants
// need, the ones a fold of events keeps by construction: the status and its links agree, every till,
// source account, program and tier is the org's, no identifier is held by two live customers (ID-1,
// ID-2), every identifier is in its normalised form (IDN-2), the points lots add up to the balance
// (PTS-2, PTS-3), and every id is one the counters have already handed out (ARC-1).
import type { CustomerId } from '../kernel/ids';
import type { Misfit } from '../kernel/misfits';
import type { InputPath } from '../kernel/refusals';
import { normaliseIdentifier } from '../org/identifiers';
import type { Org } from '../org/org';
import { tierOf } from '../org/programs';
import type { Customer } from '../records/customer';
import { loyaltyPoints } from '../records/ledger';
import type { ProfileData } from '../records/profile';
import { IDENTIFIER_TABLE, type Counters } from './graph';
import { accountNumber, holderOf, type AccountNumbers, type Holders } from './identifier-index';
import type { Writer } from './store';

/** What the records so far leave to be checked once all are in: the merge victims (MRG-4). */
export interface Seen {
  readonly merged: CustomerId[];
}

/** A misfit of a record, with the path inside it. */
export interface RecordMisfit {
  readonly at: InputPath;
  readonly misfit: Misfit;
}

type Check = RecordMisfit | undefined;

function statusMisfit(c: Customer, counters: Counters, first: number): Check {
  const bad = (at: string, problem: string): Check => ({ at: [at], misfit: { misfit: 'status', customerId: c.id, status: c.status, problem } });
  if (c.status === 'merged') {
    const into = c.mergedInto;
    if (into === null) return bad('mergedInto', 'merged into no one');
    if (into === c.id || into < first || into >= counters.nextCustomerId) return { at: ['mergedInto'], misfit: { misfit: 'unknownCustomer', customerId: into } };
  } else if (c.mergedInto !== null) return bad('mergedInto', `merged into ${c.mergedInto}`);
  if (c.status === 'deleted' && c.piiDeletedOn === null) return bad('piiDeletedOn', 'no deletion date');
  if (c.status !== 'deleted' && c.piiDeletedOn !== null) return bad('piiDeletedOn', 'has a deletion date');
  // Only a victim keeps the copies that undo its merge (MRG-11); restore.ts checks whose copies they are.
  if (c.premerge !== null && c.status !== 'merged') return bad('premerge', 'keeps a copy from before a merge');
  for (const [i, v] of c.victims.entries()) {
    if (v === c.id || v < first || v >= counters.nextCustomerId) return { at: ['victims', i], misfit: { misfit: 'unknownCustomer', customerId: v } };
  }
  return undefined;
}

function tillMisfit(org: Org, c: Customer): Check {
  const tills: [InputPath, string | null][] = [
    [['associatedWith'], c.associatedWith],
    [['attribution', 'createdBy'], c.attribution.createdBy],
    [['attribution', 'modifiedBy'], c.attribution.modifiedBy],
  ];
  for (const [i, p] of c.profiles.entries()) {
    tills.push([['profiles', i, 'attribution', 'createdBy'], p.attribution.createdBy], [['profiles', i, 'attribution', 'modifiedBy'], p.attribution.modifiedBy]);
  }
  for (const [i, l] of c.programs.entries()) for (const [k, t] of l.tierHistory.entries()) tills.push([['programs', i, 'tierHistory', k, 'till'], t.till]);
  for (const [i, k] of c.coupons.entries()) tills.push([['coupons', i, 'issuedBy'], k.issuedBy], [['coupons', i, 'redeemedBy'], k.redeemedBy]);
  for (const [i, g] of c.goodwill.entries()) tills.push([['goodwill', i, 'addedBy'], g.addedBy], [['goodwill', i, 'updatedBy'], g.updatedBy]);
  for (const [at, till] of tills) if (till !== null && !org.tills.has(till)) return { at, misfit: { misfit: 'unknownTill', till } };
  return undefined;
}

function otherHolder(numbers: AccountNumbers, holders: Holders, self: CustomerId): CustomerId | undefined {
  for (const h of typeof holders === 'number' ? [holders] : holders) if (holderOf(numbers, h) !== self) return holderOf(numbers, h);
  return undefined;
}

function identifiersMisfit(org: Org, numbers: AccountNumbers, w: Writer, c: Customer, p: ProfileData, at: InputPath): Check {
  for (const [k, i] of p.identifiers.entries()) {
    const read = normaliseIdentifier(i.type, i.value, org.identifierRules, org.blocklist);
    if (!read.ok || read.value !== i.value) return { at: [...at, 'identifiers', k], misfit: { misfit: 'notNormalised', identifierType: i.type, value: i.value } };
    if (c.status !== 'live') continue;
    // ID-1 and ID-2: held by no other live customer, in this source account or any other.
    const holders = w.get<Holders>(IDENTIFIER_TABLE.get(i.type) as number, i.value);
    const holder = holders === undefined ? undefined : otherHolder(numbers, holders, c.id);
    if (holder !== undefined) return { at: [...at, 'identifiers', k], misfit: { misfit: 'identifierHeld', identifierType: i.type, value: i.value, holderId: holder } };
  }
  return undefined;
}

function profilesMisfit(org: Org, numbers: AccountNumbers, w: Writer, c: Customer, counters: Counters): Check {
  const accounts = new Set<number>();
  for (const [i, p] of c.profiles.entries()) {
    const account = accountNumber(numbers, p.source, p.accountId);
    if (account === 0) return { at: ['profiles', i], misfit: { misfit: 'unknownSourceAccount', source: p.source, accountId: p.accountId } };
    if (accounts.has(account)) return { at: ['profiles', i], misfit: { misfit: 'profileExists', customerId: c.id, source: p.source, accountId: p.accountId } };
    accounts.add(account);
    const own = identifiersMisfit(org, numbers, w, c, p, ['profiles', i]);
    if (own !== undefined) return own;
    for (const [k, q] of p.conflictingProfiles.entries()) {
      const at = ['profiles', i, 'conflictingProfiles', k];
      if (q.mergedFrom >= counters.nextCustomerId) return { at: [...at, 'mergedFrom'], misfit: { misfit: 'unknownCustomer', customerId: q.mergedFrom } };
      const theirs = identifiersMisfit(org, numbers, w, c, q, at);
      if (theirs !== undefined) return theirs;
    }
  }
  return undefined;
}

function programsMisfit(org: Org, c: Customer): Check {
  const enrolled = new Set<number>();
  for (const [i, l] of c.programs.entries()) {
    const program = org.programs.get(l.programId);
    if (program === undefined) return { at: ['programs', i, 'programId'], misfit: { misfit: 'unknownProgram', programId: l.programId } };
    if (enrolled.has(l.programId)) return { at: ['programs', i], misfit: { misfit: 'alreadyEnrolled', customerId: c.id, programId: l.programId } };
    enrolled.add(l.programId);
    for (const tier of [l.tier, l.floorTier]) {
      if (tierOf(program, tier) === undefined) return { at: ['programs', i, 'tier'], misfit: { misfit: 'unknownTier', programId: l.programId, tierNumber: tier } };
    }
    const lots = l.lots.reduce((sum, lot) => sum + lot.remaining, 0);
    if (lots !== loyaltyPoints(l)) return { at: ['programs', i, 'lots'], misfit: { misfit: 'lots', customerId: c.id, programId: l.programId, lots, balance: loyaltyPoints(l) } };
  }
  return undefined;
}

function idsMisfit(c: Customer, counters: Counters): Check {
  const beyond = (list: readonly { readonly id: number }[], field: string, counter: 'nextCouponId' | 'nextGoodwillId', next: number): Check => {
    for (const [i, x] of list.entries()) if (x.id >= next) return { at: [field, i, 'id'], misfit: { misfit: 'counter', counter, expected: x.id + 1, found: next } };
    return undefined;
  };
  for (const [i, t] of c.transfers.entries()) {
    if (t.transferId >= counters.nextTransferId) return { at: ['transfers', i, 'transferId'], misfit: { misfit: 'counter', counter: 'nextTransferId', expected: t.transferId + 1, found: counters.nextTransferId } };
  }
  for (const [i, e] of c.programs.entries()) {
    for (const [k, t] of e.tierHistory.entries()) {
      if (t.seq > counters.eventCount) return { at: ['programs', i, 'tierHistory', k, 'seq'], misfit: { misfit: 'counter', counter: 'eventCount', expected: t.seq, found: counters.eventCount } };
    }
  }
  return beyond(c.coupons, 'coupons', 'nextCouponId', counters.nextCouponId) ?? beyond(c.goodwill, 'goodwill', 'nextGoodwillId', counters.nextGoodwillId);
}

/**
 * Why a record does not fit the org and the records written before it, if it does not (ARC-6, ID-1):
 * `w` sees the identifier index of the records so far. A merge victim is noted in `seen`, for the check
 * of its links once every record is in.
 */
export function recordMisfit(org: Org, counters: Counters, numbers: AccountNumbers, w: Writer, c: Customer, seen: Seen): RecordMisfit | undefined {
  const found =
    statusMisfit(c, counters, org.firstCustomerId) ??
    tillMisfit(org, c) ??
    profilesMisfit(org, numbers, w, c, counters) ??
    programsMisfit(org, c) ??
    idsMisfit(c, counters);
  if (found === undefined && c.status === 'merged') seen.merged.push(c.id);
  return found;
}
