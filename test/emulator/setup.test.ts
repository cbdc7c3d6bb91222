// The test-setup endpoints under /_emulator/ (EMU-13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, graphSnapshot } from '../../src/index';
import { basicHeader, readLogText } from '../../src/emulator';
import { expectError, registerBody, serve, type TestServer } from './support/http';

const OTHER = basicHeader('other.till', 'other');

let server: TestServer;

beforeAll(async () => {
  server = await serve({ orgs: [DEFAULT_ORG_CONFIG, { ...DEFAULT_ORG_CONFIG, id: 'other', tills: [{ code: 'other.till', password: 'other' }] }] });
});

afterAll(async () => {
  await server.close();
});

async function seed(auth?: string): Promise<number[]> {
  const ids: number[] = [];
  for (const [source, id] of [
    ['INSTORE', { type: 'mobile', value: '919111111111' }],
    ['WEBSITE', { type: 'email', value: 'web@example.com' }],
  ] as const) {
    const res = await server.call('POST', `/v2/customers?source=${source}`, { ...(auth === undefined ? {} : { auth }), body: registerBody([id]) });
    ids.push((res.body as { createdId: number }).createdId);
  }
  return ids;
}

describe('EMU-13: setup endpoints under /_emulator/, acting on the org of the authenticated till', () => {
  it('EMU-13: POST /_emulator/reset empties the org (ids start again), and only that org', async () => {
    await seed();
    await seed(OTHER);
    const reset = await server.call('POST', '/_emulator/reset');
    expect(reset.body).toMatchObject({ success: true, org: 'default', eventCount: 0 });
    expect(server.emulator.graph('default')?.customerCount).toBe(0);
    expect(server.emulator.graph('other')?.customerCount).toBe(2);
    const again = await seed();
    expect(again).toEqual([1, 2]);
  });

  it('EMU-13: GET /_emulator/org describes the org of the till, without passwords', async () => {
    const res = await server.call('GET', '/_emulator/org', { auth: OTHER });
    expect(res.body).toMatchObject({ id: 'other', till: 'other.till', durable: false, tills: [{ code: 'other.till' }] });
    expect(res.text).not.toContain('"password"');
  });

  it('EMU-13 ARC-2: the event log exports as JSON lines and imports back into an equal graph; an org whose tills did not write it refuses it, naming the line', async () => {
    await server.call('POST', '/_emulator/reset');
    await seed();
    await server.call('POST', '/v2/customers/2/changeIdentifier?source=WEBSITE', { body: { add: [{ type: 'mobile', value: '9111111111' }] } });
    const exported = await server.call('GET', '/_emulator/events');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const read = readLogText(exported.text);
    expect(read.ok && read.entries.map((e) => e.command)).toEqual(['register', 'register', 'changeIdentifier']);
    const before = graphSnapshot(server.emulator.graph('default')!)._unsafeUnwrap();

    // Back into the same org, after a reset: the same graph.
    await server.call('POST', '/_emulator/reset');
    const imported = await server.call('PUT', '/_emulator/events', { raw: exported.text, headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.body).toMatchObject({ success: true, org: 'default', entries: 3, customers: 2 });
    expect(graphSnapshot(server.emulator.graph('default')!)._unsafeUnwrap()).toEqual(before);
    const victim = await server.call('GET', '/v2/customers/2?source=ALL');
    expect(expectError(victim, 409, 8069)).toContain('1');

    // Into another org, whose tills did not write it: refused at its first line, the org unchanged.
    const otherBefore = graphSnapshot(server.emulator.graph('other')!)._unsafeUnwrap();
    const foreign = await server.call('PUT', '/_emulator/events', { auth: OTHER, raw: exported.text, headers: { 'content-type': 'application/x-ndjson' } });
    expect(expectError(foreign, 400, 91021)).toMatch(/body\.line 1: .*till demo\.till, which is not one of org other's/);
    expect(graphSnapshot(server.emulator.graph('other')!)._unsafeUnwrap()).toEqual(otherBefore);

    // As a JSON array of entries as well.
    const asArray = exported.text.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    await server.call('POST', '/_emulator/reset');
    await server.call('PUT', '/_emulator/events', { body: asArray });
    expect(graphSnapshot(server.emulator.graph('default')!)._unsafeUnwrap()).toEqual(before);
  });

  it('EMU-13 EMU-4: an import that is not an event log is 400 naming the line, and changes nothing', async () => {
    const size = server.emulator.graph('other')?.customerCount;
    const bad = await server.call('PUT', '/_emulator/events', { auth: OTHER, raw: '{"v":1}\nnot json\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(expectError(bad, 400, 400)).toMatch(/body\.line 1/);
    expectError(await server.call('PUT', '/_emulator/events', { auth: OTHER, body: { events: [] } }), 400, 400);
    expect(server.emulator.graph('other')?.customerCount).toBe(size);
  });

  it('EMU-13 EMU-20: GET /_emulator/snapshot gives the graph snapshot, and putting it back leaves the org as it was', async () => {
    const res = await server.call('GET', '/_emulator/snapshot');
    expect(res.body).toMatchObject({ org: 'default', nextCustomerId: 3, eventCount: 4, customers: [{ id: 1 }, { id: 2, status: 'merged' }] });
    expect((await server.call('PUT', '/_emulator/snapshot', { body: res.body })).body).toMatchObject({ success: true, eventCount: 4, customers: 2 });
    expect((await server.call('GET', '/_emulator/snapshot')).body).toEqual(res.body);
  });

  it('EMU-13 MRG-6: POST /_emulator/merge merges explicitly, with the merge-request codes', async () => {
    await server.call('POST', '/_emulator/reset');
    const [a, b] = await seed();
    const merged = await server.call('POST', '/_emulator/merge', { body: { survivorId: a, victimId: b } });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body).toMatchObject({ success: true, survivorId: a, victimId: b, warnings: [] });
    expect(expectError(await server.call('GET', `/v2/customers/${b}?source=ALL`), 409, 8069)).toContain(String(a));
    expectError(await server.call('POST', '/_emulator/merge', { body: { survivorId: a, victimId: a } }), 409, 9029);
    expectError(await server.call('POST', '/_emulator/merge', { body: { survivorId: a, victimId: 99 } }), 404, 8015);
    expect(expectError(await server.call('POST', '/_emulator/merge', { body: { survivorId: 'one', victimId: b } }), 400, 400)).toMatch(/body\.survivorId/);
  });

  it('EMU-13 ARC-2: an imported line whose events do not fit (points for customer 42, whom the log never made) is 400 naming that line, and state and log stay as they were', async () => {
    await server.call('POST', '/_emulator/reset');
    await seed();
    const before = graphSnapshot(server.emulator.graph('default')!)._unsafeUnwrap();
    const logBefore = (await server.call('GET', '/_emulator/events')).text;
    const lines = logBefore.trim().split('\n');
    const first = JSON.parse(lines[0] as string) as { at: string };
    const moved = {
      kind: 'PointsMoved', seq: 2, at: first.at, till: 'demo.till', customerId: 42, programId: 1016,
      movement: 'issue', points: 10, balance: 10,
    };
    const forged = JSON.stringify({ v: 2, n: 2, at: first.at, till: 'demo.till', command: 'issuePoints', events: [moved] });
    const res = await server.call('PUT', '/_emulator/events', { raw: `${lines[0]}\n${forged}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(expectError(res, 400, 400)).toMatch(/body\.line 2/);
    expect(graphSnapshot(server.emulator.graph('default')!)._unsafeUnwrap()).toEqual(before);
    expect((await server.call('GET', '/_emulator/events')).text).toBe(logBefore);
  });
});
