/** A loyalty program's tier: ordered by serial number, reached at a lifetime-points threshold (PRG-1, PTS-5). */
export interface TierDef {
  readonly serialNumber: number;
  readonly name: string;
  readonly description: string;
  /** Lifetime points at which a member reaches this tier. */
  readonly upgradeThreshold: number;
}

/** What keeps a member in its tier at the tier's expiry date: points or purchases earned since the last review (TIR-2). */
export type RenewalCondition =
  | { readonly kind: 'points'; readonly points: number }
  | { readonly kind: 'purchases'; readonly amount: number };

/** Where a member who does not renew goes: one tier down, or to the program's base tier (TIR-3). */
export type DowngradeStrategy = 'oneTier' | 'baseTier';

/** How a program reviews a tier at its expiry date: renew it or lower it, and for how long the next tier holds (TIR-1..TIR-3). */
export interface TierReviewPolicy {
  readonly renewal: RenewalCondition;
  readonly downgrade: DowngradeStrategy;
  /** How many days a renewed or lowered tier holds, counted from the expiry date it replaces. */
  readonly validityDays: number;
}

/** A loyalty program of the org (PRG-1). */
export interface ProgramDef {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** Sorted by serial number, lowest first. */
  readonly tiers: readonly TierDef[];
  /** How tiers are reviewed at their expiry date; null: a tier past its expiry date is kept (91010, TIR-4). */
  readonly tierReview: TierReviewPolicy | null;
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

/** The tier with this serial number, if the program has it (PRG-1). */
export function tierOf(program: ProgramDef, serial: number): TierDef | undefined {
  return program.tiers.find((t) => t.serialNumber === serial);
}
