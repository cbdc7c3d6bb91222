// The loyalty endpoints over HTTP: the documented reads (loyalty details, subscriptions, transfers, change
// and goodwill requests, coupons, the v1.1 get), the subscription write, and the setup writes under
// /_emulator/ that make the state they read (points, transfers, goodwill, coupons, PII deletion). Each route
// has its happy path and its refusals, with the standard error body (EMU-2) and the status of each code
// (EMU-3); writes go through the org's queue and log (EMU-8, EMU-10) as the authenticated till (EMU-1).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG } from '../../src/index';
import { basicHeader, createEmulator, PENDING_ENDPOINTS, readLogText, ROUTES, statusForCode } from '../../src/emulator';
import { expectError, registerBody, serve, type HttpAnswer, type TestServer } from './support/http';

const START = '2024-05-01T10:00:00Z';
let now = START;

const AUTO = basicHeader('auto.till', 'auto');
const OTHER = basicHeader('other.till', 'other');

let server: TestServer;

beforeAll(async () => {
  server = await serve({
    clock: () => now,
    orgs: [
      DEFAULT_ORG_CONFIG,
      { ...DEFAULT_ORG_CONFIG, id: 'auto', goodwill: { autoApprove: true }, tills: [{ code: 'auto.till', password: 'auto' }] },
      { ...DEFAULT_ORG_CONFIG, id: 'other', tills: [{ code: 'other.till', password: 'other' }] },
    ],
  });
});

afterAll(async () => {
  await server.close();
});

let serial = 0;

/** Registers a loyalty member in INSTORE, enrolled in the programs given; answers its id. */
async function member(
  programs: readonly { programId: number; loyaltyPoints?: number; tierNumber?: number }[] = [{ programId: 1016, loyaltyPoints: 100 }],
  options: { auth?: string; firstName?: string; identifiers?: readonly { type: string; value: string }[] } = {},
): Promise<number> {
  serial += 1;
  const res = await server.call('POST', '/v2/customers?source=INSTORE', {
    ...(options.auth === undefined ? {} : { auth: options.auth }),
    body: {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [
        { firstName: options.firstName ?? `Member${serial}`, lastName: 'Test', identifiers: options.identifiers ?? [{ type: 'email', value: `member${serial}@example.com` }] },
      ],
      loyaltyProgramEnrollments: programs,
    },
  });
  expect(res.status, res.text).toBe(200);
  return (res.body as { createdId: number }).createdId;
}

/** A setup or API write that must succeed; answers its body. */
async function ok(method: string, path: string, body?: unknown, auth?: string): Promise<Record<string, unknown>> {
  const res = await server.call(method, path, { ...(body === undefined ? {} : { body }), ...(auth === undefined ? {} : { auth }) });
  expect(res.status, `${method} ${path}: ${res.text}`).toBe(200);
  return res.body as Record<string, unknown>;
}

async function get(path: string, auth?: string): Promise<HttpAnswer> {
  return server.call('GET', path, auth === undefined ? {} : { auth });
}

async function merged(survivorId: number, victimId: number): Promise<void> {
  await ok('POST', '/_emulator/merge', { survivorId, victimId });
}

const OFFER = { description: 'Test Offer 20', validTill: '2120-02-11T23:59:59Z' };

describe('Fetch Customer Loyalty Details: GET /v2/customers/{id}/loyaltyDetails', () => {
  it('PTS-1 PTS-2: every program of the customer, or the one programId names, with the ledger in the seed fields', async () => {
    const id = await member([{ programId: 1016, loyaltyPoints: 100 }, { programId: 1223, loyaltyPoints: 40 }]);
    await ok('POST', '/_emulator/points', { movement: 'redeem', customerId: id, programId: 1016, points: 30 });
    const all = await get(`/v2/customers/${id}/loyaltyDetails`);
    expect(all.status, all.text).toBe(200);
    expect(all.body).toMatchObject({
      data: [
        { programId: 1016, loyaltyId: id, lifetimePoints: 100, redeemed: 30, loyaltyPoints: 70 },
        { programId: 1223, loyaltyId: id, lifetimePoints: 40, loyaltyPoints: 40 },
      ],
      warnings: [],
      errors: [],
    });
    const one = await get(`/v2/customers/${id}/loyaltyDetails?programId=1223`);
    expect((one.body as { data: { programId: number }[] }).data.map((d) => d.programId)).toEqual([1223]);
    expect((await get(`/v2/customers/${id}/loyaltyDetails?programId=9999`)).body).toMatchObject({ data: [] });
  });

  it('EMU-3 EMU-4 GET-2: a bad programId is 400 naming query.programId; an unknown id 404 (8015); a merge victim 409 (8069) naming its survivor', async () => {
    const a = await member();
    const b = await member();
    await merged(a, b);
    expect(expectError(await get(`/v2/customers/${a}/loyaltyDetails?programId=gold`), 400, 400)).toMatch(/query\.programId/);
    expectError(await get('/v2/customers/999999/loyaltyDetails'), 404, 8015);
    expect(expectError(await get(`/v2/customers/${b}/loyaltyDetails`), 409, 8069)).toContain(String(a));
    expect(expectError(await get('/v2/customers/1x/loyaltyDetails'), 400, 400)).toMatch(/path\.customerId/);
  });
});

