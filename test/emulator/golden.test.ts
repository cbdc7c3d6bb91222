// Golden tests: every sample request of the seeds (000, the v2 Customer API, and 002, the v1.1 get), sent
// over HTTP to a real emulator as documented, gets a response of the documented shape (EMU-6). The samples
// address customers such as 329, 418, 17742 or 29372667; each sample gets an org whose first customer id is
// that id, and the test registers the customer (and makes the state the sample reads) first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, type OrgConfig } from '../../src/index';
import { basicHeader } from '../../src/emulator';
import { expectError, expectShape, registerBody, serve, type TestServer } from './support/http';
import {
  CHANGE_IDENTIFIER_SAMPLE,
  CHANGE_REQUESTS_SAMPLE,
  COUPONS_SAMPLE,
  GET_SAMPLE,
  GET_SUBSCRIPTIONS_SAMPLE,
  GOODWILL_REQUESTS_SAMPLE,
  LOOKUP_SAMPLE,
  LOYALTY_DETAILS_SAMPLE,
  POINTS_TRANSFERS_SAMPLE,
  REGISTER_SAMPLE,
  SEARCH_SAMPLE,
  UPDATE_SAMPLE,
  UPDATE_SUBSCRIPTIONS_SAMPLE,
  V11_SAMPLES,
} from '../support/seed-samples';

/** An org like the default one, with its own first id and its own till (till codes are unique across orgs). */
function goldenOrg(id: string, firstCustomerId: number, extra: Partial<OrgConfig> = {}): OrgConfig {
  return { ...DEFAULT_ORG_CONFIG, id, firstCustomerId, tills: [{ code: `${id}.till`, password: 'pw' }], ...extra };
}

const as = (org: string) => basicHeader(`${org}.till`, 'pw');

/** A loyalty registration in INSTORE, enrolled in the given programs (PRG-2). */
function enrolledBody(
  identifiers: readonly { type: string; value: string }[],
  programs: readonly { programId: number; tierNumber?: number; loyaltyPoints?: number }[],
  extra: { firstName?: string; lastName?: string } = {},
): unknown {
  return {
    loyaltyInfo: { loyaltyType: 'loyalty' },
    profiles: [{ firstName: extra.firstName ?? 'Tom', lastName: extra.lastName ?? 'Sawyer', identifiers }],
    extendedFields: { gender: 'Male' },
    loyaltyProgramEnrollments: programs,
  };
}

/**
 * The keys of the platform's user records (`addedBy`, `updatedBy`) that the model does not keep: it knows
 * tills by code and name, not their numeric ids, admin types, time zones or currencies. The emulator answers
 * the library's shape (docs/decisions.md, Emulator).
 */
const PLATFORM_USER_KEYS = ['id', 'adminType', 'isActive', 'isOuEnabled', 'timeZoneId', 'currencyId', 'languageId'];

