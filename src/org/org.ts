import { err, ok, type Result } from 'neverthrow';
import { isIsoDateTime } from '../kernel/dates';
import { deepFreeze, frozenMap, frozenSet } from '../kernel/frozen';
import { tillCode, type TillCode } from '../kernel/ids';
import { parseWith } from '../kernel/parse';
import { invalidInput, type InvalidInputError } from '../kernel/refusals';
import type { CouponSeries } from '../records/coupons';
import { compileBlocklist, type Blocklist, type IdentifierRules } from './identifiers';
import { orgConfigSchema, type OrgConfig } from './org-config';
import type { ProgramDef } from './programs';
import { MULTI_ACCOUNT_SOURCES, SOURCES, type Source } from './sources';

/** A customer-level extended field the org has enabled (FLD-2). */
export interface ExtendedFieldDef {
  readonly name: string;
  readonly type: 'string' | 'number' | 'boolean' | 'date' | 'enum';
  readonly values: readonly string[];
  readonly maxLength: number;
}

/** A custom field the org has enabled (FLD-1). */
export interface CustomFieldDef {
  readonly name: string;
  readonly maxLength: number;
}

/** A till that acts on customers; its code is the `createdBy` of what it writes (ORG-5). */
export interface Till {
  readonly code: TillCode;
  readonly name: string;
  readonly password: string;
}

/** A validated org: everything the rules need to know about the business, as read-only data (ORG-1). */
export interface Org {
  readonly id: string;
  readonly name: string;
  readonly sources: ReadonlySet<Source>;
  /** Account ids of each multi-account source (SRC-2). */
  readonly accounts: ReadonlyMap<Source, ReadonlySet<string>>;
  readonly identifierRules: IdentifierRules;
  readonly blocklist: Blocklist;
  /** Keyed by lower-cased name: field names are matched case-insensitively (FLD-3). */
  readonly extendedFields: ReadonlyMap<string, ExtendedFieldDef>;
  /** Keyed by lower-cased name (FLD-3). */
  readonly customFields: ReadonlyMap<string, CustomFieldDef>;
  readonly tills: ReadonlyMap<string, Till>;
  readonly firstCustomerId: number;
  /** Loyalty programs by id, tiers sorted by serial number (PRG-1). */
  readonly programs: ReadonlyMap<number, ProgramDef>;
  /** What a registration earns, if the org rewards it (RWD-1). */
  readonly registrationReward: {
    readonly points: { readonly programId: number; readonly points: number } | null;
    readonly coupon: CouponSeries | null;
  };
  /** Whether goodwill requests are approved as they are raised (GDW-2). */
  readonly goodwillAutoApprove: boolean;
  /** The bounds that guard a customer against over-merging (MRG-21). */
  readonly limits: MergeLimits;
  /** The configuration this org was built from, for export and display: a frozen copy. */
  readonly config: OrgConfig;
}

/** The bounds against over-merging: identifiers over all of a customer's profiles, and customers merged into it (MRG-21). */
export interface MergeLimits {
  readonly maxIdentifiersPerCustomer: number;
  readonly maxMergesInto: number;
}

/** The default bounds (MRG-21): 50 identifiers per customer, as Adobe's identity graph, and 100 merges into one, as Segment's profiles. */
export const DEFAULT_MERGE_LIMITS: MergeLimits = Object.freeze({ maxIdentifiersPerCustomer: 50, maxMergesInto: 100 });

/** Values that must never link two people unless an org says otherwise (IDN-3). */
export const DEFAULT_BLOCKED_VALUES: readonly string[] = Object.freeze([
  'null',
  'undefined',
  'nil',
  'none',
  'n/a',
  'na',
  'anonymous',
  'unknown',
  'test',
  '-1',
]);

/** All-zero numbers, dashes and empty-looking values (IDN-3). */
export const DEFAULT_BLOCKED_PATTERNS: readonly string[] = Object.freeze(['^[0\\-+ ]*$']);

const DEFAULT_FIELD_MAX_LENGTH = 250;

// The orgs this module built: the rules run only against an org that `defineOrg` validated.
const ORGS = new WeakSet<object>();

/** True for an org that `defineOrg` (or `defaultOrg`) built (ORG-1). */
export function isOrg(value: unknown): value is Org {
  return typeof value === 'object' && value !== null && ORGS.has(value);
}

/**
 * Validates an org configuration and builds the read-only org the rules run against (ORG-1), its loyalty
 * programs with their tiers ordered by serial number (PRG-1) and its bounds against over-merging, 50
 * identifiers and 100 merges unless it says otherwise (MRG-21): a bad configuration is a 400 naming the field.
 * @example
 * const org = defineOrg({ id: 'acme', tills: [{ code: 'acme.till', password: 'secret' }] });
 */
