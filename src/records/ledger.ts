// One member's standing in one program: the counters of the seed's `pointsSummary`, the lots the
// balance is made of, and the tier with its history. Pure maths over frozen values: every ledger these
// functions return is deeply frozen as it is built, lots and tier history included, so a record takes
// it as it is, without a walk that would read (and, in a large graph, miss the cache on) every part it
// shares with the ledger before. The functions never refuse: the decider has checked the rules, and the
// fold of an event from outside has checked its fit (PTS-4), before any of them runs.
import type { TillCode } from '../kernel/ids';
import { tierFor, type ProgramDef } from '../org/programs';

/** Points issued together, consumed earliest expiry first (PTS-3). */
export interface PointsLot {
  readonly issuedOn: string;
  /** Null for points that never expire. */
  readonly expiresOn: string | null;
  readonly remaining: number;
}

/** One change of tier, as v1.1 `slab_history` reports it (PTS-6). */
export interface TierChange {
  readonly programId: number;
  readonly from: number | null;
  readonly to: number;
  /** A renewal keeps the tier at its review (TIR-2): neither up nor down. */
  readonly type: 'UPGRADE' | 'DOWNGRADE' | 'RENEWAL';
  readonly changedOn: string;
  readonly till: TillCode;
  readonly tierExpiryDate: string | null;
  /** The sequence number of the event that caused the change (HST-2). */
  readonly seq: number;
}

/** A member's standing in one program (PTS-1). */
export interface ProgramLedger {
  readonly programId: number;
  readonly enrolledOn: string;
  readonly issued: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly returned: number;
  readonly adjusted: number;
  readonly cumulativePurchases: number;
  readonly lots: readonly PointsLot[];
  /** The tier given by enrollment or merge: thresholds never put the member below it (PTS-5). */
  readonly floorTier: number;
  readonly tier: number;
  readonly tierExpiryDate: string | null;
  readonly tierHistory: readonly TierChange[];
  /** The points issued and purchases made before the current tier period began: a review counts what came after (TIR-2). */
  readonly reviewBase: ReviewBase;
  /** The lifetime points earned before the last downgrade: they no longer count towards an upgrade (TIR-3, PTS-5). */
  readonly upgradeBase: number;
}

/** The counters at the start of a tier period (TIR-2). */
export interface ReviewBase {
  readonly issued: number;
  readonly purchases: number;
}

/** A period that starts at nothing: what an enrollment begins with. */
export const NO_REVIEW_BASE: ReviewBase = Object.freeze({ issued: 0, purchases: 0 });

/** When and by whom a ledger changes, and the sequence number of the event that changes it (HST-2). */
export interface Stamp {
  readonly at: string;
  readonly till: TillCode;
  readonly seq: number;
}

/** `issued − redeemed − expired − returned + adjusted`: the balance, never negative (PTS-2). */
export function loyaltyPoints(l: ProgramLedger): number {
  return l.issued - l.redeemed - l.expired - l.returned + l.adjusted;
}

/** Every point ever issued to the member (PTS-2). */
export function lifetimePoints(l: ProgramLedger): number {
  return l.issued;
}

/** Which counter a movement of points changes (PTS-2). */
export type PointsMovement = 'issue' | 'redeem' | 'return' | 'adjust' | 'transferIn' | 'transferOut';

/** Whether a movement adds points (PTS-2). */
export function isCredit(movement: PointsMovement, points: number): boolean {
  return movement === 'issue' || movement === 'transferIn' || (movement === 'adjust' && points > 0);
}

/** The balance after a movement (PTS-2). */
export function balanceAfter(l: ProgramLedger, movement: PointsMovement, points: number): number {
  const amount = Math.abs(points);
  return loyaltyPoints(l) + (isCredit(movement, points) ? amount : -amount);
}

/** The points of the lots due at or before `at`: what an expiry at `at` takes (PTS-3). */
export function duePoints(l: ProgramLedger, at: string): number {
  const now = Date.parse(at);
  let due = 0;
  for (const lot of l.lots) if (lot.expiresOn !== null && Date.parse(lot.expiresOn) <= now) due += lot.remaining;
  return due;
}

