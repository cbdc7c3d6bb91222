// The event log under storage faults (EMU-8): a write the disk cannot take is refused as a whole, never
// leaves bytes behind, and is answered 507 when the disk is full. The faults are simulated on the log's
// own file handle: a write that takes half its bytes and then fails with ENOSPC, a rollback that fails.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorReply, storageErrorOf } from '../../src/emulator/http/reply';
import { EventLog } from '../../src/emulator/runtime/event-log';
import type { LogEntry } from '../../src/emulator/runtime/log-format';
import { StorageFailure } from '../../src/emulator/runtime/org-runtime';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

function entry(n: number): LogEntry {
  return { v: 2, n, at: '2024-01-01T00:00:00.000Z', till: 'demo.till', command: 'register', events: [{ kind: 'CustomerRegistered', pad: 'x'.repeat(200) }] };
}

function diskFull(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** Wraps the log's handle: its next write takes half of its bytes and then fails; optionally its truncates fail. */
function faulty(log: EventLog, truncateFails: { count: number }): () => void {
  const inner = (log as unknown as { handle: FileHandle }).handle;
  let writes = 0;
  const wrapped = new Proxy(inner, {
    get(target, key) {
      if (key === 'write') {
        return async (buf: Buffer, offset: number, length: number, position: null) => {
          writes++;
          if (writes === 1) return target.write(buf, offset, Math.floor(length / 2), position);
          throw diskFull();
        };
      }
      if (key === 'truncate' && truncateFails.count > 0) {
        return async () => {
          truncateFails.count--;
          throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' });
        };
      }
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  (log as unknown as { handle: FileHandle }).handle = wrapped;
  return () => {
    (log as unknown as { handle: FileHandle }).handle = inner;
  };
}

async function reopen(dir: string): Promise<number[]> {
  const seen: number[] = [];
  const log = await EventLog.open(dir, 'default', () => undefined, (e) => seen.push(e.n));
  await log.close();
  return seen;
}

describe('EMU-8: storage faults in the event log', () => {
  for (const truncateFailures of [0, 2]) {
    it(`EMU-8: a short write followed by ENOSPC is refused and leaves no byte of it, even when ${truncateFailures} rollbacks fail; the next write lands right after the last kept line`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cg-log-'));
      dirs.push(dir);
      const log = await EventLog.open(dir, 'default', () => undefined, () => undefined);
      await log.appendAll([entry(1)]);
      const kept = await readFile(join(dir, 'default.events.jsonl'));
      const truncates = { count: truncateFailures };
      const restore = faulty(log, truncates);
      await expect(log.appendAll([entry(2), entry(3)])).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(log.nextNumber).toBe(2);
      // While the rollback keeps failing, no append may write behind the stray half line.
      for (let k = 1; k < truncateFailures; k++) await expect(log.appendAll([entry(2)])).rejects.toMatchObject({ code: 'EIO' });
      restore();
      await log.appendAll([entry(2)]);
      await log.close();
      const after = await readFile(join(dir, 'default.events.jsonl'), 'utf8');
      expect(after.startsWith(kept.toString('utf8'))).toBe(true);
      expect(after.includes('\u0000')).toBe(false);
      expect(await reopen(dir)).toEqual([1, 2]);
    });
  }

  it('EMU-8: a write refused for a full disk answers 507 in the standard error body; any other storage failure 503', () => {
    const full = errorReply(storageErrorOf(new StorageFailure('the event log could not keep 1 write(s)', { cause: diskFull() })));
    expect(full.status).toBe(507);
    expect(full.body).toMatchObject({ errors: [{ status: false, code: 507 }], warnings: [] });
    const other = errorReply(storageErrorOf(new StorageFailure('could not keep', { cause: Object.assign(new Error('EIO'), { code: 'EIO' }) })));
    expect(other.status).toBe(503);
    expect(other.body).toMatchObject({ errors: [{ status: false, code: 503 }] });
  });
});
