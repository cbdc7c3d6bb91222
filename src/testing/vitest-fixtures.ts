// The test fixtures for vitest's `test.extend`: one emulator per worker, a fresh isolated org per test
// (EMU-29). They are plain fixture definitions, so this package does not import vitest: the suite passes
// them to its own `test.extend`.
import type { Emulator, EmulatorOptions } from '../emulator';
import { testOrgOn, withEmulator, type TestOrg } from './shared-emulator';

/** The `use` callback vitest passes a fixture (EMU-29). */
export type Use<T> = (value: T) => Promise<void>;

/** The fixtures `emulatorFixtures` defines: `emulator` (one per worker) and `org` (one per test). */
export interface EmulatorFixtures {
  readonly emulator: Emulator;
  readonly org: TestOrg;
}

/**
 * Fixture definitions for vitest's `test.extend`: `emulator` is started once per worker, and each test that
 * names `org` gets a fresh org of its own on it, removed after the test (EMU-29).
 * @example
 * ```ts
 * import { expect, test as base } from 'vitest';
 * import { emulatorFixtures, type EmulatorFixtures } from 'customer-graph/testing';
 *
 * const test = base.extend<EmulatorFixtures>(emulatorFixtures());
 *
 * test('search finds a registered customer', async ({ org }) => {
 *   await org.client.registerCustomer({ source: 'INSTORE' }, { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] });
 *   const found = await org.client.search({ q: 'ann' });
 *   expect(found.isOk() && found.value.pagination.total).toBe(1);
 * });
 * ```
 */
export function emulatorFixtures(options: EmulatorOptions = {}) {
  // vitest reads which fixtures a fixture uses from its first parameter, which must be a destructuring.
  return {
    emulator: [
      // eslint-disable-next-line no-empty-pattern
      async ({}: object, use: Use<Emulator>) => {
        const shared = withEmulator(options);
        await use(await shared.emulator());
        await shared.close();
      },
      { scope: 'worker' },
    ] as [(context: object, use: Use<Emulator>) => Promise<void>, { scope: 'worker' }],
    org: async ({ emulator }: { emulator: Emulator }, use: Use<TestOrg>) => {
      const made = (await emulator.createOrg()).andThen((credentials) => testOrgOn(emulator, credentials));
      // A fixture that cannot be set up fails its test, which is vitest's way to report it.
      if (made.isErr()) throw new Error(`customer-graph: no fresh org: ${made.error.message}`);
      const org = made.value;
      await use(org);
      await org.dispose();
    },
  };
}
