import { describe, expect, it } from 'vitest';
import {
  customerGetV11,
  getSubscriptions,
  loyaltyDetails,
  V11_OPTIONS,
  type CustomerGraph,
  type ExpirePointsCommand,
  type V11Customer,
  type V11Option,
  type V11Query,
  type V11Response,
} from '../../src/index';
import { build, changeCmd, META, registerCmd } from '../support/given';
import { at, issue, registerEnrolled, subscriptions } from '../support/loyalty-state';
import { FIRST, mergeCmd, must, refusal, SECOND, THIRD } from '../support/scenario';

/** Alice: INSTORE, loyalty, in programs 1016 (first) and 1223, with points that expire and points that did. */
const ALICE = registerEnrolled(
  {
    firstName: 'Alice',
    lastName: 'Liddell',
    identifiers: [
      { type: 'email', value: 'Alice@Example.com' },
      { type: 'mobile', value: '9111111111' },
      { type: 'externalId', value: 'EXT-A' },
    ],
    fields: { 'Favorite Color': 'Green' },
  },
  [
    { programId: 1016, loyaltyPoints: 1200, pointsExpiryDate: '2024-06-01T00:00:00+05:30' },
    { programId: 1223, loyaltyPoints: 100 },
  ],
  { meta: at('2024-01-10T10:00:00+05:30'), extendedFields: { city: 'Bangalore' } },
);
const BOB = registerCmd(
  [
    { type: 'email', value: 'bob@example.com' },
    { type: 'mobile', value: '9222222222' },
    { type: 'externalId', value: 'EXT-B' },
  ],
  { firstName: 'Bob', source: 'WECHAT', accountId: '22232' },
);
const CAROL = registerCmd([{ type: 'email', value: 'carol@example.com' }], { firstName: 'Carol', source: 'WECHAT', accountId: '1234' });

const EXPIRE: ExpirePointsCommand = { kind: 'expirePoints', customerId: FIRST, programId: 1223, meta: META };

function people(): CustomerGraph {
  return build([
    ALICE,
    BOB,
    issue(FIRST, 1223, 50, at('2024-02-01T10:00:00+05:30')),
    { ...issue(FIRST, 1223, 30, at('2024-02-02T10:00:00+05:30')), expiresOn: '2024-04-01T00:00:00+05:30' },
    EXPIRE,
    subscriptions(FIRST, [{ channel: 'SMS', priority: 'BULK', type: 'OPTOUT' }]),
  ]).graph;
}

function answer(graph: CustomerGraph, query: V11Query): V11Response['response'] {
  return must(customerGetV11(graph, query)).response;
}

function items(graph: CustomerGraph, query: V11Query): readonly V11Customer[] {
  return answer(graph, query).customers.customer;
}

function only(graph: CustomerGraph, query: V11Query): V11Customer {
  const [first, ...rest] = items(graph, query);
  expect(rest).toEqual([]);
  return first ?? expect.fail('no item');
}

/** The customer fields the seed's response parameter table documents. */
const DOCUMENTED_FIELDS = [
  'firstname',
  'lastname',
  'mobile',
  'email',
  'external_id',
  'lifetime_points',
  'lifetime_purchases',
  'loyalty_points',
  'current_slab',
  'registered_on',
  'updated_on',
  'type',
  'source',
  'registered_by',
  'registered_store',
  'registered_till',
  'fraud_details',
  'extended_fields',
  'item_status',
];

