// Test helper: a restart on a data directory holds exactly the acknowledged customers, each found by its
// mobile number under the id it was answered with (EMU-8).
import { expect } from 'vitest';
import { createEmulator } from '../../../src/emulator';

/** Starts an emulator on `dir` and checks that it holds exactly `acknowledged` (index → id), each found by `mobile(index)`. */
export async function expectRestartHolds(dir: string, acknowledged: ReadonlyMap<number, number>, mobile: (i: number) => string): Promise<void> {
  const again = await createEmulator({ dataDir: dir, warn: () => undefined });
  try {
    expect(again.graph('default')?.customerCount).toBe(acknowledged.size);
    for (const [i, id] of acknowledged) {
      const r = await again.request({ method: 'GET', path: '/v2/customers/lookup', query: { source: 'INSTORE', identifierName: 'mobile', identifierValue: mobile(i) }, till: 'demo.till' });
      expect((r.body as { entity: number }).entity, `customer ${i}`).toBe(id);
    }
  } finally {
    await again.close();
  }
}
