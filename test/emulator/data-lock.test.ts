// One owner per data directory (EMU-19): a second server on a --data directory refuses to start, naming the
// pid that holds it; a lock left by a process that is gone is taken over; closing gives the directory back.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator, DataDirectoryInUse, LOCK_FILE } from '../../src/emulator';
import { spawnCli, startServe, stop } from './support/cli';
import { call, registerBody } from './support/http';
import { tempDirs } from './support/temp';

const tempDir = tempDirs('lock');

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('EMU-19: one owner per data directory', () => {
  it('EMU-19: a second emulator on a directory this process holds is refused with this pid; after close the directory is free and has no lock', async () => {
    const dir = tempDir();
    const first = await createEmulator({ dataDir: dir });
    await expect(createEmulator({ dataDir: dir })).rejects.toThrow(new RegExp(`data directory in use by pid ${process.pid} \\(this process\\)`));
    await expect(createEmulator({ dataDir: join(dir, '.') })).rejects.toBeInstanceOf(DataDirectoryInUse);
    await first.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = await createEmulator({ dataDir: dir });
    await second.close();
  });

  it('EMU-19: a second server process on the same --data exits 2 (one line, like every CLI error) naming the first one\'s pid, and the first keeps serving', async () => {
    const dir = tempDir();
    const a = await startServe(['--port', '0', '--data', dir, '--quiet']);
    try {
      const b = spawnCli(['serve', '--port', '0', '--data', dir, '--quiet']);
      const end = await b.exited;
      expect(end.code).toBe(2);
      expect(b.stderr()).toContain(`data directory in use by pid ${a.child.pid}`);
      expect(b.stderr()).not.toMatch(/\n\s+at /);
      const r = await call(a.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'one@example.com' }]) });
      expect(r.status).toBe(200);
      await expect(createEmulator({ dataDir: dir })).rejects.toThrow(`pid ${a.child.pid}`);
    } finally {
      await stop(a);
    }
    expect(readdirSync(dir)).toEqual(['default.events.jsonl']);
  });

  it('EMU-19: the lock of a SIGKILLed server is taken over at the next start, which has every acknowledged write', async () => {
    const dir = tempDir();
    const a = await startServe(['--port', '0', '--data', dir, '--quiet']);
    const r = await call(a.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'kept@example.com' }]) });
    expect(r.status).toBe(200);
    await stop(a, 'SIGKILL');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    const b = await createEmulator({ dataDir: dir });
    try {
      expect(b.graph('default')?.customerCount).toBe(1);
    } finally {
      await b.close();
    }
  });

  it('EMU-19: a lock naming a dead pid, a live pid of another start time, or nothing readable is stale and taken over', async () => {
    for (const content of [
      JSON.stringify({ pid: deadPid(), started: null }),
      // The parent process is alive, but this lock was written by an earlier process that had its pid.
      JSON.stringify({ pid: process.ppid, started: 'not-its-start-time' }),
      '{"pid":',
      '',
    ]) {
      const dir = tempDir();
      writeFileSync(join(dir, LOCK_FILE), content);
      const e = await createEmulator({ dataDir: dir });
      await e.close();
      expect(readdirSync(dir), content).toEqual(['default.events.jsonl']);
    }
  });
});
