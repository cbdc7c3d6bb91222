// The 200 body of GET /_emulator/customers/{customerId}/provenance as a zod schema, for the OpenAPI document
// (EMU-25), kept equal to the library's `Provenance` type at compile time (PRV-5).
import { z } from 'zod';
import type { Provenance } from '../../index';
import { customerIdSchema, mergeCauseSchema } from '../../schemas';
import { many, type Same } from './response-parts';

const provenanceEventSchema = z.object({ seq: z.number().int().nullable(), kind: z.string(), at: z.string(), till: z.string() });
const identifierProvenanceSchema = z.object({ type: z.string(), value: z.string(), brought: provenanceEventSchema });
const mergeProvenanceSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  till: z.string(),
  survivorId: customerIdSchema,
  victimId: customerIdSchema,
  cause: mergeCauseSchema.nullable(),
  direct: z.boolean(),
});

/** 200 of GET /_emulator/customers/{customerId}/provenance: why the customer is what it is (PRV-1..PRV-5, EMU-25). */
export const provenanceResponseSchema = z.object({
  customerId: customerIdSchema,
  path: many(customerIdSchema),
  profiles: many(
    z.object({
      source: z.string(),
      accountId: z.string(),
      brought: provenanceEventSchema,
      identifiers: many(identifierProvenanceSchema),
      conflictingProfiles: many(
        z.object({ mergedFrom: customerIdSchema, brought: provenanceEventSchema, merge: mergeProvenanceSchema.nullable(), identifiers: many(identifierProvenanceSchema) }),
      ),
    }),
  ),
  merges: many(mergeProvenanceSchema),
  unmerges: many(
    z.object({ seq: z.number().int(), at: z.string(), till: z.string(), survivorId: customerIdSchema, victimId: customerIdSchema, reason: z.string() }),
  ),
});

const sameTypes: [Same<z.output<typeof provenanceResponseSchema>, Provenance>] = [true];
void sameTypes;
