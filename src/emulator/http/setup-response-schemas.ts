// The 200 bodies of the setup endpoints under /_emulator/ (EMU-13) as zod schemas, for the OpenAPI document
// (EMU-25). The library's command answers are checked at compile time against their types (`Same`, at the
// end); the org, reset and import answers are typed by these schemas where the routes build them. The
// exported snapshot is documented looser than GraphSnapshot: its counters and the top of its records.
import { z } from 'zod';
import type { CouponResponse, GoodwillResponse, GraphSnapshot, MergeResponse, PiiResponse, PointsResponse, TransferResponse } from '../../index';
import { couponSeriesSchema, customerIdSchema, tillCodeSchema } from '../../schemas';
import { looser, warningsSchema, type Same } from './response-parts';

/** 200 of GET /_emulator/org: the org's sources, accounts, tills and counts (EMU-13, EMU-25). */
export const orgSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  sources: z.array(z.string()),
  accounts: z.record(z.string(), z.array(z.string())),
  tills: z.array(z.object({ code: z.string(), name: z.string() })),
  till: z.string(),
  durable: z.boolean(),
  eventCount: z.number().int(),
  customers: z.number().int(),
  nextCustomerId: z.number().int(),
});

/** 200 of POST /_emulator/reset (EMU-13, EMU-25). */
export const resetResponseSchema = z.object({ success: z.literal(true), org: z.string(), eventCount: z.literal(0), warnings: z.array(z.never()) });

/** 200 of PUT /_emulator/snapshot (EMU-20, EMU-25). */
export const snapshotImportResponseSchema = z.object({
  success: z.literal(true),
  org: z.string(),
  eventCount: z.number().int(),
  customers: z.number().int(),
  warnings: z.array(z.never()),
});

/** 200 of PUT /_emulator/events: also the number of entries read (EMU-13, EMU-25). */
export const eventsImportResponseSchema = snapshotImportResponseSchema.extend({ entries: z.number().int() });

/** 200 of GET /_emulator/events: the event log, one JSON entry per line (EMU-13, EMU-25). */
export const eventLogTextSchema = z.string().describe('The event log as NDJSON: one entry per line.');

/** 200 of GET /_emulator/snapshot: a GraphSnapshot; its records are let through as they are (ARC-6, EMU-20, EMU-25). */
export const snapshotSchema = looser<GraphSnapshot>(
  z.looseObject({
    org: z.string(),
    customers: z.array(z.looseObject({ id: z.number().int() })),
    histories: z.array(z.looseObject({ id: z.number().int(), entries: z.array(z.looseObject({})) })),
  }),
);

/** 200 of POST /_emulator/merge (MRG-6, EMU-25). */
export const mergeResponseSchema = z.object({ success: z.literal(true), survivorId: customerIdSchema, victimId: customerIdSchema, warnings: warningsSchema });

/** 200 of POST /_emulator/points: the program's balance after the movement (PTS-2, PTS-3, EMU-25). */
export const pointsResponseSchema = z.object({
  success: z.literal(true),
  customerId: customerIdSchema,
  programId: z.number(),
  loyaltyPoints: z.number(),
  warnings: warningsSchema,
});

/** 200 of POST /_emulator/pointsTransfers (TRF-1, EMU-25). */
export const transferResponseSchema = z.object({ success: z.literal(true), transferId: z.number(), warnings: warningsSchema });

// `record` types its object schema read-only; the shape is that of the object underneath.
const couponSeriesShape = (couponSeriesSchema as unknown as z.ZodObject<ReturnType<typeof couponSeriesSchema.unwrap>['shape']>).shape;
const couponSchema = z.object({
  ...couponSeriesShape,
  id: z.number(),
  couponCode: z.string(),
  trimmedCouponCode: z.string(),
  issuedOn: z.string(),
  issuedBy: tillCodeSchema,
  issuedTo: customerIdSchema,
  redeemedOn: z.string().nullable(),
  redeemedBy: tillCodeSchema.nullable(),
});

/** 200 of POST /_emulator/coupons and /_emulator/coupons/redeem (CPN-1, CPN-3, EMU-25). */
export const couponResponseSchema = z.object({ success: z.literal(true), coupon: couponSchema, warnings: warningsSchema });

const goodwillSchema = z.object({
  id: z.number(),
  userId: customerIdSchema,
  goodwillType: z.enum(['POINTS', 'COUPON']),
  goodwillStatus: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
  programId: z.number().nullable(),
  points: z.number().nullable(),
  coupon: couponSeriesSchema.nullable(),
  reason: z.string(),
  comments: z.string(),
  approvedValue: z.string().nullable(),
  updatedComments: z.string(),
  oneStep: z.boolean(),
  autoApproved: z.boolean(),
  addedOn: z.string(),
  addedBy: tillCodeSchema,
  updatedOn: z.string(),
  updatedBy: tillCodeSchema,
});

/** 200 of POST /_emulator/goodwill and /_emulator/goodwill/{requestId}/resolve (GDW-1, EMU-25). */
export const goodwillResponseSchema = z.object({ success: z.literal(true), request: goodwillSchema, warnings: warningsSchema });

/** 200 of a setup endpoint that only clears something: the journal's and the fault rules' DELETEs (EMU-23, EMU-24, EMU-25). */
export const clearedResponseSchema = z.object({ success: z.literal(true), warnings: z.array(z.never()) });

/** 200 of POST /_emulator/customers/{customerId}/deletePii (PII-1, EMU-25). */
export const piiResponseSchema = z.object({ success: z.literal(true), customerId: customerIdSchema, warnings: warningsSchema });

type Out<S extends z.ZodType> = z.output<S>;
const sameTypes: [
  Same<Out<typeof mergeResponseSchema>, MergeResponse>,
  Same<Out<typeof pointsResponseSchema>, PointsResponse>,
  Same<Out<typeof transferResponseSchema>, TransferResponse>,
  Same<Out<typeof couponResponseSchema>, CouponResponse>,
  Same<Out<typeof goodwillResponseSchema>, GoodwillResponse>,
  Same<Out<typeof piiResponseSchema>, PiiResponse>,
] = [true, true, true, true, true, true];
void sameTypes;
