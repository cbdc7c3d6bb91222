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
]);
