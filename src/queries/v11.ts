// The v1.1 bulk customer get (V11-1..V11-4): customers by id, mobile, email or external id, several at
// once, each answered as an item with its own status, with the options' sections.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { list, record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { PII_DELETED_MESSAGE } from '../kernel/codes';
import { isIdentifierType, normaliseIdentifier } from '../org/identifiers';
import { nextTierOf, tierOf } from '../org/programs';
import type { Customer } from '../records/customer';
import { lifetimePoints, loyaltyPoints, type TierChange } from '../records/ledger';
import type { IdentifierType } from '../org/identifiers';
import { effectiveSubscriptions } from '../records/subscriptions';
import { address } from '../decider/addressee';
import type { CustomerGraph } from '../graph/graph';
import type { QueryReader } from '../graph/reader';
import { programDetails } from './loyalty-details';
import { runQuery } from './query';

/** The options of the v1.1 customer get that the model answers (V11-3). */
export const V11_OPTIONS = Object.freeze([
  'user_id',
  'slab_history',
  'points_summary',
  'expiry_schedule',
  'expired_points',
  'next_slab',
  'mlp',
  'program_summary',
  'subscriptions',
] as const);

/** One of the answered options (V11-3). */
export type V11Option = (typeof V11_OPTIONS)[number];

/** The query of `GET /v1.1/customer/get`: comma-separated ids or identifiers, and options (V11-1, V11-3). */
export const v11QuerySchema = record({
  id: text(10_000).optional(),
  mobile: text(10_000).optional(),
  email: text(10_000).optional(),
  external_id: text(10_000).optional(),
  options: list(z.enum(V11_OPTIONS), V11_OPTIONS.length * 4).optional(),
  /** Days ahead for `gap_to_upgrade_for`; only 0 or more (V11-3). */
  gap_to_upgrade_for: z.number().int().min(0).optional(),
  gap_to_renew_for: z.number().int().min(0).optional(),
});

/** The query of `GET /v1.1/customer/get` (V11-1). */
export type V11Query = z.input<typeof v11QuerySchema>;

/** The status of one item or of the whole answer (V11-2). */
export interface V11Status {
  readonly success: boolean;
  readonly code: number;
  readonly message: string;
}

/** One customer of the answer, in the v1.1 field names (V11-1). */
export type V11Customer = Readonly<Record<string, unknown>> & { readonly item_status: V11Status & { readonly warnings: { readonly warning: readonly V11Status[] } } };

/** The v1.1 answer: a status with `total` and `success_count`, and one item per requested value (V11-2). */
export interface V11Response {
  readonly response: {
    readonly status: V11Status & { readonly total: number; readonly success_count: number };
    readonly customers: { readonly customer: readonly V11Customer[] };
  };
}

const MAX_ITEMS = 100;

function split(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
}

function failed(key: string, value: string, code: number, message: string): V11Customer {
  return { [key]: value, item_status: { success: false, code, message, warnings: { warning: [] } } };
}

function identifierOf(c: Customer, type: IdentifierType): string {
  for (const p of c.profiles) for (const id of p.identifiers) if (id.type === type) return id.value;
  return '';
}

/**
 * Every program's tier changes, most recent first (V11-3, FID-3): each program's own list read from its end,
 * since its last entry is the tier the member holds (PTS-6), and the programs interleaved by `changed_on`,
 * then by sequence number. Sorting the whole list by `changed_on` put an older entry first whenever a
 * command came with an earlier time than the one before it, and `slab_history` then disagreed with the
 * current tier that loyalty details and `mlp` show.
 */
function newestFirst(histories: readonly (readonly TierChange[])[]): TierChange[] {
  const next = histories.map((h) => h.length - 1);
  const out: TierChange[] = [];
  for (;;) {
    let pick = -1;
    for (let i = 0; i < histories.length; i++) {
      const candidate = histories[i]?.[next[i] ?? -1];
      const best = pick < 0 ? undefined : histories[pick]?.[next[pick] ?? -1];
      if (candidate === undefined) continue;
      if (best === undefined || (Date.parse(candidate.changedOn) - Date.parse(best.changedOn) || candidate.seq - best.seq) > 0) pick = i;
    }
    const chosen = pick < 0 ? undefined : histories[pick]?.[next[pick] ?? -1];
    if (chosen === undefined) return out;
    out.push(chosen);
    next[pick] = (next[pick] ?? 0) - 1;
  }
}

