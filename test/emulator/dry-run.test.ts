// Dry runs (EMU-30, EMU-31): every write that commits a command answers, with `dryRun=true`, what the real
// request would answer plus the events it would log, and changes nothing: not the graph, not the event log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { documentedRoutes, openApiDocument, openApiPath } from '../../src/emulator/http/openapi';
import { createClient } from '../../src/testing';
import { DEMO_AUTH, expectError, FIXED_AT, serve, type HttpAnswer, type TestServer } from './support/http';

let server: TestServer;

beforeAll(async () => {
  server = await serve({ clock: () => FIXED_AT });
});

afterAll(async () => {
  await server.close();
});

/** What the fixture made: Ann (1, INSTORE) and Bea (2, WEBSITE), both in program 1016; a pending goodwill request and a coupon of Ann's; Dee merged into Cal. */
interface Fixture {
  readonly ann: number;
  readonly bea: number;
  readonly dee: number;
  readonly goodwillId: number;
  readonly couponCode: string;
}

const OFFER = { description: 'Test Offer 20', validTill: '2120-02-11T23:59:59Z' };

async function written(method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await server.call(method, path, { body });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, unknown>;
}

function member(firstName: string, identifier: { type: string; value: string }): unknown {
  return {
    loyaltyInfo: { loyaltyType: 'loyalty' },
    profiles: [{ firstName, lastName: 'Test', identifiers: [identifier] }],
    loyaltyProgramEnrollments: [{ programId: 1016, loyaltyPoints: 100 }],
  };
}

let fixture: Fixture;

beforeEach(async () => {
  await written('POST', '/_emulator/reset', undefined);
  const ann = (await written('POST', '/v2/customers?source=INSTORE', member('Ann', { type: 'mobile', value: '919100000001' })))['createdId'] as number;
  const bea = (await written('POST', '/v2/customers?source=WEBSITE', member('Bea', { type: 'email', value: 'bea@example.com' })))['createdId'] as number;
  const goodwill = await written('POST', '/_emulator/goodwill', { customerId: ann, goodwillType: 'POINTS', programId: 1016, points: 40 });
  const coupon = await written('POST', '/_emulator/coupons', { customerId: ann, series: OFFER });
  const cal = (await written('POST', '/v2/customers?source=INSTORE', member('Cal', { type: 'email', value: 'cal@example.com' })))['createdId'] as number;
  const dee = (await written('POST', '/v2/customers?source=INSTORE', member('Dee', { type: 'email', value: 'dee@example.com' })))['createdId'] as number;
  await written('POST', '/_emulator/merge', { survivorId: cal, victimId: dee });
  fixture = { ann, bea, dee, goodwillId: (goodwill['request'] as { id: number }).id, couponCode: (coupon['coupon'] as { couponCode: string }).couponCode };
});

/** One write: its route, and a request that succeeds and one that is refused, on the fixture. */
interface WriteCase {
  readonly route: string;
  readonly ok: (f: Fixture) => { readonly path: string; readonly body?: unknown };
  readonly refused: (f: Fixture) => { readonly path: string; readonly body?: unknown; readonly status: number; readonly code: number };
}

