// Snapshots and compaction (EMU-20, ARC-6): the org's graph exported and put back over HTTP; with --data,
// a snapshot written beside the log once its newest segment passes a size, a restart that loads it and
// replays only what follows, a newest snapshot that cannot be read falling back to the one before it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator';
import { expectError, registerBody, serve } from './support/http';
import { tempDirs } from './support/temp';

const tempDir = tempDirs('snap');
const SMALL = 4096;

async function register(emulator: Emulator, i: number): Promise<number> {
  const r = await emulator.request({ method: 'POST', path: '/v2/customers?source=INSTORE', body: registerBody([{ type: 'externalId', value: `EXT-${i}` }], { firstName: `P${i}` }), till: 'demo.till' });
  expect(r.status).toBe(200);
  return (r.body as { createdId: number }).createdId;
}

async function holderOf(emulator: Emulator, i: number): Promise<number | undefined> {
  const r = await emulator.request({ method: 'GET', path: `/v2/customers/lookup?source=INSTORE&identifierName=externalId&identifierValue=EXT-${i}`, till: 'demo.till' });
  return r.status === 200 ? (r.body as { entity: number }).entity : undefined;
}

/** A data directory whose org took 120 registrations with a small segment size: compacted more than once. */
async function compactedDir(): Promise<string> {
  const dir = tempDir();
  const emulator = await createEmulator({ dataDir: dir, snapshotAfterBytes: SMALL, warn: () => undefined });
  for (let i = 1; i <= 120; i++) await register(emulator, i);
  await emulator.close();
  return dir;
}

const manifestOf = (dir: string): { snapshots: { file: string; lines: number }[]; segments: { file: string; base: number }[] } =>
  JSON.parse(readFileSync(join(dir, 'default.manifest.json'), 'utf8')) as never;

describe('EMU-20: snapshots over HTTP', () => {
  it('EMU-13 EMU-20 ARC-6: a snapshot exported, the org reset, and the snapshot put back give the same customers and the same export; the log alone is then 409', async () => {
    const server = await serve();
    try {
      for (const i of [1, 2, 3]) expect((await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'externalId', value: `EXT-${i}` }]) })).status).toBe(200);
      const exported = await server.call('GET', '/_emulator/snapshot');
      expect(exported.status).toBe(200);
      expect((exported.body as { customers: unknown[] }).customers).toHaveLength(3);
      expect((await server.call('POST', '/_emulator/reset')).status).toBe(200);
      const put = await server.call('PUT', '/_emulator/snapshot', { body: exported.body });
      expect(put.body).toEqual({ success: true, org: 'default', eventCount: 3, customers: 3, warnings: [] });
      expect((await server.call('GET', '/_emulator/snapshot')).body).toEqual(exported.body);
      expect((await server.call('GET', '/v2/customers/lookup?source=INSTORE&identifierName=externalId&identifierValue=EXT-2')).body).toMatchObject({ entity: 2 });
      expect((await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'externalId', value: 'EXT-4' }]) })).body).toMatchObject({ createdId: 4 });
      expect(expectError(await server.call('GET', '/_emulator/events'), 409, 409)).toMatch(/GET \/_emulator\/snapshot/);
    } finally {
      await server.close();
    }
  });

  it('EMU-4 EMU-20 ARC-6: a snapshot that does not hold together is 400 naming the field under body, and the org is as it was', async () => {
    const server = await serve();
    try {
      await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'externalId', value: 'EXT-1' }]) });
      const snapshot = (await server.call('GET', '/_emulator/snapshot')).body as { customers: { attribution: { createdBy: string } }[] };
      snapshot.customers[0]!.attribution.createdBy = 'ghost.till';
      expect(expectError(await server.call('PUT', '/_emulator/snapshot', { body: snapshot }), 400, 400)).toMatch(/body\.customers\.0\.attribution\.createdBy: .*till ghost\.till/);
      expect(expectError(await server.call('PUT', '/_emulator/snapshot', { body: [] }), 400, 400)).toMatch(/body/);
      expect((await server.call('GET', '/_emulator/org')).body).toMatchObject({ customers: 1 });
    } finally {
      await server.close();
    }
  });
});

