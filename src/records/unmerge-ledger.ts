// One program's ledger split back into the survivor's and the victim's (MRG-13). The victim gets back
// the balance it brought as far as the merged balance still covers it; everything that happened after the
// merge (points earned, spent or expired, tier changes) is the survivor's. Points are conserved across the
// two, and neither balance goes below zero. Pure maths over frozen values, like ledger.ts.
import { sameData } from '../kernel/same';
import type { ProgramDef } from '../org/programs';
import { inExpiryOrder, loyaltyPoints, NO_REVIEW_BASE, retier, tierChange, type PointsLot, type ProgramLedger, type Stamp } from './ledger';

/** The two ledgers of one program after an unmerge; `survivor` is undefined when it keeps none. */
export interface SplitLedger {
  readonly survivor: ProgramLedger | undefined;
  readonly victim: ProgramLedger;
}

const sameLot = (a: PointsLot, b: PointsLot): boolean => a.issuedOn === b.issuedOn && a.expiresOn === b.expiresOn;

// The victim's lots: its own lots as far as the merged ledger still holds them, then the merged
// ledger's other points in its order, until the victim holds `points`. The rest stay the survivor's.
function takeLots(merged: readonly PointsLot[], own: readonly PointsLot[], points: number): { taken: PointsLot[]; left: PointsLot[] } {
  const left = merged.map((lot) => ({ ...lot }));
  const taken: PointsLot[] = [];
  let need = points;
  const take = (lot: { -readonly [K in keyof PointsLot]: PointsLot[K] }, most: number): number => {
    const n = Math.min(lot.remaining, most, need);
    if (n <= 0) return 0;
    lot.remaining -= n;
    need -= n;
    const same = taken.findIndex((t) => sameLot(t, lot));
    if (same === -1) taken.push({ issuedOn: lot.issuedOn, expiresOn: lot.expiresOn, remaining: n });
    else taken[same] = { ...(taken[same] as PointsLot), remaining: (taken[same] as PointsLot).remaining + n };
    return n;
  };
  // Each of its own lots once, from the end, where the merge's stable sort put the victim's among equal ones.
  for (const lot of own) {
    let want = lot.remaining;
    for (let i = left.length - 1; i >= 0 && want > 0; i--) {
      const here = left[i];
      if (here !== undefined && sameLot(here, lot)) want -= take(here, want);
    }
  }
  for (const lot of left) if (need > 0) take(lot, Infinity);
  // Ledgers keep their lots in expiry order (PTS-3): the victim's own come first here, so they are sorted.
  return { taken: [...inExpiryOrder(taken.map((l) => Object.freeze(l)))], left: left.filter((l) => l.remaining > 0).map((l) => Object.freeze(l)) };
}

// A membership with nothing in it: where the survivor's share starts when only the victim was enrolled.
function emptyLike(program: ProgramDef, l: ProgramLedger, stamp: Stamp): ProgramLedger {
  const base = program.tiers[0]?.serialNumber ?? l.floorTier;
  return {
    ...l,
    issued: 0,
    redeemed: 0,
    expired: 0,
    returned: 0,
    adjusted: 0,
    cumulativePurchases: 0,
    lots: [],
    floorTier: base,
    tier: base,
    tierExpiryDate: null,
    tierHistory: [tierChange(program.id, null, base, null, stamp)],
    reviewBase: NO_REVIEW_BASE,
    upgradeBase: 0,
  };
}

/**
 * Splits a program's merged ledger `current` (MRG-13): `atMerge` is what the merge made of `survivor`'s
 * and `victim`'s ledgers, `mergeSeq` the merge's sequence number. Unchanged since the merge, both get their
 * own back exactly; otherwise the victim gets `min(its balance, the merged balance)` and its own tier, and
 * the survivor the counters it had plus what changed since the merge, with the tier it reached after it.
 */
export function splitLedger(
  program: ProgramDef,
  current: ProgramLedger,
  atMerge: ProgramLedger,
  survivor: ProgramLedger | undefined,
  victim: ProgramLedger,
  mergeSeq: number,
  stamp: Stamp,
): SplitLedger {
  // The merge's result is made again from the copies: the same data means nothing happened since.
  if (sameData(current, atMerge)) return { survivor, victim };
  const back = Math.min(loyaltyPoints(victim), loyaltyPoints(current));
  const short = loyaltyPoints(victim) - back;
  const { taken, left } = takeLots(current.lots, victim.lots, back);
  const base = survivor ?? emptyLike(program, current, stamp);
  const later = current.tierHistory.filter((c) => c.seq > mergeSeq);
  const tier = later.length > 0 ? current : base;
  const mine: ProgramLedger = {
    ...base,
    issued: base.issued + current.issued - atMerge.issued,
    redeemed: base.redeemed + current.redeemed - atMerge.redeemed,
    expired: base.expired + current.expired - atMerge.expired,
    returned: base.returned + current.returned - atMerge.returned,
    // What the victim could not get back stays with the survivor, who spent it: the balances add up.
    adjusted: base.adjusted + current.adjusted - atMerge.adjusted + short,
    cumulativePurchases: base.cumulativePurchases + current.cumulativePurchases - atMerge.cumulativePurchases,
    lots: left,
    floorTier: tier.floorTier,
    tier: tier.tier,
    tierExpiryDate: tier.tierExpiryDate,
    tierHistory: [...base.tierHistory, ...later],
    reviewBase: tier.reviewBase,
    upgradeBase: tier.upgradeBase,
  };
  const theirs: ProgramLedger = { ...victim, adjusted: victim.adjusted - short, lots: taken };
  return { survivor: retier(program, deepFrozen(mine), stamp), victim: deepFrozen(theirs) };
}

function deepFrozen(l: ProgramLedger): ProgramLedger {
  Object.freeze(l.lots);
  Object.freeze(l.tierHistory);
  return Object.freeze(l);
}
