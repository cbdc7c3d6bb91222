// Start-up and import fold the log in batches (EMU-8, ARC-3); a line that does not fit is named exactly as
// a line-at-a-time replay names it (EMU-9).
import { describe, expect, it } from 'vitest';
import { defaultOrg, emptyGraph, execute, graphSnapshot, type CustomerGraph, type RegisterCommand } from '../../src/index';
import type { LogEntry } from '../../src/emulator/runtime/log-format';
import { foldEntries, foldEntry, REPLAY_BATCH_LINES } from '../../src/emulator/runtime/log-replay';

const register = (i: number): RegisterCommand => ({
  kind: 'register',
  source: 'INSTORE',
  body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: `C${i}`, identifiers: [{ type: 'email', value: `c${i}@example.com` }] }] },
  meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' },
});

function logOf(lines: number): { entries: LogEntry[]; graph: CustomerGraph } {
  let graph = emptyGraph(defaultOrg())._unsafeUnwrap();
  const entries: LogEntry[] = [];
  for (let i = 0; i < lines; i++) {
    const done = execute(graph, register(i))._unsafeUnwrap();
    graph = done.graph;
    entries.push(JSON.parse(JSON.stringify({ v: 2, n: i + 1, at: '2024-05-01T10:00:00Z', till: 'demo.till', command: 'register', events: done.events })) as LogEntry);
  }
  return { entries, graph };
}

function lineByLine(entries: readonly LogEntry[]): unknown {
  let graph = emptyGraph(defaultOrg())._unsafeUnwrap();
  for (const [i, entry] of entries.entries()) {
    const next = foldEntry(graph, entry, i + 1);
    if (next.isErr()) return next.error;
    graph = next.value;
  }
  return graph;
}

describe('EMU-8 EMU-9: the log is folded in batches with the answers of one line at a time', () => {
  const lines = REPLAY_BATCH_LINES + 100;
  const { entries, graph } = logOf(lines);

  it('EMU-8 ARC-3: a log longer than a batch folds into the graph the library built', () => {
    const folded = foldEntries(emptyGraph(defaultOrg())._unsafeUnwrap(), entries, 1)._unsafeUnwrap();
    expect(graphSnapshot(folded)._unsafeUnwrap()).toEqual(graphSnapshot(graph)._unsafeUnwrap());
  });

  it.each([
    ['an event out of sequence', (e: LogEntry): LogEntry => ({ ...e, events: e.events.map((ev) => ({ ...ev, seq: 1 })) })],
    ['a line number out of turn', (e: LogEntry): LogEntry => ({ ...e, n: 1 })],
  ])('EMU-9: %s deep in a batch is named by its line and reason, as line by line names it', (_what, spoil) => {
    const bad = [...entries];
    const at = REPLAY_BATCH_LINES - 7;
    bad[at] = spoil(bad[at]!);
    const batched = foldEntries(emptyGraph(defaultOrg())._unsafeUnwrap(), bad, 1);
    expect(batched.isErr() && batched.error).toEqual(lineByLine(bad));
    expect(batched.isErr() && batched.error.line).toBe(at + 1);
  });
});
