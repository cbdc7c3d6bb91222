// Requests to one org apply one at a time in arrival order (EMU-10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOrg } from '../../src/index';
import { OrgRuntime } from '../../src/emulator/runtime/org-runtime';
import { registerBody, serve, type TestServer } from './support/http';

let server: TestServer;

beforeAll(async () => {
  server = await serve();
});

afterAll(async () => {
  await server.close();
});

describe('EMU-10: requests to one org apply one at a time, in arrival order', () => {
  it('EMU-10 ID-1: 100 concurrent registrations of the same new identifier create exactly one customer, and none gets a 5xx', async () => {
    const before = server.emulator.graph('default')?.customerCount ?? 0;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '919876543210' }]) }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => (a.body as { errors: { code: number }[] }).errors[0]?.code)).toEqual(Array(99).fill(1014));
    const created = (answers.find((a) => a.status === 200)?.body as { createdId: number }).createdId;
    const found = await server.call('GET', '/v2/customers/lookup?source=ALL&identifierName=mobile&identifierValue=919876543210');
    expect(found.body).toEqual({ entity: created, warnings: [] });
    expect(server.emulator.graph('default')?.customerCount).toBe(before + 1);
  });

  it('EMU-10: 100 concurrent registrations of the same identifier from different sources give one customer with every profile', async () => {
    const sources = ['INSTORE', 'MARTJACK', 'TMALL', 'TAOBAO', 'JD', 'ECOMMERCE', 'WEBSITE'];
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        server.call('POST', `/v2/customers?source=${sources[i % sources.length] ?? 'INSTORE'}`, {
          body: registerBody([{ type: 'email', value: 'everywhere@example.com' }]),
        }),
      ),
    );
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const ids = new Set(answers.filter((a) => a.status === 200).map((a) => (a.body as { createdId: number }).createdId));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(sources.length);
    const [id] = [...ids];
    const got = await server.call('GET', `/v2/customers/${id}?source=ALL`);
    expect((got.body as { profiles: unknown[] }).profiles).toHaveLength(sources.length);
  });

  it('EMU-10 CHG-1: concurrent changes to one customer are never lost (each applies to the result of the one before)', async () => {
    const reg = await server.call('POST', '/v2/customers?source=WEBSITE', { body: registerBody([{ type: 'email', value: 'many@example.com' }]) });
    const id = (reg.body as { createdId: number }).createdId;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        server.call('POST', `/v2/customers/${id}/changeIdentifier?source=WEBSITE`, { body: { add: [{ type: 'externalId', value: `ext-${i}` }] } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    const got = await server.call('GET', `/v2/customers/${id}?source=WEBSITE`);
    const identifiers = (got.body as { profiles: { identifiers: { type: string }[] }[] }).profiles[0]?.identifiers ?? [];
    expect(identifiers.filter((i) => i.type === 'externalId')).toHaveLength(40);
  });

  it('EMU-10: in-process requests sent without waiting apply in the order they were sent', async () => {
    const sent = Array.from({ length: 30 }, (_, i) =>
      server.emulator.request({
        method: 'POST',
        path: '/v2/customers?source=INSTORE',
        till: 'demo.till',
        body: registerBody([{ type: 'email', value: `order-${i}@example.com` }]),
      }),
    );
    const ids = (await Promise.all(sent)).map((r) => (r.body as { createdId: number }).createdId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(30);
  });

  it('EMU-10: the serial queue runs tasks one at a time in submission order, even when earlier ones are slower or fail', async () => {
    const org = OrgRuntime.inMemory(defaultOrg());
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number, fail = false) =>
      org.serial(async () => {
        running += 1;
        expect(running).toBe(1);
        await new Promise((r) => setTimeout(r, ms));
        log.push(name);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 30), task('b', 1, true), task('c', 10), task('d', 0)]);
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