export function defineOrg(input: unknown): Result<Org, InvalidInputError> {
  const parsed = parseWith(orgConfigSchema, input, ['org']);
  if (parsed.isErr()) return err(parsed.error);
  const config = parsed.value;
  const accounts = new Map<Source, ReadonlySet<string>>();
  for (const source of SOURCES) {
    const ids = config.accounts?.[source];
    if (ids === undefined) continue;
    if (!MULTI_ACCOUNT_SOURCES.has(source)) return err(invalidInput(['org', 'accounts', source], 'single-account source cannot list accounts'));
    accounts.set(source, frozenSet(ids));
  }
  const rules: IdentifierRules = Object.freeze({
    defaultCountryCode: config.identifiers?.defaultCountryCode ?? '91',
    nationalMobileLength: config.identifiers?.nationalMobileLength ?? 10,
    mobileMinLength: config.identifiers?.mobileMinLength ?? 8,
    mobileMaxLength: config.identifiers?.mobileMaxLength ?? 15,
    externalIdMaxLength: config.identifiers?.externalIdMaxLength ?? 64,
    blockedValues: Object.freeze([...(config.identifiers?.blockedValues ?? DEFAULT_BLOCKED_VALUES)]),
    blockedPatterns: Object.freeze([...(config.identifiers?.blockedPatterns ?? DEFAULT_BLOCKED_PATTERNS)]),
  });
  if (rules.mobileMinLength > rules.mobileMaxLength) return err(invalidInput(['org', 'identifiers', 'mobileMinLength'], 'exceeds mobileMaxLength'));
  for (const [i, pattern] of rules.blockedPatterns.entries()) {
    try {
      new RegExp(pattern, 'i');
    } catch {
      return err(invalidInput(['org', 'identifiers', 'blockedPatterns', i], 'not a regular expression'));
    }
  }
  const extendedFields = new Map<string, ExtendedFieldDef>();
  for (const f of config.extendedFields ?? []) {
    if (f.type === 'enum' && (f.values ?? []).length === 0) return err(invalidInput(['org', 'extendedFields', f.name], 'an enum field needs values'));
    extendedFields.set(
      f.name.toLowerCase(),
      Object.freeze({ name: f.name, type: f.type, values: Object.freeze([...(f.values ?? [])]), maxLength: f.maxLength ?? DEFAULT_FIELD_MAX_LENGTH }),
    );
  }
  const customFields = new Map<string, CustomFieldDef>();
  for (const f of config.customFields ?? []) {
    customFields.set(f.name.toLowerCase(), Object.freeze({ name: f.name, maxLength: f.maxLength ?? DEFAULT_FIELD_MAX_LENGTH }));
  }
  const programs = new Map<number, ProgramDef>();
  for (const p of config.programs ?? []) {
    const serials = new Set(p.tiers.map((t) => t.serialNumber));
    if (serials.size !== p.tiers.length) return err(invalidInput(['org', 'programs', p.id], 'tier serial numbers repeat'));
    const tiers = [...p.tiers]
      .sort((a, b) => a.serialNumber - b.serialNumber)
      .map((t) => Object.freeze({ serialNumber: t.serialNumber, name: t.name, description: t.description ?? '', upgradeThreshold: t.upgradeThreshold }));
    const review = p.tierReview === undefined ? null : Object.freeze({ renewal: Object.freeze({ ...p.tierReview.renewal }), downgrade: p.tierReview.downgrade, validityDays: p.tierReview.validityDays });
    programs.set(p.id, Object.freeze({ id: p.id, name: p.name, description: p.description ?? '', tiers: Object.freeze(tiers), tierReview: review }));
  }
  const rewardPoints = config.registrationReward?.points ?? null;
  if (rewardPoints !== null && !programs.has(rewardPoints.programId)) {
    return err(invalidInput(['org', 'registrationReward', 'points', 'programId'], 'not a program of the org'));
  }
  const rewardCoupon = config.registrationReward?.coupon;
  if (rewardCoupon !== undefined && !isIsoDateTime(rewardCoupon.validTill)) {
    // A coupon whose validTill reads as no instant would never expire (CPN-3).
    return err(invalidInput(['org', 'registrationReward', 'coupon', 'validTill'], 'expected an ISO 8601 date-time with offset'));
  }
  const tills = new Map<string, Till>();
  for (const t of config.tills) tills.set(t.code, Object.freeze({ code: tillCode(t.code), name: t.name ?? t.code, password: t.password }));
  const org: Org = Object.freeze({
    id: config.id,
    name: config.name ?? config.id,
    sources: frozenSet<Source>(config.sources ?? SOURCES),
    accounts: frozenMap(accounts),
    identifierRules: rules,
    blocklist: compileBlocklist(rules),
    extendedFields: frozenMap(extendedFields),
    customFields: frozenMap(customFields),
    tills: frozenMap(tills),
    firstCustomerId: config.firstCustomerId ?? 1,
    programs: frozenMap(programs),
    registrationReward: Object.freeze({
      points: rewardPoints === null ? null : Object.freeze({ ...rewardPoints }),
      coupon:
        rewardCoupon === undefined
          ? null
          : Object.freeze({
              description: rewardCoupon.description,
              couponType: rewardCoupon.couponType ?? 'PE',
              discountCode: rewardCoupon.discountCode ?? 'NO_VALUE',
              validTill: rewardCoupon.validTill,
            }),
    }),
    goodwillAutoApprove: config.goodwill?.autoApprove ?? false,
    limits: Object.freeze({
      maxIdentifiersPerCustomer: config.limits?.maxIdentifiersPerCustomer ?? DEFAULT_MERGE_LIMITS.maxIdentifiersPerCustomer,
      maxMergesInto: config.limits?.maxMergesInto ?? DEFAULT_MERGE_LIMITS.maxMergesInto,
    }),
    config: deepFreeze(config),
  });
  ORGS.add(org);
  return ok(org);
}