describe('Update and Retrieve Subscription Details: POST and GET /v2/customers/{id}/subscriptions', () => {
  it('SUB-1 SUB-2 SUB-3: a new customer has the default OPTINs; a change is laid over them, MOBILE kept as SMS, a repeated OPTIN is no error', async () => {
    const id = await member();
    const fresh = await get(`/v2/customers/${id}/subscriptions`);
    expect(fresh.status, fresh.text).toBe(200);
    const lines = (fresh.body as { subscriptions: { type: string; channel: string }[] }).subscriptions;
    expect(lines).toHaveLength(8);
    expect(new Set(lines.map((l) => l.channel))).toEqual(new Set(['EMAIL', 'SMS', 'ANDROID', 'IOS']));
    expect(lines.every((l) => l.type === 'OPTIN')).toBe(true);

    const changed = await ok('POST', `/v2/customers/${id}/subscriptions`, {
      reason: 'no campaigns',
      subscriptions: [
        { channel: 'mobile', priority: 'bulk', type: 'optout' },
        { channel: 'EMAIL', priority: 'TRANS', type: 'OPTIN' },
      ],
    });
    expect(changed).toMatchObject({
      scope: { scope: 'USER', subScope: 'NONE' },
      subscriptions: [
        { channel: 'SMS', accountId: '', priority: 'BULK', type: 'OPTOUT' },
        { channel: 'EMAIL', accountId: '', priority: 'TRANS', type: 'OPTIN' },
      ],
      campaignId: -1,
      communicationId: -1,
      reason: 'no campaigns',
      warnings: [],
    });
    const after = await get(`/v2/customers/${id}/subscriptions`);
    expect(after.body).toMatchObject({ campaignId: 0, communicationId: 0, warnings: [] });
    expect((after.body as { subscriptions: unknown[] }).subscriptions).toContainEqual({ channel: 'SMS', accountId: '', priority: 'BULK', type: 'OPTOUT' });
  });

  it('SUB-4 EMU-3: a bad channel is 1101, priority 1102, scope 1103, several scopes 1105, status 1106, all 400; no subscriptions is 400 naming body.subscriptions', async () => {
    const id = await member();
    const line = { channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' };
    const post = (body: unknown) => server.call('POST', `/v2/customers/${id}/subscriptions`, { body });
    expectError(await post({ subscriptions: [{ ...line, channel: 'PIGEON' }] }), 400, 1101);
    expectError(await post({ subscriptions: [{ ...line, priority: 'URGENT' }] }), 400, 1102);
    expectError(await post({ scope: { scope: 'ORG' }, subscriptions: [line] }), 400, 1103);
    expectError(await post({ scope: [{ scope: 'USER' }, { scope: 'USER' }], subscriptions: [line] }), 400, 1105);
    expectError(await post({ subscriptions: [{ ...line, type: 'MAYBE' }] }), 400, 1106);
    expect(expectError(await post({ reason: 'x' }), 400, 400)).toMatch(/body\.subscriptions/);
    expect(expectError(await post({ subscriptions: [{ ...line, channel: 7 }] }), 400, 400)).toMatch(/body\.subscriptions\.0\.channel/);
    expect(expectError(await server.call('POST', `/v2/customers/${id}/subscriptions`, {}), 400, 400)).toMatch(/body/);
    // Nothing of it was kept.
    const lines = (await get(`/v2/customers/${id}/subscriptions`)).body as { subscriptions: { type: string }[] };
    expect(lines.subscriptions.every((l) => l.type === 'OPTIN')).toBe(true);
  });

  it('SUB-5 EMU-3: subscriptions of an unknown customer are 404 (8015), of a merge victim 409 (8069), for the write and the read', async () => {
    const a = await member();
    const b = await member();
    await merged(a, b);
    const body = { subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }] };
    expectError(await server.call('POST', '/v2/customers/999999/subscriptions', { body }), 404, 8015);
    expectError(await get('/v2/customers/999999/subscriptions'), 404, 8015);
    expect(expectError(await server.call('POST', `/v2/customers/${b}/subscriptions`, { body }), 409, 8069)).toContain(String(a));
    expectError(await get(`/v2/customers/${b}/subscriptions`), 409, 8069);
  });
});

describe('Get Points Transfer Summary: GET /v2/customers/{id}/pointsTransfers, and POST /_emulator/pointsTransfers', () => {
  it('TRF-1 TRF-2: a transfer is a DEDUCTION for the sender and an ADDITION for the receiver; the total is conserved', async () => {
    const from = await member([{ programId: 1016, loyaltyPoints: 100 }], { firstName: 'Tom' });
    const to = await member([{ programId: 1016, loyaltyPoints: 10 }], { firstName: 'James' });
    const sent = await ok('POST', '/_emulator/pointsTransfers', { fromId: from, toId: to, programId: 1016, points: 15, notes: 'gift' });
    expect(sent).toMatchObject({ success: true, transferId: expect.any(Number), warnings: [] });
    const lines = await get(`/v2/customers/${from}/pointsTransfers`);
    expect(lines.status, lines.text).toBe(200);
    expect(lines.body).toEqual({
      data: [
        {
          pointsTransferDate: '2024-05-01 10:00:00',
          pointsTransferred: 15,
          transferId: sent['transferId'],
          transferType: 'DEDUCTION',
          transferredFrom: { userId: from, firstName: 'Tom', lastName: 'Test' },
          transferredTo: { userId: to, firstName: 'James', lastName: 'Test' },
          notes: 'gift',
          programName: 'Nightly_ApiAutoDefaultProgram',
        },
      ],
      warnings: [],
      errors: [],
    });
    expect((await get(`/v2/customers/${to}/pointsTransfers`)).body).toMatchObject({ data: [{ transferType: 'ADDITION', pointsTransferred: 15 }] });
    const points = async (id: number) => ((await get(`/v2/customers/${id}/loyaltyDetails?programId=1016`)).body as { data: { loyaltyPoints: number }[] }).data[0]?.loyaltyPoints;
    expect([await points(from), await points(to)]).toEqual([85, 25]);
  });

  it('TRF-2 TRF-3 PTS-4 EMU-3: more than the sender holds is 400 (1010); a party not enrolled 400 (1013); to itself 400 naming toId; unknown 404 (8015)', async () => {
    const from = await member([{ programId: 1016, loyaltyPoints: 10 }]);
    const to = await member([{ programId: 1016 }]);
    const outsider = await member([{ programId: 1223 }]);
    const send = (body: unknown) => server.call('POST', '/_emulator/pointsTransfers', { body });
    expect(expectError(await send({ fromId: from, toId: to, programId: 1016, points: 11 }), 400, 1010)).toMatch(/10 held, 11 asked/);
    expectError(await send({ fromId: from, toId: outsider, programId: 1016, points: 1 }), 400, 1013);
    expect(expectError(await send({ fromId: from, toId: from, programId: 1016, points: 1 }), 400, 400)).toMatch(/toId/);
    expectError(await send({ fromId: from, toId: 999999, programId: 1016, points: 1 }), 404, 8015);
    expect(expectError(await send({ fromId: from, toId: to, programId: 1016, points: 'ten' }), 400, 400)).toMatch(/body\.points/);
    expectError(await get('/v2/customers/999999/pointsTransfers'), 404, 8015);
    expect((await get(`/v2/customers/${from}/pointsTransfers`)).body).toMatchObject({ data: [] });
  });
});

