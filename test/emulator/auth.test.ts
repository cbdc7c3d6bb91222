// Authentication by till (EMU-1) and org isolation (EMU-11), over HTTP against a real server.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG } from '../../src/index';
import { basicHeader } from '../../src/emulator';
import { expectError, registerBody, serve, type TestServer } from './support/http';

const ACME = basicHeader('acme.till', 'acme-secret');
const OTHER_ACME = basicHeader('acme.second', 'second-secret');

let server: TestServer;

beforeAll(async () => {
  server = await serve({
    orgs: [
      DEFAULT_ORG_CONFIG,
      {
        id: 'acme',
        tills: [
          { code: 'acme.till', password: 'acme-secret' },
          { code: 'acme.second', name: 'Second till', password: 'second-secret' },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await server.close();
});

const ENDPOINTS = [
  ['POST', '/v2/customers?source=INSTORE'],
  ['PUT', '/v2/customers/1?source=INSTORE'],
  ['POST', '/v2/customers/1/changeIdentifier?source=INSTORE'],
  ['GET', '/v2/customers/search?q=tom'],
  ['GET', '/v2/customers/lookup?source=ALL&identifierName=email&identifierValue=a@example.com'],
  ['GET', '/v2/customers/1?source=ALL'],
  ['POST', '/_emulator/reset'],
  ['GET', '/_emulator/events'],
  ['GET', '/v2/customers/1/coupons'],
] as const;

describe('EMU-1: HTTP Basic with a till code and password from the org configuration', () => {
  it.each(ENDPOINTS)('EMU-1: %s %s without credentials is 401 with the standard error body', async (method, path) => {
    const res = await server.call(method, path, { auth: null, body: method === 'GET' ? undefined : {} });
    expectError(res, 401, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it.each([
    ['a wrong password', basicHeader('demo.till', 'wrong')],
    ['an unknown till', basicHeader('nobody.till', 'demo')],
    ['another scheme', 'Bearer ZGVtby50aWxsOmRlbW8='],
    ['no password part', `Basic ${Buffer.from('demo.till').toString('base64')}`],
    ['garbage', 'Basic !!!'],
  ])('EMU-1: %s is 401', async (_what, auth) => {
    expectError(await server.call('GET', '/v2/customers/search?q=tom', { auth }), 401, 401);
  });

  it('EMU-1: the default org has the till demo.till with password demo; the MD5 of the password (as platform clients send it) works too', async () => {
    expect((await server.call('GET', '/v2/customers/search?q=tom')).status).toBe(200);
    const md5 = createHash('md5').update('demo').digest('hex');
    expect((await server.call('GET', '/v2/customers/search?q=tom', { auth: basicHeader('demo.till', md5) })).status).toBe(200);
  });

  it('EMU-1: a header accepted before is accepted again as the same till, and a wrong password for that till is still refused after it', async () => {
    for (let i = 0; i < 3; i++) expect((await server.call('GET', '/v2/customers/search?q=tom', { auth: ACME })).status).toBe(200);
    expectError(await server.call('GET', '/v2/customers/search?q=tom', { auth: basicHeader('acme.till', 'acme-secreT') }), 401, 401);
    expectError(await server.call('GET', '/v2/customers/search?q=tom', { auth: basicHeader('acme.second', 'acme-secret') }), 401, 401);
  });

  it('EMU-1 ORG-5: the authenticated till is the createdBy and modifiedBy of what it changes', async () => {
    const created = await server.call('POST', '/v2/customers?source=INSTORE', {
      auth: ACME,
      body: registerBody([{ type: 'email', value: 'till@example.com' }]),
    });
    const id = (created.body as { createdId: number }).createdId;
    const before = await server.call('GET', `/v2/customers/${id}?source=INSTORE`, { auth: ACME });
    expect(before.body).toMatchObject({
      profiles: [{ attribution: { createdBy: { code: 'acme.till' }, modifiedBy: { code: 'acme.till' } } }],
      loyaltyInfo: { attributionV2: { createdBy: { code: 'acme.till' } } },
    });
    await server.call('PUT', `/v2/customers/${id}?source=INSTORE`, { auth: OTHER_ACME, body: { profiles: [{ firstName: 'Becky' }] } });
    const after = await server.call('GET', `/v2/customers/${id}?source=INSTORE`, { auth: ACME });
    expect(after.body).toMatchObject({
      profiles: [{ firstName: 'Becky', attribution: { createdBy: { code: 'acme.till' }, modifiedBy: { code: 'acme.second', name: 'Second till' } } }],
    });
  });
});

describe('EMU-11: each org has its own tills and its own graph', () => {
  it('EMU-11: a customer registered by one org is invisible to another org, which can register the same identifier', async () => {
    const mine = await server.call('POST', '/v2/customers?source=INSTORE', {
      auth: ACME,
      body: registerBody([{ type: 'mobile', value: '919000000042' }]),
    });
    expect(mine.status).toBe(200);
    const id = (mine.body as { createdId: number }).createdId;
    const lookupPath = '/v2/customers/lookup?source=ALL&identifierName=mobile&identifierValue=919000000042';
    expect((await server.call('GET', lookupPath, { auth: ACME })).body).toEqual({ entity: id, warnings: [] });
    expectError(await server.call('GET', lookupPath), 404, 8015);
    expect(((await server.call('GET', '/v2/customers/search?q=919000000042')).body as { pagination: { total: number } }).pagination.total).toBe(0);
    // The default org's graph is separate: the same identifier registers there as a new customer.
    const theirs = await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '919000000042' }]) });
    expect(theirs.status).toBe(200);
    expect(server.emulator.graph('acme')?.customerCount).toBeGreaterThan(0);
  });

  it('EMU-11: one org cannot change or reset another org', async () => {
    const mine = await server.call('POST', '/v2/customers?source=INSTORE', {
      auth: ACME,
      body: registerBody([{ type: 'email', value: 'isolated@example.com' }]),
    });
    const id = (mine.body as { createdId: number }).createdId;
    const acmeCustomers = server.emulator.graph('acme')?.customerCount;
    // The default org's till addresses the same id: it reaches only its own org's customer of that id, if any.
    await server.call('PUT', `/v2/customers/${id}?source=INSTORE`, { body: { profiles: [{ firstName: 'Mallory' }] } });
    await server.call('POST', '/_emulator/reset');
    expect(server.emulator.graph('acme')?.customerCount).toBe(acmeCustomers);
    const still = await server.call('GET', `/v2/customers/${id}?source=INSTORE`, { auth: ACME });
    expect(still.body).toMatchObject({ profiles: [{ firstName: 'Tom' }] });
  });

  it('EMU-11: till codes must be unique across orgs, so a till always names one org', async () => {
    await expect(
      serve({ orgs: [DEFAULT_ORG_CONFIG, { id: 'copy', tills: [{ code: 'demo.till', password: 'x' }] }] }),
    ).rejects.toThrow(/demo\.till.*unique/);
  });

  it('EMU-11: a till code with a colon, which Basic credentials cannot carry, refuses the start naming the till', async () => {
    await expect(serve({ orgs: [{ id: 'colon', tills: [{ code: 'a:b', password: 'x' }] }] })).rejects.toThrow(/till a:b of org colon cannot log in/);
  });
});
