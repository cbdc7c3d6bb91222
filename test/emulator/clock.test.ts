// The org's clock over HTTP (CLK-4): set and advance it, read what expired and how tiers were reviewed, and
// an org that follows the wall clock runs what is due when a request touches it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, addDuration as shift } from '../../src/index';

const addDuration = (date: string, by: { days: number }): string => shift(date, by)._unsafeUnwrap();
import { basicHeader, createEmulator } from '../../src/emulator';
import { expectError, serve, type TestServer } from './support/http';

const START = '2024-05-01T10:00:00Z';
let wall = START;
let server: TestServer;
const WALL = basicHeader('wall.till', 'wall');

beforeAll(async () => {
  server = await serve({ clock: () => wall, orgs: [DEFAULT_ORG_CONFIG, { ...DEFAULT_ORG_CONFIG, id: 'wall', tills: [{ code: 'wall.till', password: 'wall' }] }] });
});

afterAll(async () => {
  await server.close();
});

let serial = 0;

/** Registers a member of one program with the given enrollment, as the seed's body carries it; answers its id. */
async function member(enrollment: Record<string, unknown>, auth?: string): Promise<number> {
  serial += 1;
  const body = { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: `clock${serial}@example.com` }] }], loyaltyProgramEnrollments: [enrollment] };
  const answer = await server.call('POST', '/v2/customers?source=INSTORE', { body, ...(auth === undefined ? {} : { auth }) });
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { createdId: number }).createdId;
}

async function programDetails(id: number, programId: number, auth?: string): Promise<Record<string, unknown>> {
  const answer = await server.call('GET', `/v2/customers/${id}/loyaltyDetails?programId=${programId}`, auth === undefined ? {} : { auth });
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { data: Record<string, unknown>[] }).data[0] ?? {};
}

