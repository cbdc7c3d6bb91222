// Faults and latency (EMU-24).
import { describe, expect, it } from 'vitest';
import { createEmulator, startServer, basicHeader } from '../../src/emulator';

const TILL = 'demo.till';
const REGISTER = { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] };

describe('EMU-24 faults and latency', () => {
  it('EMU-24: a status rule with count 1 answers once in the standard error body, then stops', async () => {
    const emulator = await createEmulator();
    const added = await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { method: 'get', path: '/v2/customers/get', status: 503, message: 'down', count: 1 } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: expect.any(String), method: 'GET', status: 503, remaining: 1 });
    const listed = await emulator.request({ method: 'GET', path: '/_emulator/faults', till: TILL });
    expect((listed.body as { count: number }).count).toBe(1);
    const first = await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: TILL });
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ errors: [{ status: false, code: 503, message: 'down' }], warnings: [] });
    const second = await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: TILL });
    expect(second.status).not.toBe(503);
    expect(((await emulator.request({ method: 'GET', path: '/_emulator/faults', till: TILL })).body as { count: number }).count).toBe(0);
    const journal = await emulator.request({ method: 'GET', path: '/_emulator/requests', query: { path: '/v2/customers/get' }, till: TILL });
    expect((journal.body as { requests: { status: number }[] }).requests.map((r) => r.status)).toEqual([503, second.status]);
    await emulator.close();
  });

  it('EMU-24: a delay rule delays, then the real answer comes; code defaults to the status', async () => {
    const emulator = await createEmulator();
    await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { path: '/v2/customers', delayMs: 150 } });
    const started = performance.now();
    const res = await emulator.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: TILL, body: REGISTER });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ createdId: 1 });
    await emulator.request({ method: 'DELETE', path: '/_emulator/faults', till: TILL });
    await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { path: '/v2/customers/get', status: 429 } });
    const limited = await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: TILL });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ errors: [{ code: 429 }] });
    await emulator.close();
  });

  it('EMU-24: drop destroys the socket (fetch rejects); in-process it is status 0; journalled as 0', async () => {
    const emulator = await startServer({ port: 0 });
    await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { path: '/v2/customers/get', drop: true, count: 2 } });
    const auth = { authorization: basicHeader('demo.till', 'demo') };
    await expect(fetch(`${emulator.url}/v2/customers/get?id=1`, { headers: auth })).rejects.toThrow();
    const inProcess = await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: TILL });
    expect(inProcess).toEqual({ status: 0, headers: {}, body: undefined });
    const after = await fetch(`${emulator.url}/v2/customers/get?id=1`, { headers: auth });
    // The real answer again (an unknown customer without its source is a 400 naming the field).
    expect(after.status).toBe(400);
    const journal = await emulator.request({ method: 'GET', path: '/_emulator/requests', query: { path: '/v2/customers/get' }, till: TILL });
    expect((journal.body as { requests: { status: number }[] }).requests.map((r) => r.status)).toEqual([0, 0, 400]);
    await emulator.close();
  });

  it('EMU-24: probability with a seed gives the same pattern every run', async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      const emulator = await createEmulator({ faultSeed: seed });
      await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { pathPattern: '^/v2/customers/get$', status: 500, probability: 0.5 } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: TILL })).status);
      await emulator.close();
      return statuses;
    };
    const a = await pattern(42);
    expect(await pattern(42)).toEqual(a);
    expect(a).toContain(500);
    expect(a.some((s) => s !== 500)).toBe(true);
  });

  it('EMU-24: pathPattern and bodyContains match; a faulted write changes nothing', async () => {
    const emulator = await createEmulator();
    await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { method: 'POST', pathPattern: '^/v2/customers$', bodyContains: 'bob@example.com', status: 500 } });
    const bob = { ...REGISTER, profiles: [{ firstName: 'Bob', identifiers: [{ type: 'email', value: 'bob@example.com' }] }] };
    const orgId = emulator.orgs[0]?.id ?? '';
    const before = emulator.graph(orgId);
    const faulted = await emulator.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: TILL, body: bob });
    expect(faulted.status).toBe(500);
    expect(emulator.graph(orgId)).toBe(before);
    const ann = await emulator.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: TILL, body: REGISTER });
    expect(ann.status).toBe(200);
    expect(emulator.graph(orgId)).not.toBe(before);
    await emulator.close();
  });

  it('EMU-24: /_emulator/ endpoints are never faulted; unauthenticated is still 401', async () => {
    const emulator = await createEmulator();
    await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { pathPattern: '.*', status: 500 } });
    expect((await emulator.request({ method: 'GET', path: '/_emulator/requests', till: TILL })).status).toBe(200);
    expect((await emulator.request({ method: 'GET', path: '/_emulator/faults', till: TILL })).status).toBe(200);
    expect((await emulator.request({ method: 'GET', path: '/_emulator/org', till: TILL })).status).toBe(200);
    expect((await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 } })).status).toBe(401);
    expect((await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: TILL })).status).toBe(500);
    await emulator.close();
  });

  it('EMU-24: bad rule bodies are 400 naming the field; unknown id is 404; the cap is 409', async () => {
    const emulator = await createEmulator();
    const bad = async (body: unknown): Promise<string> => {
      const res = await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body });
      expect(res.status).toBe(400);
      return (res.body as { errors: { message: string }[] }).errors[0]?.message ?? '';
    };
    expect(await bad({ path: '/x', status: 200 })).toContain('body.status');
    expect(await bad({ pathPattern: '(', status: 500 })).toContain('body.pathPattern');
    expect(await bad({ path: '/x' })).toContain('body.status');
    expect(await bad({ path: '/x', status: 500, drop: true })).toContain('body.status');
    expect(await bad({ path: '/x', delayMs: 70000 })).toContain('body.delayMs');
    expect(await bad({ path: '/x', drop: true, probability: 2 })).toContain('body.probability');
    expect(await bad({ path: '/x', drop: true, count: 0 })).toContain('body.count');
    expect(await bad({ path: '/x', drop: true, extra: 1 })).toContain('body');
    expect((await emulator.request({ method: 'DELETE', path: '/_emulator/faults/999', till: TILL })).status).toBe(404);
    for (let i = 0; i < 100; i++) await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { path: `/p${i}`, drop: true } });
    const over = await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { path: '/p', drop: true } });
    expect(over.status).toBe(409);
    const one = (await emulator.request({ method: 'GET', path: '/_emulator/faults', till: TILL })).body as { rules: { id: string }[] };
    expect((await emulator.request({ method: 'DELETE', path: `/_emulator/faults/${one.rules[0]?.id ?? ''}`, till: TILL })).status).toBe(200);
    expect(((await emulator.request({ method: 'GET', path: '/_emulator/faults', till: TILL })).body as { count: number }).count).toBe(99);
    await emulator.close();
  });

  it("EMU-24: orgs do not see each other's rules", async () => {
    const emulator = await createEmulator();
    const other = await emulator.createOrg();
    if (other.isErr()) throw new Error(other.error.message);
    const otherTill = other.value.tills[0]?.code ?? '';
    await emulator.request({ method: 'POST', path: '/_emulator/faults', till: TILL, body: { pathPattern: '^/v2/', status: 500 } });
    expect(((await emulator.request({ method: 'GET', path: '/_emulator/faults', till: otherTill })).body as { count: number }).count).toBe(0);
    expect((await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: otherTill })).status).toBe(400);
    expect((await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 1 }, till: TILL })).status).toBe(500);
    await emulator.close();
  });
});
