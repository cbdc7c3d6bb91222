// EMU-25: the OpenAPI 3.1 document is generated from the route table and the zod schemas; every answer of a
// broad scenario, successes and refusals, conforms to it (ajv, draft 2020-12).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_ROUTES, createEmulator, documentedRoutes, openApiDocument, openApiPath, ROUTES, type Emulator, type EmulatorRequest } from '../../src/emulator';
import { expectMatchesOpenApi, openApiProblems } from './support/openapi';
import { CHANGE_IDENTIFIER_SAMPLE, REGISTER_SAMPLE, UPDATE_SAMPLE, UPDATE_SUBSCRIPTIONS_SAMPLE } from '../support/seed-samples';

let emulator: Emulator;
let checked = 0;

/** Sends a request as demo.till and checks its answer against the document. */
async function send(method: string, path: string, extra: Omit<EmulatorRequest, 'method' | 'path'> = {}): Promise<{ status: number; body: unknown }> {
  const res = await emulator.request({ method, path, till: 'demo.till', ...extra });
  expectMatchesOpenApi(method, path, res.status, res.body);
  checked += 1;
  return res;
}

async function member(email: string): Promise<number> {
  const res = await send('POST', '/v2/customers?source=INSTORE', {
    body: {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [{ firstName: 'Tom', lastName: 'Sawyer', identifiers: [{ type: 'email', value: email }, { type: 'mobile', value: `91${String(9_000_000_000 + email.length)}` }] }],
      loyaltyProgramEnrollments: [{ programId: 1016, loyaltyPoints: 100 }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { createdId: number }).createdId;
}

beforeAll(async () => {
  emulator = await createEmulator({ warn: () => undefined, log: () => undefined });
});
afterAll(async () => {
  await emulator.close();
});

describe('EMU-25 the OpenAPI document', () => {
  it('EMU-25 EMU-21: GET /_emulator/openapi.json needs no credentials, and the document marks it and the health check as public', async () => {
    const emulator = await createEmulator();
    const res = await emulator.request({ method: 'GET', path: '/_emulator/openapi.json' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(openApiDocument().paths['/_emulator/health']?.['get']?.security).toEqual([]);
    expect(openApiDocument().paths['/v2/customers']?.['post']?.security).toBeUndefined();
    await emulator.close();
  });

  it('EMU-25 is OpenAPI 3.1 with every route of the table, each operation with 200, 4XX and 5XX answers', () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.components.securitySchemes['basicAuth']).toEqual({ type: 'http', scheme: 'basic' });
    for (const route of documentedRoutes()) {
      const op = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      expect(Object.keys(op?.responses ?? {}).sort()).toEqual([String(route.doc?.status ?? 200), '4XX', '5XX']);
      expect(route.doc?.response, `${route.method} ${route.url} documents its 200`).toBeDefined();
      for (const name of route.url.match(/:[A-Za-z]+/g) ?? []) expect(op?.parameters.some((p) => p.in === 'path' && p.name === name.slice(1))).toBe(true);
    }
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    expect(operations).toHaveLength(documentedRoutes().length + CONTROL_ROUTES.length);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(documentedRoutes().length + CONTROL_ROUTES.length);
  });

  it('EMU-25 documents required query parameters and bodies from the zod schemas', () => {
    const register = openApiDocument().paths['/v2/customers']?.['post'];
    expect(register?.parameters.find((p) => p.name === 'source')?.required).toBe(true);
    expect(register?.parameters.find((p) => p.name === 'accountId')?.required).toBe(false);
    expect(register?.requestBody?.required).toBe(true);
    expect(openApiDocument().paths['/_emulator/customers/{customerId}/deletePii']?.['post']?.requestBody?.required).toBe(false);
  });

  it('EMU-25 serves the document at GET /_emulator/openapi.json', async () => {
    const res = await send('GET', '/_emulator/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('EMU-25 every answer of a broad scenario conforms to the document, successes and refusals', async () => {
    const a = await member('openapi.a@example.com');
    const b = await member('openapi.bb@example.com');
    await send('POST', REGISTER_SAMPLE.path, { body: REGISTER_SAMPLE.body });
    await send('PUT', `/v2/customers/${a}?source=INSTORE`, { body: { profiles: [{ firstName: 'Thomas' }] } });
    await send('PUT', UPDATE_SAMPLE.path, { body: UPDATE_SAMPLE.body });
    await send('POST', `/v2/customers/${a}/changeIdentifier?source=INSTORE`, { body: { add: [{ type: 'externalId', value: 'EXT-A' }] } });
    await send('POST', CHANGE_IDENTIFIER_SAMPLE.path, { body: CHANGE_IDENTIFIER_SAMPLE.body });
    for (const embed of ['', '&embed=points,subscriptions,mlp']) await send('GET', `/v2/customers/${a}?source=ALL${embed}`);
    await send('GET', `/v2/customers/${a}?source=INSTORE&embed=nope`);
    await send('GET', '/v2/customers/lookup?source=INSTORE&identifierName=email&identifierValue=openapi.a@example.com');
    await send('GET', '/v2/customers/lookup?source=INSTORE&identifierName=email&identifierValue=nobody@example.com');
    await send('GET', '/v2/customers/search?q=tom&limit=5');
    await send('GET', '/v2/customers/search?limit=0&q=x');
    await send('POST', `/v2/customers/${a}/subscriptions`, { body: UPDATE_SUBSCRIPTIONS_SAMPLE.body });
    await send('GET', `/v2/customers/${a}/subscriptions`);
    await send('POST', '/_emulator/points', { body: { movement: 'issue', customerId: a, programId: 1016, points: 50, purchase: 500 } });
    await send('POST', '/_emulator/points', { body: { movement: 'redeem', customerId: a, programId: 1016, points: 10_000 } });
    await send('POST', '/_emulator/pointsTransfers', { body: { fromId: a, toId: b, programId: 1016, points: 20, notes: 'gift' } });
    const coupon = await send('POST', '/_emulator/coupons', { body: { customerId: a, series: { description: 'Ten off', couponType: 'DISC', discountCode: 'TEN', validTill: '2030-01-01T00:00:00Z' } } });
    const code = (coupon.body as { coupon?: { couponCode?: string } }).coupon?.couponCode ?? '';
    await send('POST', '/_emulator/coupons/redeem', { body: { customerId: a, couponCode: code } });
    const goodwill = await send('POST', '/_emulator/goodwill', { body: { customerId: a, goodwillType: 'POINTS', programId: 1016, points: 5, reason: 'sorry' } });
    const requestId = (goodwill.body as { request?: { id?: number } }).request?.id ?? 0;
    await send('POST', `/_emulator/goodwill/${requestId}/resolve`, { body: { customerId: a, decision: 'APPROVED' } });
    await send('GET', `/v2/customers/${a}/loyaltyDetails`);
    await send('GET', `/v2/customers/${a}/loyaltyDetails?programId=1016`);
    await send('GET', `/v2/customers/${a}/pointsTransfers`);
    await send('GET', `/v2/customers/${b}/pointsTransfers`);
    await send('GET', `/v2/customers/${a}/coupons`);
    await send('GET', `/v2/customers/${a}/retroRequest?limit=50`);
    await send('GET', `/v2/customers/${a}/retroRequest?changeType=BOGUS`);
    await send('GET', `/v2/customers/${a}/goodwillRequest`);
    await send('GET', `/v1.1/customer/get?id=${a},${b},999999&format=json&points_summary=true&subscriptions&slab_history=true`);
    await send('GET', '/v1.1/customer/get?email=openapi.a@example.com,none@example.com&mlp=true&next_slab=true&user_id=true');
    await send('GET', '/v1.1/customer/get');
    await send('GET', '/_emulator/org');
    const exported = await send('GET', '/_emulator/events');
    const snapshot = await send('GET', '/_emulator/snapshot');
    await send('POST', '/_emulator/merge', { body: { survivorId: a, victimId: b } });
    await send('GET', `/v2/customers/${b}?source=ALL`);
    await send('POST', `/_emulator/customers/${a}/deletePii`, {});
    await send('GET', `/v2/customers/${a}?source=ALL`);
    await send('GET', '/v2/customers/12x?source=ALL');
    const anonymous = await emulator.request({ method: 'GET', path: '/v2/customers/1?source=INSTORE' });
    expect(anonymous.status).toBe(401);
    expectMatchesOpenApi('GET', '/v2/customers/1?source=INSTORE', anonymous.status, anonymous.body);
    await send('PUT', '/_emulator/snapshot', { body: snapshot.body });
    await send('PUT', '/_emulator/events', { body: String(exported.body), headers: { 'content-type': 'application/x-ndjson' } });
    await send('PUT', '/_emulator/events', { body: 'not a log line', headers: { 'content-type': 'application/x-ndjson' } });
    await send('POST', '/_emulator/reset');
    expect(checked).toBeGreaterThanOrEqual(45);
  });

  it('EMU-25 the check refuses an answer that the document does not allow', () => {
    expect(openApiProblems('GET', '/v2/customers/lookup', 200, { entity: 'one', warnings: [] })).not.toEqual([]);
    expect(openApiProblems('GET', '/v2/customers/lookup', 200, { entity: 1, warnings: [], extra: true })).not.toEqual([]);
    expect(openApiProblems('GET', '/v2/customers/7', 404, { errors: [], warnings: [] })).not.toEqual([]);
    expect(openApiProblems('GET', '/v2/customers/7', 404, { errors: [{ status: false, code: 8015, message: 'gone' }], warnings: [] })).toEqual([]);
  });
});