const WRITES: readonly WriteCase[] = [
  {
    route: 'POST /v2/customers',
    ok: () => ({ path: '/v2/customers?source=INSTORE', body: member('Cid', { type: 'email', value: 'cid@example.com' }) }),
    refused: () => ({ path: '/v2/customers?source=INSTORE', body: member('Dup', { type: 'mobile', value: '919100000001' }), status: 409, code: 1014 }),
  },
  {
    route: 'PUT /v2/customers/:customerId',
    ok: (f) => ({ path: `/v2/customers/${f.ann}?source=INSTORE`, body: { profiles: [{ firstName: 'Anne' }] } }),
    refused: () => ({ path: '/v2/customers/999?source=INSTORE', body: { profiles: [{ firstName: 'Nobody' }] }, status: 404, code: 8015 }),
  },
  {
    // Bea takes Ann's mobile: an identifier added and a merge, two events.
    route: 'POST /v2/customers/:customerId/changeIdentifier',
    ok: (f) => ({ path: `/v2/customers/${f.bea}/changeIdentifier?source=WEBSITE`, body: { add: [{ type: 'mobile', value: '919100000001' }] } }),
    refused: () => ({ path: '/v2/customers/999/changeIdentifier?source=WEBSITE', body: { add: [{ type: 'email', value: 'x@example.com' }] }, status: 404, code: 8009 }),
  },
  {
    route: 'POST /v2/customers/:customerId/subscriptions',
    ok: (f) => ({ path: `/v2/customers/${f.ann}/subscriptions`, body: { subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }] } }),
    refused: (f) => ({ path: `/v2/customers/${f.ann}/subscriptions`, body: { subscriptions: [{ channel: 'PIGEON', priority: 'BULK', type: 'OPTOUT' }] }, status: 400, code: 1101 }),
  },
  {
    route: 'POST /_emulator/merge',
    ok: (f) => ({ path: '/_emulator/merge', body: { survivorId: f.ann, victimId: f.bea } }),
    refused: (f) => ({ path: '/_emulator/merge', body: { survivorId: f.ann, victimId: 999 }, status: 404, code: 8015 }),
  },
  {
    route: 'POST /_emulator/points',
    ok: (f) => ({ path: '/_emulator/points', body: { movement: 'issue', customerId: f.ann, programId: 1016, points: 50 } }),
    refused: (f) => ({ path: '/_emulator/points', body: { movement: 'redeem', customerId: f.ann, programId: 1016, points: 5000 }, status: 400, code: 1010 }),
  },
  {
    route: 'POST /_emulator/pointsTransfers',
    ok: (f) => ({ path: '/_emulator/pointsTransfers', body: { fromId: f.ann, toId: f.bea, programId: 1016, points: 15 } }),
    refused: (f) => ({ path: '/_emulator/pointsTransfers', body: { fromId: f.ann, toId: f.bea, programId: 1016, points: 5000 }, status: 400, code: 1010 }),
  },
  {
    route: 'POST /_emulator/goodwill',
    ok: (f) => ({ path: '/_emulator/goodwill', body: { customerId: f.bea, goodwillType: 'POINTS', programId: 1016, points: 10 } }),
    refused: () => ({ path: '/_emulator/goodwill', body: { customerId: 999, goodwillType: 'POINTS', programId: 1016, points: 10 }, status: 404, code: 8015 }),
  },
  {
    route: 'POST /_emulator/goodwill/:requestId/resolve',
    ok: (f) => ({ path: `/_emulator/goodwill/${f.goodwillId}/resolve`, body: { customerId: f.ann, decision: 'APPROVED' } }),
    refused: () => ({ path: '/_emulator/goodwill/999/resolve', body: { customerId: 999, decision: 'APPROVED' }, status: 404, code: 8015 }),
  },
  {
    route: 'POST /_emulator/coupons',
    ok: (f) => ({ path: '/_emulator/coupons', body: { customerId: f.bea, series: OFFER } }),
    refused: () => ({ path: '/_emulator/coupons', body: { customerId: 999, series: OFFER }, status: 404, code: 8015 }),
  },
  {
    route: 'POST /_emulator/coupons/redeem',
    ok: (f) => ({ path: '/_emulator/coupons/redeem', body: { customerId: f.ann, couponCode: f.couponCode } }),
    refused: () => ({ path: '/_emulator/coupons/redeem', body: { customerId: 999, couponCode: 'NOPE' }, status: 404, code: 8015 }),
  },
  {
    route: 'POST /_emulator/customers/:customerId/deletePii',
    ok: (f) => ({ path: `/_emulator/customers/${f.ann}/deletePii` }),
    refused: () => ({ path: '/_emulator/customers/999/deletePii', status: 404, code: 8015 }),
  },
  {
    route: 'POST /_emulator/unmerge',
    ok: (f) => ({ path: '/_emulator/unmerge', body: { victimId: f.dee, reason: 'a test' } }),
    refused: (f) => ({ path: '/_emulator/unmerge', body: { victimId: f.ann }, status: 409, code: 9031 }),
  },
  {
    route: 'POST /_emulator/clock',
    ok: () => ({ path: '/_emulator/clock', body: { advance: 'P1D' } }),
    refused: () => ({ path: '/_emulator/clock', body: { set: '2000-01-01T00:00:00Z' }, status: 400, code: 400 }),
  },
];

/** The writes that commit no command, and why they take no dry run (EMU-31). */
const NO_DRY_RUN: Readonly<Record<string, string>> = {
  'POST /_emulator/reset': 'replaces the whole state, no command',
  'PUT /_emulator/events': 'replaces the log, no command',
  'PUT /_emulator/snapshot': 'replaces the graph, no command',
  'POST /_emulator/faults': 'a fault rule of the emulator, not the graph',
};

const withQuery = (path: string, query: string): string => `${path}${path.includes('?') ? '&' : '?'}${query}`;