function withoutKeys(value: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

/** A documented line of a history list, without the keys of what the model does not keep. */
function asModelled(line: object, alsoOmitted: readonly string[] = []): Record<string, unknown> {
  const out = withoutKeys(line, alsoOmitted);
  for (const actor of ['addedBy', 'updatedBy']) {
    const value = out[actor];
    if (typeof value === 'object' && value !== null) out[actor] = withoutKeys(value, PLATFORM_USER_KEYS);
  }
  return out;
}

let server: TestServer;

beforeAll(async () => {
  server = await serve({
    orgs: [
      // Register: the default org's tills (the sample is associated with bukl.till) and a registration
      // reward, so that the answer carries the sample's points and coupon side effects.
      {
        ...DEFAULT_ORG_CONFIG,
        id: 'golden-register',
        registrationReward: {
          points: { programId: 1016, points: 100 },
          coupon: { description: 'Test Offer 20', validTill: '2120-02-11T23:59:59Z' },
        },
      },
      goldenOrg('g329', 329),
      goldenOrg('g418', 418),
      goldenOrg('g17742', 17742),
      goldenOrg('gsearch', 261504789),
      goldenOrg('glookup', 306),
      goldenOrg('gloyalty', 29372667),
      goldenOrg('gsubs', 17742),
      goldenOrg('gtransfers', 343015431),
      goldenOrg('gretro', 368881003),
      goldenOrg('ggoodwill', 343040815),
      goldenOrg('gv11email', 1),
      goldenOrg('gv11id', 3879773),
    ],
  });
});

afterAll(async () => {
  await server.close();
});

describe('EMU-6: every sample request of the seeds gets a response of the documented shape', () => {
  it('EMU-6 REG-1: POST /v2/customers?source=MOBILE_APP&accountId=400 with the sample body', async () => {
    const res = await server.call('POST', REGISTER_SAMPLE.path, { body: REGISTER_SAMPLE.body });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, REGISTER_SAMPLE.response);
    const body = res.body as { sideEffects: { type: string }[]; warnings: unknown[] };
    expect(body.sideEffects.map((s) => s.type)).toEqual(['points', 'coupon']);
    expect(body.warnings).toEqual([]);
  });

  it('EMU-6 REG-6: the same customer from a different source answers the sample "registered in a different source" (warning 8050)', async () => {
    const res = await server.call('POST', '/v2/customers?source=INSTORE', {
      body: registerBody([{ type: 'email', value: 'TOM.SAWYER@example.com' }]),
    });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, REGISTER_SAMPLE.combinedResponse);
    expect((res.body as { warnings: unknown[] }).warnings).toEqual(REGISTER_SAMPLE.combinedResponse.warnings);
  });

  it('EMU-6 UPD-1: PUT /v2/customers/329?source=WECHAT&accountId=22232 with the sample body', async () => {
    const auth = as('g329');
    const setup = await server.call('POST', '/v2/customers?source=WECHAT&accountId=22232', {
      auth,
      body: registerBody([{ type: 'wechat', value: 'wc_2' }], { loyaltyType: 'non_loyalty' }),
    });
    expect(setup.body).toMatchObject({ createdId: 329 });
    const res = await server.call('PUT', UPDATE_SAMPLE.path, { auth, body: UPDATE_SAMPLE.body });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(UPDATE_SAMPLE.response);
  });

  it('EMU-6 CHG-1: POST /v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232 with the sample body', async () => {
    const auth = as('g418');
    const setup = await server.call('POST', '/v2/customers?source=WECHAT&accountId=22232', {
      auth,
      body: registerBody(
        [
          { type: 'wechat', value: 'wc_418' },
          { type: 'email', value: 'tom.sawyer@example.com' },
        ],
        { loyaltyType: 'non_loyalty' },
      ),
    });
    expect(setup.body).toMatchObject({ createdId: 418 });
    const res = await server.call('POST', CHANGE_IDENTIFIER_SAMPLE.path, { auth, body: CHANGE_IDENTIFIER_SAMPLE.body });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(CHANGE_IDENTIFIER_SAMPLE.response);
    const added = await server.call('GET', '/v2/customers/lookup?source=WECHAT&accountId=22232&identifierName=wechat&identifierValue=ray11', { auth });
    expect(added.body).toEqual({ entity: 418, warnings: [] });
  });

  it('EMU-6 SRCH-2: GET /v2/customers/search?limit=10&offset=0&q=tom', async () => {
    const auth = as('gsearch');
    for (const [i, name] of ['Tom', 'Tommy', 'Thomas'].entries()) {
      await server.call('POST', '/v2/customers?source=INSTORE', {
        auth,
        body: registerBody([{ type: 'email', value: `t${i}@example.com` }], { firstName: name }),
      });
    }
    const res = await server.call('GET', SEARCH_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, SEARCH_SAMPLE.response);
    expect(res.body).toMatchObject({ pagination: { limit: 10, offset: 0, total: 2 } });
  });

  it('EMU-6 LKP-1: GET /v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111', async () => {
    const auth = as('glookup');
    await server.call('POST', '/v2/customers?source=INSTORE', { auth, body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
    const res = await server.call('GET', LOOKUP_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(LOOKUP_SAMPLE.response);
  });

  it('EMU-6 GET-1: GET /v2/customers/17742?source=WECHAT&accountId=22232', async () => {
    const auth = as('g17742');
    const setup = await server.call('POST', '/v2/customers?source=WECHAT&accountId=22232', {
      auth,
      body: {
        loyaltyInfo: { loyaltyType: 'non_loyalty' },
        profiles: [
          {
            firstName: 'Tom',
            lastName: 'Sawyer',
            fields: { Gender: 'Male', 'Favorite Color': 'Green' },
            identifiers: [{ type: 'email', value: 'tom.sawyer@example.com' }],
            commChannels: [{ type: 'wechat', value: 'ojOPTwFOX-aBmdRlE9MHptPjt2w19', primary: true, verified: true }],
          },
        ],
        extendedFields: { city: 'Bangalore', gender: 'Male' },
      },
    });
    expect(setup.body).toMatchObject({ createdId: 17742 });
    const res = await server.call('GET', GET_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, GET_SAMPLE.response);
    // The authenticated till is the createdBy of what it created (EMU-1, ORG-5).
    expect(res.body).toMatchObject({
      id: 17742,
      profiles: [{ source: 'WECHAT', userId: 17742, attribution: { createdBy: { code: 'g17742.till', type: 'TILL' } } }],
      extendedFields: { city: 'Bangalore', gender: 'Male' },
    });
  });

  it('EMU-6 PTS-1: GET /v2/customers/29372667/loyaltyDetails answers every program of the customer', async () => {
    const auth = as('gloyalty');
    const setup = await server.call('POST', '/v2/customers?source=INSTORE', {
      auth,
      body: enrolledBody([{ type: 'email', value: 'tom.sawyer@example.com' }], [
        { programId: 1219, tierNumber: 2, loyaltyPoints: 500 },
        { programId: 1223, loyaltyPoints: 5000 },
      ]),
    });
    expect(setup.body).toMatchObject({ createdId: 29372667 });
    const redeemed = await server.call('POST', '/_emulator/points', { auth, body: { movement: 'redeem', customerId: 29372667, programId: 1219, points: 200 } });
    expect(redeemed.status, redeemed.text).toBe(200);
    const res = await server.call('GET', LOYALTY_DETAILS_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, LOYALTY_DETAILS_SAMPLE.response);
    expect(res.body).toMatchObject({
      data: [
        { programId: 1219, loyaltyId: 29372667, redeemed: 200, lifetimePoints: 500, loyaltyPoints: 300, currentSlab: 'Silver', slabSNo: 2, nextSlab: 'Gold', nextSlabSerialNumber: 3 },
        { programId: 1223, loyaltyId: 29372667, lifetimePoints: 5000, loyaltyPoints: 5000, currentSlab: 'Star', nextSlab: '', nextSlabSerialNumber: -1 },
      ],
      warnings: [],
      errors: [],
    });
  });

  it('EMU-6 SUB-3: GET /v2/customers/17742/subscriptions of a new customer holds the sample lines', async () => {
    const auth = as('gsubs');
    const setup = await server.call('POST', '/v2/customers?source=INSTORE', { auth, body: registerBody([{ type: 'email', value: 'tom.sawyer@example.com' }]) });
    expect(setup.body).toMatchObject({ createdId: 17742 });
    const res = await server.call('GET', GET_SUBSCRIPTIONS_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, GET_SUBSCRIPTIONS_SAMPLE.response);
    expect(res.body).toMatchObject({ campaignId: 0, communicationId: 0, warnings: [] });
    const lines = (res.body as { subscriptions: unknown[] }).subscriptions;
    expect(lines).toEqual(expect.arrayContaining(GET_SUBSCRIPTIONS_SAMPLE.response.subscriptions.map((l) => expect.objectContaining(l))));
  });

  it('EMU-6 SUB-4: POST /v2/customers/17742/subscriptions with the sample body answers the sample shape, MOBILE as SMS', async () => {
    const auth = as('gsubs');
    const res = await server.call('POST', UPDATE_SUBSCRIPTIONS_SAMPLE.path, { auth, body: UPDATE_SUBSCRIPTIONS_SAMPLE.body });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, UPDATE_SUBSCRIPTIONS_SAMPLE.response);
    const body = res.body as { scope: unknown; subscriptions: unknown[]; campaignId: number; communicationId: number };
    expect(body.scope).toEqual(UPDATE_SUBSCRIPTIONS_SAMPLE.response.scope);
    expect(body.subscriptions).toEqual(expect.arrayContaining([...UPDATE_SUBSCRIPTIONS_SAMPLE.response.subscriptions]));
    expect([body.campaignId, body.communicationId]).toEqual([-1, -1]);
    // The change is kept: Retrieve Subscription Details shows it.
    const after = await server.call('GET', GET_SUBSCRIPTIONS_SAMPLE.path, { auth });
    expect((after.body as { subscriptions: unknown[] }).subscriptions).toContainEqual({ channel: 'EMAIL', accountId: '', priority: 'BULK', type: 'OPTOUT' });
  });

  it('EMU-6 TRF-1: GET /v2/customers/343015431/pointsTransfers lists the DEDUCTION and the ADDITION', async () => {
    const auth = as('gtransfers');
    for (const [first, last, email] of [
      ['Tom', 'Sawyer', 'tom@example.com'],
      ['James', 'Thomas', 'james@example.com'],
    ] as const) {
      await server.call('POST', '/v2/customers?source=INSTORE', {
        auth,
        body: enrolledBody([{ type: 'email', value: email }], [{ programId: 1016, loyaltyPoints: 100 }], { firstName: first, lastName: last }),
      });
    }
    for (const [fromId, toId, points] of [
      [343015431, 343015432, 15],
      [343015432, 343015431, 5],
    ] as const) {
      const sent = await server.call('POST', '/_emulator/pointsTransfers', { auth, body: { fromId, toId, programId: 1016, points } });
      expect(sent.status, sent.text).toBe(200);
    }
    const res = await server.call('GET', POINTS_TRANSFERS_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, POINTS_TRANSFERS_SAMPLE.response);
    const strip = ({ pointsTransferDate, transferId, ...rest }: (typeof POINTS_TRANSFERS_SAMPLE.response.data)[number]) => (void pointsTransferDate, void transferId, rest);
    expect(res.body).toMatchObject({ data: POINTS_TRANSFERS_SAMPLE.response.data.map(strip), warnings: [], errors: [] });
  });

  it('EMU-6 HST-1: GET /v2/customers/368881003/retroRequest lists the changes newest first, with the pagination', async () => {
    const auth = as('gretro');
    await server.call('POST', '/v2/customers?source=INSTORE', { auth, body: enrolledBody([{ type: 'email', value: 'tom@example.com' }], [{ programId: 1016 }]) });
    await server.call('POST', '/v2/customers/368881003/changeIdentifier?source=INSTORE', { auth, body: { add: [{ type: 'mobile', value: '919111111111' }] } });
    await server.call('POST', '/_emulator/points', { auth, body: { movement: 'issue', customerId: 368881003, programId: 1016, points: 1200 } });
    await server.call('POST', '/_emulator/coupons', { auth, body: { customerId: 368881003, series: { description: 'Test Offer 20', validTill: '2120-02-11T23:59:59Z' } } });
    const res = await server.call('GET', CHANGE_REQUESTS_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    // The model has no stores and no retro transactions: `addedByParent` and `transactionId` (a RETRO line's) are not answered.
    const documented = { ...CHANGE_REQUESTS_SAMPLE.response, data: CHANGE_REQUESTS_SAMPLE.response.data.map((l) => asModelled(l, ['addedByParent', 'transactionId'])) };
    expectShape(res.body, documented);
    const body = res.body as { pagination: unknown; data: { baseType: string; id: number; addedBy: { code: string } }[] };
    expect(body.pagination).toEqual({ limit: 10, offset: 0, total: body.data.length });
    // Newest first: the coupon, the tier reached by the points, the points, the mobile added, the tier of the enrollment.
    expect(body.data.map((l) => l.baseType)).toEqual(['COUPON', 'TIER', 'POINTS', 'MOBILE', 'TIER']);
    expect(body.data.map((l) => l.id)).toEqual([...body.data.map((l) => l.id)].sort((a, b) => b - a));
    expect(body.data[0]?.addedBy.code).toBe('gretro.till');
  });

  it('EMU-6 GDW-3: GET /v2/customers/343040815/goodwillRequest lists an APPROVED and a PENDING request, newest first', async () => {
    const auth = as('ggoodwill');
    await server.call('POST', '/v2/customers?source=INSTORE', { auth, body: enrolledBody([{ type: 'email', value: 'tom@example.com' }], [{ programId: 1016 }]) });
    const pending = await server.call('POST', '/_emulator/goodwill', { auth, body: { customerId: 343040815, goodwillType: 'POINTS', programId: 1016, points: 100, reason: ' ' } });
    const approved = await server.call('POST', '/_emulator/goodwill', { auth, body: { customerId: 343040815, goodwillType: 'POINTS', programId: 1016, points: 450, reason: ' ', comments: 'sample' } });
    const requestId = (approved.body as { request: { id: number } }).request.id;
    const resolved = await server.call('POST', `/_emulator/goodwill/${requestId}/resolve`, { auth, body: { customerId: 343040815, decision: 'APPROVED' } });
    expect([pending.status, approved.status, resolved.status]).toEqual([200, 200, 200]);
    const res = await server.call('GET', GOODWILL_REQUESTS_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    const [approvedSample, pendingSample] = GOODWILL_REQUESTS_SAMPLE.response.data;
    const body = res.body as { data: unknown[] };
    expectShape(res.body, { ...GOODWILL_REQUESTS_SAMPLE.response, data: [] });
    // Each line against the sample line of its status: approvedValue is there once a request is approved.
    expectShape(body.data[0], asModelled(approvedSample));
    expectShape(body.data[1], asModelled(pendingSample));
    expect(res.body).toMatchObject({
      pagination: { limit: 10, offset: 0, total: 2 },
      data: [
        { requestId, userId: 343040815, goodwillType: 'POINTS', goodwillStatus: 'APPROVED', approvedValue: '450', comments: 'sample', oneStep: false },
        { userId: 343040815, goodwillType: 'POINTS', goodwillStatus: 'PENDING', oneStep: false },
      ],
    });
    expect(body.data[1]).not.toHaveProperty('approvedValue');
  });

  it('EMU-6 CPN-1: GET /v2/customers/343040815/coupons lists the coupons with the sample coupon fields', async () => {
    const auth = as('ggoodwill');
    const issued = await server.call('POST', '/_emulator/coupons', { auth, body: { customerId: 343040815, series: { description: 'Test Offer 20', validTill: '2120-02-11T23:59:59Z' } } });
    expect(issued.status, issued.text).toBe(200);
    const res = await server.call('GET', COUPONS_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, COUPONS_SAMPLE.response);
    expect(res.body).toMatchObject({ data: [{ couponType: 'PE', description: 'Test Offer 20', discountCode: 'NO_VALUE', validTill: '2120-02-11T23:59:59Z', redeemed: false }] });
  });

  it('EMU-6 V11-1: GET /v1.1/customer/get?format=json&email=… (three comma-separated emails) answers each customer', async () => {
    const auth = as('gv11email');
    for (const email of V11_SAMPLES.emails) {
      await server.call('POST', '/v2/customers?source=INSTORE', { auth, body: enrolledBody([{ type: 'email', value: email }], [{ programId: 1016 }]) });
    }
    const res = await server.call('GET', V11_SAMPLES.byEmail, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, V11_SAMPLES.response);
    expect(res.body).toMatchObject({
      response: {
        status: { success: true, code: 200, total: 3, success_count: 3 },
        customers: { customer: V11_SAMPLES.emails.map((email) => ({ email, current_slab: 'Bronze', item_status: { success: true, code: 1000 } })) },
      },
    });
  });

  it('EMU-6 V11-2: GET /v1.1/customer/get?format=json&id=387020208%2C3879773 answers 201: one found, one 816, over HTTP 200', async () => {
    const auth = as('gv11id');
    const setup = await server.call('POST', '/v2/customers?source=INSTORE', { auth, body: enrolledBody([{ type: 'email', value: 'tom@example.com' }], [{ programId: 1016 }]) });
    expect(setup.body).toMatchObject({ createdId: 3879773 });
    const res = await server.call('GET', V11_SAMPLES.byId, { auth });
    expect(res.status, res.text).toBe(200);
    const body = res.body as { response: { status: unknown; customers: { customer: unknown[] } } };
    expectShape(body.response.status, V11_SAMPLES.response.response.status);
    expect(body.response.status).toMatchObject({ success: true, code: 201, total: 2, success_count: 1 });
    const [missing, found] = body.response.customers.customer;
    expectShape(missing, V11_SAMPLES.failedItem);
    expect(missing).toMatchObject(V11_SAMPLES.failedItem);
    expectShape(found, V11_SAMPLES.response.response.customers.customer[0]);
    expect(found).toMatchObject({ email: 'tom@example.com', item_status: { success: true, code: 1000 } });
  });
});
