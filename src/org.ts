import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { invalidInput, type InvalidInputError } from './errors';
import { tillCode, type TillCode } from './ids';
import type { CouponSeries } from './coupons';
import type { ProgramDef } from './ledger';
import { compileBlocklist, type Blocklist, type IdentifierRules } from './identifiers';
import { isIsoDateTime } from './validate';
import { MULTI_ACCOUNT_SOURCES, SOURCES, type Source } from './sources';

const sourceSchema = z.enum(SOURCES);

const extendedFieldSchema = z.strictObject({
  name: z.string().min(1).max(64),
  type: z.enum(['string', 'number', 'boolean', 'date', 'enum']),
  values: z.array(z.string().min(1)).optional(),
  maxLength: z.number().int().positive().optional(),
});

const customFieldSchema = z.strictObject({
  name: z.string().min(1).max(64),
  maxLength: z.number().int().positive().optional(),
});

const tillSchema = z.strictObject({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(128).optional(),
  password: z.string().min(1).max(256),
});

const identifierRulesSchema = z.strictObject({
  defaultCountryCode: z.string().regex(/^\d{0,4}$/).optional(),
  nationalMobileLength: z.number().int().min(4).max(15).optional(),
  mobileMinLength: z.number().int().min(4).max(15).optional(),
  mobileMaxLength: z.number().int().min(4).max(15).optional(),
  externalIdMaxLength: z.number().int().min(1).max(512).optional(),
  blockedValues: z.array(z.string()).optional(),
  blockedPatterns: z.array(z.string()).optional(),
});

const tierSchema = z.strictObject({
  serialNumber: z.number().int().min(1).max(10_000),
  name: z.string().min(1).max(64),
  description: z.string().max(256).optional(),
  upgradeThreshold: z.number().int().min(0),
});

const programSchema = z.strictObject({
  id: z.number().int().positive().max(2 ** 40),
  name: z.string().min(1).max(128),
  description: z.string().max(256).optional(),
  tiers: z.array(tierSchema).min(1).max(50),
});

const couponSeriesSchema = z.strictObject({
  description: z.string().min(1).max(256),
  couponType: z.string().min(1).max(16).optional(),
  discountCode: z.string().min(1).max(64).optional(),
  validTill: z.string().max(64),
});

/** The JSON schema of an org configuration, exported so that hosts can validate config files the same way (ORG-1). */
export const orgConfigSchema = z.strictObject({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/),
  name: z.string().max(128).optional(),
  sources: z.array(sourceSchema).min(1).optional(),
  accounts: z.partialRecord(sourceSchema, z.array(z.string().min(1).max(64))).optional(),
  identifiers: identifierRulesSchema.optional(),
  extendedFields: z.array(extendedFieldSchema).optional(),
  customFields: z.array(customFieldSchema).optional(),
  tills: z.array(tillSchema).min(1),
  firstCustomerId: z.number().int().positive().max(2 ** 40).optional(),
  programs: z.array(programSchema).max(50).optional(),
  registrationReward: z
    .strictObject({
      points: z.strictObject({ programId: z.number().int().positive(), points: z.number().int().positive() }).optional(),
      coupon: couponSeriesSchema.optional(),
    })
    .optional(),
  goodwill: z.strictObject({ autoApprove: z.boolean().optional() }).optional(),
});

/** An org configuration as written by hand or read from a file (ORG-1). */
export type OrgConfig = z.input<typeof orgConfigSchema>;

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
  /** The configuration this org was built from, for export and display. */
  readonly config: OrgConfig;
}

/** Values that must never link two people unless an org says otherwise (IDN-3). */
export const DEFAULT_BLOCKED_VALUES: readonly string[] = [
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
];

/** All-zero numbers, dashes and empty-looking values (IDN-3). */
export const DEFAULT_BLOCKED_PATTERNS: readonly string[] = ['^[0\\-+ ]*$'];

