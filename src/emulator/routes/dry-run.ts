// Dry runs (EMU-30, EMU-31): every route that commits a library command takes `dryRun=true`, decides the
// command on the org's current graph without committing it, and answers what the real request would answer
// plus the events it would log. The query is read here once for every route; `commitCommand` does the rest.
import { err, ok, type Result } from 'neverthrow';
import { z, type ZodType } from 'zod';
import { invalid, type ApiError } from '../http/reply';
import { parseQuery, type RawQuery } from '../http/params';
import { dryRunQuerySchema } from '../http/query-schemas';
import type { ApiRoute } from './types';

/** The `dryRun` field of a dry run's success body: the events the request would log, in order (EMU-30). */
export const dryRunAnswerSchema = z.object({
  events: z.array(z.looseObject({ kind: z.string(), seq: z.number().int() })),
});

/** What a route must say to take `dryRun` (EMU-30): it commits its command through `commitCommand`. */
export type DryRunRoute = Pick<ApiRoute, 'method' | 'dryRun'>;

/**
 * Reads `dryRun` for a route (EMU-30, EMU-31): `true` or `false` where the route commits a command; a value
 * other than true or false is 400 naming `query.dryRun`, and `dryRun=true` on a write that has no dry run
 * (a reset, an import, a fault rule) is 400 naming it too, so that a dry run never changes anything. Reads
 * ignore it, as they ignore every parameter they do not take.
 */
export function dryRunOf(route: DryRunRoute, query: RawQuery): Result<boolean, ApiError> {
  if (query['dryRun'] === undefined) return ok(false);
  if (route.dryRun !== true && route.method === 'GET') return ok(false);
  const read = parseQuery(dryRunQuerySchema, { dryRun: query['dryRun'] });
  if (read.isErr()) return err(read.error);
  const wanted = read.value.dryRun === true;
  if (wanted && route.dryRun !== true) return err(invalid('query.dryRun', 'this endpoint has no dry run: it does not commit a command'));
  return ok(wanted);
}

/** A route's success schema with the optional `dryRun` field, for the OpenAPI document (EMU-30). */
export function withDryRunField(schema: ZodType): ZodType {
  return schema instanceof z.ZodObject ? schema.extend({ dryRun: dryRunAnswerSchema.optional() }) : schema;
}

/** A route's query schema with the `dryRun` parameter, for the OpenAPI document (EMU-30). */
export function withDryRunQuery(schema: ZodType | undefined): ZodType {
  if (schema === undefined) return dryRunQuerySchema;
  return schema instanceof z.ZodObject ? schema.extend(dryRunQuerySchema.shape) : schema;
}