describe('Setup points movements: POST /_emulator/points', () => {
  it('PTS-2 PTS-3: issue (with expiry and purchase), redeem, return, adjust, and expire at the request time', async () => {
    const id = await member([{ programId: 1016 }]);
    const move = (body: object) => ok('POST', '/_emulator/points', { customerId: id, programId: 1016, ...body });
    expect(await move({ movement: 'issue', points: 500, purchase: 2500, expiresOn: '2024-06-01T00:00:00Z' })).toMatchObject({ success: true, customerId: id, programId: 1016, loyaltyPoints: 500 });
    expect(await move({ movement: 'issue', points: 300 })).toMatchObject({ loyaltyPoints: 800 });
    expect(await move({ movement: 'redeem', points: 100 })).toMatchObject({ loyaltyPoints: 700 });
    expect(await move({ movement: 'return', points: 50 })).toMatchObject({ loyaltyPoints: 650 });
    expect(await move({ movement: 'adjust', points: -20 })).toMatchObject({ loyaltyPoints: 630 });
    // Nothing is due yet; a month later the dated lot (500, less the 170 taken from it first) expires.
    expect(await move({ movement: 'expire' })).toMatchObject({ loyaltyPoints: 630 });
    now = '2024-07-01T00:00:00Z';
    try {
      expect(await move({ movement: 'expire' })).toMatchObject({ loyaltyPoints: 300 });
    } finally {
      now = START;
    }
    const details = await get(`/v2/customers/${id}/loyaltyDetails`);
    expect(details.body).toMatchObject({
      data: [{ programId: 1016, lifetimePoints: 800, redeemed: 100, returned: 50, adjusted: -20, expired: 330, loyaltyPoints: 300, cumulativePurchases: 2500 }],
    });
  });

  it('PTS-4 EMU-3 EMU-4: more than held is 400 (1010); not enrolled 400 (1013); points missing, or given to expire, 400 naming body.points; unknown movement 400', async () => {
    const id = await member([{ programId: 1016, loyaltyPoints: 5 }]);
    const move = (body: object) => server.call('POST', '/_emulator/points', { body: { customerId: id, programId: 1016, ...body } });
    expect(expectError(await move({ movement: 'redeem', points: 6 }), 400, 1010)).toMatch(/5 held, 6 asked/);
    expectError(await move({ movement: 'adjust', points: -6 }), 400, 1010);
    expectError(await move({ movement: 'issue', points: 5, programId: 1223 }), 400, 1013);
    expect(expectError(await move({ movement: 'issue', points: 5, programId: 4242 }), 400, 400)).toMatch(/programId/);
    expect(expectError(await move({ movement: 'issue' }), 400, 400)).toMatch(/body\.points: required for issue/);
    expect(expectError(await move({ movement: 'expire', points: 5 }), 400, 400)).toMatch(/body\.points/);
    expect(expectError(await move({ movement: 'issue', points: 0 }), 400, 400)).toMatch(/points/);
    expect(expectError(await move({ movement: 'issue', points: 1.5 }), 400, 400)).toMatch(/body\.points/);
    expect(expectError(await move({ movement: 'steal', points: 5 }), 400, 400)).toMatch(/body\.movement/);
    expect(expectError(await move({ movement: 'issue', points: 5, expiresOn: 'tomorrow' }), 400, 400)).toMatch(/expiresOn/);
    expectError(await move({ movement: 'issue', points: 5, customerId: 999999 }), 404, 8015);
    expect((await get(`/v2/customers/${id}/loyaltyDetails`)).body).toMatchObject({ data: [{ loyaltyPoints: 5 }] });
  });

  it('PTS-5 PTS-6 V11-3: issued points raise the tier, kept in the tier history that v1.1 slab_history answers', async () => {
    const id = await member([{ programId: 1016 }]);
    await ok('POST', '/_emulator/points', { movement: 'issue', customerId: id, programId: 1016, points: 1200 });
    expect((await get(`/v2/customers/${id}/loyaltyDetails`)).body).toMatchObject({ data: [{ currentSlab: 'Silver', slabSNo: 2, nextSlab: 'Gold' }] });
    const v11 = await get(`/v1.1/customer/get?id=${id}&slab_history=true`);
    expect(v11.body).toMatchObject({
      response: { customers: { customer: [{ current_slab: 'Silver', slab_history: { history: [{ from: 'Bronze', to: 'Silver', program_id: 1016 }, { to: 'Bronze' }] } }] } },
    });
  });
});

