import { z } from 'zod';

const MAX_LIST = 100;
const text = z.string().max(4096);
const boolish = z.union([z.boolean(), z.literal('true'), z.literal('false')]);

/**
 * A JSON object whose keys are user data (custom and extended fields): passed through untouched so that
 * `__proto__` stays an own key, never a prototype (ARC-4).
 */
export const userKeyedObjectSchema = z.custom<Readonly<Record<string, unknown>>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  { message: 'expected an object' },
);

/** An identifier in a request body. */
export const identifierInputSchema = z.object({
  type: z.string().max(64),
  value: z.union([text, z.number()]),
});

/** A communication channel in a request body. */
export const commChannelInputSchema = z.object({
  type: z.string().max(64),
  value: z.union([text, z.number()]),
  primary: boolish.optional(),
  verified: boolish.optional(),
  meta: z
    .object({
      lastViewedDate: z.string().max(64).optional(),
      residence: boolish.optional(),
      office: boolish.optional(),
    })
    .optional(),
});

/** A source profile in a Register or Update body. */
export const profileInputSchema = z.object({
  firstName: z.string().max(256).optional(),
  lastName: z.string().max(256).optional(),
  identifiers: z.array(identifierInputSchema).max(MAX_LIST).optional(),
  commChannels: z.array(commChannelInputSchema).max(MAX_LIST).optional(),
  fields: userKeyedObjectSchema.optional(),
  source: z.string().max(64).optional(),
  accountId: z.string().max(64).optional(),
});

const loyaltyInfoSchema = z.object({ loyaltyType: z.string().max(64) });

/** The body of Register Customer, as the seed documents it (REG-1). */
export const registerBodySchema = z.object({
  loyaltyInfo: loyaltyInfoSchema,
  associatedWith: z.string().max(64).optional(),
  profiles: z.array(profileInputSchema).min(1).max(MAX_LIST),
  extendedFields: userKeyedObjectSchema.optional(),
  loyaltyProgramEnrollments: z.array(z.unknown()).max(MAX_LIST).optional(),
});

/** The body of Update Customer Details (UPD-1). */
export const updateBodySchema = z.object({
  loyaltyInfo: loyaltyInfoSchema.optional(),
  profiles: z.array(profileInputSchema).max(MAX_LIST).optional(),
  extendedFields: userKeyedObjectSchema.optional(),
  loyaltyProgramEnrollments: z.array(z.unknown()).max(MAX_LIST).optional(),
});

/** The body of Update Customer Identifiers (CHG-1). */
export const changeIdentifierBodySchema = z.object({
  add: z.array(identifierInputSchema).max(MAX_LIST).optional(),
  remove: z.array(identifierInputSchema).max(MAX_LIST).optional(),
});

/** Whole points, as the ledger counts them (PTS-2). */
const pointsSchema = z.number().int().min(-1e12).max(1e12);

/** A coupon offer in a request (CPN-1). */
export const couponSeriesInputSchema = z.object({
  description: z.string().min(1).max(256),
  couponType: z.string().min(1).max(16).optional(),
  discountCode: z.string().min(1).max(64).optional(),
  validTill: z.string().max(64),
});

/** The body of Update Subscription Details (SUB-4). */
export const subscriptionRequestSchema = z.object({
  communicationId: z.number().int().optional(),
  campaignId: z.number().int().optional(),
  reason: z.string().max(1024).optional(),
  scope: z.unknown().optional(),
  subscriptions: z
    .array(
      z.object({
        channel: z.string().max(32),
        accountId: z.string().max(64).optional(),
        priority: z.string().max(32),
        type: z.string().max(32),
      }),
    )
    .min(1)
    .max(MAX_LIST),
});

const metaSchema = z.object({ at: z.string().max(64), till: z.string().max(64) });
const idSchema = z.number().int().safe();
const sourceParam = z.string().max(64);
const accountParam = z.string().max(64).optional();

/** Every command of the identity core, validated before any rule runs (ARC-4). */
export const commandSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('register'),
    source: sourceParam,
    accountId: accountParam,
    body: registerBodySchema,
    meta: metaSchema,
  }),
  z.object({
    kind: z.literal('update'),
    customerId: idSchema,
    source: sourceParam,
    accountId: accountParam,
    body: updateBodySchema,
    meta: metaSchema,
  }),
  z.object({
    kind: z.literal('changeIdentifier'),
    customerId: idSchema,
    source: sourceParam,
    accountId: accountParam,
    add: z.array(identifierInputSchema).max(MAX_LIST).optional(),
    remove: z.array(identifierInputSchema).max(MAX_LIST).optional(),
    meta: metaSchema,
  }),
  z.object({
    kind: z.literal('merge'),
    survivorId: idSchema,
    victimId: idSchema,
    meta: metaSchema,
  }),
  z.object({
    kind: z.enum(['issuePoints', 'redeemPoints', 'returnPoints', 'adjustPoints']),
    customerId: idSchema,
    programId: idSchema,
    points: pointsSchema,
    expiresOn: z.string().max(64).optional(),
    purchase: z.number().min(0).max(1e12).optional(),
    reason: z.string().max(256).optional(),
    meta: metaSchema,
  }),
  z.object({ kind: z.literal('expirePoints'), customerId: idSchema, programId: idSchema, meta: metaSchema }),
  z.object({
    kind: z.literal('transferPoints'),
    fromId: idSchema,
    toId: idSchema,
    programId: idSchema,
    points: pointsSchema,
    notes: z.string().max(1024).optional(),
    meta: metaSchema,
  }),
  z.object({ kind: z.literal('updateSubscriptions'), customerId: idSchema, body: subscriptionRequestSchema, meta: metaSchema }),
  z.object({ kind: z.literal('issueCoupon'), customerId: idSchema, series: couponSeriesInputSchema, meta: metaSchema }),
  z.object({ kind: z.literal('redeemCoupon'), customerId: idSchema, couponCode: z.string().min(1).max(64), meta: metaSchema }),
  z.object({
    kind: z.literal('requestGoodwill'),
    customerId: idSchema,
    goodwillType: z.enum(['POINTS', 'COUPON']),
    programId: idSchema.optional(),
    points: pointsSchema.optional(),
    series: couponSeriesInputSchema.optional(),
    reason: z.string().max(1024).optional(),
    comments: z.string().max(1024).optional(),
    oneStep: z.boolean().optional(),
    meta: metaSchema,
  }),
  z.object({
    kind: z.literal('resolveGoodwill'),
    customerId: idSchema,
    requestId: idSchema,
    decision: z.enum(['APPROVED', 'REJECTED']),
    comments: z.string().max(1024).optional(),
    meta: metaSchema,
  }),
  z.object({ kind: z.literal('deletePii'), customerId: idSchema, meta: metaSchema }),
]);
