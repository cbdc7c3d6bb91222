import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError } from './errors';
import type { TillCode } from './ids';

/** A loyalty program's tier: ordered by serial number, reached at a lifetime-points threshold (PTS-5). */
export interface TierDef {
  readonly serialNumber: number;
  readonly name: string;
  readonly description: string;
  /** Lifetime points at which a member reaches this tier. */
  readonly upgradeThreshold: number;
}

/** A loyalty program of the org (PRG-1). */
export interface ProgramDef {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** Sorted by serial number, lowest first. */
  readonly tiers: readonly TierDef[];
}

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
  readonly type: 'UPGRADE' | 'DOWNGRADE';
  readonly changedOn: string;
  readonly till: TillCode;
  readonly tierExpiryDate: string | null;
  /** The sequence number of the event that caused the change (HST-2). */
  readonly seq: number;
}

/**
 * A member's standing in one program (PTS-1): the counters of the seed's `pointsSummary`, the lots the
 * balance is made of, and the tier with its history.
 */
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
}

/** `issued − redeemed − expired − returned + adjusted`: the balance, never negative (PTS-2). */
export function loyaltyPoints(l: ProgramLedger): number {
  return l.issued - l.redeemed - l.expired - l.returned + l.adjusted;
}

/** Every point ever issued to the member (PTS-2). */
export function lifetimePoints(l: ProgramLedger): number {
  return l.issued;
}

/** The tier a member with these lifetime points holds: the highest reached, never below the floor (PTS-5). */
export function tierFor(program: ProgramDef, lifetime: number, floor: number): number {
  let serial = floor;
  for (const t of program.tiers) if (t.upgradeThreshold <= lifetime && t.serialNumber > serial) serial = t.serialNumber;
  return serial;
}

/** The tier after `serial`, if any (PTS-5). */
export function nextTierOf(program: ProgramDef, serial: number): TierDef | undefined {
  return program.tiers.find((t) => t.serialNumber > serial);
}

// Every ledger these functions return is deeply frozen as it is built, lots and tier history included:
// a record then takes it as it is, without a walk that would read (and, in a large graph, miss the cache
// on) every lot and tier change it shares with the ledger before.

function byExpiry(a: PointsLot, b: PointsLot): number {
  if (a.expiresOn === b.expiresOn) return a.issuedOn === b.issuedOn ? 0 : Date.parse(a.issuedOn) - Date.parse(b.issuedOn);
  if (a.expiresOn === null) return 1;
  if (b.expiresOn === null) return -1;
  return Date.parse(a.expiresOn) - Date.parse(b.expiresOn);
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

function retier(program: ProgramDef, l: ProgramLedger, at: string, till: TillCode): ProgramLedger {
  const tier = tierFor(program, lifetimePoints(l), l.floorTier);
  if (tier === l.tier) return l;
  const change: TierChange = Object.freeze({
    programId: program.id,
    from: l.tier,
    to: tier,
    type: tier > l.tier ? 'UPGRADE' : 'DOWNGRADE',
    changedOn: at,
    till,
    tierExpiryDate: l.tierExpiryDate,
    seq: 0,
  });
  return Object.freeze({ ...l, tier, tierHistory: Object.freeze([...l.tierHistory, change]) });
}

/** A new membership (PRG-2): the given tier (or the lowest), the given points as the first lot. */
export function enroll(
  program: ProgramDef,
  input: { tier: number | undefined; points: number; tierExpiryDate: string | null; pointsExpiryDate: string | null },
  at: string,
  till: TillCode,
): ProgramLedger {
  const floor = input.tier ?? program.tiers[0]?.serialNumber ?? 1;
  const base: ProgramLedger = Object.freeze({
    programId: program.id,
    enrolledOn: at,
    issued: input.points,
    redeemed: 0,
    expired: 0,
    returned: 0,
    adjusted: 0,
    cumulativePurchases: 0,
    lots: Object.freeze(input.points > 0 ? [Object.freeze({ issuedOn: at, expiresOn: input.pointsExpiryDate, remaining: input.points })] : []),
    floorTier: floor,
    tier: floor,
    tierExpiryDate: input.tierExpiryDate,
    tierHistory: Object.freeze([
      Object.freeze({ programId: program.id, from: null, to: floor, type: 'UPGRADE', changedOn: at, till, tierExpiryDate: input.tierExpiryDate, seq: 0 } as const),
    ]),
  });
  return retier(program, base, at, till);
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

/** Which counter a movement of points changes (PTS-2). */
export type PointsMovement = 'issue' | 'redeem' | 'return' | 'adjust' | 'transferIn' | 'transferOut';

/**
 * Applies one movement of points (PTS-2, PTS-3): issues add a lot; redemptions, returns and negative
 * adjustments consume the earliest-expiring points and may never take more than the balance (PTS-4).
 */
export function movePoints(
  program: ProgramDef,
  l: ProgramLedger,
  movement: PointsMovement,
  points: number,
  at: string,
  till: TillCode,
  options: { expiresOn?: string | null; purchase?: number } = {},
): Result<ProgramLedger, DomainError> {
  const credit = movement === 'issue' || movement === 'transferIn' || (movement === 'adjust' && points > 0);
  const amount = Math.abs(points);
  if (!credit && amount > loyaltyPoints(l)) {
    return err(domainError(1010, `${domainError(1010).message} Not enough points: ${loyaltyPoints(l)} held, ${amount} asked.`));
  }
  const lots = credit ? withLot(l.lots, { issuedOn: at, expiresOn: options.expiresOn ?? null, remaining: amount }) : consume(l.lots, amount);
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
  return ok(retier(program, next, at, till));
}

/** Expires every lot whose expiry is at or before `at` (PTS-3). */
export function expirePoints(program: ProgramDef, l: ProgramLedger, at: string, till: TillCode): ProgramLedger {
  const now = Date.parse(at);
  let expired = 0;
  const lots = l.lots.filter((lot) => {
    if (lot.expiresOn === null || Date.parse(lot.expiresOn) > now) return true;
    expired += lot.remaining;
    return false;
  });
  if (expired === 0) return l;
  return retier(program, Object.freeze({ ...l, lots: Object.freeze(lots), expired: l.expired + expired }), at, till);
}

/**
 * Joins a victim's membership into the survivor's (MRG-9): every counter is added, so no point is made
 * or lost; lots are pooled; the tier is the higher; histories are combined in time order.
 */
export function mergeLedgers(
  program: ProgramDef,
  survivor: ProgramLedger,
  victim: ProgramLedger,
  at: string,
  till: TillCode,
  seq: number,
): ProgramLedger {
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
  };
  const after = retier(program, joined, at, till);
  // In time order the last entry may be the victim's, below the tier the survivor keeps: the merge then
  // records that tier, so that the history always ends at the current tier (PTS-6).
  const last = after.tierHistory.at(-1);
  const history =
    last === undefined || last.to === after.tier
      ? after.tierHistory
      : [
          ...after.tierHistory,
          {
            programId: program.id,
            from: last.to,
            to: after.tier,
            type: after.tier > last.to ? ('UPGRADE' as const) : ('DOWNGRADE' as const),
            changedOn: at,
            till,
            tierExpiryDate: after.tierExpiryDate,
            seq: 0,
          },
        ];
  return Object.freeze({ ...after, tierHistory: Object.freeze(history.map((t) => (t.seq === 0 ? Object.freeze({ ...t, seq }) : t))) });
}