describe('EMU-20: compaction with --data', () => {
  it('EMU-20: past the size, the org is compacted (two snapshots at most, the segments after the older one), and a restart loads the newest and replays the rest: every acknowledged write is there', async () => {
    const dir = await compactedDir();
    const m = manifestOf(dir);
    expect(m.snapshots).toHaveLength(2);
    expect(m.snapshots[0]!.lines).toBeGreaterThan(m.snapshots[1]!.lines);
    expect(m.segments[0]!.base).toBe(m.snapshots[1]!.lines);
    expect(readdirSync(dir).sort()).toEqual(['default.manifest.json', ...m.segments.map((s) => s.file), ...m.snapshots.map((s) => s.file)].sort());
    const warnings: string[] = [];
    const second = await createEmulator({ dataDir: dir, snapshotAfterBytes: SMALL, warn: (w) => warnings.push(w) });
    try {
      expect(warnings).toEqual([]);
      for (let i = 1; i <= 120; i++) expect(await holderOf(second, i)).toBe(i);
      expect(await register(second, 121)).toBe(121);
      const events = await second.request({ method: 'GET', path: '/_emulator/events', till: 'demo.till' });
      expect(events.status).toBe(409);
    } finally {
      await second.close();
    }
  });

  it('EMU-20: a newest snapshot that cannot be read is passed over with a warning, and the one before it with its segments still gives every write', async () => {
    const dir = await compactedDir();
    const newest = manifestOf(dir).snapshots[0]!.file;
    const text = readFileSync(join(dir, newest), 'utf8');
    writeFileSync(join(dir, newest), text.slice(0, Math.floor(text.length / 2)));
    const warnings: string[] = [];
    const second = await createEmulator({ dataDir: dir, snapshotAfterBytes: 1 << 30, warn: (w) => warnings.push(w) });
    try {
      expect(warnings.join('\n')).toMatch(new RegExp(`${newest}: not a snapshot .*trying the one before it`));
      for (let i = 1; i <= 120; i++) expect(await holderOf(second, i)).toBe(i);
    } finally {
      await second.close();
    }
  });

  it('EMU-20: when no snapshot can be read and the log does not reach back to line 1, the start is refused, naming the org', async () => {
    const dir = await compactedDir();
    for (const s of manifestOf(dir).snapshots) writeFileSync(join(dir, s.file), '{"format":"customer-graph-snapshot/1"}\n');
    await expect(createEmulator({ dataDir: dir, warn: () => undefined })).rejects.toThrow(/org default: no snapshot .* can be read and the log does not reach back to its first line/);
  });

  it('EMU-20: a snapshot put on a durable org survives a restart, and writes after it replay on top of it', async () => {
    const dir = tempDir();
    const source = await createEmulator({ warn: () => undefined });
    for (let i = 1; i <= 5; i++) await register(source, i);
    const snapshot = (await source.request({ method: 'GET', path: '/_emulator/snapshot', till: 'demo.till' })).body;
    await source.close();
    const first = await createEmulator({ dataDir: dir, warn: () => undefined });
    expect((await first.request({ method: 'PUT', path: '/_emulator/snapshot', body: snapshot, till: 'demo.till' })).status).toBe(200);
    expect(await register(first, 6)).toBe(6);
    await first.close();
    const second = await createEmulator({ dataDir: dir, warn: () => undefined });
    try {
      for (let i = 1; i <= 6; i++) expect(await holderOf(second, i)).toBe(i);
      expect(readdirSync(dir).filter((f) => f.startsWith('default.')).sort()).toEqual(['default.log.1.jsonl', 'default.manifest.json', 'default.snapshot.2.jsonl']);
    } finally {
      await second.close();
    }
  });
});