describe('V11-1: GET /v1.1/customer/get finds customers by id, mobile, email or external_id', () => {
  it('V11-1: by id, the item has every documented customer field with the customer values', () => {
    const item = only(people(), { id: String(FIRST) });
    for (const field of DOCUMENTED_FIELDS) expect(item, field).toHaveProperty(field);
    const [program] = must(loyaltyDetails(people(), { customerId: FIRST, programId: 1016 })).data;
    expect(item).toMatchObject({
      firstname: 'Alice',
      lastname: 'Liddell',
      mobile: '919111111111',
      email: 'alice@example.com',
      external_id: 'EXT-A',
      loyalty_points: program?.loyaltyPoints,
      lifetime_points: program?.lifetimePoints,
      current_slab: program?.currentSlab,
      registered_on: '2024-01-10T10:00:00+05:30',
      type: 'LOYALTY',
      source: 'INSTORE',
      registered_till: { code: META.till },
      extended_fields: { field: [{ name: 'city', value: 'Bangalore' }] },
    });
  });

  it('V11-1: several comma-separated ids answer one item each, in the order asked', () => {
    const found = items(people(), { id: `${SECOND},${FIRST}` });
    expect(found.map((c) => c['firstname'])).toEqual(['Bob', 'Alice']);
  });

  it('V11-1: by mobile, read as register reads it: a national number finds the customer', () => {
    expect(only(people(), { mobile: '9111111111' })['firstname']).toBe('Alice');
    expect(only(people(), { mobile: '+91 92222 22222' })['firstname']).toBe('Bob');
  });

  it('V11-1: by email, in any case, several comma-separated as the seed sample sends them', () => {
    const found = items(people(), { email: 'ALICE@example.com,bob@example.com' });
    expect(found.map((c) => c['firstname'])).toEqual(['Alice', 'Bob']);
  });

  it('V11-1: by external_id, several comma-separated, spaces around the commas ignored', () => {
    const found = items(people(), { external_id: 'EXT-B , EXT-A' });
    expect(found.map((c) => c['firstname'])).toEqual(['Bob', 'Alice']);
  });

  it('V11-1: keys can be mixed in one request, and each item says which value it answers for', () => {
    const found = items(people(), { id: String(SECOND), email: 'alice@example.com', options: ['user_id'] });
    expect(found.map((c) => c['user_id'])).toEqual([SECOND, FIRST]);
  });

  it('V11-1: a non-loyalty customer is answered with type NON_LOYALTY', () => {
    const graph = build([registerCmd([{ type: 'email', value: 'nl@example.com' }], { loyaltyType: 'non_loyalty' })]).graph;
    expect(only(graph, { email: 'nl@example.com' })['type']).toBe('NON_LOYALTY');
  });
});

describe('V11-2: per-item status, overall status with total and success_count', () => {
  it('V11-2: every value found is overall 200, each item success with code 1000', () => {
    const result = answer(people(), { id: `${FIRST},${SECOND}` });
    expect(result.status).toMatchObject({ success: true, code: 200, total: 2, success_count: 2 });
    expect(result.customers.customer.map((c) => [c.item_status.success, c.item_status.code])).toEqual([
      [true, 1000],
      [true, 1000],
    ]);
  });

  it('V11-2: some values found is overall 201, and the missing one has its own failed status', () => {
    const result = answer(people(), { id: `${FIRST},999` });
    expect(result.status).toMatchObject({ code: 201, total: 2, success_count: 1 });
    expect(result.customers.customer[1]?.item_status).toMatchObject({ success: false, code: 816 });
    expect(result.customers.customer[1]?.['id']).toBe('999');
  });

  it('V11-2: no value found is overall 500 with success false', () => {
    const result = answer(people(), { id: '998,999' });
    expect(result.status).toMatchObject({ success: false, code: 500, total: 2, success_count: 0 });
  });

  it('V11-2: an unknown or non-numeric id is 816', () => {
    const found = items(people(), { id: '999,abc' });
    expect(found.map((c) => c.item_status.code)).toEqual([816, 816]);
  });

  it('V11-2: an unknown mobile, email or external id is 1012', () => {
    const found = items(people(), { mobile: '9333333333', email: 'nobody@example.com', external_id: 'EXT-Z' });
    expect(found.map((c) => c.item_status.code)).toEqual([1012, 1012, 1012]);
  });

  it('V11-2: more than 100 values is 1060; exactly 100 is answered', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1)).join(',');
    expect(refusal(customerGetV11(people(), { id: ids(101) })).code).toBe(1060);
    expect(refusal(customerGetV11(people(), { id: ids(60), email: Array.from({ length: 41 }, (_, i) => `x${i}@example.com`).join(',') })).code).toBe(1060);
    expect(answer(people(), { id: ids(100) }).status.total).toBe(100);
  });

  it('V11-2: no value at all is 400', () => {
    expect(refusal(customerGetV11(people(), {})).code).toBe(400);
    expect(refusal(customerGetV11(people(), { id: ' , ,' })).code).toBe(400);
  });
});

