import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { isoDateTimeSchema } from '../kernel/dates';
import type { TillCode } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import type { Org } from '../org/org';

/** When and by which till a write happens: the core reads no clock (ARC-1, ORG-5). */
export const commandMetaSchema = record({
  /** An ISO 8601 date-time with offset, e.g. `2024-05-01T10:00:00+05:30`. */
  at: isoDateTimeSchema,
  /** The code of the till that acts. */
  till: text(64),
});

/** When and by which till a write happens (ARC-1, ORG-5). */
export type CommandMeta = z.input<typeof commandMetaSchema>;

/** A customer id as a command names it: any safe integer; one that names nobody is refused by the rules (EMU-7). */
export const commandCustomerIdSchema = z.number().int().safe();

/** The acting till must be one of the org's (ORG-3, 91021). */
export function readTill(org: Org, till: string): Result<TillCode, DomainError> {
  const found = org.tills.get(till);
  return found === undefined ? err(refuse({ reason: 'unknownTill', code: 91021, till })) : ok(found.code);
}
