// The request journal (EMU-23).
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator';

describe('EMU-23 request journal', () => {
  it('EMU-23 lists the org requests newest last, filtered, without its own; DELETE clears', async () => {
    const emulator = await createEmulator();
    await emulator.request({ method: 'GET', path: '/_emulator/org', till: 'demo.till' });
    await emulator.request({ method: 'GET', path: '/v2/customers/get', query: { id: 999 }, till: 'demo.till' });
    const all = await emulator.request({ method: 'GET', path: '/_emulator/requests', till: 'demo.till' });
    const body = all.body as { count: number; requests: { method: string; path: string; status: number; query: unknown }[] };
    expect(body.count).toBe(2);
    expect(body.requests.map((r) => r.path)).toEqual(['/_emulator/org', '/v2/customers/get']);
    expect(body.requests[1]?.query).toEqual({ id: '999' });
    const filtered = await emulator.request({ method: 'GET', path: '/_emulator/requests', query: { path: '/_emulator/org', status: 200 }, till: 'demo.till' });
    expect((filtered.body as { count: number }).count).toBe(1);
    expect((await emulator.request({ method: 'GET', path: '/_emulator/requests', query: { status: 'x' }, till: 'demo.till' })).status).toBe(400);
    await emulator.request({ method: 'DELETE', path: '/_emulator/requests', till: 'demo.till' });
    const cleared = await emulator.request({ method: 'GET', path: '/_emulator/requests', till: 'demo.till' });
    expect((cleared.body as { count: number }).count).toBe(0);
    await emulator.close();
  });
});
