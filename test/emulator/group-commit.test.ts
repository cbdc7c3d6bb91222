// Group commit (EMU-8): concurrent writes to one org share one append and one flush; each request is
// answered only after its own line is kept, in log order; a batch the log cannot keep is taken back whole.
import { describe, expect, it } from 'vitest';
import { defaultOrg, graphSnapshot, type RegisterCommand } from '../../src/index';
import type { EntryLog } from '../../src/emulator/runtime/event-log';
import type { LogEntry } from '../../src/emulator/runtime/log-format';
import { OrgRuntime, StorageFailure } from '../../src/emulator/runtime/org-runtime';

/** A log whose appends take a while (like an fsync) and can be told to fail; it records every batch. */
class SlowLog implements EntryLog {
  readonly batches: LogEntry[][] = [];
  readonly kept: LogEntry[] = [];
  failNext = false;
  /** While set, appends wait for it (a flush that takes as long as the test needs). */
  hold: Promise<void> | undefined;
  constructor(private readonly ms: number) {}
  get nextNumber(): number {
    return this.kept.length + 1;
  }
  async appendAll(entries: readonly LogEntry[]): Promise<void> {
    this.batches.push([...entries]);
    await new Promise((resolve) => setTimeout(resolve, this.ms));
    await this.hold;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('ENOSPC: no space left on device');
    }
    this.kept.push(...entries);
  }
  async replace(entries: readonly LogEntry[]): Promise<void> {
    this.kept.splice(0, this.kept.length, ...entries);
  }
  async exportLines(): Promise<string> {
    return this.kept.map((e) => `${JSON.stringify(e)}\n`).join('');
  }
  async close(): Promise<void> {}
}

const register = (i: number): RegisterCommand => ({
  kind: 'register',
  source: 'INSTORE',
  body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: `C${i}`, identifiers: [{ type: 'email', value: `c${i}@example.com` }] }] },
  meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' },
});

/** The customer a register line created (its first event names it). */
const createdBy = (entry: LogEntry): unknown => entry.events[0]?.['customerId'];

/** What a request handler does: the command inside the queue, the answer after `kept`. */
async function request(org: OrgRuntime, i: number, answered: number[]): Promise<number> {
  const { id, kept } = await org.serial(async () => {
    const done = (await org.commit(register(i)))._unsafeUnwrap();
    return { id: done.response.createdId as number, kept: org.kept };
  });
  await kept;
  answered.push(id);
  return id;
}

describe('EMU-8: group commit', () => {
  it('EMU-8: 50 concurrent writes take far fewer than 50 flushes, and the log holds them in decision order', async () => {
    const log = new SlowLog(5);
    const org = OrgRuntime.over(defaultOrg(), log);
    const answered: number[] = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => request(org, i, answered)));
    expect(log.kept.map((e) => e.n)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Each task takes a turn of the event loop of its own (fair sharing), so a busy host may split the
    // 50 into a few more batches; one flush per write would be 50.
    expect(log.batches.length).toBeLessThanOrEqual(10);
    expect(log.batches.flat()).toEqual(log.kept);
    await org.close();
  });

  it('EMU-8: each answer leaves only after its own line is kept, and the answers come in the order of the log', async () => {
    const log = new SlowLog(3);
    const org = OrgRuntime.over(defaultOrg(), log);
    const answered: number[] = [];
    const keptWhenAnswered: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const id = await request(org, i, answered);
        keptWhenAnswered.push(log.kept.findIndex((e) => createdBy(e) === id));
      }),
    );
    expect(keptWhenAnswered.every((at) => at >= 0)).toBe(true);
    const logOrder = log.kept.map(createdBy);
    expect(answered).toEqual(logOrder);
    await org.close();
  });

  it('EMU-8: a read that saw a write in flight waits for it: its kept promise settles only after the batch lands', async () => {
    const log = new SlowLog(20);
    const org = OrgRuntime.over(defaultOrg(), log);
    void org.serial(() => org.commit(register(1)));
    const seen = await org.serial(() => ({ count: org.graph.customerCount, kept: org.kept }));
    expect(seen.count).toBe(1);
    expect(log.kept).toHaveLength(0);
    await seen.kept;
    expect(log.kept).toHaveLength(1);
    await org.close();
  });

  it('EMU-8: a batch the log cannot keep is refused with every write decided on it; the graph is the last kept one and later writes go on from there', async () => {
    const log = new SlowLog(5);
    const org = OrgRuntime.over(defaultOrg(), log);
    await request(org, 0, []);
    const before = graphSnapshot(org.graph)._unsafeUnwrap();
    log.failNext = true;
    let release!: () => void;
    log.hold = new Promise((resolve) => (release = resolve));
    const requests = Promise.allSettled(Array.from({ length: 10 }, (_, i) => request(org, i + 1, [])));
    // The failing flush lasts until all ten are decided: each stands on the batch before it.
    while (org.graph.customerCount < 11) await new Promise((resolve) => setTimeout(resolve, 1));
    log.hold = undefined;
    release();
    const outcomes = await requests;
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof StorageFailure)).toBe(true);
    expect(graphSnapshot(org.graph)._unsafeUnwrap()).toEqual(before);
    expect(log.kept.map((e) => e.n)).toEqual([1]);
    const after = await request(org, 99, []);
    expect(log.kept.map((e) => e.n)).toEqual([1, 2]);
    expect(org.graph.customerCount).toBe(2);
    expect(after).toBe(createdBy(log.kept[1]!));
    await org.close();
  });
});
