// Durable state with --data DIR (EMU-8) and torn last lines (EMU-9), with the real command as a child
// process: killed with SIGKILL in the middle of a burst of writes and restarted, it has every change it
// acknowledged.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, defaultOrg, defineOrg, emptyGraph, evolveAll, execute, graphSnapshot, type RegisterCommand } from '../../src/index';
import { createEmulator, readLogText } from '../../src/emulator';
import { READ_CHUNK_BYTES } from '../../src/emulator/runtime/event-log';
import type { LogEntry } from '../../src/emulator/runtime/log-format';
import { LogReader, readLogBytes } from '../../src/emulator/runtime/log-reader';
import { OrgRuntime } from '../../src/emulator/runtime/org-runtime';
import { spawnCli, startServe, stop } from './support/cli';
import { call, registerBody } from './support/http';
import { tempDirs } from './support/temp';

const tempDir = tempDirs('data');

describe('EMU-8: with --data, every acknowledged change survives a SIGKILL', () => {
  it('EMU-8: killed with SIGKILL mid-burst and restarted, it has every change it acknowledged', async () => {
    const dir = tempDir();
    const first = await startServe(['--port', '0', '--data', dir, '--quiet']);
    const acknowledged = new Map<string, number>();
    const changed = new Map<number, string>();
    let sent = 0;
    let answered = 0;
    let killed = false;
    // Eight writers keep registering (and renaming) customers until the process is killed under them.
    const writer = async (w: number) => {
      for (let i = 0; !killed && i < 500; i++) {
        const email = `w${w}-${i}@example.com`;
        sent += 1;
        try {
          const res = await call(first.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: email }]) });
          answered += 1;
          if (res.status !== 200) throw new Error(`unexpected ${res.status}: ${res.text}`);
          const id = (res.body as { createdId: number }).createdId;
          acknowledged.set(email, id);
          if (i % 3 === 0) {
            const name = `Renamed${w}x${i}`;
            sent += 1;
            const upd = await call(first.url, 'PUT', `/v2/customers/${id}?source=INSTORE`, { body: { profiles: [{ firstName: name }] } });
            answered += 1;
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
    // Killed mid-burst: only while some request is under way, so that one at least is never answered.
    while ((acknowledged.size < 150 || sent === answered) && failure === undefined) await new Promise((r) => setImmediate(r));
    killed = true;
    first.child.kill('SIGKILL');
    const end = await first.exited;
    expect(end.signal).toBe('SIGKILL');
    await Promise.all(writers);
    expect(failure).toBeUndefined();
    expect(sent).toBeGreaterThan(answered);

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
    appendFileSync(file, '{"v":2,"n":3,"at":"2024-05-01T10:00:00Z","till":"demo.till","command":"register","events":[{"kind":"CustomerReg');

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
    expect(end.code).toBe(2);
    expect(b.stderr()).toMatch(/line 1: not a valid event-log line/);
    expect(b.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('EMU-9: reading an event log', () => {
  const line = (n: number) =>
    `${JSON.stringify({ v: 2, n, at: '2024-05-01T10:00:00Z', till: 'demo.till', command: 'register', events: [{ kind: 'CustomerRegistered' }] })}\n`;

  it('EMU-9: whole lines are read; an incomplete, unreadable or NUL-filled last line is torn', () => {
    const whole = line(1) + line(2);
    expect(readLogText(whole)).toMatchObject({ ok: true, goodLength: whole.length, tornLine: undefined });
    expect(readLogText(whole + line(3).slice(0, 20))).toMatchObject({ ok: true, goodLength: whole.length });
    expect(readLogText(`${whole}{"v":2}\n`)).toMatchObject({ ok: true, goodLength: whole.length, tornLine: '{"v":2}\n' });
    expect(readLogText(`${whole}\0\0\0\0`)).toMatchObject({ ok: true, goodLength: whole.length });
    expect(readLogText('')).toMatchObject({ ok: true, entries: [], goodLength: 0 });
  });

  it('EMU-9: an unreadable line with good lines after it is corruption, named by its line number', () => {
    expect(readLogText(`${line(1)}oops\n${line(3)}`)).toEqual({ ok: false, line: 2, problem: 'not a valid event-log line' });
    expect(readLogText(`${line(1)}\n${line(3)}`)).toMatchObject({ ok: false, line: 2 });
  });

  it('EMU-9: a whole line of another log format is refused, never dropped as torn, wherever it stands', () => {
    const old = `${JSON.stringify({ v: 1, n: 2, at: '2024-05-01T10:00:00Z', till: 'demo.till', command: 'register', events: [{ kind: 'CustomerRegistered' }] })}\n`;
    expect(readLogText(`${line(1)}${old}`)).toMatchObject({ ok: false, line: 2, problem: expect.stringMatching(/log format 1.*reads format 2/) });
    expect(readLogText(`${old}${line(2)}`)).toMatchObject({ ok: false, line: 1 });
  });

  it('EMU-9 ARC-4: a field map keyed __proto__ or constructor is read as data: kept as an own key by the reader, a key of a null-prototype map once folded', async () => {
    const org = defineOrg({ ...DEFAULT_ORG_CONFIG, id: 'keys', tills: [{ code: 'k.till', password: 'k' }], extendedFields: [{ name: '__proto__', type: 'string' }, { name: 'constructor', type: 'string' }] })._unsafeUnwrap();
    const command = JSON.parse(
      '{"kind":"register","source":"INSTORE","body":{"loyaltyInfo":{"loyaltyType":"loyalty"},"profiles":[{"identifiers":[{"type":"email","value":"k@example.com"}]}],"extendedFields":{"__proto__":"x","constructor":"y"}},"meta":{"at":"2024-05-01T10:00:00Z","till":"k.till"}}',
    ) as RegisterCommand;
    const done = execute(emptyGraph(org)._unsafeUnwrap(), command)._unsafeUnwrap();
    const text = `${JSON.stringify({ v: 2, n: 1, at: command.meta.at, till: command.meta.till, command: 'register', events: done.events })}\n`;
    expect(text).toContain('"extendedFields":{"__proto__":"x","constructor":"y"}');
    const read = readLogText(text);
    const raw = read.ok ? (read.entries[0]?.events[0] as unknown as { extendedFields: object }).extendedFields : {};
    expect(Object.keys(raw)).toEqual(['__proto__', 'constructor']);
    const replayed = evolveAll(emptyGraph(org)._unsafeUnwrap(), read.ok ? (read.entries[0]?.events ?? []) : [])._unsafeUnwrap();
    const fields = graphSnapshot(replayed)._unsafeUnwrap().customers[0]?.extendedFields ?? {};
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.entries(fields)).toEqual([['__proto__', 'x'], ['constructor', 'y']]);
    expect(graphSnapshot(replayed)._unsafeUnwrap()).toEqual(graphSnapshot(done.graph)._unsafeUnwrap());
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('EMU-9: reading an event log from its bytes, one line at a time', () => {
  // Names with 2-, 3- and 4-byte UTF-8 characters, so that byte and character counts differ.
  const names = ['Zoë', '東京タワー', '🎉 party', 'Ünïcødé ✓', 'plain'];
  const entry = (n: number) => ({ v: 2, n, at: '2024-05-01T10:00:00Z', till: 'demo.till', command: 'register', events: [{ kind: 'CustomerRegistered', name: names[n % names.length] }] });
  const line = (n: number) => `${JSON.stringify(entry(n))}\n`;
  const bytesOf = (text: string) => Buffer.from(text, 'utf8');

  /** Reads `bytes` fed in chunks of `size` bytes, collecting the entries. */
  function readInChunks(bytes: Buffer, size: number): { read: ReturnType<LogReader['end']>; entries: LogEntry[]; stoppedAt: number | undefined } {
    const entries: LogEntry[] = [];
    const reader = new LogReader((e) => entries.push(e));
    let stoppedAt: number | undefined;
    for (let at = 0; at < bytes.length; at += size) {
      if (!reader.push(bytes.subarray(at, at + size))) {
        stoppedAt = at;
        break;
      }
    }
    return { read: reader.end(), entries, stoppedAt };
  }

  it('EMU-9: multi-byte characters read the same whatever the chunks, even split between two chunks', () => {
    const text = Array.from({ length: 12 }, (_, i) => line(i + 1)).join('');
    const bytes = bytesOf(text);
    expect(bytes.length).toBeGreaterThan(text.length);
    const whole: LogEntry[] = [];
    expect(readLogBytes(bytes, (e) => whole.push(e))).toEqual({ ok: true, count: 12, goodBytes: bytes.length, tornBytes: undefined });
    expect(whole).toEqual(Array.from({ length: 12 }, (_, i) => entry(i + 1)));
    for (const size of [1, 2, 3, 5, 7, 64, 1000]) {
      const { read, entries } = readInChunks(bytes, size);
      expect(read, `chunks of ${size}`).toEqual({ ok: true, count: 12, goodBytes: bytes.length, tornBytes: undefined });
      expect(entries, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('EMU-9: a torn last line is counted in bytes, and the good part ends on a whole line', () => {
    const good = bytesOf(line(1) + line(2) + line(3));
    const partial = bytesOf(line(4)).subarray(0, 30);
    for (const size of [1, 3, 4096]) {
      const { read, entries } = readInChunks(Buffer.concat([good, partial]), size);
      expect(read).toEqual({ ok: true, count: 3, goodBytes: good.length, tornBytes: partial.length });
      expect(entries.map((e) => e.n)).toEqual([1, 2, 3]);
    }
    // A last line cut inside a multi-byte character, and a complete but unreadable last line.
    const cut = bytesOf(line(1)).subarray(0, bytesOf(line(1)).indexOf(0xe6) + 1);
    expect(readLogBytes(Buffer.concat([good, cut]), () => undefined)).toMatchObject({ ok: true, goodBytes: good.length, tornBytes: cut.length });
    expect(readLogBytes(Buffer.concat([good, bytesOf('{"v":2}\n')]), () => undefined)).toMatchObject({ ok: true, count: 3, tornBytes: 8 });
    // readLogText, on the same reader, keeps counting characters.
    const text = line(1) + line(2) + line(3);
    expect(readLogText(`${text}{"v":2,"n":4,"at":"東京`)).toMatchObject({ ok: true, goodLength: text.length, tornLine: '{"v":2,"n":4,"at":"東京' });
  });

  it('EMU-9: a tail of NUL bytes (or blanks) is torn, wherever the chunks split it', () => {
    const good = bytesOf(line(1) + line(2));
    const nuls = Buffer.alloc(4096);
    for (const size of [1, 7, 1024, 1 << 20]) {
      expect(readInChunks(Buffer.concat([good, nuls]), size).read, `chunks of ${size}`).toEqual({ ok: true, count: 2, goodBytes: good.length, tornBytes: 4096 });
    }
    // A bad line followed only by NULs, newlines and Unicode blanks (U+3000, split between chunks): torn.
    const tail = Buffer.concat([bytesOf('{"v":2,"n":3\n'), Buffer.alloc(10), bytesOf('\n\u3000 \n'), Buffer.alloc(3)]);
    for (const size of [1, 2, 5]) {
      expect(readInChunks(Buffer.concat([good, tail]), size).read).toEqual({ ok: true, count: 2, goodBytes: good.length, tornBytes: tail.length });
    }
  });

  it('EMU-9: a corrupt line in the middle fails naming its line, and reading stops there', () => {
    const text = `${line(1)}${line(2)}{"v":2,"n":3,"at":"Zoë"\n${line(4)}${line(5)}`;
    const bytes = bytesOf(text);
    expect(readLogBytes(bytes, () => undefined)).toEqual({ ok: false, line: 3, problem: 'not a valid event-log line' });
    for (const size of [1, 4, 100]) {
      const { read, stoppedAt } = readInChunks(bytes, size);
      expect(read).toEqual({ ok: false, line: 3, problem: 'not a valid event-log line' });
      // The reader says so as soon as it sees something after the bad line: the rest is not read.
      expect(stoppedAt).toBeLessThan(bytes.indexOf(bytesOf(line(5))));
    }
    expect(readLogBytes(bytesOf(`${line(1)}\n${line(3)}`), () => undefined)).toEqual({ ok: false, line: 2, problem: 'an empty line inside the log' });
    // NUL bytes with a good line after them are corruption too, not a torn tail.
    expect(readLogBytes(Buffer.concat([bytesOf(line(1)), Buffer.alloc(5), bytesOf(`\n${line(3)}`)]), () => undefined)).toMatchObject({ ok: false, line: 2 });
  });
});

describe('EMU-8: a log is replayed as it is read, and exported from the file', () => {
  const register = (i: number): RegisterCommand => ({
    kind: 'register',
    source: 'INSTORE',
    body: {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [{ firstName: `Zoë-東京-${i}`, lastName: '🎉'.repeat(120), identifiers: [{ type: 'email', value: `c${i}@example.com` }] }],
    },
    meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' },
  });

  it('EMU-8 EMU-9: a log of several read chunks with multi-byte names replays into the graph the library built', async () => {
    const dir = tempDir();
    let graph = emptyGraph(defaultOrg())._unsafeUnwrap();
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const done = execute(graph, register(i))._unsafeUnwrap();
      graph = done.graph;
      lines.push(JSON.stringify({ v: 2, n: i + 1, at: '2024-05-01T10:00:00Z', till: 'demo.till', command: 'register', events: done.events }));
    }
    const file = join(dir, 'default.events.jsonl');
    const text = `${lines.join('\n')}\n`;
    writeFileSync(file, `${text}${lines[0]!.slice(0, 100)}`);
    // More than one read of the file.
    expect(Buffer.byteLength(text)).toBeGreaterThan(READ_CHUNK_BYTES);
    const warnings: string[] = [];
    const emulator = await createEmulator({ dataDir: dir, warn: (l) => warnings.push(l) });
    try {
      expect(graphSnapshot(emulator.graph('default')!)._unsafeUnwrap()).toEqual(graphSnapshot(graph)._unsafeUnwrap());
      expect(warnings).toEqual([expect.stringMatching(new RegExp(`dropped a torn last line \\(${Buffer.byteLength(lines[0]!.slice(0, 100))} bytes.*after 5000 good lines`))]);
      expect(readFileSync(file, 'utf8')).toBe(text);
      const exported = await emulator.request({ method: 'GET', path: '/_emulator/events', till: 'demo.till' });
      expect(exported.body).toBe(text);
    } finally {
      await emulator.close();
    }
  });

  it('EMU-8 EMU-13: an export is the log as it was when asked, even while later writes land', async () => {
    const dir = tempDir();
    const org = await OrgRuntime.durable(defaultOrg(), dir, () => undefined);
    const memory = OrgRuntime.inMemory(defaultOrg());
    try {
      for (const o of [org, memory]) for (let i = 0; i < 300; i++) (await o.commit(register(i)))._unsafeUnwrap();
      const read = async (o: OrgRuntime): Promise<string> => {
        const out = await o.serial(() => o.exportLog());
        // Written after the export was asked for: not in it.
        (await o.commit(register(1000)))._unsafeUnwrap();
        if (typeof out === 'string') return out;
        if (out instanceof Error) throw out;
        const chunks: Buffer[] = [];
        for await (const chunk of out) chunks.push(Buffer.from(chunk as Buffer));
        return Buffer.concat(chunks).toString('utf8');
      };
      const fromFile = await read(org);
      const fromMemory = await read(memory);
      const log = readLogText(fromFile);
      expect(log.ok && log.entries.map((e) => e.n)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(fromMemory).toBe(fromFile);
      // The file has the later write as line 301, once its batch is flushed.
      await org.kept;
      const file = readLogText(readFileSync(join(dir, 'default.events.jsonl'), 'utf8'));
      expect(file.ok && file.entries.length).toBe(301);
    } finally {
      await org.close();
      await memory.close();
    }
  });
});
