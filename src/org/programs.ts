/** A loyalty program's tier: ordered by serial number, reached at a lifetime-points threshold (PRG-1, PTS-5). */
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
