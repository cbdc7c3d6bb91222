// The HTTP-level schemas of the emulator: path parameters, query strings, the setup bodies, the event-log
// lines and the replay scenario lines. The request bodies of the documented API are the library's own
// schemas (registerBodySchema, updateBodySchema, changeIdentifierBodySchema, subscriptionRequestSchema), so
// an embedding service can validate the same payloads with either (EMU-4).
import { err, ok, type Result } from 'neverthrow';
import { z, type ZodType } from 'zod';
import { CHANGE_TYPES, couponSeriesInputSchema, MAX_SEARCH_LIMIT, V11_OPTIONS, type V11Option } from '../index';
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

// ---------------------------------------------------------------------------------------------------------
// The loyalty reads (C Fetch Customer Loyalty Details, Retrieve Subscription Details, Get Points Transfer
// Summary, Get Change Requests, Get Customer Goodwill Requests, Get Customer Coupons) and the v1.1 get (B).

/** The largest page of the paged lists (change requests, goodwill requests): the library's own bound. */
export const MAX_PAGE_LIMIT = 100;

/** `limit` of a paged list: at least 1; above MAX_PAGE_LIMIT it is capped, as for search (EMU-7). */
const pageLimitSchema = intQuerySchema
  .refine((n) => n >= 1, 'expected an integer of at least 1')
  .transform((n) => Math.min(n, MAX_PAGE_LIMIT));

/** `offset` of a paged list: 0 or more. */
const pageOffsetSchema = intQuerySchema.refine((n) => n >= 0, 'expected an integer of at least 0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** True when `YYYY-MM-DD` names a day of the calendar (`2024-02-31` does not). */
function isCalendarDay(value: string): boolean {
  const [year = 0, month = 0, day = 0] = value.split('-').map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** A query-string date in the seed's `YYYY-MM-DD` format. */
export const dayQuerySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDay, 'expected a date as YYYY-MM-DD (a day of the calendar)');

/**
 * Query of the loyalty reads that take no parameter (Retrieve Subscription Details, Get Points Transfer
 * Summary, Get Customer Coupons). The seed lists the customer id (`id*`, `userId*`, `customerId*`) as their
 * parameter: it is the path's id. Other parameters are ignored, as everywhere.
 */
export const customerReadQuerySchema = z.object({});

/** Query of Fetch Customer Loyalty Details: `programId`, one program of the customer (PTS-1). */
export const loyaltyDetailsHttpQuerySchema = z.object({ programId: intQuerySchema.optional() });

/**
 * Query of Get Change Requests (HST-1): `changeType` (one of the seed's values, case-insensitive),
 * `startDate`/`endDate` (YYYY-MM-DD), `startId`/`endId`, `offset`, `limit` (capped at MAX_PAGE_LIMIT).
 */
export const changeRequestsHttpQuerySchema = z.object({
  changeType: z
    .string()
    .max(32)
    .transform((s) => s.toUpperCase())
    .pipe(z.enum([...CHANGE_TYPES, 'ADDRESS', 'MOBILE_REALLOC', 'RETRO'], 'expected one of EMAIL, MOBILE, EXTERNAL_ID, MERGE, ADDRESS, MOBILE_REALLOC, COUPON, POINTS, TIER, RETRO'))
    .optional(),
  startDate: dayQuerySchema.optional(),
  endDate: dayQuerySchema.optional(),
  startId: intQuerySchema.optional(),
  endId: intQuerySchema.optional(),
  offset: pageOffsetSchema.optional(),
  limit: pageLimitSchema.optional(),
});

/**
 * Query of Get Customer Goodwill Requests (GDW-3): `requestId`, `is_one_step_change`, `programId`,
 * `autoApprove`, `limit`, `offset`. The seed's table also lists a mandatory `currencyId*` described as "the
 * unique ID of the customer": a documentation slip (the customer is the path's id). It is accepted and
 * ignored, never required.
 */
export const goodwillRequestsHttpQuerySchema = z.object({
  currencyId: z.string().max(64).optional(),
  requestId: intQuerySchema.optional(),
  is_one_step_change: boolQuerySchema.optional(),
  programId: intQuerySchema.optional(),
  autoApprove: boolQuerySchema.optional(),
  limit: pageLimitSchema.optional(),
  offset: pageOffsetSchema.optional(),
});

/**
 * A v1.1 option flag: `true` or `false` (case-insensitive), or present without a value (`&mlp`), which the
 * seed's table implies for the options typed `-`; the empty value means true (V11-3).
 */
export const v11FlagQuerySchema = z
  .string()
  .regex(/^(true|false|)$/i, 'expected true or false')
  .transform((s) => s.toLowerCase() !== 'false');

const v11Flags = Object.fromEntries(V11_OPTIONS.map((o) => [o, v11FlagQuerySchema.optional()])) as {
  [K in V11Option]: z.ZodOptional<typeof v11FlagQuerySchema>;
};

/** A v1.1 `gap_to_*_for`: days from today, 0 or more ("Negative values are not supported"). */
const gapDaysSchema = intQuerySchema.refine((n) => n >= 0, 'expected an integer of at least 0 (negative values are not supported)');

/**
 * Query of `GET /v1.1/customer/get` (V11-1, V11-3): `id`, `mobile`, `email`, `external_id`, each a
 * comma-separated list; `format=json` (the only format served); one boolean flag per answered option
 * (`user_id`, `slab_history`, `points_summary`, `expiry_schedule`, `expired_points`, `next_slab`, `mlp`,
 * `program_summary`, `subscriptions`); `gap_to_upgrade_for` and `gap_to_renew_for` in days.
 */
export const v11GetHttpQuerySchema = z.object({
  format: z.string().regex(/^json$/i, 'only format=json is served').optional(),
  id: text(10_000).optional(),
  mobile: text(10_000).optional(),
  email: text(10_000).optional(),
  external_id: text(10_000).optional(),
  ...v11Flags,
  gap_to_upgrade_for: gapDaysSchema.optional(),
  gap_to_renew_for: gapDaysSchema.optional(),
});

// ---------------------------------------------------------------------------------------------------------
// The loyalty setup writes under /_emulator/ (EMU-13): outside the documented API, which has no endpoint for
// these writes; each is one library command.

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

/** Path of POST /_emulator/goodwill/{requestId}/resolve. */
export const goodwillPathSchema = z.object({
  requestId: z
    .string()
    .regex(new RegExp(`^[0-9]{1,${MAX_ID_DIGITS}}$`), 'expected a request id (a non-negative integer)')
    .transform(Number),
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
