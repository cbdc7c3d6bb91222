// The pieces the response schemas of the OpenAPI document are built from (EMU-25): read-only lists, the
// warnings and errors lists every answer carries, tills as lists show them, and the compile-time check that
// keeps a schema equal to the library's type.
import { z, type ZodType } from 'zod';
import type { DomainError, DomainWarning } from '../../index';

/**
 * True when two types are assignable both ways, the check each response schema passes against the library's
 * response type so that neither can change alone (EMU-25).
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A list typed read-only like the library's answers (the JSON Schema is a plain array) (EMU-25). */
export function many<T extends ZodType>(item: T): z.ZodReadonly<z.ZodArray<T>> {
  return z.array(item) as unknown as z.ZodReadonly<z.ZodArray<T>>;
}

/**
 * A schema documented looser than the type it stands for, typed as that type: for the answers too wide to
 * write out (a refusal's facts, a v1.1 customer's fields, a snapshot). The JSON Schema checks what it names
 * and lets other keys through (EMU-25).
 */
export function looser<T>(schema: ZodType): ZodType<T> {
  return schema as ZodType<T>;
}

/** A warning beside a success: 8050 (combined) or 8051 (merged) (ERR-3, EMU-25). */
export const domainWarningSchema = z.object({ status: z.literal(false), code: z.literal([8050, 8051, 9030]), message: z.string() });

/** The `warnings` of a success (ERR-3, EMU-25). */
export const warningsSchema = many(domainWarningSchema);

/** The `errors` of a paged success, always empty in practice: a refusal's code and message, other facts let through (EMU-25). */
export const domainErrorsSchema = looser<readonly DomainError[]>(z.array(z.looseObject({ code: z.number().int(), message: z.string() })));

/** A till as attributions and lists show it (EMU-25). */
export const tillViewSchema = z.object({ code: z.string(), description: z.string(), name: z.string(), type: z.literal('TILL') });

/** The seed's pagination block (EMU-25). */
export const paginationSchema = z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() });

const sameParts: [Same<z.output<typeof domainWarningSchema>, DomainWarning>] = [true];
void sameParts;