describe('Get Change Requests: GET /v2/customers/{id}/retroRequest', () => {
  let id: number;
  let lines: { id: number; baseType: string; addedOn: string }[];

  beforeAll(async () => {
    id = await member([{ programId: 1016 }], { identifiers: [{ type: 'email', value: 'history@example.com' }] });
    now = '2024-05-02T10:00:00Z';
    await ok('POST', `/v2/customers/${id}/changeIdentifier?source=INSTORE`, { add: [{ type: 'mobile', value: '919333333333' }] });
    now = '2024-05-03T10:00:00Z';
    await ok('POST', '/_emulator/points', { movement: 'issue', customerId: id, programId: 1016, points: 10 });
    await ok('POST', `/v2/customers/${id}/changeIdentifier?source=INSTORE`, { remove: [{ type: 'email', value: 'history@example.com' }] });
    now = START;
    lines = ((await get(`/v2/customers/${id}/retroRequest`)).body as { data: typeof lines }).data;
  });

  it('HST-1 HST-2: identifier, points and tier changes, newest first, each id the sequence number of its event', async () => {
    expect(lines.map((l) => l.baseType)).toEqual(['EMAIL', 'POINTS', 'MOBILE', 'TIER']);
    expect(lines.map((l) => l.id)).toEqual([...lines.map((l) => l.id)].sort((a, b) => b - a));
    const res = await get(`/v2/customers/${id}/retroRequest`);
    expect(res.body).toMatchObject({ pagination: { limit: 10, offset: 0, total: 4 }, warnings: [], errors: [] });
  });

  it('HST-1: filtered by changeType (any case), date range, id range, offset and limit', async () => {
    const types = async (query: string) => ((await get(`/v2/customers/${id}/retroRequest?${query}`)).body as { data: { baseType: string }[] }).data.map((l) => l.baseType);
    expect(await types('changeType=mobile')).toEqual(['MOBILE']);
    expect(await types('changeType=RETRO')).toEqual([]);
    expect(await types('startDate=2024-05-02&endDate=2024-05-02')).toEqual(['MOBILE']);
    expect(await types('startDate=2024-05-03')).toEqual(['EMAIL', 'POINTS']);
    const [newest, second] = lines;
    expect(await types(`startId=${second?.id}&endId=${second?.id}`)).toEqual(['POINTS']);
    expect(await types(`endId=${(newest?.id ?? 0) - 1}`)).toEqual(['POINTS', 'MOBILE', 'TIER']);
    expect(await types('offset=1&limit=2')).toEqual(['POINTS', 'MOBILE']);
  });

  it('EMU-4 EMU-7: a bad changeType, date, id or offset is 400 naming the parameter; a limit above 100 is capped, below 1 refused', async () => {
    const bad: [string, RegExp][] = [
      ['changeType=SHOES', /query\.changeType/],
      ['startDate=2024-13-01', /query\.startDate/],
      ['endDate=2024-02-30', /query\.endDate/],
      ['endDate=yesterday', /query\.endDate/],
      ['startId=first', /query\.startId/],
      ['offset=-1', /query\.offset/],
      ['limit=0', /query\.limit/],
      ['limit=5&limit=6', /query\.limit: given more than once/],
    ];
    for (const [query, message] of bad) expect(expectError(await get(`/v2/customers/${id}/retroRequest?${query}`), 400, 400), query).toMatch(message);
    expect((await get(`/v2/customers/${id}/retroRequest?limit=1000`)).body).toMatchObject({ pagination: { limit: 100, offset: 0, total: 4 } });
    expectError(await get('/v2/customers/999999/retroRequest'), 404, 8015);
  });
});

describe('Get Customer Goodwill Requests: GET /v2/customers/{id}/goodwillRequest, and the /_emulator/goodwill writes', () => {
  it('GDW-1 GDW-3: a request is PENDING until resolved; approval grants its points; the list filters by requestId, is_one_step_change, programId and autoApprove, and ignores currencyId', async () => {
    const id = await member([{ programId: 1016 }, { programId: 1223 }]);
    const raise = (body: object) => ok('POST', '/_emulator/goodwill', { customerId: id, ...body });
    const pending = (await raise({ goodwillType: 'POINTS', programId: 1016, points: 450, comments: 'late delivery' }))['request'] as { id: number; goodwillStatus: string };
    expect(pending.goodwillStatus).toBe('PENDING');
    const oneStep = (await raise({ goodwillType: 'POINTS', programId: 1223, points: 20, oneStep: true }))['request'] as { id: number; goodwillStatus: string };
    expect(oneStep.goodwillStatus).toBe('APPROVED');
    const coupon = (await raise({ goodwillType: 'COUPON', series: OFFER }))['request'] as { id: number };
    const resolved = await ok('POST', `/_emulator/goodwill/${pending.id}/resolve`, { customerId: id, decision: 'APPROVED', comments: 'ok' });
    expect(resolved).toMatchObject({ success: true, request: { id: pending.id, goodwillStatus: 'APPROVED', approvedValue: '450' } });
    await ok('POST', `/_emulator/goodwill/${coupon.id}/resolve`, { customerId: id, decision: 'REJECTED' });
    expect((await get(`/v2/customers/${id}/loyaltyDetails?programId=1016`)).body).toMatchObject({ data: [{ loyaltyPoints: 450 }] });

    const ids = async (query: string) => ((await get(`/v2/customers/${id}/goodwillRequest${query}`)).body as { data: { requestId: number }[] }).data.map((g) => g.requestId);
    expect(await ids('')).toEqual([coupon.id, oneStep.id, pending.id]);
    expect(await ids(`?requestId=${pending.id}&currencyId=${id}`)).toEqual([pending.id]);
    expect(await ids('?is_one_step_change=true')).toEqual([oneStep.id]);
    expect(await ids('?is_one_step_change=FALSE&programId=1016')).toEqual([pending.id]);
    expect(await ids('?autoApprove=true')).toEqual([]);
    expect(await ids('?limit=1&offset=1')).toEqual([oneStep.id]);
    const res = await get(`/v2/customers/${id}/goodwillRequest?requestId=${coupon.id}`);
    expect(res.body).toMatchObject({ pagination: { limit: 10, offset: 0, total: 1 }, data: [{ goodwillType: 'COUPON', goodwillStatus: 'REJECTED', userId: id }] });
    expect((res.body as { data: object[] }).data[0]).not.toHaveProperty('approvedValue');
  });

  it('GDW-2: in an org with goodwill.autoApprove, a request is APPROVED as it is raised, with "; AUTO_APPROVED" in updatedComments', async () => {
    const id = await member([{ programId: 1016 }], { auth: AUTO });
    const raised = await ok('POST', '/_emulator/goodwill', { customerId: id, goodwillType: 'POINTS', programId: 1016, points: 450, comments: 'sample' }, AUTO);
    expect(raised).toMatchObject({ request: { goodwillStatus: 'APPROVED', approvedValue: '450', updatedComments: 'sample; AUTO_APPROVED', oneStep: false } });
    const list = await get(`/v2/customers/${id}/goodwillRequest?autoApprove=true`, AUTO);
    expect(list.body).toMatchObject({ data: [{ goodwillStatus: 'APPROVED', updatedComments: 'sample; AUTO_APPROVED', addedBy: { code: 'auto.till', type: 'TILL' } }] });
  });

  it('GDW-1 EMU-4: deciding a request twice is 400 naming requestId; a bad path id, decision or type is 400 naming it; POINTS without a program 400; a bad is_one_step_change 400', async () => {
    const id = await member([{ programId: 1016 }]);
    const raised = await ok('POST', '/_emulator/goodwill', { customerId: id, goodwillType: 'POINTS', programId: 1016, points: 5 });
    const requestId = (raised['request'] as { id: number }).id;
    await ok('POST', `/_emulator/goodwill/${requestId}/resolve`, { customerId: id, decision: 'REJECTED' });
    const resolve = (path: string, body: unknown) => server.call('POST', path, { body });
    expect(expectError(await resolve(`/_emulator/goodwill/${requestId}/resolve`, { customerId: id, decision: 'APPROVED' }), 400, 400)).toMatch(/requestId: the request is already REJECTED/);
    expect(expectError(await resolve('/_emulator/goodwill/999999/resolve', { customerId: id, decision: 'APPROVED' }), 400, 400)).toMatch(/requestId/);
    expect(expectError(await resolve('/_emulator/goodwill/abc/resolve', { customerId: id, decision: 'APPROVED' }), 400, 400)).toMatch(/path\.requestId/);
    expect(expectError(await resolve(`/_emulator/goodwill/${requestId}/resolve`, { customerId: id, decision: 'MAYBE' }), 400, 400)).toMatch(/body\.decision/);
    const raise = (body: object) => server.call('POST', '/_emulator/goodwill', { body: { customerId: id, ...body } });
    expect(expectError(await raise({ goodwillType: 'POINTS', points: 5 }), 400, 400)).toMatch(/programId/);
    expect(expectError(await raise({ goodwillType: 'CASH', points: 5 }), 400, 400)).toMatch(/body\.goodwillType/);
    expect(expectError(await raise({ goodwillType: 'COUPON' }), 400, 400)).toMatch(/series/);
    expect(expectError(await get(`/v2/customers/${id}/goodwillRequest?is_one_step_change=yes`), 400, 400)).toMatch(/query\.is_one_step_change/);
    expectError(await get('/v2/customers/999999/goodwillRequest'), 404, 8015);
  });
});

