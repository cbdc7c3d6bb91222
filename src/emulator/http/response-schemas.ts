// The 200 bodies of the documented API (C, B) as zod schemas, for the OpenAPI document (EMU-25). Each is
// checked at compile time against the library's response type (`Same`, at the end), so that neither can
// change alone. Two parts are documented looser than their type (see `looser`): the `errors` of the paged
// lists, always empty, and the fields of a v1.1 customer beyond its `item_status`.
import { commChannelSchema, customerIdSchema, identifierSchema, loyaltyTypeSchema, sourceSchema, subscriptionSchema } from '../../schemas';
import { z } from 'zod';
import {
  CHANGE_TYPES,
  type ChangeIdentifierResponse,
  type ChangeRequestView,
  type CouponView,
  type CustomerDetails,
  type GoodwillView,
  type LookupResponse,
  type LoyaltyDetailsResponse,
  type Paged,
  type RegisterResponse,
  type SearchResponse,
  type SubscriptionsResponse,
  type SubscriptionsView,
  type TransferView,
  type UpdateResponse,
  type V11Response,
} from '../../index';
import { domainErrorsSchema, many, paginationSchema, tillViewSchema, warningsSchema, type Same } from './response-parts';

const fieldsSchema = z.record(z.string(), z.string());
const pagedOf = <T extends z.ZodType>(item: T) => z.object({ pagination: paginationSchema, data: many(item), warnings: warningsSchema, errors: domainErrorsSchema });
const listOf = <T extends z.ZodType>(item: T) => z.object({ data: many(item), warnings: warningsSchema, errors: domainErrorsSchema });

/** 200 of Register Customer: the new or joined customer's id, warnings and side effects (REG-1, EMU-25). */
export const registerResponseSchema = z.object({
  createdId: customerIdSchema,
  warnings: warningsSchema,
  sideEffects: many(
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('points'), awardedPoints: z.number() }),
      z.object({ type: z.literal('coupon'), id: z.number(), couponType: z.string(), couponCode: z.string(), description: z.string(), discountCode: z.string(), validTill: z.string(), trimmedCouponCode: z.string() }),
    ]),
  ),
});

/** 200 of Update Customer Details (UPD-1, EMU-25). */
export const updateResponseSchema = z.object({ createdId: customerIdSchema, warnings: warningsSchema });

/** 200 of Update Customer Identifiers (CHG-1, EMU-25). */
export const changeIdentifierResponseSchema = z.object({ success: z.literal(true), warnings: warningsSchema });

/** 200 of Fetch Customer ID (LKP-1, EMU-25). */
export const lookupResponseSchema = z.object({ entity: customerIdSchema, warnings: warningsSchema });

/** 200 of Fetch Customers (SRCH-2, EMU-25). */
export const searchResponseSchema = pagedOf(
  z.object({
    userId: customerIdSchema,
    matchedIdentifiers: many(z.object({ idType: z.string(), idValue: z.string(), source: sourceSchema, accountId: z.string() })),
    profiles: many(z.object({ source: sourceSchema, accountId: z.string(), firstName: z.string(), lastName: z.string() })),
  }),
);

const programDetailsShape = {
  redeemed: z.number(),
  expired: z.number(),
  returned: z.number(),
  adjusted: z.number(),
  lifetimePoints: z.number(),
  loyaltyPoints: z.number(),
  cumulativePurchases: z.number(),
  loyaltyId: customerIdSchema,
  currentSlab: z.string(),
  nextSlab: z.string(),
  nextSlabSerialNumber: z.number(),
  nextSlabDescription: z.string(),
  slabSNo: z.number(),
  slabExpiryDate: z.string(),
};
const programDetailsSchema = z.object({ ...programDetailsShape, programId: z.number() });

const attributionViewSchema = z.object({ createDate: z.string(), createdBy: tillViewSchema, modifiedBy: tillViewSchema, modifiedDate: z.string() });
const profileShape = {
  firstName: z.string(),
  lastName: z.string(),
  attribution: attributionViewSchema,
  fields: fieldsSchema,
  identifiers: many(identifierSchema),
  commChannels: many(commChannelSchema),
  source: sourceSchema,
  accountId: z.string(),
  userId: customerIdSchema,
  autoUpdateTime: z.string(),
};
const conflictingProfileSchema = z.object({ ...profileShape, mergedFrom: customerIdSchema });
const profileViewSchema = z.object({ ...profileShape, conflictingProfileList: many(conflictingProfileSchema) });
const tillNameSchema = z.object({ code: z.string(), name: z.string() });

/** 200 of Fetch Customer Details, with the embeds `points`, `subscriptions` and `mlp` (GET-1, GET-5, EMU-25). */
export const customerDetailsSchema = z.object({
  id: customerIdSchema,
  profiles: many(profileViewSchema),
  loyaltyInfo: z.object({
    loyaltyType: loyaltyTypeSchema,
    attributionV2: z.object({ createDate: z.string(), createdBy: tillNameSchema, modifiedBy: tillNameSchema, modifiedDate: z.string() }),
    lifetimePurchases: z.number(),
  }),
  segments: z.record(z.string(), z.never()),
  extendedFields: fieldsSchema,
  pointsSummary: z.object(programDetailsShape).exactOptional(),
  subscriptionInfo: z.object({ subscriptions: many(subscriptionSchema) }).exactOptional(),
  loyaltyProgramDetails: many(programDetailsSchema).exactOptional(),
  warnings: warningsSchema,
});

