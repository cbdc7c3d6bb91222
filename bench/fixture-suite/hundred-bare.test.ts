// The baseline of bench/fixture-suite/hundred.test.ts: the same 100 tests with no emulator, so that the
// difference is what the fixture costs.
import { expect, test } from 'vitest';

for (let i = 0; i < 100; i++) {
  test(`test ${i}: no emulator`, async () => {
    expect(await Promise.resolve(i)).toBe(i);
  });
}