describe('Get Customer Coupons: GET /v2/customers/{id}/coupons, and the /_emulator/coupons writes', () => {
  it('CPN-1 CPN-2 CPN-3: a coupon is issued from an offer, listed with the seed fields, and redeemed once (its code in any case)', async () => {
    const id = await member();
    const issued = await ok('POST', '/_emulator/coupons', { customerId: id, series: { ...OFFER, couponType: 'DISC', discountCode: 'TEN' } });
    const coupon = issued['coupon'] as { id: number; couponCode: string };
    expect(coupon.couponCode).toMatch(/^[A-Z2-9]{8}$/);
    const second = (await ok('POST', '/_emulator/coupons', { customerId: id, series: OFFER }))['coupon'] as { couponCode: string };
    expect(second.couponCode).not.toBe(coupon.couponCode);
    const redeemed = await ok('POST', '/_emulator/coupons/redeem', { customerId: id, couponCode: coupon.couponCode.toLowerCase() });
    expect(redeemed).toMatchObject({ success: true, coupon: { id: coupon.id, redeemedOn: START, redeemedBy: 'demo.till' } });
    const list = await get(`/v2/customers/${id}/coupons`);
    expect(list.status, list.text).toBe(200);
    expect(list.body).toEqual({
      data: [
        {
          id: coupon.id,
          couponType: 'DISC',
          couponCode: coupon.couponCode,
          trimmedCouponCode: coupon.couponCode,
          validTill: OFFER.validTill,
          description: OFFER.description,
          discountCode: 'TEN',
          issuedOn: START,
          issuedBy: 'demo.till',
          redeemed: true,
          redeemedOn: START,
        },
        expect.objectContaining({ couponCode: second.couponCode, couponType: 'PE', discountCode: 'NO_VALUE', redeemed: false, redeemedOn: null }),
      ],
      warnings: [],
      errors: [],
    });
  });

  it('CPN-3 EMU-4: redeeming twice, an unknown code or an expired coupon is 400 naming couponCode; a bad offer is 400 naming it', async () => {
    const id = await member();
    const code = ((await ok('POST', '/_emulator/coupons', { customerId: id, series: OFFER }))['coupon'] as { couponCode: string }).couponCode;
    const shortLived = ((await ok('POST', '/_emulator/coupons', { customerId: id, series: { ...OFFER, validTill: '2024-06-01T00:00:00Z' } }))['coupon'] as { couponCode: string }).couponCode;
    await ok('POST', '/_emulator/coupons/redeem', { customerId: id, couponCode: code });
    const redeem = (couponCode: unknown) => server.call('POST', '/_emulator/coupons/redeem', { body: { customerId: id, couponCode } });
    expect(expectError(await redeem(code), 400, 400)).toMatch(/couponCode: the coupon is already redeemed/);
    expect(expectError(await redeem('NOSUCHCO'), 400, 400)).toMatch(/couponCode: the customer holds no such coupon/);
    expect(expectError(await redeem(''), 400, 400)).toMatch(/body\.couponCode/);
    now = '2024-07-01T00:00:00Z';
    try {
      expect(expectError(await redeem(shortLived), 400, 400)).toMatch(/couponCode: the coupon has expired/);
    } finally {
      now = START;
    }
    const issue = (series: unknown) => server.call('POST', '/_emulator/coupons', { body: { customerId: id, series } });
    expect(expectError(await issue({ ...OFFER, validTill: 'soon' }), 400, 400)).toMatch(/validTill/);
    expect(expectError(await issue({ validTill: OFFER.validTill }), 400, 400)).toMatch(/body\.series\.description/);
    expectError(await server.call('POST', '/_emulator/coupons', { body: { customerId: 999999, series: OFFER } }), 404, 8015);
    expectError(await get('/v2/customers/999999/coupons'), 404, 8015);
  });
});

