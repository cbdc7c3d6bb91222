// Unmerge over HTTP (MRG-11..MRG-16): merge two customers through changeIdentifier, split them again with
// POST /_emulator/unmerge, and read both back as they were; a dry run changes nothing; a restart keeps it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator';
import { DEFAULT_ORG_CONFIG } from '../../src/index';
import { serve, type TestServer } from './support/http';

let server: TestServer;

// Every request a second later than the one before: a stamp that should come back but does not shows.
let tick = Date.parse('2024-05-01T10:00:00Z');
const clock = (): string => new Date((tick += 1000)).toISOString().replace('.000Z', 'Z');

beforeAll(async () => {
  server = await serve({ clock, orgs: [DEFAULT_ORG_CONFIG] });
});

afterAll(async () => {
  await server.close();
});

async function register(source: string, accountId: string | undefined, loyaltyType: string, identifiers: { type: string; value: string }[]): Promise<number> {
  const query = accountId === undefined ? `source=${source}` : `source=${source}&accountId=${accountId}`;
  const answer = await server.call('POST', `/v2/customers?${query}`, { body: { loyaltyInfo: { loyaltyType }, profiles: [{ firstName: source, identifiers }] } });
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { createdId: number }).createdId;
}

async function read(id: number, source: string, accountId?: string): Promise<unknown> {
  const answer = await server.call('GET', `/v2/customers/${id}?source=${source}${accountId === undefined ? '' : `&accountId=${accountId}`}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

describe('MRG-11, MRG-15, MRG-16: unmerge over HTTP', () => {
  it('MRG-15: two customers merged through changeIdentifier, then unmerged, read back as they were', async () => {
    const alice = await register('INSTORE', undefined, 'loyalty', [{ type: 'email', value: 'u-alice@example.com' }]);
    const bob = await register('WECHAT', '22232', 'non_loyalty', [{ type: 'wechat', value: 'u_wc_bob' }]);
    const before = [await read(alice, 'INSTORE'), await read(bob, 'WECHAT', '22232')];
    const change = await server.call('POST', `/v2/customers/${bob}/changeIdentifier?source=WECHAT&accountId=22232`, { body: { add: [{ type: 'email', value: 'u-alice@example.com' }] } });
    expect(change.status, change.text).toBe(200);
    expect((await server.call('GET', `/v2/customers/${bob}?source=WECHAT&accountId=22232`)).status).toBe(409);

    const unmerged = await server.call('POST', '/_emulator/unmerge', { body: { victimId: bob, reason: 'two people' } });
    expect(unmerged.status, unmerged.text).toBe(200);
    expect(unmerged.body).toMatchObject({ success: true, survivorId: alice, victimId: bob, released: { type: 'email', value: 'u-alice@example.com' }, warnings: [{ code: 9030 }] });
    expect([await read(alice, 'INSTORE'), await read(bob, 'WECHAT', '22232')]).toEqual(before);
  });

  it('MRG-16: a dry-run unmerge answers what it would do and the events, and changes nothing', async () => {
    const a = await register('INSTORE', undefined, 'loyalty', [{ type: 'email', value: 'dry-a@example.com' }]);
    const b = await register('INSTORE', undefined, 'loyalty', [{ type: 'email', value: 'dry-b@example.com' }]);
    expect((await server.call('POST', '/_emulator/merge', { body: { survivorId: a, victimId: b } })).status).toBe(200);
    const dry = await server.call('POST', '/_emulator/unmerge?dryRun=true', { body: { victimId: b } });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toMatchObject({ success: true, survivorId: a, victimId: b, dryRun: { events: [{ kind: 'CustomerUnmerged', survivorId: a, victimId: b }] } });
    expect((await server.call('GET', `/v2/customers/${b}?source=INSTORE`)).status).toBe(409);
  });

  it('MRG-12: a live customer is 409 with 9031, an unknown id 404 with 8015', async () => {
    const live = await register('INSTORE', undefined, 'loyalty', [{ type: 'email', value: 'live@example.com' }]);
    const notVictim = await server.call('POST', '/_emulator/unmerge', { body: { victimId: live } });
    expect([notVictim.status, JSON.stringify(notVictim.body)]).toEqual([409, expect.stringContaining('9031')]);
    const unknown = await server.call('POST', '/_emulator/unmerge', { body: { victimId: 999999 } });
    expect([unknown.status, JSON.stringify(unknown.body)]).toEqual([404, expect.stringContaining('8015')]);
  });
});

describe('MRG-11, EMU-8: an unmerge is durable', () => {
  it('MRG-11, EMU-8: a restart on the data directory, from the log and from a snapshot, serves both customers apart; a merge restored from a snapshot can still be undone', async () => {
    for (const snapshotAfterBytes of [undefined, 1]) {
      const dir = mkdtempSync(join(tmpdir(), 'cg-unmerge-'));
      try {
        const options = { dataDir: dir, warn: () => undefined, ...(snapshotAfterBytes === undefined ? {} : { snapshotAfterBytes }) };
        const first = await createEmulator(options);
        const made: number[] = [];
        for (const email of ['d-one@example.com', 'd-two@example.com', 'd-three@example.com', 'd-four@example.com']) {
          const body = { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: email }] }] };
          made.push(((await first.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, body, till: 'demo.till' })).body as { createdId: number }).createdId);
        }
        const [one, two, three, four] = made as [number, number, number, number];
        for (const [survivorId, victimId] of [[one, two], [three, four]]) {
          expect((await first.request({ method: 'POST', path: '/_emulator/merge', body: { survivorId, victimId }, till: 'demo.till' })).status).toBe(200);
        }
        expect((await first.request({ method: 'POST', path: '/_emulator/unmerge', body: { victimId: two }, till: 'demo.till' })).status).toBe(200);
        await first.close();
        const again = await createEmulator(options);
        try {
          expect((await again.request({ method: 'GET', path: `/v2/customers/${two}`, query: { source: 'INSTORE' }, till: 'demo.till' })).status).toBe(200);
          const undo = await again.request({ method: 'POST', path: '/_emulator/unmerge', body: { victimId: four }, till: 'demo.till' });
          expect(undo.status, JSON.stringify(undo.body)).toBe(200);
        } finally {
          await again.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
