// EMU-26: the typed client, one method per route, against a listening emulator and an in-process fetch;
// refusals are ClientErrors with the documented code, and a request with no answer is status 0, code 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicHeader, createEmulator, ROUTES, startServer, type Emulator } from '../../src/emulator';
import { createClient, type Client } from '../../src/testing';
import { expectMatchesOpenApi } from '../emulator/support/openapi';

const AUTH = basicHeader('demo.till', 'demo');

/** A fetch that sends through `emulator.request`, without a socket. */
function inProcessFetch(emulator: Emulator): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const raw = typeof init?.body === 'string' ? init.body : undefined;
    const json = raw !== undefined && (headers['content-type'] ?? '').startsWith('application/json');
    const res = await emulator.request({ method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`, headers, ...(raw === undefined ? {} : { body: json ? (JSON.parse(raw) as unknown) : raw }) });
    expectMatchesOpenApi(init?.method ?? 'GET', url.pathname, res.status, res.body);
    return new Response(typeof res.body === 'string' ? res.body : JSON.stringify(res.body), { status: res.status, headers: res.headers });
  };
}

/** Drives every method once; answers the methods it called. */
async function everyMethod(client: Client, tag: string): Promise<Set<string>> {
  const called = new Set<string>();
  const must = <T>(name: string, r: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): unknown }): T => {
    called.add(name);
    expect(r.isOk(), `${name}: ${JSON.stringify(r.isOk() ? '' : r._unsafeUnwrapErr())}`).toBe(true);
    return r._unsafeUnwrap();
  };
  must('reset', await client.reset());
  const reg = (email: string) => ({ loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Tom', lastName: tag, identifiers: [{ type: 'email', value: email }] }], loyaltyProgramEnrollments: [{ programId: 1016, loyaltyPoints: 100 }] });
  const a = must('registerCustomer', await client.registerCustomer({ source: 'INSTORE' }, reg(`a.${tag}@example.com`))).createdId;
  const b = (await client.registerCustomer({ source: 'INSTORE' }, reg(`b.${tag}@example.com`)))._unsafeUnwrap().createdId;
  must('updateCustomer', await client.updateCustomer(a, { source: 'INSTORE' }, { profiles: [{ firstName: 'Thomas' }] }));
  must('changeIdentifiers', await client.changeIdentifiers(a, { source: 'INSTORE' }, { add: [{ type: 'externalId', value: `X-${tag}` }] }));
  expect(must('getCustomer', await client.getCustomer(a, { source: 'ALL', embed: 'points' })).profiles[0]?.firstName).toBe('Thomas');
  expect(must('lookup', await client.lookup({ source: 'INSTORE', identifierName: 'externalId', identifierValue: `X-${tag}` })).entity).toBe(a);
  must('search', await client.search({ q: 'tom', limit: 5 }));
  must('updateSubscriptions', await client.updateSubscriptions(a, { subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }] }));
  must('subscriptions', await client.subscriptions(a));
  expect(must('points', await client.points({ movement: 'issue', customerId: a, programId: 1016, points: 50 })).loyaltyPoints).toBe(150);
  must('transferPoints', await client.transferPoints({ fromId: a, toId: b, programId: 1016, points: 20 }));
  const series = { description: 'Ten off', couponType: 'DISC', discountCode: 'TEN', validTill: '2030-01-01T00:00:00Z' };
  const coupon = must('issueCoupon', await client.issueCoupon({ customerId: a, series })).coupon;
  must('redeemCoupon', await client.redeemCoupon({ customerId: a, couponCode: coupon.couponCode }));
  const request = must('requestGoodwill', await client.requestGoodwill({ customerId: a, goodwillType: 'POINTS', programId: 1016, points: 5 })).request;
  must('resolveGoodwill', await client.resolveGoodwill(request.id, { customerId: a, decision: 'REJECTED' }));
  expect(must('loyaltyDetails', await client.loyaltyDetails(a, { programId: 1016 })).data[0]?.loyaltyPoints).toBe(130);
  must('pointsTransfers', await client.pointsTransfers(a));
  must('coupons', await client.coupons(a));
  must('changeRequests', await client.changeRequests(a, { limit: 10 }));
  must('goodwillRequests', await client.goodwillRequests(a));
  must('v11Get', await client.v11Get({ id: `${a},${b}`, points_summary: true }));
  must('org', await client.org());
  const { now } = must('clock', await client.clock());
  expect(must('moveClock', await client.moveClock({ advance: 'P1D' })).clock).not.toBe(now);
  const log = must('exportEvents', await client.exportEvents());
  const snapshot = must('exportSnapshot', await client.exportSnapshot());
  must('merge', await client.merge({ survivorId: a, victimId: b }));
  expect(must('provenance', await client.provenance(b)).path).toEqual([b, a]);
  expect(must('unmerge', await client.unmerge({ victimId: b, reason: 'a test' })).survivorId).toBe(a);
  must('deletePii', await client.deletePii(a));
  must('importSnapshot', await client.importSnapshot(snapshot));
  expect(must('importEvents', await client.importEvents(log)).customers).toBe(2);
  expect(must('openApi', await client.openApi()).openapi).toBe('3.1.0');
  const refused = await client.getCustomer(999_999, { source: 'ALL' });
  expect(refused._unsafeUnwrapErr()).toMatchObject({ status: 404, code: 8015 });
  expect(refused._unsafeUnwrapErr().errors).toHaveLength(1);
  return called;
}

let server: Emulator;
let local: Emulator;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', warn: () => undefined, log: () => undefined });
  local = await createEmulator({ warn: () => undefined, log: () => undefined });
});
afterAll(async () => {
  await server.close();
  await local.close();
});

describe('EMU-26 the typed client', () => {
  it('EMU-26 has one method per route and every method answers ok over HTTP (startServer)', async () => {
    const called = await everyMethod(createClient({ baseUrl: server.url ?? '', authorization: AUTH }), 'http');
    expect(called.size).toBe(ROUTES.length + 1); // and the OpenAPI document, a control route
  });

  it('EMU-26 works through an in-process fetch, every answer conforming to the OpenAPI document', async () => {
    const called = await everyMethod(createClient({ baseUrl: 'http://emulator.local', fetch: inProcessFetch(local), authorization: AUTH }), 'local');
    expect(called.size).toBe(ROUTES.length + 1); // and the OpenAPI document, a control route
  });

  it('EMU-26 a refusal carries status, the documented code, the message and every error', async () => {
    const client = createClient({ baseUrl: server.url ?? '', authorization: AUTH });
    const bad = await client.search({ q: 'x', limit: 0 });
    expect(bad._unsafeUnwrapErr()).toMatchObject({ status: 400, code: 400 });
    const denied = await createClient({ baseUrl: server.url ?? '', authorization: basicHeader('demo.till', 'wrong') }).org();
    expect(denied._unsafeUnwrapErr().status).toBe(401);
    expect(denied._unsafeUnwrapErr().message).not.toBe('');
  });

  it('EMU-26 never throws: a request with no answer is status 0 and code 0', async () => {
    const refused = await createClient({ baseUrl: 'http://127.0.0.1:1', authorization: AUTH }).org();
    expect(refused._unsafeUnwrapErr()).toMatchObject({ status: 0, code: 0, errors: [] });
    const throwing = createClient({ authorization: AUTH, fetch: () => Promise.reject(new Error('offline')) });
    expect((await throwing.reset())._unsafeUnwrapErr()).toEqual({ status: 0, code: 0, message: 'no answer: offline', errors: [] });
  });
});