function byExpiry(a: PointsLot, b: PointsLot): number {
  if (a.expiresOn === b.expiresOn) return a.issuedOn === b.issuedOn ? 0 : Date.parse(a.issuedOn) - Date.parse(b.issuedOn);
  if (a.expiresOn === null) return 1;
  if (b.expiresOn === null) return -1;
  return Date.parse(a.expiresOn) - Date.parse(b.expiresOn);
}

/** Lots in the order redemptions consume them: earliest expiry first, then earliest issued (PTS-3). */
export function inExpiryOrder(lots: readonly PointsLot[]): readonly PointsLot[] {
  return Object.freeze([...lots].sort(byExpiry));
}

/**
 * The lots with one more, in expiry order. The lots are kept sorted, so the new one is placed by walking
 * back from the end (usually one comparison: a new lot is the latest issued), where a stable sort of the
 * appended list would put it.
 */
function withLot(lots: readonly PointsLot[], lot: PointsLot): readonly PointsLot[] {
  let at = lots.length;
  while (at > 0 && byExpiry(lots[at - 1] as PointsLot, lot) > 0) at--;
  return Object.freeze([...lots.slice(0, at), Object.freeze(lot), ...lots.slice(at)]);
}

/** One entry of the tier history: up, down, or a renewal when the tier stays (PTS-6, TIR-2). */
export function tierChange(programId: number, from: number | null, to: number, tierExpiryDate: string | null, stamp: Stamp): TierChange {
  return Object.freeze({
    programId,
    from,
    to,
    type: from === null || to > from ? 'UPGRADE' : to < from ? 'DOWNGRADE' : 'RENEWAL',
    changedOn: stamp.at,
    till: stamp.till,
    tierExpiryDate,
    seq: stamp.seq,
  });
}

/**
 * The ledger at the tier its lifetime points reach (those since the last downgrade), the change kept in its
 * tier history with its event's sequence number (PTS-5, PTS-6, TIR-3).
 */
export function retier(program: ProgramDef, l: ProgramLedger, stamp: Stamp): ProgramLedger {
  const tier = tierFor(program, lifetimePoints(l) - l.upgradeBase, l.floorTier);
  if (tier === l.tier) return l;
  const change = tierChange(program.id, l.tier, tier, l.tierExpiryDate, stamp);
  return Object.freeze({ ...l, tier, tierHistory: Object.freeze([...l.tierHistory, change]) });
}

/** What an enrollment gives: a tier (the program's lowest when null), points and their expiry (PRG-2). */
export interface Enrollment {
  readonly tier: number | null;
  readonly points: number;
  readonly tierExpiryDate: string | null;
  readonly pointsExpiryDate: string | null;
}

/** A new membership (PRG-2): the given tier (or the lowest), the given points as the first lot. */
export function enroll(program: ProgramDef, input: Enrollment, stamp: Stamp): ProgramLedger {
  const floor = input.tier ?? program.tiers[0]?.serialNumber ?? 1;
  const base: ProgramLedger = Object.freeze({
    programId: program.id,
    enrolledOn: stamp.at,
    issued: input.points,
    redeemed: 0,
    expired: 0,
    returned: 0,
    adjusted: 0,
    cumulativePurchases: 0,
    lots: Object.freeze(input.points > 0 ? [Object.freeze({ issuedOn: stamp.at, expiresOn: input.pointsExpiryDate, remaining: input.points })] : []),
    floorTier: floor,
    tier: floor,
    tierExpiryDate: input.tierExpiryDate,
    tierHistory: Object.freeze([tierChange(program.id, null, floor, input.tierExpiryDate, stamp)]),
    reviewBase: NO_REVIEW_BASE,
    upgradeBase: 0,
  });
  return retier(program, base, stamp);
}

function consume(lots: readonly PointsLot[], points: number): readonly PointsLot[] {
  let left = points;
  const out: PointsLot[] = [];
  for (const lot of lots) {
    if (left === 0) {
      out.push(lot);
      continue;
    }
    const take = Math.min(lot.remaining, left);
    left -= take;
    if (lot.remaining > take) out.push(Object.freeze({ ...lot, remaining: lot.remaining - take }));
  }
  return Object.freeze(out);
}

