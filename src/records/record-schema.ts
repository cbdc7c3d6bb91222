// The schema of a customer record as a snapshot carries it (ARC-6): what `graphFromSnapshot` reads a record
// from outside with, into the library's own frozen copy. The record types are declared beside the
// functions that build them; the checks at the end of this file keep the schema and the types equal, so
// that neither can change without the other.
import { z } from 'zod';
import { customerIdSchema, tillCodeSchema } from '../kernel/ids';
import { fieldMapSchema, list, record, text } from '../kernel/parse';
import type { Coupon } from './coupons';
import { couponSeriesSchema } from './coupons';
import type { Customer } from './customer';
import { loyaltyTypeSchema } from './customer';
import type { GoodwillRequest } from './goodwill';
import type { PointsLot, ProgramLedger, TierChange } from './ledger';
import { profileFactsSchema, type Attribution, type ConflictingProfile, type SourceProfile } from './profile';
import { mergeCauseSchema, priorStampSchema, type Premerge } from './premerge';
import { subscriptionSchema } from './subscriptions';
import type { PointsTransfer } from './transfers';

// A record's lists grow with what happens to the customer (a lot per credit, a tier change per
// upgrade), not with any request: the bound only keeps one line of a snapshot finite.
const MANY = 1_000_000;
const date = text(64);
// -0 is read as 0: JSON cannot carry it, so a record that held it would not survive its own snapshot.
const count = z.number().int().safe().transform((n) => n + 0);
const amount = z.number().int().nonnegative().safe().transform((n) => n + 0);
const positive = z.number().int().positive().safe();

// `record` types its object schema read-only; the shape is that of the object underneath.
const shapeOf = <S extends z.ZodRawShape>(schema: z.ZodReadonly<z.ZodObject<S>>): S => (schema as unknown as z.ZodObject<S>).shape;

const attributionSchema = record({ createDate: date, createdBy: tillCodeSchema, modifiedDate: date, modifiedBy: tillCodeSchema });
const profileDataShape = { ...shapeOf(profileFactsSchema), attribution: attributionSchema };
const conflictingProfileSchema = record({ ...profileDataShape, mergedFrom: customerIdSchema });
const sourceProfileSchema = record({ ...profileDataShape, conflictingProfiles: list(conflictingProfileSchema, MANY) });

const pointsLotSchema = record({ issuedOn: date, expiresOn: date.nullable(), remaining: amount });
const tierChangeSchema = record({
  programId: positive,
  from: count.nullable(),
  to: count,
  type: z.enum(['UPGRADE', 'DOWNGRADE', 'RENEWAL']),
  changedOn: date,
  till: tillCodeSchema,
  tierExpiryDate: date.nullable(),
  seq: positive,
});
const programLedgerSchema = record({
  programId: positive,
  enrolledOn: date,
  issued: amount,
  redeemed: amount,
  expired: amount,
  returned: amount,
  adjusted: count,
  cumulativePurchases: z.number().nonnegative().finite().transform((n) => n + 0),
  lots: list(pointsLotSchema, MANY),
  floorTier: count,
  tier: count,
  tierExpiryDate: date.nullable(),
  tierHistory: list(tierChangeSchema, MANY),
  // Absent in snapshots written before tier reviews existed: a period from nothing, nothing left behind.
  reviewBase: record({ issued: amount, purchases: z.number().nonnegative().finite().transform((n) => n + 0) }).default({ issued: 0, purchases: 0 }),
  upgradeBase: amount.default(0),
});

const couponSchema = record({
  ...shapeOf(couponSeriesSchema),
  id: positive,
  couponCode: text(64).min(1),
  trimmedCouponCode: text(64).min(1),
  issuedOn: date,
  issuedBy: tillCodeSchema,
  issuedTo: customerIdSchema,
  redeemedOn: date.nullable(),
  redeemedBy: tillCodeSchema.nullable(),
});
const goodwillSchema = record({
  id: positive,
  userId: customerIdSchema,
  goodwillType: z.enum(['POINTS', 'COUPON']),
  goodwillStatus: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
  programId: positive.nullable(),
  points: amount.nullable(),
  coupon: couponSeriesSchema.nullable(),
  reason: text(4096),
  comments: text(4096),
  approvedValue: text(4096).nullable(),
  updatedComments: text(4096),
  oneStep: z.boolean(),
  autoApproved: z.boolean(),
  addedOn: date,
  addedBy: tillCodeSchema,
  updatedOn: date,
  updatedBy: tillCodeSchema,
});
const transferSchema = record({
  transferId: positive,
  programId: positive,
  points: amount,
  transferType: z.enum(['DEDUCTION', 'ADDITION']),
  fromId: customerIdSchema,
  toId: customerIdSchema,
  notes: text(4096),
  at: date,
});

const customerShape = {
  id: customerIdSchema,
  status: z.enum(['live', 'merged', 'deleted']),
  mergedInto: customerIdSchema.nullable(),
  loyaltyType: loyaltyTypeSchema,
  profiles: list(sourceProfileSchema, MANY),
  extendedFields: fieldMapSchema,
  associatedWith: tillCodeSchema.nullable(),
  attribution: attributionSchema,
  programs: list(programLedgerSchema, MANY),
  subscriptions: list(subscriptionSchema, MANY),
  coupons: list(couponSchema, MANY),
  goodwill: list(goodwillSchema, MANY),
  transfers: list(transferSchema, MANY),
  victims: list(customerIdSchema, MANY),
  piiDeletedOn: date.nullable(),
};

// A pre-merge copy is a live record, which keeps no copy of its own: the nesting stops at one level.
const premergeRecordSchema = record({ ...customerShape, premerge: z.null().default(null) });
const premergeSchema = record({
  survivor: premergeRecordSchema,
  victim: premergeRecordSchema,
  seq: positive,
  at: date,
  till: tillCodeSchema,
  cause: mergeCauseSchema.nullable(),
  priorStamp: priorStampSchema.nullable().default(null),
});

/** A customer record, as `graphSnapshot` gives it and `graphFromSnapshot` reads it (ARC-6). */
export const customerRecordSchema = record({
  ...customerShape,
  // Absent in snapshots written before unmerge existed: such a merge cannot be undone (MRG-12).
  premerge: premergeSchema.nullable().default(null),
});

// The schema reads exactly the record types: each line fails to compile when a field is added to, or
// changed in, one side only.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<z.output<typeof customerRecordSchema>, Customer>,
  Same<z.output<typeof sourceProfileSchema>, SourceProfile>,
  Same<z.output<typeof conflictingProfileSchema>, ConflictingProfile>,
  Same<z.output<typeof attributionSchema>, Attribution>,
  Same<z.output<typeof programLedgerSchema>, ProgramLedger>,
  Same<z.output<typeof pointsLotSchema>, PointsLot>,
  Same<z.output<typeof tierChangeSchema>, TierChange>,
  Same<z.output<typeof couponSchema>, Coupon>,
  Same<z.output<typeof goodwillSchema>, GoodwillRequest>,
  Same<z.output<typeof transferSchema>, PointsTransfer>,
  Same<z.output<typeof premergeSchema>, Premerge>,
] = [true, true, true, true, true, true, true, true, true, true, true];
void sameTypes;