/** Everything a dry run must leave as it was: the log, the whole graph, and two customers read through the API. */
async function state(f: Fixture): Promise<readonly string[]> {
  const reads = [
    '/_emulator/events',
    '/_emulator/snapshot',
    `/v2/customers/${f.ann}?source=INSTORE`,
    `/v2/customers/${f.bea}?source=WEBSITE`,
    `/v2/customers/${f.ann}/loyaltyDetails`,
    `/v2/customers/${f.ann}/retroRequest`,
    `/v2/customers/${f.ann}/coupons`,
    `/v2/customers/${f.bea}/goodwillRequest`,
    `/_emulator/customers/${f.dee}/provenance`,
  ];
  return Promise.all(reads.map(async (path) => `${path} ${(await server.call('GET', path)).text}`));
}

function withoutDryRun(answer: HttpAnswer): unknown {
  if (typeof answer.body !== 'object' || answer.body === null) return answer.body;
  const { dryRun: _dropped, ...rest } = answer.body as Record<string, unknown>;
  return rest;
}

/** The events the log gained between two exports. */
function loggedSince(before: string, after: string): unknown[] {
  const lines = after.slice(before.length).split('\n').filter((l) => l.trim() !== '');
  return lines.flatMap((l) => (JSON.parse(l) as { events: unknown[] }).events);
}

async function exported(): Promise<string> {
  return (await server.call('GET', '/_emulator/events')).text;
}

