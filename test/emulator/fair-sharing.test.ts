// Fair sharing (EMU-10): an org's queued requests each run in a turn of the event loop of their own, so a
// request that arrives for another org meanwhile (a timer here, a socket in the server) is served between
// them instead of after the whole queue.
import { describe, expect, it } from 'vitest';
import { defaultOrg, defineOrg, emptyGraph, execute, type RegisterCommand } from '../../src/index';
import { LOG_FORMAT_VERSION, type LogEntry } from '../../src/emulator/runtime/log-format';
import { IMPORT_CHUNK_LINES, OrgRuntime } from '../../src/emulator/runtime/org-runtime';
import { snapshotJson } from '../../src/emulator/routes/snapshot';
import type { Readable } from 'node:stream';

/** The log of `n` registrations in the default org, as an import brings it. */
function registrations(n: number): LogEntry[] {
  let graph = emptyGraph(defaultOrg())._unsafeUnwrap();
  const entries: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const command: RegisterCommand = {
      kind: 'register',
      source: 'INSTORE',
      body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: `C${i}`, identifiers: [{ type: 'email', value: `c${i}@example.com` }] }] },
      meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' },
    };
    const done = execute(graph, command)._unsafeUnwrap();
    graph = done.graph;
    entries.push({ v: LOG_FORMAT_VERSION, n: i + 1, at: command.meta.at, till: command.meta.till, command: command.kind, events: done.events });
  }
  return entries;
}

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Synchronous work, as a large search or a fold is.
  }
}

describe('EMU-10: one org\'s queue does not hold the process', () => {
  it('EMU-10: 40 queued 5 ms tasks of one org let another org\'s request that arrives meanwhile run within the first few of them', async () => {
    const a = OrgRuntime.inMemory(defaultOrg());
    const b = OrgRuntime.inMemory(defineOrg({ id: 'b', tills: [{ code: 'b.till', password: 'b' }] })._unsafeUnwrap());
    const done: string[] = [];
    const queue = Array.from({ length: 40 }, (_, i) =>
      a.serial(() => {
        busy(5);
        done.push(`a${i}`);
      }),
    );
    const other = new Promise<void>((resolve) =>
      setTimeout(() => {
        void b.serial(() => done.push('b')).then(() => resolve());
      }, 0),
    );
    await Promise.all([...queue, other]);
    const at = done.indexOf('b');
    expect(at).toBeGreaterThanOrEqual(0);
    // Back to back, the 40 tasks would all run before the timer fires: 'b' would come last.
    expect(at).toBeLessThan(5);
    // The org's own order is kept (EMU-10).
    expect(done.filter((d) => d !== 'b')).toEqual(Array.from({ length: 40 }, (_, i) => `a${i}`));
  });

  it(`EMU-10: an import is folded ${IMPORT_CHUNK_LINES} lines at a time: another org's request that arrives meanwhile is answered before the import ends`, async () => {
    const a = OrgRuntime.inMemory(defaultOrg());
    const b = OrgRuntime.inMemory(defineOrg({ id: 'b', tills: [{ code: 'b.till', password: 'b' }] })._unsafeUnwrap());
    const entries = registrations(IMPORT_CHUNK_LINES * 8);
    const order: string[] = [];
    const imported = a.serial(async () => {
      const r = await a.replaceLog(entries);
      order.push('import');
      return r;
    });
    await new Promise<void>((resolve) => setTimeout(() => void b.serial(() => order.push('b')).then(() => resolve()), 0));
    expect((await imported).isOk()).toBe(true);
    expect(order).toEqual(['b', 'import']);
    expect(a.graph.customerCount).toBe(entries.length);
  });

  it('EMU-10 EMU-20: a snapshot export and an in-memory log export stream a chunk per turn: a timer set when they begin fires before they end', async () => {
    const a = OrgRuntime.inMemory(defaultOrg());
    expect((await a.replaceLog(registrations(2048))).isOk()).toBe(true);
    for (const stream of [snapshotJson(a.graph), (await a.exportLog()) as Readable]) {
      const order: string[] = [];
      const timer = new Promise<void>((resolve) => setTimeout(() => (order.push('timer'), resolve()), 0));
      const chunks: string[] = [];
      for await (const chunk of stream) chunks.push(String(chunk));
      order.push('export');
      await timer;
      // Drained in microtasks, the export would end before any timer: the timer would come second.
      expect(order).toEqual(['timer', 'export']);
      expect(chunks.length).toBeGreaterThan(4);
    }
    expect((JSON.parse((await collect(snapshotJson(a.graph)))) as { customers: unknown[] }).customers).toHaveLength(2048);
  });
});

async function collect(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