const DEFAULT_FIELD_MAX_LENGTH = 250;

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** Validates an org configuration and builds the read-only org the rules run against (ORG-1). */
export function defineOrg(input: unknown): Result<Org, InvalidInputError> {
  const parsed = orgConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(invalidInput(['org', ...toPath(issue?.path ?? [])], issue?.message ?? 'invalid org'));
  }
  const config = parsed.data;
  const sources = new Set<Source>(config.sources ?? SOURCES);
  const accounts = new Map<Source, ReadonlySet<string>>();
  for (const source of SOURCES) {
    const ids = config.accounts?.[source];
    if (ids === undefined) continue;
    if (!MULTI_ACCOUNT_SOURCES.has(source)) {
      return err(invalidInput(['org', 'accounts', source], 'single-account source cannot list accounts'));
    }
    accounts.set(source, new Set(ids));
  }
  const rules: IdentifierRules = {
    defaultCountryCode: config.identifiers?.defaultCountryCode ?? '91',
    nationalMobileLength: config.identifiers?.nationalMobileLength ?? 10,
    mobileMinLength: config.identifiers?.mobileMinLength ?? 8,
    mobileMaxLength: config.identifiers?.mobileMaxLength ?? 15,
    externalIdMaxLength: config.identifiers?.externalIdMaxLength ?? 64,
    blockedValues: config.identifiers?.blockedValues ?? DEFAULT_BLOCKED_VALUES,
    blockedPatterns: config.identifiers?.blockedPatterns ?? DEFAULT_BLOCKED_PATTERNS,
  };
  if (rules.mobileMinLength > rules.mobileMaxLength) {
    return err(invalidInput(['org', 'identifiers', 'mobileMinLength'], 'exceeds mobileMaxLength'));
  }
  for (const [i, pattern] of rules.blockedPatterns.entries()) {
    try {
      new RegExp(pattern, 'i');
    } catch {
      return err(invalidInput(['org', 'identifiers', 'blockedPatterns', i], 'not a regular expression'));
    }
  }
  const extendedFields = new Map<string, ExtendedFieldDef>();
  for (const f of config.extendedFields ?? []) {
    if (f.type === 'enum' && (f.values ?? []).length === 0) {
      return err(invalidInput(['org', 'extendedFields', f.name], 'an enum field needs values'));
    }
    extendedFields.set(f.name.toLowerCase(), {
      name: f.name,
      type: f.type,
      values: f.values ?? [],
      maxLength: f.maxLength ?? DEFAULT_FIELD_MAX_LENGTH,
    });
  }
  const customFields = new Map<string, CustomFieldDef>();
  for (const f of config.customFields ?? []) {
    customFields.set(f.name.toLowerCase(), { name: f.name, maxLength: f.maxLength ?? DEFAULT_FIELD_MAX_LENGTH });
  }
  const programs = new Map<number, ProgramDef>();
  for (const p of config.programs ?? []) {
    const serials = new Set(p.tiers.map((t) => t.serialNumber));
    if (serials.size !== p.tiers.length) return err(invalidInput(['org', 'programs', p.id], 'tier serial numbers repeat'));
    const tiers = [...p.tiers]
      .sort((a, b) => a.serialNumber - b.serialNumber)
      .map((t) => ({ serialNumber: t.serialNumber, name: t.name, description: t.description ?? '', upgradeThreshold: t.upgradeThreshold }));
    programs.set(p.id, { id: p.id, name: p.name, description: p.description ?? '', tiers });
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
  for (const t of config.tills) {
    tills.set(t.code, { code: tillCode(t.code), name: t.name ?? t.code, password: t.password });
  }
  return ok(
    Object.freeze({
      id: config.id,
      name: config.name ?? config.id,
      sources,
      accounts,
      identifierRules: Object.freeze(rules),
      blocklist: compileBlocklist(rules),
      extendedFields,
      customFields,
      tills,
      firstCustomerId: config.firstCustomerId ?? 1,
      programs,
      registrationReward: {
        points: rewardPoints,
        coupon:
          rewardCoupon === undefined
            ? null
            : {
                description: rewardCoupon.description,
                couponType: rewardCoupon.couponType ?? 'PE',
                discountCode: rewardCoupon.discountCode ?? 'NO_VALUE',
                validTill: rewardCoupon.validTill,
              },
      },
      goodwillAutoApprove: config.goodwill?.autoApprove ?? false,
      config,
    }),
  );
}

/**
 * The default org's configuration: every source, the accounts and fields that the seeds' sample
 * requests use, and the till `demo.till` (password `demo`) (ORG-2).
 */
export const DEFAULT_ORG_CONFIG: OrgConfig = {
  id: 'default',
  name: 'Default emulator org',
  accounts: {
    WECHAT: ['22232', '1234'],
    FACEBOOK: ['fb-main'],
    LINE: ['line-main'],
    MOBILE_APP: ['400', '123'],
    WEB_ENGAGE: ['we-main'],
  },
  identifiers: { defaultCountryCode: '91', nationalMobileLength: 10 },
  extendedFields: [
    { name: 'gender', type: 'enum', values: ['Male', 'Female', 'Other'] },
    { name: 'city', type: 'string' },
    { name: 'ethnicity', type: 'string' },
    { name: 'religion', type: 'string' },
    { name: 'dob', type: 'date' },
    { name: 'age_group', type: 'string' },
    { name: 'preferred_store', type: 'string' },
    { name: 'nationality', type: 'string' },
  ],
  customFields: [
    { name: 'employee' },
    { name: 'dateofbirth' },
    { name: 'gender' },
    { name: 'city' },
    { name: 'Favorite Color' },
  ],
  programs: [
    {
      id: 1016,
      name: 'Nightly_ApiAutoDefaultProgram',
      description: 'The default program of the seed samples',
      tiers: [
        { serialNumber: 1, name: 'Bronze', description: 'Entry tier', upgradeThreshold: 0 },
        { serialNumber: 2, name: 'Silver', description: 'Silver tier', upgradeThreshold: 1000 },
        { serialNumber: 3, name: 'Gold', description: 'Gold tier', upgradeThreshold: 5000 },
        { serialNumber: 234, name: 'Platinum', description: 'Tier 234 of the seed samples', upgradeThreshold: 20000 },
      ],
    },
    {
      id: 1219,
      name: 'Premium',
      tiers: [
        { serialNumber: 1, name: 'Bronze', description: 'Bronze tier', upgradeThreshold: 0 },
        { serialNumber: 2, name: 'Silver', description: 'Silver tier', upgradeThreshold: 2000 },
        { serialNumber: 3, name: 'Gold', description: 'Gold tier', upgradeThreshold: 10000 },
      ],
    },
    {
      id: 1223,
      name: 'Partner',
      tiers: [
        { serialNumber: 1, name: 'Tier1', description: 'Tier 1', upgradeThreshold: 0 },
        { serialNumber: 2, name: 'Tier2', description: 'Tier 2', upgradeThreshold: 500 },
        { serialNumber: 3, name: 'Star', description: 'Top level tier', upgradeThreshold: 5000 },
      ],
    },
  ],
  tills: [
    { code: 'demo.till', name: 'Demo till', password: 'demo' },
    { code: 'bukl.till', password: 'bukl' },
    { code: 'rr.till', password: 'rr' },
  ],
};

/** Builds the default org (ORG-2). */
export function defaultOrg(): Org {
  const built = defineOrg(DEFAULT_ORG_CONFIG);
  // The default config is a constant that the test suite validates; failing here is a build error, not input.
  if (built.isErr()) throw new Error(`default org is invalid: ${built.error.message}`);
  return built.value;
}