function item(reader: QueryReader, c: Customer, options: ReadonlySet<V11Option>, warnings: V11Status[], gap: number | undefined): V11Customer {
  const { org } = reader;
  const first = c.profiles.find((p) => p.firstName !== '' || p.lastName !== '') ?? c.profiles[0];
  const main = c.programs[0];
  const tierName = (programId: number, serial: number): string => {
    const program = org.programs.get(programId);
    return (program === undefined ? undefined : tierOf(program, serial))?.name ?? '';
  };
  const fields: Record<string, unknown> = {
    firstname: first?.firstName ?? '',
    lastname: first?.lastName ?? '',
    mobile: identifierOf(c, 'mobile'),
    email: identifierOf(c, 'email'),
    external_id: identifierOf(c, 'externalId'),
    lifetime_points: main === undefined ? 0 : lifetimePoints(main),
    lifetime_purchases: main?.cumulativePurchases ?? 0,
    loyalty_points: main === undefined ? 0 : loyaltyPoints(main),
    current_slab: main === undefined ? '' : tierName(main.programId, main.tier),
    registered_on: c.attribution.createDate,
    updated_on: c.attribution.modifiedDate,
    type: c.loyaltyType === 'loyalty' ? 'LOYALTY' : 'NON_LOYALTY',
    source: first?.source ?? '',
    registered_by: c.attribution.createdBy,
    registered_store: { code: '', name: '' },
    registered_till: { code: c.attribution.createdBy, name: org.tills.get(c.attribution.createdBy)?.name ?? c.attribution.createdBy },
    fraud_details: { status: 'NONE' },
    extended_fields: { field: Object.entries(c.extendedFields).map(([name, value]) => ({ name, value })) },
    custom_fields: {
      field: c.profiles.flatMap((p) => Object.entries(p.fields).map(([name, value]) => ({ name, value }))),
    },
  };
  // `user_id` comes first when asked for. Not as a conditional spread at the head of the literal above:
  // V8 builds such a literal on a slow path, about 10 µs an item.
  const out: Record<string, unknown> = options.has('user_id') ? { user_id: c.id, ...fields } : fields;
  if (options.has('next_slab') && main !== undefined) {
    const program = org.programs.get(main.programId);
    const next = program === undefined ? undefined : nextTierOf(program, main.tier);
    out['next_slab'] = next?.name ?? '';
    out['next_slab_serial_number'] = next?.serialNumber ?? -1;
    out['next_slab_description'] = next?.description ?? '';
  }
  if (options.has('slab_history')) {
    out['slab_history'] = {
      history: newestFirst(c.programs.map((l) => l.tierHistory)).map((t) => ({
          from: t.from === null ? '' : tierName(t.programId, t.from),
          to: tierName(t.programId, t.to),
          store: { code: '', name: '' },
          type: t.type,
          tier_expiry_date: t.tierExpiryDate ?? '',
          changed_on: t.changedOn,
          note: '',
          program_id: t.programId,
        })),
    };
  }
  if (options.has('points_summary')) {
    out['points_summaries'] = {
      points_summary: c.programs.map((l) => ({
        program_id: l.programId,
        loyalty_points: loyaltyPoints(l),
        lifetime_points: lifetimePoints(l),
        redeemed: l.redeemed,
        expired: l.expired,
        returned: l.returned,
        adjusted: l.adjusted,
        cumulative_purchases: l.cumulativePurchases,
      })),
    };
  }
  if (options.has('expiry_schedule')) {
    out['expiry_schedule'] = {
      schedule: c.programs.flatMap((l) =>
        l.lots.filter((lot) => lot.expiresOn !== null).map((lot) => ({ program_id: l.programId, points: lot.remaining, expiry_date: lot.expiresOn })),
      ),
    };
  }
  if (options.has('expired_points')) {
    out['expired_points'] = { item: c.programs.map((l) => ({ program_id: l.programId, points: l.expired })) };
  }
  if (options.has('mlp')) {
    out['loyalty_programs'] = c.programs.map((l) => {
      const d = programDetails(org, c.id, l);
      const program = org.programs.get(l.programId);
      const next = program === undefined ? undefined : nextTierOf(program, l.tier);
      return {
        ...d,
        ...(gap === undefined ? {} : { gap_to_upgrade: next === undefined ? 0 : Math.max(0, next.upgradeThreshold - lifetimePoints(l)) }),
      };
    });
  }
  if (options.has('program_summary')) {
    out['programs_list'] = c.programs.map((l) => {
      const program = org.programs.get(l.programId);
      return { program_id: l.programId, program_name: program?.name ?? '', program_description: program?.description ?? '' };
    });
  }
  if (options.has('subscriptions')) out['subscriptions'] = { subscription: effectiveSubscriptions(c.subscriptions) };
  out['item_status'] = { success: true, code: 1000, message: 'Customer retrieved successfully', warnings: { warning: warnings } };
  return out as V11Customer;
}

