// The typed client's control methods (EMU-26): health, run-time orgs, the request journal and fault rules,
// the same answers over HTTP and in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicHeader, startServer, type Emulator } from '../../src/emulator';
import { createClient } from '../../src/testing';

let server: Emulator & { readonly url: string };
beforeAll(async () => {
  server = await startServer({ port: 0, log: () => undefined });
});
afterAll(() => server.close());

describe('EMU-26 the client reaches the control endpoints', () => {
  it('EMU-26 EMU-21 EMU-22: health needs no credentials; the admin makes an org whose till then works, and deletes it', async () => {
    const anonymous = createClient({ baseUrl: server.url, authorization: '' });
    expect((await anonymous.health())._unsafeUnwrap()).toMatchObject({ status: 'ok', orgs: [server.orgs[0]?.name] });
    const admin = createClient({ baseUrl: server.url, authorization: basicHeader(server.admin.code, server.admin.password) });
    const made = (await admin.createOrg())._unsafeUnwrap();
    const worker = createClient({ baseUrl: server.url, authorization: made.tills[0]?.authorization ?? '' });
    expect((await worker.org()).isOk()).toBe(true);
    expect((await admin.deleteOrg(made.orgId))._unsafeUnwrap()).toMatchObject({ success: true, org: made.orgId });
    expect((await worker.org())._unsafeUnwrapErr().status).toBe(401);
  });

  it('EMU-26 EMU-23 EMU-24: a fault rule answers once with its code, the journal shows it, and both clear', async () => {
    const client = createClient({ baseUrl: server.url, authorization: basicHeader('demo.till', 'demo') });
    expect((await client.addFault({ method: 'GET', path: '/v2/customers/search', status: 503, count: 1 })).isOk()).toBe(true);
    expect((await client.search({ q: 'a' }))._unsafeUnwrapErr()).toMatchObject({ status: 503, code: 503 });
    expect((await client.search({ q: 'a' })).isOk()).toBe(true);
    const journal = (await client.requests({ path: '/v2/customers/search' }))._unsafeUnwrap();
    expect(journal.requests.map((r) => r.status)).toEqual([503, 200]);
    expect((await client.faults())._unsafeUnwrap().count).toBe(0);
    expect((await client.clearFaults()).isOk() && (await client.clearRequests()).isOk()).toBe(true);
    expect((await client.requests())._unsafeUnwrap().count).toBe(0);
  });
});