describe('EMU-30: dryRun=true on every write that commits a command', () => {
  it('EMU-30: the table below covers exactly the routes that take dryRun; every other POST or PUT is a listed write without a command (EMU-31)', () => {
    const writes = documentedRoutes().filter((r) => r.method === 'POST' || r.method === 'PUT');
    const dry = writes.filter((r) => r.dryRun === true).map((r) => `${r.method} ${r.url}`);
    const others = writes.filter((r) => r.dryRun !== true).map((r) => `${r.method} ${r.url}`);
    expect(dry.length).toBeGreaterThan(0);
    expect(new Set(WRITES.map((w) => w.route))).toEqual(new Set(dry));
    expect(new Set(others)).toEqual(new Set(Object.keys(NO_DRY_RUN)));
  });

  it('EMU-30: the OpenAPI document gives those routes, and only those, the dryRun parameter and the optional dryRun field of the answer', () => {
    const doc = openApiDocument();
    for (const route of documentedRoutes()) {
      const op = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      const takes = op?.parameters.some((p) => p.name === 'dryRun' && p.in === 'query' && !p.required) === true;
      const ok = op?.responses[String(route.doc?.status ?? 200)]?.content;
      const field = Object.values(ok ?? {})[0]?.schema['properties'] as Record<string, unknown> | undefined;
      expect({ route: `${route.method} ${route.url}`, takes, field: field?.['dryRun'] !== undefined }).toEqual({ route: `${route.method} ${route.url}`, takes: route.dryRun === true, field: route.dryRun === true });
    }
  });

  for (const write of WRITES) {
    const [method = 'POST'] = write.route.split(' ');
    it(`EMU-30: ${write.route} with dryRun=true answers what the request answers, plus its events, and changes nothing`, async () => {
      const f = fixture;
      const { path, body } = write.ok(f);
      const before = await state(f);
      const logBefore = await exported();
      const dry = await server.call(method, withQuery(path, 'dryRun=true'), body === undefined ? {} : { body });
      expect(dry.status, dry.text).toBe(200);
      const events = (dry.body as { dryRun: { events: unknown[] } }).dryRun.events;
      expect(events.length).toBeGreaterThan(0);
      expect(await state(f)).toEqual(before);

      const real = await server.call(method, path, body === undefined ? {} : { body });
      expect(real.status, real.text).toBe(200);
      expect(real.body).not.toHaveProperty('dryRun');
      expect(withoutDryRun(dry)).toEqual(real.body);
      expect(loggedSince(logBefore, await exported())).toEqual(events);
    });

    it(`EMU-30: ${write.route} refused on a dry run is the same error body as the request's, and changes nothing`, async () => {
      const f = fixture;
      const { path, body, status, code } = write.refused(f);
      const before = await state(f);
      const dry = await server.call(method, withQuery(path, 'dryRun=true'), body === undefined ? {} : { body });
      expectError(dry, status, code);
      expect(await state(f)).toEqual(before);
      const real = await server.call(method, path, body === undefined ? {} : { body });
      expect(dry.body).toEqual(real.body);
      expect(dry.status).toBe(real.status);
    });
  }

  it('EMU-30: dryRun=false (any case) is the real request; any other value is 400 naming query.dryRun, before anything is decided', async () => {
    const f = fixture;
    const off = await server.call('POST', '/_emulator/points?dryRun=FALSE', { body: { movement: 'issue', customerId: f.ann, programId: 1016, points: 5 } });
    expect(off.status, off.text).toBe(200);
    expect(off.body).not.toHaveProperty('dryRun');
    expect(off.body).toMatchObject({ loyaltyPoints: 105 });
    const before = await state(f);
    for (const value of ['yes', '1', '']) {
      const bad = await server.call('POST', `/_emulator/points?dryRun=${value}`, { body: { movement: 'issue', customerId: f.ann, programId: 1016, points: 5 } });
      expect(expectError(bad, 400, 400), value).toMatch(/query\.dryRun/);
    }
    expect(expectError(await server.call('POST', '/_emulator/points?dryRun=true&dryRun=true', { body: {} }), 400, 400)).toMatch(/query\.dryRun: given more than once/);
    expect(await state(f)).toEqual(before);
  });

  it('EMU-30: a dry run of a command that changes nothing answers its response with no events', async () => {
    const f = fixture;
    const body = { subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' }] };
    const dry = await server.call('POST', `/v2/customers/${f.ann}/subscriptions?dryRun=true`, { body });
    const real = await server.call('POST', `/v2/customers/${f.ann}/subscriptions`, { body });
    expect(withoutDryRun(dry)).toEqual(real.body);
    expect((dry.body as { dryRun: { events: unknown[] } }).dryRun.events).toEqual(expect.any(Array));
  });
});

describe('EMU-30: the typed client takes dryRun on its write methods (EMU-26)', () => {
  it('EMU-30: `{ dryRun: true }` answers the response with the events and changes nothing; without it the write is the plain request', async () => {
    const f = fixture;
    const client = createClient({ baseUrl: server.url, authorization: DEMO_AUTH });
    const before = await state(f);
    const dry = await client.points({ movement: 'issue', customerId: f.ann, programId: 1016, points: 7 }, { dryRun: true });
    expect(dry.isOk() && dry.value.dryRun?.events.map((e) => e.kind)).toEqual(['PointsMoved']);
    const registered = await client.registerCustomer({ source: 'INSTORE' }, { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Dry', identifiers: [{ type: 'email', value: 'dry@example.com' }] }] }, { dryRun: true });
    expect(registered.isOk() ? registered.value.dryRun?.events.map((e) => e.kind) : registered.error).toEqual(['CustomerRegistered']);
    const refused = await client.deletePii(999, { dryRun: true });
    expect(refused.isErr() && refused.error.code).toBe(8015);
    expect(await state(f)).toEqual(before);
    const real = await client.points({ movement: 'issue', customerId: f.ann, programId: 1016, points: 7 });
    expect(real.isOk() && real.value).toMatchObject({ loyaltyPoints: 107 });
    expect(real.isOk() && 'dryRun' in real.value).toBe(false);
  });
});

describe('EMU-31: a write without a command has no dry run', () => {
  it('EMU-31: dryRun=true on reset, the imports, a fault rule, a run-time org or a journal clear is 400 naming query.dryRun and does nothing; reads ignore dryRun', async () => {
    const f = fixture;
    const before = await state(f);
    expect(expectError(await server.call('POST', '/_emulator/reset?dryRun=true'), 400, 400)).toMatch(/query\.dryRun: this endpoint has no dry run/);
    expect(expectError(await server.call('PUT', '/_emulator/snapshot?dryRun=true', { body: {} }), 400, 400)).toMatch(/query\.dryRun/);
    expect(expectError(await server.call('PUT', '/_emulator/events?dryRun=true', { body: [] }), 400, 400)).toMatch(/query\.dryRun/);
    expect(expectError(await server.call('POST', '/_emulator/faults?dryRun=true', { body: { path: '/x', status: 500 } }), 400, 400)).toMatch(/query\.dryRun/);
    expect((await server.call('GET', '/_emulator/faults')).body).toMatchObject({ count: 0 });
    // The run-time orgs (demo.till is the admin while the default org runs alone) and the journal's clear too.
    const orgs = ((await server.call('GET', '/_emulator/orgs')).body as { orgs: unknown[] }).orgs.length;
    expect(expectError(await server.call('POST', '/_emulator/orgs?dryRun=true'), 400, 400)).toMatch(/query\.dryRun/);
    expect(((await server.call('GET', '/_emulator/orgs')).body as { orgs: unknown[] }).orgs).toHaveLength(orgs);
    expect(expectError(await server.call('DELETE', '/_emulator/requests?dryRun=true'), 400, 400)).toMatch(/query\.dryRun/);
    expect(await state(f)).toEqual(before);
    const read = await server.call('GET', `/v2/customers/${f.ann}?source=INSTORE&dryRun=true`);
    expect(read.status, read.text).toBe(200);
    // The reset without dryRun still resets.
    expect((await server.call('POST', '/_emulator/reset?dryRun=false')).status).toBe(200);
  });
});
