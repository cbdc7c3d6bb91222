// The bodies and answers of the clock's endpoints, GET and POST /_emulator/clock (CLK-4), as zod schemas:
// the route reads its body with them and the OpenAPI document describes both (EMU-25).
import { z } from 'zod';
import type { AdvanceClockResponse } from '../../index';
import { customerIdSchema, isoDateTimeSchema, isoDurationSchema } from '../../schemas';
import { many, warningsSchema, type Same } from './response-parts';

/** Body of POST /_emulator/clock: `{"set": "<ISO date-time>"}` or `{"advance": "<ISO 8601 duration>"}`, one of the two (CLK-4). */
export const clockBodySchema = z.union([z.strictObject({ set: isoDateTimeSchema }), z.strictObject({ advance: isoDurationSchema })], {
  error: 'expected {"set": "<ISO date-time>"} or {"advance": "<ISO 8601 duration>"}',
});

const dueSchema = z.object({ at: z.string(), customerId: customerIdSchema, programId: z.number().int(), kind: z.enum(['points', 'tier']) });

/** 200 of GET /_emulator/clock: the org's time, whether it was set or follows the wall clock, and what falls due next (CLK-4). */
export const clockResponseSchema = z.object({
  now: z.string(),
  set: z.boolean(),
  advancedTo: z.string().nullable(),
  nextDue: dueSchema.nullable(),
  warnings: warningsSchema,
});

/** 200 of POST /_emulator/clock: where the clock is, and the expiries and tier reviews that ran on the way (CLK-1, CLK-4). */
export const advanceClockResponseSchema = z.object({
  success: z.literal(true),
  clock: z.string(),
  set: z.boolean(),
  pointsExpired: many(z.object({ customerId: customerIdSchema, programId: z.number().int(), at: z.string(), points: z.number().int() })),
  tierReviews: many(
    z.object({ customerId: customerIdSchema, programId: z.number().int(), at: z.string(), from: z.number().int(), to: z.number().int(), outcome: z.enum(['renewed', 'downgraded', 'kept']) }),
  ),
  warnings: warningsSchema,
});

const sameTypes: [Same<z.output<typeof advanceClockResponseSchema>, AdvanceClockResponse>] = [true];
void sameTypes;
