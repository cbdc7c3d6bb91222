// Durable state with --data DIR (EMU-8) and torn last lines (EMU-9), with the real command as a child
// process: killed with SIGKILL in the middle of a burst of writes and restarted, it has every change it
// acknowledged.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLogText } from '../../src/emulator/index';
import { spawnCli, startServe, stop } from './support/cli';
import { call, registerBody } from './support/http';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'customer-graph-data-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('EMU-8: with --data, every acknowledged change survives a SIGKILL', () => {
  it('EMU-8: killed with SIGKILL mid-burst and restarted, it has every change it acknowledged', async () => {
    const dir = tempDir();
    const first = await startServe(['--port', '0', '--data', dir, '--quiet']);
    const acknowledged = new Map<string, number>();
    const changed = new Map<number, string>();
    let sent = 0;
    let killed = false;
    // Eight writers keep registering (and renaming) customers until the process is killed under them.
    const writer = async (w: number) => {
      for (let i = 0; !killed && i < 500; i++) {
        const email = `w${w}-${i}@example.com`;
        sent += 1;
        try {
          const res = await call(first.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: email }]) });
          if (res.status !== 200) throw new Error(`unexpected ${res.status}: ${res.text}`);
          const id = (res.body as { createdId: number }).createdId;
          acknowledged.set(email, id);
          if (i % 3 === 0) {
            const name = `Renamed${w}x${i}`;
            const upd = await call(first.url, 'PUT', `/v2/customers/${id}?source=INSTORE`, { body: { profiles: [{ firstName: name }] } });
            if (upd.status === 200) changed.set(id, name);
          }
        } catch (error) {
          if (!killed) throw error;
          return; // The connection died with the process: not acknowledged.
        }
      }
    };
    let failure: unknown;
    const writers = Array.from({ length: 8 }, (_, w) => writer(w).catch((error: unknown) => (failure = error)));
    while (acknowledged.size < 150 && failure === undefined) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    first.child.kill('SIGKILL');
    const end = await first.exited;
    expect(end.signal).toBe('SIGKILL');
    await Promise.all(writers);
    expect(failure).toBeUndefined();
    expect(sent).toBeGreaterThan(acknowledged.size);

    const second = await startServe(['--port', '0', '--data', dir, '--quiet']);
    try {
      for (const [email, id] of acknowledged) {
        const found = await call(second.url, 'GET', `/v2/customers/lookup?source=INSTORE&identifierName=email&identifierValue=${encodeURIComponent(email)}`);
        expect(found.body, email).toEqual({ entity: id, warnings: [] });
      }
      for (const [id, name] of changed) {
        const got = await call(second.url, 'GET', `/v2/customers/${id}?source=INSTORE`);
        expect((got.body as { profiles: { firstName: string }[] }).profiles[0]?.firstName).toBe(name);
      }
      // The log is whole lines only, and new writes go on after the replayed ones.
      const log = readLogText(readFileSync(join(dir, 'default.events.jsonl'), 'utf8'));
      expect(log.ok && log.tornLine).toBeUndefined();
      const next = await call(second.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'after@example.com' }]) });
      expect(next.status).toBe(200);
      expect((next.body as { createdId: number }).createdId).toBeGreaterThan(Math.max(...acknowledged.values()));
    } finally {
      await stop(second);
    }
  });

  it('EMU-8: a clean restart gives the same graph snapshot, and without --data nothing is kept', async () => {
    const dir = tempDir();
    const a = await startServe(['--port', '0', '--data', dir, '--quiet']);
    await call(a.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
    await call(a.url, 'POST', '/v2/customers?source=WEBSITE', { body: registerBody([{ type: 'email', value: 'w@example.com' }]) });
    await call(a.url, 'POST', '/v2/customers/2/changeIdentifier?source=WEBSITE', { body: { add: [{ type: 'mobile', value: '9111111111' }] } });
    const before = (await call(a.url, 'GET', '/_emulator/snapshot')).body;
    expect(await stop(a)).toEqual({ code: 0, signal: null });
    const b = await startServe(['--port', '0', '--data', dir, '--quiet']);
    expect((await call(b.url, 'GET', '/_emulator/snapshot')).body).toEqual(before);
    await stop(b);

    const memory = await startServe(['--port', '0', '--quiet']);
    await call(memory.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
    await stop(memory);
    const fresh = await startServe(['--port', '0', '--quiet']);
    expect(((await call(fresh.url, 'GET', '/_emulator/snapshot')).body as { customers: unknown[] }).customers).toEqual([]);
    await stop(fresh);
  });
});

