// A 100-test suite on the customer-graph/testing fixture (EMU-29): each test takes a fresh org, registers a
// customer and looks it up. bench/fresh-org.ts times it against the same suite without the emulator.
import { expect, test as base } from 'vitest';
// The built package, as a consumer imports it (npm run build first): the sources would add vite's transform.
import { emulatorFixtures, type EmulatorFixtures } from '../../dist/testing.js';

const test = base.extend<EmulatorFixtures>(emulatorFixtures());

for (let i = 0; i < 100; i++) {
  test(`test ${i}: register and look up in a fresh org`, async ({ org }) => {
    const created = await org.client.registerCustomer({ source: 'INSTORE' }, { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: `c${i}@example.com` }] }] });
    expect(created.isOk()).toBe(true);
    const found = await org.client.lookup({ source: 'INSTORE', identifierName: 'email', identifierValue: `c${i}@example.com` });
    expect(found.isOk()).toBe(true);
  });
}