/**
 * Applies one movement of points (PTS-2, PTS-3): credits add a lot; redemptions, returns and negative
 * adjustments consume the earliest-expiring points first.
 */
export function movePoints(
  program: ProgramDef,
  l: ProgramLedger,
  movement: PointsMovement,
  points: number,
  stamp: Stamp,
  options: { readonly expiresOn?: string | null; readonly purchase?: number } = {},
): ProgramLedger {
  const amount = Math.abs(points);
  const lots = isCredit(movement, points) ? withLot(l.lots, { issuedOn: stamp.at, expiresOn: options.expiresOn ?? null, remaining: amount }) : consume(l.lots, amount);
  const next: ProgramLedger = Object.freeze({
    ...l,
    lots,
    issued: l.issued + (movement === 'issue' ? amount : 0),
    redeemed: l.redeemed + (movement === 'redeem' ? amount : 0),
    returned: l.returned + (movement === 'return' ? amount : 0),
    adjusted:
      l.adjusted +
      (movement === 'adjust' ? points : movement === 'transferIn' ? amount : movement === 'transferOut' ? -amount : 0),
    cumulativePurchases: l.cumulativePurchases + (options.purchase ?? 0),
  });
  return retier(program, next, stamp);
}

/** Expires every lot whose expiry is at or before the stamp's time (PTS-3). */
export function expirePoints(program: ProgramDef, l: ProgramLedger, stamp: Stamp): ProgramLedger {
  const now = Date.parse(stamp.at);
  let expired = 0;
  const lots = l.lots.filter((lot) => {
    if (lot.expiresOn === null || Date.parse(lot.expiresOn) > now) return true;
    expired += lot.remaining;
    return false;
  });
  if (expired === 0) return l;
  return retier(program, Object.freeze({ ...l, lots: Object.freeze(lots), expired: l.expired + expired }), stamp);
}

/**
 * Joins a victim's membership into the survivor's (MRG-9): every counter is added, so no point is made
 * or lost; lots are pooled; the tier is the higher; histories are combined in time order.
 */
export function mergeLedgers(program: ProgramDef, survivor: ProgramLedger, victim: ProgramLedger, stamp: Stamp): ProgramLedger {
  const joined: ProgramLedger = {
    ...survivor,
    enrolledOn: Date.parse(victim.enrolledOn) < Date.parse(survivor.enrolledOn) ? victim.enrolledOn : survivor.enrolledOn,
    issued: survivor.issued + victim.issued,
    redeemed: survivor.redeemed + victim.redeemed,
    expired: survivor.expired + victim.expired,
    returned: survivor.returned + victim.returned,
    adjusted: survivor.adjusted + victim.adjusted,
    cumulativePurchases: survivor.cumulativePurchases + victim.cumulativePurchases,
    lots: Object.freeze([...survivor.lots, ...victim.lots].sort(byExpiry)),
    floorTier: Math.max(survivor.floorTier, victim.floorTier, victim.tier),
    tierExpiryDate: victim.tier > survivor.tier ? victim.tierExpiryDate : survivor.tierExpiryDate,
    tierHistory: Object.freeze(
      [...survivor.tierHistory, ...victim.tierHistory].sort((a, b) => Date.parse(a.changedOn) - Date.parse(b.changedOn)),
    ),
    // Both periods run on: what each earned towards its review, and what each no longer counts up, add.
    reviewBase: Object.freeze({ issued: survivor.reviewBase.issued + victim.reviewBase.issued, purchases: survivor.reviewBase.purchases + victim.reviewBase.purchases }),
    upgradeBase: survivor.upgradeBase + victim.upgradeBase,
  };
  const after = retier(program, joined, stamp);
  // In time order the last entry may be the victim's, below the tier the survivor keeps: the merge then
  // records that tier, so that the history always ends at the current tier (PTS-6).
  const last = after.tierHistory.at(-1);
  if (last === undefined || last.to === after.tier) return Object.freeze(after);
  const closing = tierChange(program.id, last.to, after.tier, after.tierExpiryDate, stamp);
  return Object.freeze({ ...after, tierHistory: Object.freeze([...after.tierHistory, closing]) });
}
