// SIGKILL at random points of appends, snapshot writes and compaction (EMU-8, EMU-20): the real server,
// compacting every few kilobytes, is killed again and again under a burst of writes; every restart must
// start, and hold every write it acknowledged before, under the id it answered, and nothing that was
// never sent. A request cut by the kill has no answer: it may or may not have reached the disk (as with
// any store), so it is allowed either way, but a refused one must not be there.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe, stop, type CliProcess } from './support/cli';
import { call, registerBody } from './support/http';
import { tempDirs } from './support/temp';

const tempDir = tempDirs('kills');
const KILLS = 21;
/** Small enough that a burst compacts several times: kills land in seals, snapshot writes and adoptions. */
const SNAPSHOT_AFTER = '6000';

type Phase = 'append' | 'snapshot write' | 'compaction';

/** Kills the server while it is in the phase asked for, as far as the files show it, or after `ms` anyway. */
async function killDuring(server: CliProcess, dir: string, phase: Phase, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  const manifest = join(dir, 'default.manifest.json');
  const before = existsSync(manifest) ? readFileSync(manifest, 'utf8') : '';
  let caught = phase === 'append';
  for (;;) {
    if (Date.now() > deadline) break;
    if (phase === 'snapshot write' && readdirSync(dir).some((f) => f.endsWith('.jsonl.tmp'))) {
      caught = true;
      break;
    }
    if (phase === 'compaction' && existsSync(manifest) && readFileSync(manifest, 'utf8') !== before) {
      caught = true;
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  server.child.kill('SIGKILL');
  await server.exited;
  return caught;
}

describe('EMU-8 EMU-20: SIGKILL at any point of the write and compaction cycle', () => {
  it(`EMU-8 EMU-20: ${KILLS} kills during appends, snapshot writes and compaction: every restart starts with every acknowledged write and nothing never sent`, async () => {
    const dir = tempDir();
    const acknowledged = new Map<string, number>();
    const sent = new Set<string>();
    const refused = new Set<string>();
    const phases: Phase[] = ['append', 'snapshot write', 'compaction'];
    // How many kills landed in the phase they aimed at, as the files showed it at the moment of the kill.
    const caught = new Map<Phase, number>();
    for (let kill = 0; kill <= KILLS; kill++) {
      const server = await startServe(['--port', '0', '--data', dir, '--snapshot-after', SNAPSHOT_AFTER, '--quiet']);
      // The state as this start found it: every acknowledged write, under its id; nothing never sent.
      const snapshot = (await call(server.url, 'GET', '/_emulator/snapshot')).body as { customers: { id: number; profiles: { identifiers: { value: string }[] }[] }[] };
      const held = new Map(snapshot.customers.map((c) => [c.profiles[0]?.identifiers[0]?.value ?? '', c.id]));
      for (const [email, id] of acknowledged) expect(held.get(email), `kill ${kill}: ${email}`).toBe(id);
      for (const email of held.keys()) expect(sent.has(email) && !refused.has(email), `kill ${kill}: ${email} was never acknowledged nor in flight`).toBe(true);
      if (kill === KILLS) {
        await stop(server);
        break;
      }
      let stopped = false;
      const writer = async (w: number): Promise<void> => {
        for (let i = 0; !stopped; i++) {
          const email = `k${kill}-w${w}-${i}@example.com`;
          sent.add(email);
          let res;
          try {
            res = await call(server.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: email }]) });
          } catch {
            return; // Cut by the kill: no answer.
          }
          if (res.status === 200) acknowledged.set(email, (res.body as { createdId: number }).createdId);
          else refused.add(email);
        }
      };
      const writers = Array.from({ length: 6 }, (_, w) => writer(w));
      const phase = phases[kill % phases.length] as Phase;
      if (await killDuring(server, dir, phase, 300 + ((kill * 137) % 400))) caught.set(phase, (caught.get(phase) ?? 0) + 1);
      stopped = true;
      await Promise.all(writers);
    }
    // The kills did hit what they aimed at: a snapshot being written, a manifest being changed.
    expect(caught.get('snapshot write') ?? 0, JSON.stringify(Object.fromEntries(caught))).toBeGreaterThan(0);
    expect(caught.get('compaction') ?? 0, JSON.stringify(Object.fromEntries(caught))).toBeGreaterThan(0);
    expect(refused.size).toBe(0);
    expect(acknowledged.size).toBeGreaterThan(KILLS * 20);
    // A newest snapshot that cannot be read: the next start falls back to the one before it, every write still there.
    const m = JSON.parse(readFileSync(join(dir, 'default.manifest.json'), 'utf8')) as { snapshots: { file: string }[] };
    expect(m.snapshots.length).toBeGreaterThan(0);
    writeFileSync(join(dir, m.snapshots[0]!.file), '{"format":"customer-graph-snapshot/1","lines":1}\n{"c":');
    const last = await startServe(['--port', '0', '--data', dir, '--quiet']);
    try {
      expect(last.stderr()).toMatch(/not a snapshot/);
      const snapshot = (await call(last.url, 'GET', '/_emulator/snapshot')).body as { customers: { id: number; profiles: { identifiers: { value: string }[] }[] }[] };
      const held = new Map(snapshot.customers.map((c) => [c.profiles[0]?.identifiers[0]?.value ?? '', c.id]));
      for (const [email, id] of acknowledged) expect(held.get(email), email).toBe(id);
    } finally {
      await stop(last);
    }
  }, 240_000);
});
