import { z } from 'zod';
import { sourceSchema } from './sources';

const extendedFieldSchema = z.strictObject({
  name: z.string().min(1).max(64),
  type: z.enum(['string', 'number', 'boolean', 'date', 'enum']),
  values: z.array(z.string().min(1)).max(256).optional(),
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
  blockedValues: z.array(z.string().max(512)).max(10_000).optional(),
  blockedPatterns: z.array(z.string().max(512)).max(100).optional(),
});

const tierSchema = z.strictObject({
  serialNumber: z.number().int().min(1).max(10_000),
  name: z.string().min(1).max(64),
  description: z.string().max(256).optional(),
  upgradeThreshold: z.number().int().min(0),
});

const tierReviewSchema = z.strictObject({
  renewal: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('points'), points: z.number().int().min(0).max(1e12) }),
    z.strictObject({ kind: z.literal('purchases'), amount: z.number().min(0).max(1e12) }),
  ]),
  downgrade: z.enum(['oneTier', 'baseTier']),
  validityDays: z.number().int().min(1).max(36_600),
});

const programSchema = z.strictObject({
  id: z.number().int().positive().max(2 ** 40),
  name: z.string().min(1).max(128),
  description: z.string().max(256).optional(),
  tiers: z.array(tierSchema).min(1).max(50),
  /** How a tier is reviewed at its expiry date (TIR-1); without it a tier past its expiry date is kept. */
  tierReview: tierReviewSchema.optional(),
});

const couponOfferSchema = z.strictObject({
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
  accounts: z.partialRecord(sourceSchema, z.array(z.string().min(1).max(64)).max(1000)).optional(),
  identifiers: identifierRulesSchema.optional(),
  extendedFields: z.array(extendedFieldSchema).max(256).optional(),
  customFields: z.array(customFieldSchema).max(256).optional(),
  tills: z.array(tillSchema).min(1).max(10_000),
  firstCustomerId: z.number().int().positive().max(2 ** 40).optional(),
  programs: z.array(programSchema).max(50).optional(),
  registrationReward: z
    .strictObject({
      points: z.strictObject({ programId: z.number().int().positive(), points: z.number().int().positive().max(1e12) }).optional(),
      coupon: couponOfferSchema.optional(),
    })
    .optional(),
  goodwill: z.strictObject({ autoApprove: z.boolean().optional() }).optional(),
  limits: z
    .strictObject({
      maxIdentifiersPerCustomer: z.number().int().min(1).max(1_000_000).optional(),
      maxMergesInto: z.number().int().min(0).max(1_000_000).optional(),
    })
    .optional(),
});

/** An org configuration as written by hand or read from a file (ORG-1). */
export type OrgConfig = z.input<typeof orgConfigSchema>;

/** An org configuration as `defineOrg` read it. */
export type ParsedOrgConfig = z.output<typeof orgConfigSchema>;
