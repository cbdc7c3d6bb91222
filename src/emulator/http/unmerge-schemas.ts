// The body and answer of POST /_emulator/unmerge (MRG-16) as zod schemas: the route reads its body with
// them and the OpenAPI document describes both (EMU-25).
import { z } from 'zod';
import type { UnmergeResponse } from '../../index';
import { customerIdSchema, identifierSchema } from '../../schemas';
import { warningsSchema, type Same } from './response-parts';

/** Body of POST /_emulator/unmerge: the victim to split out of its survivor, and why (MRG-11, MRG-16). */
export const unmergeBodySchema = z.strictObject({
  victimId: z.number().int().nonnegative().safe(),
  reason: z.string().max(4096).optional(),
});

/** 200 of POST /_emulator/unmerge: both ids, the identifier released, and the 9030 warning (MRG-15, MRG-16). */
export const unmergeResponseSchema = z.object({
  success: z.literal(true),
  survivorId: customerIdSchema,
  victimId: customerIdSchema,
  released: identifierSchema.nullable(),
  warnings: warningsSchema,
});

const sameTypes: [Same<z.output<typeof unmergeResponseSchema>, UnmergeResponse>] = [true];
void sameTypes;
