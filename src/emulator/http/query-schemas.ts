// The query strings of the documented API (C, B), read with the HTTP readers of ./params (EMU-4, EMU-7).
import { z } from 'zod';
import { CHANGE_TYPES, MAX_PAGE_LIMIT, MAX_SEARCH_LIMIT, UNRECORDED_CHANGE_TYPES, V11_OPTIONS, type V11Option } from '../../index';
import { daySchema } from '../../schemas';
import { boolQuerySchema, intQuerySchema } from './params';

const text = (max: number) => z.string().max(max);

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

// The loyalty reads (C Fetch Customer Loyalty Details, Retrieve Subscription Details, Get Points Transfer
// Summary, Get Change Requests, Get Customer Goodwill Requests, Get Customer Coupons) and the v1.1 get (B).

/** `limit` of a paged list: at least 1; above MAX_PAGE_LIMIT it is capped, as for search (EMU-7). */
const pageLimitSchema = intQuerySchema
  .refine((n) => n >= 1, 'expected an integer of at least 1')
  .transform((n) => Math.min(n, MAX_PAGE_LIMIT));

/** `offset` of a paged list: 0 or more. */
const pageOffsetSchema = intQuerySchema.refine((n) => n >= 0, 'expected an integer of at least 0');

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
    .pipe(z.enum([...CHANGE_TYPES, ...UNRECORDED_CHANGE_TYPES], 'expected one of EMAIL, MOBILE, EXTERNAL_ID, MERGE, ADDRESS, MOBILE_REALLOC, COUPON, POINTS, TIER, RETRO'))
    .optional(),
  startDate: daySchema.optional(),
  endDate: daySchema.optional(),
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


/** `dryRun` of every write that commits a command: `true` or `false` (case-insensitive); anything else is 400 naming `query.dryRun` (EMU-30). */
export const dryRunQuerySchema = z.object({ dryRun: boolQuerySchema.optional() });
