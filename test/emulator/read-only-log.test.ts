// A log that becomes unwritable under a running server (EMU-8): made immutable (`chattr +i`, where the test
// runs as root on a file system that has the flag), every write answers 503 in the standard error body
// and changes nothing; made writable again, writes succeed, and a restart has exactly the acknowledged ones.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator';
import { registerBody } from './support/http';
import { expectRestartHolds } from './support/restart';
import { tempDirs } from './support/temp';

const tempDir = tempDirs('readonly');

/** Whether `chattr +i` works here: root, and a file system with the immutable flag (ext4, xfs; not tmpfs). */
function canMakeImmutable(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = join(tempDir(), 'probe');
  try {
    writeFileSync(probe, '');
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mobile = (i: number): string => `91800${String(i).padStart(7, '0')}`;

async function register(e: Emulator, i: number): Promise<{ status: number; body: unknown }> {
  return e.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: 'demo.till', body: registerBody([{ type: 'mobile', value: mobile(i) }]) });
}

describe.runIf(canMakeImmutable())('EMU-8: a log made immutable under the running server', () => {
  it('EMU-8: writes answer 503 in the standard body and change nothing; writable again, they succeed; a restart has exactly the acknowledged ones', async () => {
    const dir = tempDir();
    const log = join(dir, 'default.events.jsonl');
    const acknowledged = new Map<number, number>();
    const e = await createEmulator({ dataDir: dir, warn: () => undefined });
    try {
      for (let i = 0; i < 5; i++) {
        const a = await register(e, i);
        expect(a.status).toBe(200);
        acknowledged.set(i, (a.body as { createdId: number }).createdId);
      }
      execFileSync('chattr', ['+i', log]);
      try {
        for (let i = 5; i < 10; i++) {
          const a = await register(e, i);
          expect(a.status).toBe(503);
          expect(a.body).toEqual({ errors: [{ status: false, code: 503, message: expect.stringMatching(/could not keep/) }], warnings: [] });
        }
        expect(e.graph('default')?.customerCount).toBe(5);
      } finally {
        execFileSync('chattr', ['-i', log]);
      }
      for (let i = 10; i < 15; i++) {
        const a = await register(e, i);
        expect(a.status).toBe(200);
        acknowledged.set(i, (a.body as { createdId: number }).createdId);
      }
    } finally {
      await e.close();
    }
    await expectRestartHolds(dir, acknowledged, mobile);
  });
});