describe('v1.1 Get Customer: GET /v1.1/customer/get', () => {
  let alice: number;
  let bob: number;

  beforeAll(async () => {
    alice = await member([{ programId: 1016, loyaltyPoints: 1200 }, { programId: 1223 }], {
      firstName: 'Alice',
      identifiers: [
        { type: 'email', value: 'alice@example.com' },
        { type: 'mobile', value: '919444444444' },
        { type: 'externalId', value: 'EXT-ALICE' },
      ],
    });
    bob = await member([{ programId: 1016 }], { firstName: 'Bob', identifiers: [{ type: 'email', value: 'bob@example.com' }] });
  });

  type V11 = { response: { status: { code: number; total: number; success_count: number }; customers: { customer: Record<string, unknown>[] } } };
  const v11 = async (query: string): Promise<V11> => {
    const res = await get(`/v1.1/customer/get?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as V11;
  };

  it('V11-1 V11-2: customers by id, mobile (national form too), email and external_id, comma-separated: status 200, one item each', async () => {
    const body = await v11(`format=json&id=${alice},${bob}&mobile=9444444444&email=BOB@example.com&external_id=EXT-ALICE`);
    expect(body.response.status).toEqual({ success: true, code: 200, message: 'SUCCESS', total: 5, success_count: 5 });
    expect(body.response.customers.customer.map((c) => c['firstname'])).toEqual(['Alice', 'Bob', 'Alice', 'Bob', 'Alice']);
    expect(body.response.customers.customer[0]).toMatchObject({
      email: 'alice@example.com',
      mobile: '919444444444',
      external_id: 'EXT-ALICE',
      loyalty_points: 1200,
      current_slab: 'Silver',
      type: 'LOYALTY',
      registered_till: { code: 'demo.till', name: 'Demo till' },
      item_status: { success: true, code: 1000 },
    });
  });

  it('V11-2 EMU-3: unknown values are items with 816 (id) or 1012 (identifier): 201 when some were found, 500 in the body when none was, HTTP 200 both times', async () => {
    const some = await v11(`id=${alice},999999&email=nobody@example.com`);
    expect(some.response.status).toMatchObject({ success: true, code: 201, total: 3, success_count: 1 });
    expect(some.response.customers.customer.slice(1)).toEqual([
      { id: '999999', item_status: { success: false, code: 816, message: 'Customer not found for organization.', warnings: { warning: [] } } },
      { email: 'nobody@example.com', item_status: { success: false, code: 1012, message: expect.any(String), warnings: { warning: [] } } },
    ]);
    const none = await v11('mobile=9000000001&external_id=NOPE');
    expect(none.response.status).toEqual({ success: false, code: 500, message: 'All requests failed due to errors.', total: 2, success_count: 0 });
    expect(none.response.customers.customer.map((c) => (c['item_status'] as { code: number }).code)).toEqual([1012, 1012]);
  });

  it('V11-3: each option flag adds its section; =false or absent adds nothing; a bare flag is true; gap_to_upgrade_for with mlp', async () => {
    const plain = (await v11(`id=${alice}`)).response.customers.customer[0] ?? {};
    for (const key of ['user_id', 'slab_history', 'points_summaries', 'expiry_schedule', 'expired_points', 'next_slab', 'loyalty_programs', 'programs_list', 'subscriptions']) {
      expect(plain, key).not.toHaveProperty(key);
    }
    const flags = 'user_id=true&slab_history=TRUE&points_summary=true&expiry_schedule=true&expired_points=true&next_slab=true&mlp=true&program_summary=true&subscriptions=true';
    const full = (await v11(`id=${alice}&${flags}&gap_to_upgrade_for=0&gap_to_renew_for=30`)).response.customers.customer[0] ?? {};
    expect(full).toMatchObject({
      user_id: alice,
      next_slab: 'Gold',
      next_slab_serial_number: 3,
      points_summaries: { points_summary: [{ program_id: 1016, loyalty_points: 1200 }, { program_id: 1223 }] },
      expiry_schedule: { schedule: [] },
      expired_points: { item: [{ program_id: 1016, points: 0 }, { program_id: 1223, points: 0 }] },
      loyalty_programs: [{ programId: 1016, gap_to_upgrade: 3800 }, { programId: 1223, gap_to_upgrade: 500 }],
      programs_list: [{ program_id: 1016, program_name: 'Nightly_ApiAutoDefaultProgram' }, { program_id: 1223, program_name: 'Partner' }],
      subscriptions: { subscription: expect.any(Array) },
      slab_history: { history: expect.any(Array) },
    });
    expect((await v11(`id=${alice}&mlp=false&user_id=false`)).response.customers.customer[0]).not.toHaveProperty('loyalty_programs');
    expect((await v11(`id=${alice}&user_id`)).response.customers.customer[0]).toMatchObject({ user_id: alice });
  });

  it('V11-4: a merge victim id answers its survivor with warning 91009', async () => {
    const survivor = await member();
    const victim = await member();
    await merged(survivor, victim);
    const item = (await v11(`id=${victim}&user_id=true`)).response.customers.customer[0];
    expect(item).toMatchObject({
      user_id: survivor,
      item_status: { success: true, code: 1000, warnings: { warning: [{ success: true, code: 91009, message: 'Retrieved survivor account for the requested merge victim.' }] } },
    });
  });

  it('V11-2 EMU-4: no identifier is 400; more than 100 values 400 (1060); format=xml, a flag that is not a boolean, a negative gap or a repeated id are 400 naming the parameter', async () => {
    expect(expectError(await get('/v1.1/customer/get?format=json'), 400, 400)).toMatch(/No identifier provided/);
    expectError(await get(`/v1.1/customer/get?id=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`), 400, 1060);
    const bad: [string, RegExp][] = [
      [`format=xml&id=${alice}`, /query\.format/],
      [`mlp=yes&id=${alice}`, /query\.mlp/],
      [`mlp=true&gap_to_upgrade_for=-1&id=${alice}`, /query\.gap_to_upgrade_for/],
      [`gap_to_renew_for=soon&id=${alice}`, /query\.gap_to_renew_for/],
      [`id=${alice}&id=${bob}`, /query\.id: given more than once/],
    ];
    for (const [query, message] of bad) expect(expectError(await get(`/v1.1/customer/get?${query}`), 400, 400), query).toMatch(message);
  });
});

describe('PII deletion: POST /_emulator/customers/{id}/deletePii', () => {
  it('PII-1 PII-2: afterwards v2 get is 404 (8015, the PII message), v1.1 answers the item 8015, writes are refused, and points, coupons and transfers stay readable', async () => {
    const email = 'forget.me@example.com';
    const id = await member([{ programId: 1016, loyaltyPoints: 50 }], { firstName: 'Forget', identifiers: [{ type: 'email', value: email }] });
    await ok('POST', '/_emulator/coupons', { customerId: id, series: OFFER });
    expect(await ok('POST', `/_emulator/customers/${id}/deletePii`)).toEqual({ success: true, customerId: id, warnings: [] });

    expect(expectError(await get(`/v2/customers/${id}?source=ALL`), 404, 8015)).toBe('Customer is deleted after PII delete request');
    const v11 = (await get(`/v1.1/customer/get?id=${id}`)).body as { response: { customers: { customer: unknown[] } } };
    expect(v11.response.customers.customer).toEqual([
      { id: String(id), item_status: { success: false, code: 8015, message: 'Customer is deleted after PII delete request', warnings: { warning: [] } } },
    ]);
    const body = { subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }] };
    expect(expectError(await server.call('POST', `/v2/customers/${id}/subscriptions`, { body }), 404, 8015)).toBe('Customer is deleted after PII delete request');
    expectError(await server.call('POST', '/_emulator/points', { body: { movement: 'issue', customerId: id, programId: 1016, points: 1 } }), 404, 8015);
    expectError(await server.call('POST', `/_emulator/customers/${id}/deletePii`), 404, 8015);

    expect((await get(`/v2/customers/${id}/loyaltyDetails`)).body).toMatchObject({ data: [{ loyaltyPoints: 50 }] });
    expect((await get(`/v2/customers/${id}/coupons`)).body).toMatchObject({ data: [{ description: OFFER.description }] });
    // Its former identifiers are free: the same email registers a new customer.
    const again = await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: email }]) });
    expect(again.status, again.text).toBe(200);
    expect((again.body as { createdId: number }).createdId).not.toBe(id);
  });

  it('PII-2 EMU-4: an unknown id is 404 (8015); a bad path id or a body that is not an object is 400', async () => {
    expectError(await server.call('POST', '/_emulator/customers/999999/deletePii'), 404, 8015);
    expect(expectError(await server.call('POST', '/_emulator/customers/abc/deletePii'), 400, 400)).toMatch(/path\.customerId/);
    const id = await member();
    expect(expectError(await server.call('POST', `/_emulator/customers/${id}/deletePii`, { body: [1] }), 400, 400)).toMatch(/body/);
    expect(expectError(await server.call('POST', `/_emulator/customers/${id}/deletePii`, { body: { customerId: id } }), 400, 400)).toMatch(/body/);
    expect((await get(`/v2/customers/${id}?source=ALL`)).status).toBe(200);
  });
});

describe('The loyalty routes keep the emulator contract', () => {
  const reads = ['loyaltyDetails', 'subscriptions', 'pointsTransfers', 'retroRequest', 'goodwillRequest', 'coupons'].map((p) => `/v2/customers/1/${p}`);
  const writes = [
    '/v2/customers/1/subscriptions',
    '/_emulator/points',
    '/_emulator/pointsTransfers',
    '/_emulator/goodwill',
    '/_emulator/goodwill/1/resolve',
    '/_emulator/coupons',
    '/_emulator/coupons/redeem',
    '/_emulator/customers/1/deletePii',
  ];

  it('EMU-1: every loyalty route without credentials is 401 with the standard error body', async () => {
    for (const path of [...reads, '/v1.1/customer/get?id=1']) expectError(await server.call('GET', path, { auth: null }), 401, 401);
    for (const path of writes) expectError(await server.call('POST', path, { auth: null, body: {} }), 401, 401);
  });

  it('EMU-1 ORG-5: the authenticated till is who raised a goodwill request, issued a coupon and made a change', async () => {
    const rr = basicHeader('rr.till', 'rr');
    const id = await member([{ programId: 1016 }]);
    await ok('POST', '/_emulator/goodwill', { customerId: id, goodwillType: 'POINTS', programId: 1016, points: 5 }, rr);
    await ok('POST', '/_emulator/coupons', { customerId: id, series: OFFER }, rr);
    expect((await get(`/v2/customers/${id}/goodwillRequest`)).body).toMatchObject({ data: [{ addedBy: { code: 'rr.till', type: 'TILL' }, updatedBy: { code: 'rr.till' } }] });
    expect((await get(`/v2/customers/${id}/coupons`)).body).toMatchObject({ data: [{ issuedBy: 'rr.till' }] });
    expect((await get(`/v2/customers/${id}/retroRequest?changeType=COUPON`)).body).toMatchObject({ data: [{ addedBy: { code: 'rr.till' } }] });
  });

  it('EMU-11: a till of another org can neither read nor change this org\'s loyalty state', async () => {
    const id = await member([{ programId: 1016, loyaltyPoints: 10 }]);
    for (const p of ['loyaltyDetails', 'subscriptions', 'pointsTransfers', 'retroRequest', 'goodwillRequest', 'coupons']) {
      expectError(await get(`/v2/customers/${id}/${p}`, OTHER), 404, 8015);
    }
    const other = (await get(`/v1.1/customer/get?id=${id}`, OTHER)).body;
    expect(other).toMatchObject({ response: { status: { code: 500 }, customers: { customer: [{ item_status: { code: 816 } }] } } });
    expectError(await server.call('POST', '/_emulator/points', { auth: OTHER, body: { movement: 'redeem', customerId: id, programId: 1016, points: 10 } }), 404, 8015);
    expectError(await server.call('POST', `/_emulator/customers/${id}/deletePii`, { auth: OTHER }), 404, 8015);
    expect((await get(`/v2/customers/${id}/loyaltyDetails`)).body).toMatchObject({ data: [{ loyaltyPoints: 10 }] });
  });

  it('EMU-8 EMU-10: each accepted loyalty write is one log line, in order, as the till; refused and failed writes log nothing', async () => {
    await ok('POST', '/_emulator/reset', undefined, AUTO);
    const id = await member([{ programId: 1016 }], { auth: AUTO });
    await ok('POST', '/_emulator/points', { movement: 'issue', customerId: id, programId: 1016, points: 10 }, AUTO);
    await server.call('POST', '/_emulator/points', { auth: AUTO, body: { movement: 'redeem', customerId: id, programId: 1016, points: 11 } });
    await ok('POST', `/v2/customers/${id}/subscriptions`, { subscriptions: [{ channel: 'SMS', priority: 'BULK', type: 'OPTOUT' }] }, AUTO);
    await server.call('POST', `/v2/customers/${id}/subscriptions`, { auth: AUTO, body: { subscriptions: [{ channel: 'FAX', priority: 'BULK', type: 'OPTOUT' }] } });
    await ok('POST', '/_emulator/coupons', { customerId: id, series: OFFER }, AUTO);
    await ok('POST', '/_emulator/goodwill', { customerId: id, goodwillType: 'POINTS', programId: 1016, points: 1 }, AUTO);
    await ok('POST', `/_emulator/customers/${id}/deletePii`, undefined, AUTO);
    const log = readLogText((await server.call('GET', '/_emulator/events', { auth: AUTO })).text);
    expect(log.ok).toBe(true);
    if (!log.ok) return;
    expect(log.entries.map((e) => e.command)).toEqual(['register', 'issuePoints', 'updateSubscriptions', 'issueCoupon', 'requestGoodwill', 'deletePii']);
    expect(log.entries.map((e) => e.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(log.entries.map((e) => e.till))).toEqual(new Set(['auto.till']));
  });

  it('EMU-8: with a data directory, the loyalty writes survive a restart: the replayed org answers the same reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'customer-graph-loyalty-'));
    try {
      const first = await createEmulator({ dataDir: dir, clock: () => START });
      const send = async (method: string, path: string, body?: unknown) => (await first.request({ method, path, till: 'demo.till', ...(body === undefined ? {} : { body }) })).status;
      expect(await send('POST', '/v2/customers?source=INSTORE', { ...(registerBody([{ type: 'email', value: 'kept@example.com' }]) as object), loyaltyProgramEnrollments: [{ programId: 1016 }] })).toBe(200);
      expect(await send('POST', '/_emulator/points', { movement: 'issue', customerId: 1, programId: 1016, points: 1500 })).toBe(200);
      expect(await send('POST', '/_emulator/coupons', { customerId: 1, series: OFFER })).toBe(200);
      expect(await send('POST', '/v2/customers/1/subscriptions', { subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }] })).toBe(200);
      expect(await send('POST', '/_emulator/goodwill', { customerId: 1, goodwillType: 'POINTS', programId: 1016, points: 5 })).toBe(200);
      const reads = ['loyaltyDetails', 'coupons', 'subscriptions', 'goodwillRequest', 'retroRequest'].map((p) => `/v2/customers/1/${p}`);
      const answers = async (e: typeof first) => Promise.all(reads.map(async (path) => (await e.request({ method: 'GET', path, till: 'demo.till' })).body));
      const before = await answers(first);
      await first.close();
      const second = await createEmulator({ dataDir: dir, clock: () => START });
      try {
        expect(await answers(second)).toEqual(before);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('EMU-5: hostile bodies at the loyalty writes and hostile queries at the reads get a 2xx or 4xx, never a stack', async () => {
    const hostile: unknown[] = [
      null,
      'text',
      [],
      { customerId: -1 },
      { customerId: 1e300, programId: 1016, movement: 'issue', points: 1e300 },
      { customerId: 1, programId: 1016, movement: 'issue', points: 5, expiresOn: '9999-12-31T23:59:59Z', purchase: 1e12 },
      { fromId: 1, toId: 2, programId: 1016, points: -5 },
      { customerId: 1, goodwillType: 'COUPON', series: { description: 'x', validTill: '2021-02-31T00:00:00Z' } },
      { customerId: 1, series: { description: '', validTill: '' } },
      { customerId: 1, couponCode: { $ne: '' } },
      { subscriptions: [null], scope: { scope: { scope: 'USER' } } },
      { subscriptions: [{ channel: '__proto__', priority: 'constructor', type: 'toString' }] },
    ];
    const check = (res: HttpAnswer) => {
      expect(res.status, res.text).toBeLessThan(500);
      expect(res.text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+|node_modules|Error:/);
    };
    const raw = [...hostile.map((b) => JSON.stringify(b)), '{"customerId":1,"decision":"APPROVED","__proto__":{"polluted":true}}', '{', `${'['.repeat(50_000)}${']'.repeat(50_000)}`];
    for (const path of writes) for (const text of raw) check(await server.call('POST', path, { raw: text, headers: { 'content-type': 'application/json' } }));
    const queries = [
      '/v2/customers/1/loyaltyDetails?programId=99999999999999999999',
      '/v2/customers/1/retroRequest?startDate=%00&changeType=__proto__',
      '/v2/customers/1/goodwillRequest?requestId=1e9&__proto__=1',
      `/v1.1/customer/get?id=${'9'.repeat(400)}&email=${'a'.repeat(5000)}`,
      '/v1.1/customer/get?id=%E0%A4%A&mobile=,,,,',
      '/v1.1/customer/get?email=__proto__,constructor&external_id=toString',
    ];
    for (const path of queries) check(await get(path));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('EMU-3: the loyalty codes 1010, 1013, 1060 and 1101 to 1106 are 400; v1.1 item codes 816 and 1012 are 404 where a v2 route answers them', () => {
    expect([1010, 1013, 1060, 1101, 1102, 1103, 1104, 1105, 1106].map(statusForCode)).toEqual(Array(9).fill(400));
    expect([816, 1012, 8015].map(statusForCode)).toEqual([404, 404, 404]);
  });

  it('EMU-14: every documented endpoint of the seeds and every setup endpoint is served; no route is left answering 501', async () => {
    expect(PENDING_ENDPOINTS).toEqual([]);
    const served = new Set(ROUTES.filter((r) => !r.summary.endsWith('(not implemented)')).map((r) => `${r.method} ${r.url}`));
    for (const endpoint of [
      'GET /v2/customers/:customerId/loyaltyDetails',
      'POST /v2/customers/:customerId/subscriptions',
      'GET /v2/customers/:customerId/subscriptions',
      'GET /v2/customers/:customerId/pointsTransfers',
      'GET /v2/customers/:customerId/retroRequest',
      'GET /v2/customers/:customerId/goodwillRequest',
      'GET /v2/customers/:customerId/coupons',
      'GET /v1.1/customer/get',
      'GET /_emulator/snapshot',
      'PUT /_emulator/snapshot',
    ]) {
      expect(served.has(endpoint), endpoint).toBe(true);
    }
    // The snapshot import is served: an empty body is a 400 naming what is missing, not a 501.
    expect(expectError(await server.call('PUT', '/_emulator/snapshot', { body: {} }), 400, 400)).toMatch(/body/);
  });
});