/** 200 of Fetch Customer Loyalty Details (PTS-1, EMU-25). */
export const loyaltyDetailsResponseSchema = listOf(programDetailsSchema);

/** 200 of Retrieve Subscription Details (SUB-1, EMU-25). */
export const subscriptionsViewSchema = z.object({ subscriptions: many(subscriptionSchema), campaignId: z.number(), communicationId: z.number(), warnings: warningsSchema });

/** 200 of Update Subscription Details (SUB-4, EMU-25). */
export const subscriptionsResponseSchema = z.object({
  scope: z.object({
    scopeId: z.literal(0),
    scope: z.literal('USER'),
    subScope: z.literal('NONE'),
    setCreatedOn: z.literal(false),
    setPriority: z.literal(false),
    setScopeId: z.literal(false),
    setScope: z.literal(true),
    setSubScope: z.literal(true),
  }),
  subscriptions: many(subscriptionSchema),
  campaignId: z.number(),
  communicationId: z.number(),
  reason: z.string(),
  warnings: warningsSchema,
});

const partySchema = z.object({ userId: customerIdSchema, firstName: z.string(), lastName: z.string() });
const transferViewSchema = z.object({
  pointsTransferDate: z.string(),
  pointsTransferred: z.number(),
  transferId: z.number(),
  transferType: z.enum(['DEDUCTION', 'ADDITION']),
  transferredFrom: partySchema,
  transferredTo: partySchema,
  notes: z.string(),
  programName: z.string(),
});

/** 200 of Get Points Transfer Summary of Customer (TRF-1, EMU-25). */
export const pointsTransfersResponseSchema = listOf(transferViewSchema);

const couponViewSchema = z.object({
  id: z.number(),
  couponType: z.string(),
  couponCode: z.string(),
  trimmedCouponCode: z.string(),
  validTill: z.string(),
  description: z.string(),
  discountCode: z.string(),
  issuedOn: z.string(),
  issuedBy: z.string(),
  redeemed: z.boolean(),
  redeemedOn: z.string().nullable(),
});

/** 200 of Get Customer Coupons (CPN-1, EMU-25). */
export const couponsResponseSchema = listOf(couponViewSchema);

const historyShape = { addedBy: tillViewSchema, updatedBy: tillViewSchema, addedOn: z.string(), updatedOn: z.string(), userId: customerIdSchema, comments: z.string(), reason: z.string() };
const changeRequestViewSchema = z.object({
  ...historyShape,
  id: z.number(),
  requestId: z.number(),
  status: z.literal('APPROVED'),
  baseType: z.enum(CHANGE_TYPES),
  oldValue: z.string(),
  newValue: z.string(),
  reqAdd: z.boolean(),
  oneStep: z.literal(true),
  warnings: warningsSchema,
});

/** 200 of Get Change Requests (HST-1, EMU-25). */
export const changeRequestsResponseSchema = pagedOf(changeRequestViewSchema);

const goodwillViewSchema = z.object({
  ...historyShape,
  id: z.number(),
  requestId: z.number(),
  goodwillType: z.enum(['POINTS', 'COUPON']),
  goodwillStatus: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
  programId: z.number().nullable(),
  approvedValue: z.string().exactOptional(),
  updatedComments: z.string(),
  oneStep: z.boolean(),
});

/** 200 of Get Customer Goodwill Requests (GDW-3, EMU-25). */
export const goodwillRequestsResponseSchema = pagedOf(goodwillViewSchema);

const v11StatusSchema = z.object({ success: z.boolean(), code: z.number().int(), message: z.string() });

/** 200 of the v1.1 get: its own status, and one item per requested value; a customer's other fields are let through (V11-1, V11-2, EMU-25). */
export const v11ResponseSchema = z.object({
  response: z.object({
    status: z.object({ ...v11StatusSchema.shape, total: z.number().int(), success_count: z.number().int() }),
    customers: z.object({
      customer: many(z.looseObject({ item_status: z.object({ ...v11StatusSchema.shape, warnings: z.object({ warning: many(v11StatusSchema) }) }) })),
    }),
  }),
});

type Out<S extends z.ZodType> = z.output<S>;
const sameTypes: [
  Same<Out<typeof registerResponseSchema>, RegisterResponse>,
  Same<Out<typeof updateResponseSchema>, UpdateResponse>,
  Same<Out<typeof changeIdentifierResponseSchema>, ChangeIdentifierResponse>,
  Same<Out<typeof lookupResponseSchema>, LookupResponse>,
  Same<Out<typeof searchResponseSchema>, SearchResponse>,
  Same<Out<typeof customerDetailsSchema>, CustomerDetails>,
  Same<Out<typeof loyaltyDetailsResponseSchema>, LoyaltyDetailsResponse>,
  Same<Out<typeof subscriptionsViewSchema>, SubscriptionsView>,
  Same<Out<typeof subscriptionsResponseSchema>, SubscriptionsResponse>,
  Same<Out<typeof transferViewSchema>, TransferView>,
  Same<Out<typeof couponViewSchema>, CouponView>,
  Same<Out<typeof changeRequestsResponseSchema>, Paged<ChangeRequestView>>,
  Same<Out<typeof goodwillRequestsResponseSchema>, Paged<GoodwillView>>,
  Same<Out<typeof v11ResponseSchema>, V11Response>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void sameTypes;
