// A real full disk (EMU-8): the data directory on a 256 KiB tmpfs, mounted where the test runs as root
// (test/emulator/event-log-faults.test.ts simulates the same faults on the file handle everywhere else).
// Every write is answered 200 or 507 with the standard error body; after space returns the next writes
// succeed, and a restart has every acknowledged write and nothing else, with no stray file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator';
import { registerBody } from './support/http';
import { expectRestartHolds } from './support/restart';

const mountPoint = mkdtempSync(join(tmpdir(), 'customer-graph-tmpfs-'));

function tryMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mounted = tryMount();

afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint], { stdio: 'ignore' });
  rmSync(mountPoint, { recursive: true, force: true });
});

type Answer = { status: number; body: unknown };

const mobile = (i: number): string => `91900${String(i).padStart(7, '0')}`;

async function register(e: Emulator, i: number): Promise<Answer> {
  // Long names make each line large, so that the disk fills within a few hundred writes.
  return e.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: 'demo.till', body: registerBody([{ type: 'mobile', value: mobile(i) }], { firstName: `F${'x'.repeat(200)}${i}`, lastName: 'y'.repeat(200) }) });
}

function expectDiskFull(a: Answer): void {
  expect(a.status).toBe(507);
  expect(a.body).toEqual({ errors: [{ status: false, code: 507, message: expect.stringContaining('no space left') }], warnings: [] });
}

describe.runIf(mounted)('EMU-8: the data directory on a full disk (a 256 KiB tmpfs)', () => {
  it('EMU-8: writes are acknowledged or refused 507 whole; after space returns writes succeed; a restart has exactly the acknowledged ones', async () => {
    const dir = join(mountPoint, 'data');
    const acknowledged = new Map<number, number>();
    let refused = 0;
    const first = await createEmulator({ dataDir: dir, warn: () => undefined });
    try {
      for (let i = 0; i < 400; i++) {
        const a = await register(first, i);
        if (a.status === 200) acknowledged.set(i, (a.body as { createdId: number }).createdId);
        else {
          expectDiskFull(a);
          refused++;
        }
      }
      expect(refused).toBeGreaterThan(0);
      // A refused write changed nothing: the graph holds the acknowledged customers alone.
      expect(first.graph('default')?.customerCount).toBe(acknowledged.size);

      execFileSync('mount', ['-o', 'remount,size=2m', mountPoint], { stdio: 'ignore' });
      for (let i = 400; i < 410; i++) {
        const a = await register(first, i);
        expect(a.status).toBe(200);
        acknowledged.set(i, (a.body as { createdId: number }).createdId);
      }
      // An import writes a whole new log first. With room for a part of it, the new file is begun and then
      // the disk fills: refused 507, nothing changed, and the partial file is gone.
      execFileSync('mount', ['-o', 'remount,size=320k', mountPoint], { stdio: 'ignore' });
      const log = await first.request({ method: 'GET', path: '/_emulator/events', till: 'demo.till' });
      expect(String(log.body).length).toBeGreaterThan(64 * 1024);
      const ndjson = { 'content-type': 'application/x-ndjson' };
      expectDiskFull(await first.request({ method: 'PUT', path: '/_emulator/events', till: 'demo.till', body: String(log.body), headers: ndjson }));
      expect(first.graph('default')?.customerCount).toBe(acknowledged.size);
      expect(readdirSync(dir).sort()).toEqual(['customer-graph.lock', 'default.events.jsonl']);
    } finally {
      await first.close();
    }

    await expectRestartHolds(dir, acknowledged, mobile);
    expect(readdirSync(dir)).toEqual(['default.events.jsonl']);
  });
});

describe.runIf(mounted)('EMU-8 EMU-20: a disk that fills during compaction (the same tmpfs)', () => {
  /** Registers customers `from`..`to - 1`, keeping the acknowledged ones; the others must be refused with `status`. */
  async function registerAll(e: Emulator, from: number, to: number, acknowledged: Map<number, number>, status?: number): Promise<number> {
    let refused = 0;
    for (let i = from; i < to; i++) {
      const a = await register(e, i);
      if (a.status === 200) acknowledged.set(i, (a.body as { createdId: number }).createdId);
      else {
        expect(a.status, JSON.stringify(a.body)).toBe(status);
        expect(a.body).toEqual({ errors: [{ status: false, code: status, message: expect.any(String) }], warnings: [] });
        refused++;
      }
    }
    return refused;
  }

  it('EMU-8 EMU-20: a disk that fills while the org compacts refuses writes 507, the failed snapshot leaves no file, and a restart has exactly the acknowledged ones', async () => {
    execFileSync('mount', ['-o', 'remount,rw,size=640k', mountPoint], { stdio: 'ignore' });
    const dir = join(mountPoint, 'compacting');
    const acknowledged = new Map<number, number>();
    const warnings: string[] = [];
    const e = await createEmulator({ dataDir: dir, snapshotAfterBytes: 16 * 1024, warn: (w) => warnings.push(w) });
    try {
      expect(await registerAll(e, 0, 600, acknowledged, 507)).toBeGreaterThan(0);
      expect(e.graph('default')?.customerCount).toBe(acknowledged.size);
      // The disk filled under a compaction too: it was given up, warned, and the log went on.
      expect(warnings.join('\n')).toMatch(/compaction failed.*no space left/i);
    } finally {
      await e.close();
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    execFileSync('mount', ['-o', 'remount,size=8m', mountPoint], { stdio: 'ignore' });
    await expectRestartHolds(dir, acknowledged, mobile);
  });
});
