// The HTTP-level readers of the emulator: path parameters, query-string scalars, and the parse of input
// into a 400 that names the field with where it came from (`query.limit`, `path.customerId`) (EMU-4, EMU-7).
import { err, ok, type Result } from 'neverthrow';
import { z, type ZodType } from 'zod';
import { invalid, type ApiError } from './reply';

const MAX_ID_DIGITS = 15;

/** A customer id in a path: decimal digits only, a safe integer (EMU-7). */
export const idParamSchema = z
  .string()
  .regex(new RegExp(`^[0-9]{1,${MAX_ID_DIGITS}}$`), 'expected a customer id (a non-negative integer)')
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), 'expected a customer id (a non-negative integer)');

/** A query-string integer: decimal digits, optionally signed; anything else is 400 naming the parameter (EMU-7). */
export const intQuerySchema = z
  .string()
  .regex(/^-?[0-9]{1,15}$/, 'expected an integer')
  .transform(Number);

/** A query-string boolean: `true` or `false`, case-insensitive; anything else is 400 (EMU-7). */
export const boolQuerySchema = z
  .string()
  .regex(/^(true|false)$/i, 'expected true or false')
  .transform((s) => s.toLowerCase() === 'true');

/** Path of the endpoints addressed to one customer: `/v2/customers/{customerId}...` */
export const customerPathSchema = z.object({ customerId: idParamSchema });

/** Path of POST /_emulator/goodwill/{requestId}/resolve. */
export const goodwillPathSchema = z.object({
  requestId: z
    .string()
    .regex(new RegExp(`^[0-9]{1,${MAX_ID_DIGITS}}$`), 'expected a request id (a non-negative integer)')
    .transform(Number),
});

function describePath(root: string, path: readonly PropertyKey[]): string {
  return [root, ...path.map((p) => String(p))].filter((p) => p !== '').join('.');
}

/**
 * Parses request input with a schema: the value, or a 400 whose message names the field, prefixed by where
 * it came from (`query.limit`, `path.customerId`, `body.profiles.0.firstName`) (ERR-2, EMU-4).
 */
export function parseInput<S extends ZodType>(schema: S, input: unknown, root: string): Result<z.output<S>, ApiError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err(invalid(describePath(root, issue?.path ?? []), issue?.message ?? 'invalid'));
}

/** A query string as the framework parses it: repeated keys give arrays. */
export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Reads a query string against a schema. A parameter given twice is refused (400 naming it) rather than
 * silently taking one of the values (EMU-7).
 */
export function parseQuery<S extends ZodType>(schema: S, query: RawQuery): Result<z.output<S>, ApiError> {
  const single: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') return err(invalid(`query.${key}`, 'given more than once'));
    single[key] = value;
  }
  return parseInput(schema, single, 'query');
}