describe('V11-3: each option adds its section', () => {
  it('V11-3: without options the item has none of the option sections, and each option adds keys of its own', () => {
    const graph = people();
    const plain = Object.keys(only(graph, { id: String(FIRST) }));
    const added = (option: V11Option) => Object.keys(only(graph, { id: String(FIRST), options: [option] })).filter((k) => !plain.includes(k));
    const seen = new Set<string>();
    for (const option of V11_OPTIONS) {
      const keys = added(option);
      expect(keys.length, option).toBeGreaterThan(0);
      for (const k of keys) {
        expect(seen.has(k), `${option} adds ${k} another option added`).toBe(false);
        seen.add(k);
      }
    }
  });

  it('V11-3: user_id adds the customer id', () => {
    expect(only(people(), { email: 'alice@example.com', options: ['user_id'] })['user_id']).toBe(FIRST);
  });

  it('V11-3: slab_history lists tier changes most recent first (the enrollments of one registration in their order, each with the upgrade its points reach) with the seed fields', () => {
    const graph = build([ALICE, issue(FIRST, 1016, 4000, at('2024-02-01T10:00:00+05:30'))]).graph;
    const history = (only(graph, { id: String(FIRST), options: ['slab_history'] })['slab_history'] as { history: Record<string, unknown>[] }).history;
    expect(history.map((h) => [h['program_id'], h['from'], h['to'], h['type']])).toEqual([
      [1016, 'Silver', 'Gold', 'UPGRADE'],
      [1223, '', 'Tier1', 'UPGRADE'],
      [1016, 'Bronze', 'Silver', 'UPGRADE'],
      [1016, '', 'Bronze', 'UPGRADE'],
    ]);
    for (const h of history) expect(Object.keys(h).sort()).toEqual(['changed_on', 'from', 'note', 'program_id', 'store', 'tier_expiry_date', 'to', 'type']);
    expect(history[0]?.['changed_on']).toBe('2024-02-01T10:00:00+05:30');
  });

  it('V11-3: points_summary gives the points of every program', () => {
    const graph = people();
    const summary = (only(graph, { id: String(FIRST), options: ['points_summary'] })['points_summaries'] as { points_summary: Record<string, unknown>[] }).points_summary;
    const details = must(loyaltyDetails(graph, { customerId: FIRST })).data;
    expect(summary.map((s) => [s['program_id'], s['loyalty_points'], s['lifetime_points'], s['expired']])).toEqual(
      details.map((d) => [d.programId, d.loyaltyPoints, d.lifetimePoints, d.expired]),
    );
  });

  it('V11-3: expiry_schedule lists the points still to expire, with program and date', () => {
    const schedule = (only(people(), { id: String(FIRST), options: ['expiry_schedule'] })['expiry_schedule'] as { schedule: unknown[] }).schedule;
    expect(schedule).toEqual([{ program_id: 1016, points: 1200, expiry_date: '2024-06-01T00:00:00+05:30' }]);
  });

  it('V11-3: expired_points gives the points expired in each program', () => {
    const expired = (only(people(), { id: String(FIRST), options: ['expired_points'] })['expired_points'] as { item: unknown[] }).item;
    expect(expired).toEqual([
      { program_id: 1016, points: 0 },
      { program_id: 1223, points: 30 },
    ]);
  });

  it('V11-3: next_slab names the next tier of the first program, with its serial number and description', () => {
    const item = only(people(), { id: String(FIRST), options: ['next_slab'] });
    const [main] = must(loyaltyDetails(people(), { customerId: FIRST, programId: 1016 })).data;
    expect(item).toMatchObject({
      next_slab: main?.nextSlab,
      next_slab_serial_number: main?.nextSlabSerialNumber,
      next_slab_description: main?.nextSlabDescription,
    });
    expect(item['next_slab']).toBe('Gold');
  });

  it('V11-3: mlp gives every program, and gap_to_upgrade_for adds the points still needed for the next tier', () => {
    const graph = people();
    const plain = only(graph, { id: String(FIRST), options: ['mlp'] })['loyalty_programs'] as Record<string, unknown>[];
    expect(plain.map((p) => p['programId'])).toEqual([1016, 1223]);
    expect(plain.every((p) => !('gap_to_upgrade' in p))).toBe(true);
    const withGap = only(graph, { id: String(FIRST), options: ['mlp'], gap_to_upgrade_for: 0 })['loyalty_programs'] as Record<string, unknown>[];
    // 1016: 1200 lifetime points, Gold at 5000; 1223: 180 lifetime points, Tier2 at 500.
    expect(withGap.map((p) => [p['programId'], p['gap_to_upgrade']])).toEqual([
      [1016, 3800],
      [1223, 320],
    ]);
  });

  it('V11-3: a negative gap_to_upgrade_for is 400', () => {
    expect(refusal(customerGetV11(people(), { id: String(FIRST), options: ['mlp'], gap_to_upgrade_for: -1 })).code).toBe(400);
  });

  it('V11-3: program_summary lists the programs with id, name and description', () => {
    const list = only(people(), { id: String(FIRST), options: ['program_summary'] })['programs_list'] as Record<string, unknown>[];
    expect(list.map((p) => [p['program_id'], p['program_name']])).toEqual([
      [1016, 'Nightly_ApiAutoDefaultProgram'],
      [1223, 'Partner'],
    ]);
    expect(list.every((p) => typeof p['program_description'] === 'string')).toBe(true);
  });

  it('V11-3: subscriptions gives the subscription state of the customer', () => {
    const graph = people();
    const section = only(graph, { id: String(FIRST), options: ['subscriptions'] })['subscriptions'] as { subscription: unknown[] };
    expect(section.subscription).toEqual(must(getSubscriptions(graph, FIRST)).subscriptions);
  });

  it('V11-3: an option the model does not answer is 400', () => {
    expect(refusal(customerGetV11(people(), { id: String(FIRST), options: ['transactions' as V11Option] })).code).toBe(400);
  });
});

