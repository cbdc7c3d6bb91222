// Fair sharing (EMU-10): an org's queued requests each run in a turn of the event loop of their own, so a
// request that arrives for another org meanwhile (a timer here, a socket in the server) is served between
// them instead of after the whole queue.
import { describe, expect, it } from 'vitest';
import { defaultOrg, defineOrg } from '../../src/index';
import { OrgRuntime } from '../../src/emulator/runtime/org-runtime';

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
});