describe('EMU-9: a torn last line is detected and dropped, not fatal', () => {
  it('EMU-9: a partial last line is dropped with a warning and cut off the file; later writes land on a clean line', async () => {
    const dir = tempDir();
    const a = await startServe(['--port', '0', '--data', dir, '--quiet']);
    await call(a.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'one@example.com' }]) });
    await call(a.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'two@example.com' }]) });
    await stop(a);
    const file = join(dir, 'default.events.jsonl');
    const good = readFileSync(file, 'utf8');
    appendFileSync(file, '{"v":1,"n":3,"at":"2024-05-01T10:00:00Z","till":"demo.till","command":"register","events":[{"kind":"CustomerReg');

    const b = await startServe(['--port', '0', '--data', dir, '--quiet']);
    try {
      expect(b.stderr()).toMatch(/warning: .*dropped a torn last line/);
      expect(readFileSync(file, 'utf8')).toBe(good);
      const snapshot = (await call(b.url, 'GET', '/_emulator/snapshot')).body as { customers: unknown[] };
      expect(snapshot.customers).toHaveLength(2);
      const three = await call(b.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'three@example.com' }]) });
      expect(three.body).toMatchObject({ createdId: 3 });
    } finally {
      await stop(b);
    }
    const log = readLogText(readFileSync(file, 'utf8'));
    expect(log.ok && log.entries.map((e) => e.n)).toEqual([1, 2, 3]);
    expect(log.ok && log.tornLine).toBeUndefined();
  });

  it('EMU-9: a corrupt line before the last refuses to start, with a message naming the line and no stack', async () => {
    const dir = tempDir();
    const a = await startServe(['--port', '0', '--data', dir, '--quiet']);
    await call(a.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'one@example.com' }]) });
    await stop(a);
    const file = join(dir, 'default.events.jsonl');
    writeFileSync(file, `garbage\n${readFileSync(file, 'utf8')}`);
    const b = spawnCli(['serve', '--port', '0', '--data', dir]);
    const end = await b.exited;
    expect(end.code).toBe(1);
    expect(b.stderr()).toMatch(/line 1: not a valid event-log line/);
    expect(b.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('EMU-9: reading an event log', () => {
  const line = (n: number) =>
    `${JSON.stringify({ v: 1, n, at: '2024-05-01T10:00:00Z', till: 'demo.till', command: 'register', events: [{ kind: 'CustomerRegistered' }] })}\n`;

  it('EMU-9: whole lines are read; an incomplete, unreadable or NUL-filled last line is torn', () => {
    const whole = line(1) + line(2);
    expect(readLogText(whole)).toMatchObject({ ok: true, goodLength: whole.length, tornLine: undefined });
    expect(readLogText(whole + line(3).slice(0, 20))).toMatchObject({ ok: true, goodLength: whole.length });
    expect(readLogText(`${whole}{"v":1}\n`)).toMatchObject({ ok: true, goodLength: whole.length, tornLine: '{"v":1}\n' });
    expect(readLogText(`${whole}\0\0\0\0`)).toMatchObject({ ok: true, goodLength: whole.length });
    expect(readLogText('')).toMatchObject({ ok: true, entries: [], goodLength: 0 });
  });

  it('EMU-9: an unreadable line with good lines after it is corruption, named by its line number', () => {
    expect(readLogText(`${line(1)}oops\n${line(3)}`)).toEqual({ ok: false, line: 2, problem: 'not a valid event-log line' });
    expect(readLogText(`${line(1)}\n${line(3)}`)).toMatchObject({ ok: false, line: 2 });
  });

  it('EMU-9 ARC-4: field maps come back as null-prototype objects, so __proto__ stays a key', () => {
    const text = '{"v":1,"n":1,"at":"x","till":"t","command":"register","events":[{"kind":"K","extendedFields":{"__proto__":"x"}}]}\n';
    const parsed = readLogText(text);
    const fields = parsed.ok ? (parsed.entries[0]?.events[0] as unknown as { extendedFields: object }).extendedFields : {};
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.keys(fields)).toEqual(['__proto__']);
  });
});