describe('CLK-4: the org’s clock over HTTP', () => {
  it('CLK-4, PTS-3: points that expire in 30 days are expired after advancing the clock 31 days, and loyaltyPoints shows it', async () => {
    const { now } = (await server.call('GET', '/_emulator/clock')).body as { now: string };
    const id = await member({ programId: 1016, loyaltyPoints: 100, pointsExpiryDate: addDuration(now, { days: 30 }) });
    expect(await programDetails(id, 1016)).toMatchObject({ loyaltyPoints: 100, expired: 0 });
    const advanced = await server.call('POST', '/_emulator/clock', { body: { advance: 'P31D' } });
    expect(advanced.status, advanced.text).toBe(200);
    expect(advanced.body).toMatchObject({ success: true, set: true, clock: addDuration(now, { days: 31 }), pointsExpired: expect.arrayContaining([{ customerId: id, programId: 1016, at: addDuration(now, { days: 30 }), points: 100 }]) });
    expect(await programDetails(id, 1016)).toMatchObject({ loyaltyPoints: 0, expired: 100 });
  });

  it('CLK-4: GET /_emulator/clock answers the set instant and what is due next; writes are stamped at it', async () => {
    const clock = (await server.call('GET', '/_emulator/clock')).body as { now: string; set: boolean };
    expect(clock.set).toBe(true);
    const id = await member({ programId: 1016 });
    const details = await server.call('GET', `/v2/customers/${id}?source=INSTORE`);
    expect(JSON.stringify(details.body)).toContain(clock.now);
  });

  it('CLK-4, TIR-3: a tier that expires is lowered at its date, and slab_history answers the downgrade', async () => {
    const { now } = (await server.call('GET', '/_emulator/clock')).body as { now: string };
    const id = await member({ programId: 1223, tierNumber: 3, tierExpiryDate: addDuration(now, { days: 10 }) });
    await server.call('POST', '/_emulator/clock', { body: { set: addDuration(now, { days: 11 }) } });
    const v11 = await server.call('GET', `/v1.1/customer/get?id=${id}&slab_history=true`);
    expect(v11.body).toMatchObject({ response: { customers: { customer: [{ current_slab: 'Tier1', slab_history: { history: expect.arrayContaining([expect.objectContaining({ from: 'Star', to: 'Tier1', type: 'DOWNGRADE', program_id: 1223 })]) } }] } } });
  });

  it('CLK-4, TIR-2: a tier whose member earned enough is renewed, and slab_history answers the renewal', async () => {
    const { now } = (await server.call('GET', '/_emulator/clock')).body as { now: string };
    const id = await member({ programId: 1219, tierNumber: 2, loyaltyPoints: 1500, tierExpiryDate: addDuration(now, { days: 5 }) });
    await server.call('POST', '/_emulator/clock', { body: { advance: 'P6D' } });
    const v11 = await server.call('GET', `/v1.1/customer/get?id=${id}&slab_history=true`);
    expect(v11.body).toMatchObject({ response: { customers: { customer: [{ current_slab: 'Silver', slab_history: { history: expect.arrayContaining([expect.objectContaining({ from: 'Silver', to: 'Silver', type: 'RENEWAL', program_id: 1219 })]) } }] } } });
  });

  it('CLK-1, CLK-4: the clock never moves back: a set before it, or a malformed body, is 400 naming the field', async () => {
    expectError(await server.call('POST', '/_emulator/clock', { body: { set: START } }), 400, 400);
    expect(expectError(await server.call('POST', '/_emulator/clock', { body: { advance: '31 days' } }), 400, 400)).toContain('body');
    expectError(await server.call('POST', '/_emulator/clock', { body: { set: START, advance: 'P1D' } }), 400, 400);
  });

  it('CLK-4: an org that follows the wall clock runs what is due when a request touches it, logged like any write', async () => {
    wall = '2025-01-01T00:00:00Z';
    const id = await member({ programId: 1016, loyaltyPoints: 40, pointsExpiryDate: '2025-01-10T00:00:00Z' }, WALL);
    expect((await server.call('GET', '/_emulator/clock', { auth: WALL })).body).toMatchObject({ now: wall, set: false, nextDue: { kind: 'points', customerId: id } });
    wall = '2025-01-11T00:00:00Z';
    expect(await programDetails(id, 1016, WALL)).toMatchObject({ loyaltyPoints: 0, expired: 40 });
    const log = await server.call('GET', '/_emulator/events', { auth: WALL });
    expect(log.text).toContain('"command":"advanceClock"');
    expect((await server.call('GET', '/_emulator/clock', { auth: WALL })).body).toMatchObject({ set: false, advancedTo: wall, nextDue: null });
  });
});

describe('CLK-4: the clock is durable: it is in the graph, so the log and the snapshots keep it', () => {
  it('CLK-4, EMU-8: a restart on the data directory serves the set clock and the expiries it ran, from the log and from a snapshot', async () => {
    for (const snapshotAfterBytes of [undefined, 1]) {
      const dir = mkdtempSync(join(tmpdir(), 'cg-clock-'));
      try {
        const first = await createEmulator({ dataDir: dir, warn: () => undefined, clock: () => START, ...(snapshotAfterBytes === undefined ? {} : { snapshotAfterBytes }) });
        const body = { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'durable@example.com' }] }], loyaltyProgramEnrollments: [{ programId: 1016, loyaltyPoints: 60, pointsExpiryDate: '2024-05-05T00:00:00Z' }] };
        const id = ((await first.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, body, till: 'demo.till' })).body as { createdId: number }).createdId;
        expect((await first.request({ method: 'POST', path: '/_emulator/clock', body: { set: '2024-05-10T00:00:00Z' }, till: 'demo.till' })).status).toBe(200);
        await first.close();
        const again = await createEmulator({ dataDir: dir, warn: () => undefined, clock: () => START });
        try {
          expect((await again.request({ method: 'GET', path: '/_emulator/clock', till: 'demo.till' })).body).toMatchObject({ now: '2024-05-10T00:00:00Z', set: true });
          const details = await again.request({ method: 'GET', path: `/v2/customers/${id}/loyaltyDetails`, till: 'demo.till' });
          expect((details.body as { data: unknown[] }).data[0]).toMatchObject({ loyaltyPoints: 0, expired: 60 });
        } finally {
          await again.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
