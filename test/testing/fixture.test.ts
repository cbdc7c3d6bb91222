// customer-graph/testing (EMU-29): one emulator per worker, a fresh isolated org per test.
import { test as base, describe, expect } from 'vitest';
import { emulatorFixtures, withEmulator, type EmulatorFixtures } from '../../src/testing';

const test = base.extend<EmulatorFixtures>(emulatorFixtures({ clock: () => '2024-01-01T00:00:00Z' }));
const ann = { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] };

describe('EMU-29: the vitest fixture', () => {
  // Two tests register the same email: in one shared org the second would get 1014.
  test.for([1, 2])('EMU-29 EMU-22: test %i gets an org of its own: the same registration succeeds in each', async (_, { org, emulator }) => {
    const created = await org.client.registerCustomer({ source: 'INSTORE' }, ann);
    expect(created.isOk()).toBe(true);
    expect(org.graph()?.customerCount).toBe(1);
    expect(emulator.orgs.map((o) => o.id)).toContain(org.orgId);
  });

  test('EMU-29: every test of the worker shares one emulator, and an org is gone after its test', async ({ emulator, org }) => {
    const before = emulator.orgs.map((o) => o.id);
    expect(before).toContain(org.orgId);
    // The orgs of the tests above were removed when they ended: only the default org and this one are left.
    expect(before.filter((id) => id !== 'default' && id !== org.orgId)).toEqual([]);
  });

  test('EMU-29 EMU-2: the client answers refusals as Results with the documented code', async ({ org }) => {
    await org.client.registerCustomer({ source: 'INSTORE' }, ann);
    const again = await org.client.registerCustomer({ source: 'INSTORE' }, ann);
    expect(again.isErr() && again.error.code).toBe(1014);
    const missing = await org.client.getCustomer(999, { source: 'ALL' });
    expect(missing.isErr() && missing.error.code).toBe(8015);
  });

  test('EMU-29 EMU-13: reset empties the org', async ({ org }) => {
    await org.client.registerCustomer({ source: 'INSTORE' }, ann);
    expect((await org.reset()).isOk()).toBe(true);
    expect(org.graph()?.customerCount).toBe(0);
  });
});

describe('EMU-29: withEmulator, for jest and node:test', () => {
  test('EMU-29: orgs are isolated, the emulator starts once and closes', async () => {
    const shared = withEmulator();
    const one = await shared.freshOrg();
    const two = await shared.freshOrg();
    expect(one.isOk() && two.isOk()).toBe(true);
    if (!one.isOk() || !two.isOk()) return;
    expect(one.value.orgId).not.toBe(two.value.orgId);
    await one.value.client.registerCustomer({ source: 'INSTORE' }, ann);
    const seen = await two.value.client.lookup({ source: 'INSTORE', identifierName: 'email', identifierValue: 'ann@example.com' });
    expect(seen.isErr() && seen.error.code).toBe(8065); // no such customer in this org
    expect(await shared.emulator()).toBe(await shared.emulator());
    await shared.close();
    const after = await (await shared.emulator()).request({ method: 'GET', path: '/_emulator/health' });
    expect(after.status).toBe(200);
    await shared.close();
  });

  test('EMU-29 EMU-22: a bad org configuration is a Result, not an exception', async () => {
    const shared = withEmulator();
    const made = await shared.freshOrg({ id: 42 });
    expect(made.isErr() && made.error.code).toBe(400);
    await shared.close();
  });
});
