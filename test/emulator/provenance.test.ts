// Provenance over HTTP (PRV-5): GET /_emulator/customers/{customerId}/provenance answers the library's
// provenance, a victim's id its survivor's with the path, 404 for an unknown id; every answer is checked
// against the OpenAPI document (EMU-25). The over-merging bounds answer 409 (EMU-3, MRG-22, MRG-23).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG } from '../../src/index';
import { basicHeader } from '../../src/emulator';
import { expectError, registerBody, serve, type TestServer } from './support/http';

const SMALL = basicHeader('small.till', 'small');
let server: TestServer;

beforeAll(async () => {
  server = await serve({
    clock: () => '2024-05-01T10:00:00Z',
    orgs: [DEFAULT_ORG_CONFIG, { ...DEFAULT_ORG_CONFIG, id: 'small', tills: [{ code: 'small.till', password: 'small' }], limits: { maxIdentifiersPerCustomer: 2, maxMergesInto: 1 } }],
  });
});

afterAll(async () => {
  await server.close();
});

describe('PRV-5: the provenance endpoint', () => {
  it('PRV-5: after an auto-merge through changeIdentifier, the victim answers the survivor\'s provenance with the path, naming the merge and its cause', async () => {
    const a = (await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'prv.a@example.com' }]) })).body as { createdId: number };
    const b = (await server.call('POST', '/v2/customers?source=WEBSITE', { body: registerBody([{ type: 'externalId', value: 'prv-b' }]) })).body as { createdId: number };
    const merged = await server.call('POST', `/v2/customers/${b.createdId}/changeIdentifier?source=WEBSITE`, { body: { add: [{ type: 'email', value: 'prv.a@example.com' }] } });
    expect(merged.status, merged.text).toBe(200);

    const survivor = await server.call('GET', `/_emulator/customers/${a.createdId}/provenance`);
    expect(survivor.status, survivor.text).toBe(200);
    const body = survivor.body as { path: number[]; merges: { victimId: number; till: string; cause: { source: string } | null }[]; profiles: { source: string }[] };
    expect(body.path).toEqual([a.createdId]);
    expect(body.profiles.map((p) => p.source)).toEqual(['INSTORE', 'WEBSITE']);
    expect(body.merges).toMatchObject([{ victimId: b.createdId, till: 'demo.till', at: '2024-05-01T10:00:00Z', cause: { source: 'WEBSITE' } }]);

    const victim = await server.call('GET', `/_emulator/customers/${b.createdId}/provenance`);
    expect(victim.body).toEqual({ ...(survivor.body as object), path: [b.createdId, a.createdId] });
  });

  it('PRV-5: an unknown id is 404 with 8015; a path that is not an id is 400', async () => {
    expectError(await server.call('GET', '/_emulator/customers/999999/provenance'), 404, 8015);
    expect((await server.call('GET', '/_emulator/customers/abc/provenance')).status).toBe(400);
  });
});

describe('EMU-3, MRG-22, MRG-23: the over-merging bounds answer 409', () => {
  it('EMU-3, MRG-22: a registration past the org\'s identifier bound is 409 with 9041, and nobody is registered', async () => {
    const body = registerBody([
      { type: 'email', value: 'many@example.com' },
      { type: 'mobile', value: '9111111111' },
      { type: 'externalId', value: 'many-1' },
    ]);
    expect(expectError(await server.call('POST', '/v2/customers?source=INSTORE', { body, auth: SMALL }), 409, 9041)).toMatch(/would hold 3; the limit is 2/);
    expect(((await server.call('GET', '/_emulator/org', { auth: SMALL })).body as { customers: number }).customers).toBe(0);
  });

  it('EMU-3, MRG-23: a merge past the org\'s merge bound is 409 with 9043', async () => {
    const ids: number[] = [];
    for (const value of ['m1@example.com', 'm2@example.com', 'm3@example.com']) {
      ids.push(((await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value }]), auth: SMALL })).body as { createdId: number }).createdId);
    }
    expect((await server.call('POST', '/_emulator/merge', { body: { survivorId: ids[0], victimId: ids[1] }, auth: SMALL })).status).toBe(200);
    expectError(await server.call('POST', '/_emulator/merge', { body: { survivorId: ids[0], victimId: ids[2] }, auth: SMALL }), 409, 9043);
  });
});
