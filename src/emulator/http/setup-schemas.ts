// The bodies of the setup endpoints under /_emulator/ (EMU-13): outside the documented API, which has no
// endpoint for these writes; each is one library command.
import { z } from 'zod';
import { couponSeriesInputSchema } from '../../schemas';

/** Body of the setup endpoint POST /_emulator/merge (MRG-6). */
export const mergeSetupBodySchema = z.object({
  survivorId: z.number().int().nonnegative().safe(),
  victimId: z.number().int().nonnegative().safe(),
});

const customerIdBody = z.number().int().nonnegative().safe();
/** Whole points within the ledger's bounds (PTS-2); the library checks the sign for each movement. */
const pointsBody = z.number().int().min(-1e12).max(1e12);

/** The points movements of POST /_emulator/points (PTS-2, PTS-3). */
export const POINTS_MOVEMENTS = ['issue', 'redeem', 'return', 'adjust', 'expire'] as const;

/**
 * Body of POST /_emulator/points: `movement` (issue, redeem, return, adjust, expire), `customerId`,
 * `programId`, and for all but expire `points` (an adjustment may be negative); issued points may carry
 * `expiresOn` and `purchase`. Expire takes no points: it expires every lot due at the request's time (PTS-3).
 */
export const pointsSetupBodySchema = z
  .object({
    movement: z.enum(POINTS_MOVEMENTS),
    customerId: customerIdBody,
    programId: z.number().int().nonnegative().safe(),
    points: pointsBody.optional(),
    expiresOn: z.string().max(64).optional(),
    purchase: z.number().min(0).max(1e12).optional(),
    reason: z.string().max(256).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.movement === 'expire') {
      for (const key of ['points', 'expiresOn', 'purchase'] as const) {
        if (b[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'not taken by expire, which expires every lot due at the request time' });
      }
    } else if (b.points === undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: `required for ${b.movement}` });
    }
  });

/** Body of POST /_emulator/pointsTransfers (TRF-1): `fromId`, `toId`, `programId`, `points`, `notes`. */
export const transferSetupBodySchema = z.object({
  fromId: customerIdBody,
  toId: customerIdBody,
  programId: z.number().int().nonnegative().safe(),
  points: pointsBody,
  notes: z.string().max(1024).optional(),
});

/**
 * Body of POST /_emulator/goodwill (GDW-1, GDW-2): `customerId`, `goodwillType` POINTS (with `programId` and
 * `points`) or COUPON (with `series`, an offer as for coupons), `reason`, `comments`, `oneStep`.
 */
export const goodwillSetupBodySchema = z.object({
  customerId: customerIdBody,
  goodwillType: z.enum(['POINTS', 'COUPON']),
  programId: z.number().int().nonnegative().safe().optional(),
  points: pointsBody.optional(),
  series: couponSeriesInputSchema.optional(),
  reason: z.string().max(1024).optional(),
  comments: z.string().max(1024).optional(),
  oneStep: z.boolean().optional(),
});

/** Body of POST /_emulator/goodwill/{requestId}/resolve (GDW-1): `customerId`, `decision`, `comments`. */
export const goodwillResolveBodySchema = z.object({
  customerId: customerIdBody,
  decision: z.enum(['APPROVED', 'REJECTED']),
  comments: z.string().max(1024).optional(),
});

/** Body of POST /_emulator/coupons (CPN-1): `customerId` and the offer `series` (description, validTill, …). */
export const couponIssueSetupBodySchema = z.object({ customerId: customerIdBody, series: couponSeriesInputSchema });

/** Body of POST /_emulator/coupons/redeem (CPN-3): `customerId` and `couponCode`. */
export const couponRedeemSetupBodySchema = z.object({ customerId: customerIdBody, couponCode: z.string().min(1).max(64) });

/** Body of POST /_emulator/customers/{customerId}/deletePii (PII-1): none, or an empty object. */
export const deletePiiSetupBodySchema = z.strictObject({}).optional();

