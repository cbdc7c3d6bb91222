import { z } from 'zod';
import { COMM_CHANNEL_TYPES } from './customer';
import { IDENTIFIER_TYPES } from './identifiers';
import { SOURCES } from './sources';
import { SUBSCRIPTION_CHANNELS } from './subscriptions';

// The shape of every event, checked before the public `evolve` folds one that did not come from `decide`
// (ARC-4, ARC-5): a malformed event must leave the graph as it is, never make a graph that later throws.

const id = z.number().int().positive().safe();
const text = z.string().max(100_000);
const count = z.number().int().safe();

// Plain or null-prototype objects only: a Set or Map has no own values and would pass a looser check.
function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const fieldMapSchema = z.custom<Readonly<Record<string, string>>>(
  (v) => isPlainRecord(v) && Object.values(v).every((x) => typeof x === 'string'),
  { message: 'expected a map of strings' },
);

const attribution = z.object({ createDate: text, createdBy: text, modifiedDate: text, modifiedBy: text });

const identifier = z.object({ type: z.enum(IDENTIFIER_TYPES), value: text });

const channel = z.object({
  type: z.enum(COMM_CHANNEL_TYPES),
  value: text,
  primary: z.boolean(),
  verified: z.boolean(),
  meta: z.object({ lastViewedDate: text, residence: z.boolean(), office: z.boolean() }),
});

const profileData = {
  source: z.enum(SOURCES),
  accountId: text,
  firstName: text,
  lastName: text,
  identifiers: z.array(identifier),
  commChannels: z.array(channel),
  fields: fieldMapSchema,
  attribution,
};

const profile = z.object({
  ...profileData,
  conflictingProfiles: z.array(z.object({ ...profileData, mergedFrom: id })),
});

const meta = { at: text, till: text };
const loyaltyType = z.enum(['loyalty', 'non_loyalty']);

const couponSeries = { description: text, couponType: text, discountCode: text, validTill: text };

/** The schema of every graph event (ARC-4). */
export const graphEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('CustomerRegistered'),
    customerId: id,
    profile,
    loyaltyType,
    extendedFields: fieldMapSchema,
    associatedWith: text.nullable(),
    ...meta,
  }),
  z.object({
    kind: z.literal('SourceProfileCombined'),
    customerId: id,
    profile,
    loyaltyType,
    extendedFields: fieldMapSchema,
    ...meta,
  }),
  z.object({
    kind: z.literal('CustomerUpdated'),
    customerId: id,
    source: z.enum(SOURCES),
    accountId: text,
    firstName: text.optional(),
    lastName: text.optional(),
    commChannels: z.array(channel),
    fields: fieldMapSchema,
    extendedFields: fieldMapSchema,
    loyaltyType,
    ...meta,
  }),
  z.object({ kind: z.literal('IdentifierAdded'), customerId: id, source: z.enum(SOURCES), accountId: text, identifier, ...meta }),
  z.object({ kind: z.literal('IdentifierRemoved'), customerId: id, source: z.enum(SOURCES), accountId: text, identifier, ...meta }),
  z.object({
    kind: z.literal('CustomersMerged'),
    survivorId: id,
    victimId: id,
    cause: z.object({ source: z.enum(SOURCES), accountId: text, identifier }).nullable(),
    ...meta,
  }),
  z.object({
    kind: z.literal('ProgramEnrolled'),
    customerId: id,
    programId: id,
    tierNumber: id.nullable(),
    points: count.min(0),
    tierExpiryDate: text.nullable(),
    pointsExpiryDate: text.nullable(),
    ...meta,
  }),
  z.object({
    kind: z.literal('PointsMoved'),
    customerId: id,
    programId: id,
    movement: z.enum(['issue', 'redeem', 'return', 'adjust']),
    points: count,
    expiresOn: text.nullable(),
    purchase: z.number().min(0).max(1e15),
    reason: text,
    ...meta,
  }),
  z.object({ kind: z.literal('PointsExpired'), customerId: id, programId: id, ...meta }),
  z.object({
    kind: z.literal('PointsTransferred'),
    transferId: id,
    fromId: id,
    toId: id,
    programId: id,
    points: count.min(1),
    notes: text,
    ...meta,
  }),
  z.object({
    kind: z.literal('SubscriptionsChanged'),
    customerId: id,
    subscriptions: z.array(
      z.object({
        channel: z.enum(SUBSCRIPTION_CHANNELS),
        accountId: text,
        priority: z.enum(['TRANS', 'BULK']),
        type: z.enum(['OPTIN', 'OPTOUT']),
      }),
    ),
    ...meta,
  }),
  z.object({
    kind: z.literal('CouponIssued'),
    customerId: id,
    coupon: z.object({
      ...couponSeries,
      id,
      couponCode: text,
      trimmedCouponCode: text,
      issuedOn: text,
      issuedBy: text,
      issuedTo: id,
      redeemedOn: text.nullable(),
      redeemedBy: text.nullable(),
    }),
    ...meta,
  }),
  z.object({ kind: z.literal('CouponRedeemed'), customerId: id, couponId: id, ...meta }),
  z.object({
    kind: z.literal('GoodwillRequested'),
    customerId: id,
    request: z.object({
      id,
      userId: id,
      goodwillType: z.enum(['POINTS', 'COUPON']),
      goodwillStatus: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
      programId: id.nullable(),
      points: count.nullable(),
      coupon: z.object(couponSeries).nullable(),
      reason: text,
      comments: text,
      approvedValue: text.nullable(),
      updatedComments: text,
      oneStep: z.boolean(),
      autoApproved: z.boolean(),
      addedOn: text,
      addedBy: text,
      updatedOn: text,
      updatedBy: text,
    }),
    ...meta,
  }),
  z.object({
    kind: z.literal('GoodwillResolved'),
    customerId: id,
    requestId: id,
    status: z.enum(['APPROVED', 'REJECTED']),
    approvedValue: text.nullable(),
    comments: text,
    ...meta,
  }),
  z.object({ kind: z.literal('PiiDeleted'), customerId: id, ...meta }),
]);

/** True when a value has the shape of a graph event (ARC-4). */
export function isGraphEvent(value: unknown): boolean {
  return graphEventSchema.safeParse(value).success;
}
