// The HTTP-level schemas of the emulator: path parameters, query strings, the setup bodies, the event-log
// lines and the replay scenario lines. The request bodies of the documented API are the library's own
// schemas (registerBodySchema, updateBodySchema, changeIdentifierBodySchema), so an embedding service can
// validate the same payloads with either (EMU-4).
import { err, ok, type Result } from 'neverthrow';
import { z, type ZodType } from 'zod';
import { MAX_SEARCH_LIMIT } from '../index';
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

const text = (max: number) => z.string().max(max);

/** Path of the endpoints addressed to one customer: `/v2/customers/{customerId}...` */
export const customerPathSchema = z.object({ customerId: idParamSchema });

/** Query of Register Customer: `source*`, `accountId**` (C Register query parameters). */
export const registerQuerySchema = z.object({ source: text(64), accountId: text(64).optional() });

/** Query of Update Customer Details and Update Customer Identifiers: `source*`, `accountId`. */
export const sourceQuerySchema = z.object({ source: text(64), accountId: text(64).optional() });

/** Query of Fetch Customer Details: `source*`, `accountId`, `embed` (comma-separated, quotes tolerated). */
export const getCustomerHttpQuerySchema = z.object({
  source: text(64),
  accountId: text(64).optional(),
  embed: text(256).optional(),
});

/** Query of Fetch Customer ID (lookup). */
export const lookupHttpQuerySchema = z.object({
  source: text(64),
  accountId: text(64).optional(),
  identifierName: text(64),
  identifierValue: text(4096),
});

/** Query of Fetch Customers (search): `limit` above MAX_SEARCH_LIMIT is capped, not refused (EMU-7). */
export const searchHttpQuerySchema = z.object({
  q: text(256),
  limit: intQuerySchema
    .refine((n) => n >= 1, 'expected an integer of at least 1')
    .transform((n) => Math.min(n, MAX_SEARCH_LIMIT))
    .optional(),
  offset: intQuerySchema.refine((n) => n >= 0, 'expected an integer of at least 0').optional(),
});

/** Body of the setup endpoint POST /_emulator/merge (MRG-6). */
export const mergeSetupBodySchema = z.object({
  survivorId: z.number().int().nonnegative().safe(),
  victimId: z.number().int().nonnegative().safe(),
});

/** One line of a `customer-graph replay` scenario: a request in the API's own vocabulary (EMU-12). */
export const scenarioLineSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'get', 'post', 'put', 'delete']).transform((m) => m.toUpperCase()),
  path: z.string().min(1).max(2048).startsWith('/'),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.unknown().optional(),
  /** The till that sends the request; the org's first till by default. */
  till: z.string().max(64).optional(),
});

/** One line of a replay scenario. */
export type ScenarioLine = z.output<typeof scenarioLineSchema>;

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