/**
 * `GET /v1.1/customer/get` (V11-1..V11-4): customers by id, mobile, email or external id, several at once;
 * one item per value with its own status (816 unknown id, 1012 unknown identifier, 8015 deleted); a merge
 * victim answers with its survivor and warning 91009. No value at all is 400; more than 100 are 1060. Each
 * field reads the record Fetch Customer Details reads, in the v1.1 names (FID-1, FID-2).
 */
export function customerGetV11(graph: CustomerGraph, query: V11Query): Result<V11Response, DomainError> {
  return runQuery(graph, query, v11QuerySchema, answerV11);
}

// A module function, not a closure made per call: V8 keeps optimized code only while a function that
// uses it lives, and closures made per call all die at a full GC, their code with them.
function answerV11(reader: QueryReader, q: z.output<typeof v11QuerySchema>): Result<V11Response, DomainError> {
  const options = new Set(q.options ?? []);
  const requests: [string, string][] = [
    ...split(q.id).map((v): [string, string] => ['id', v]),
    ...split(q.mobile).map((v): [string, string] => ['mobile', v]),
    ...split(q.email).map((v): [string, string] => ['email', v]),
    ...split(q.external_id).map((v): [string, string] => ['external_id', v]),
  ];
  if (requests.length === 0) return err(refuse({ reason: 'nothingRequested', code: 400, path: ['id'] }));
  if (requests.length > MAX_ITEMS) return err(refuse({ reason: 'tooManyValues', code: 1060, count: requests.length, limit: MAX_ITEMS }));
  const items = requests.map(([key, value]): V11Customer => {
    const warnings: V11Status[] = [];
    if (key === 'id') {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) return failed(key, value, 816, 'Customer not found for organization.');
      const found = address(reader, 'v11', n);
      if (found.isErr()) return found.error.code === 8015 ? failed(key, value, 8015, PII_DELETED_MESSAGE) : failed(key, value, 816, 'Customer not found for organization.');
      if (found.value.id !== n) warnings.push({ success: true, code: 91009, message: 'Retrieved survivor account for the requested merge victim.' });
      return item(reader, found.value, options, warnings, q.gap_to_upgrade_for);
    }
    const type = key === 'external_id' ? 'externalId' : key;
    const read = isIdentifierType(type) ? normaliseIdentifier(type, value, reader.org.identifierRules, reader.org.blocklist) : undefined;
    const holder = read?.ok === true && isIdentifierType(type) ? reader.firstHolder({ type, value: read.value }) : undefined;
    const customer = holder === undefined ? undefined : reader.customer(holder);
    if (customer === undefined) return failed(key, value, 1012, 'Cannot find customer with the provided mobile number/external ID/e-mail ID.');
    return item(reader, customer, options, warnings, q.gap_to_upgrade_for);
  });
  const successes = items.filter((i) => i.item_status.success).length;
  const status =
    successes === items.length
      ? { success: true, code: 200, message: 'SUCCESS' }
      : successes === 0
        ? { success: false, code: 500, message: 'All requests failed due to errors.' }
        : { success: true, code: 201, message: 'Some requests have failed due to errors' };
  return ok({ response: { status: { ...status, total: items.length, success_count: successes }, customers: { customer: items } } });
}
