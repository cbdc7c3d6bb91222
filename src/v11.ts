import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { Customer } from './customer';
import type { DomainError } from './errors';
import { chainEnd, customerById, firstHolder, resolveLive, type CustomerGraph } from './graph';
import { isIdentifierType, normaliseIdentifier, type IdentifierType } from './identifiers';
import { lifetimePoints, loyaltyPoints, nextTierOf } from './ledger';
import { PII_DELETED_MESSAGE } from './loyalty';
import { programDetails } from './loyalty-queries';
import { effectiveSubscriptions } from './subscriptions';
import { parseWith } from './validate';

/** The options of the v1.1 customer get that the model answers (V11-3). */
export const V11_OPTIONS = [
  'user_id',
  'slab_history',
  'points_summary',
  'expiry_schedule',
  'expired_points',
  'next_slab',
  'mlp',
  'program_summary',
  'subscriptions',
] as const;

/** One of the answered options (V11-3). */
export type V11Option = (typeof V11_OPTIONS)[number];

/** The query of `GET /v1.1/customer/get`: comma-separated ids or identifiers, and options (V11-1). */
export interface V11Query {
  readonly id?: string;
  readonly mobile?: string;
  readonly email?: string;
  readonly external_id?: string;
  readonly options?: readonly V11Option[];
  /** Days ahead for `gap_to_upgrade_for`; only 0 or more (V11-3). */
  readonly gap_to_upgrade_for?: number;
  readonly gap_to_renew_for?: number;
}

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

const v11Schema = z.object({
  id: z.string().max(10_000).optional(),
  mobile: z.string().max(10_000).optional(),
  email: z.string().max(10_000).optional(),
  external_id: z.string().max(10_000).optional(),
  options: z.array(z.enum(V11_OPTIONS)).optional(),
  gap_to_upgrade_for: z.number().int().min(0).optional(),
  gap_to_renew_for: z.number().int().min(0).optional(),
});

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

function item(graph: CustomerGraph, c: Customer, options: ReadonlySet<V11Option>, warnings: V11Status[], gap: number | undefined): V11Customer {
  const { org } = graph;
  const first = c.profiles.find((p) => p.firstName !== '' || p.lastName !== '') ?? c.profiles[0];
  const main = c.programs[0];
  const tierName = (programId: number, serial: number): string =>
    org.programs.get(programId)?.tiers.find((t) => t.serialNumber === serial)?.name ?? '';
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
      history: c.programs
        .flatMap((l) => l.tierHistory)
        // Reversed before the stable sort: two changes of one event (an enrollment that also reaches a higher
        // tier) are listed most recent first as well.
        .reverse()
        .sort((a, b) => Date.parse(b.changedOn) - Date.parse(a.changedOn) || b.seq - a.seq)
        .map((t) => ({
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
 * one item per value with its own status; a merge victim answers with its survivor and warning 91009.
 */
export function customerGetV11(graph: CustomerGraph, query: V11Query): Result<V11Response, DomainError> {
  const parsed = parseWith<V11Query>(v11Schema, query);
  if (parsed.isErr()) return err(parsed.error);
  const q = parsed.value;
  const options = new Set(q.options ?? []);
  const requests: [string, string][] = [
    ...split(q.id).map((v): [string, string] => ['id', v]),
    ...split(q.mobile).map((v): [string, string] => ['mobile', v]),
    ...split(q.email).map((v): [string, string] => ['email', v]),
    ...split(q.external_id).map((v): [string, string] => ['external_id', v]),
  ];
  if (requests.length === 0) {
    return err({ code: 400, message: 'Input is invalid. Please check request parameters or input xml/json; No identifier provided to get loyalty users.', path: ['id'] });
  }
  if (requests.length > MAX_ITEMS) return err({ code: 1060, message: 'Batch limit exceeded.' });
  const items = requests.map(([key, value]): V11Customer => {
    let customer: Customer | undefined;
    const warnings: V11Status[] = [];
    if (key === 'id') {
      const n = Number(value);
      const found = Number.isSafeInteger(n) ? customerById(graph, n) : undefined;
      if (found === undefined) return failed(key, value, 816, 'Customer not found for organization.');
      customer = found;
      if (found.status === 'merged') {
        customer = chainEnd(graph, found.id) ?? found;
        warnings.push({ success: true, code: 91009, message: 'Retrieved survivor account for the requested merge victim.' });
      }
    } else {
      const type = key === 'external_id' ? 'externalId' : key;
      const read = isIdentifierType(type) ? normaliseIdentifier(type, value, graph.org.identifierRules, graph.org.blocklist) : undefined;
      const holder = read?.ok === true ? firstHolder(graph, { type: type as IdentifierType, value: read.value }) : undefined;
      customer = holder === undefined ? undefined : resolveLive(graph, holder);
      if (customer === undefined) return failed(key, value, 1012, 'Cannot find customer with the provided mobile number/external ID/e-mail ID.');
    }
    if (customer.status === 'deleted') return failed(key, value, 8015, PII_DELETED_MESSAGE);
    return item(graph, customer, options, warnings, q.gap_to_upgrade_for);
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