describe('V11-4: a merge victim id answers with its survivor and warning 91009', () => {
  const merged = () =>
    build([
      ALICE,
      BOB,
      CAROL,
      changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232'),
    ]).graph;

  it('V11-4: the victim id answers the survivor data, a success carrying warning 91009', () => {
    const item = only(merged(), { id: String(SECOND), options: ['user_id'] });
    expect(item).toMatchObject({ user_id: FIRST, firstname: 'Alice' });
    expect(item.item_status).toMatchObject({ success: true });
    expect(item.item_status.warnings.warning).toEqual([
      { success: true, code: 91009, message: 'Retrieved survivor account for the requested merge victim.' },
    ]);
  });

  it('V11-4: the survivor own id answers without a warning', () => {
    expect(only(merged(), { id: String(FIRST) }).item_status.warnings.warning).toEqual([]);
  });

  it('V11-4: a victim of a victim answers with the last survivor of the chain', () => {
    const graph = build([ALICE, BOB, CAROL, mergeCmd(SECOND, THIRD), mergeCmd(FIRST, SECOND)]).graph;
    const item = only(graph, { id: String(THIRD), options: ['user_id'] });
    expect(item['user_id']).toBe(FIRST);
    expect(item.item_status.warnings.warning.map((w) => w.code)).toEqual([91009]);
  });

  it('V11-4: a victim answered through its survivor counts as found', () => {
    expect(answer(merged(), { id: `${SECOND},${FIRST}` }).status).toMatchObject({ code: 200, success_count: 2 });
  });
});
