// customer-graph/msw (EMU-28): MSW 2 handlers that answer the documented API from an in-process emulator.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator';
import { customerApiHandlers } from '../../src/msw';

const BASE = 'https://api.example.test/platform';
const auth = { authorization: `Basic ${Buffer.from('demo.till:demo').toString('base64')}` };
let emulator: Emulator;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  emulator = await createEmulator({ clock: () => '2024-01-01T00:00:00Z' });
  server = setupServer(
    ...customerApiHandlers(emulator, { baseUrl: BASE }),
    http.get('https://api.example.test/other', () => HttpResponse.json({ other: true })),
  );
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  server.close();
  await emulator.close();
});

const register = (email: string) =>
  fetch(`${BASE}/v2/customers?source=INSTORE`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: email }] }] }),
  });

describe('EMU-28: MSW handlers over an in-process emulator', () => {
  it('EMU-28 EMU-1: fetch under the base URL reaches the emulator: a registration is then found by lookup, with the real state', async () => {
    const created = await register('ann@example.com');
    expect(created.status).toBe(200);
    const { createdId } = (await created.json()) as { createdId: number };
    const found = await fetch(`${BASE}/v2/customers/lookup?source=INSTORE&identifierName=email&identifierValue=ann@example.com`, { headers: auth });
    expect(await found.json()).toMatchObject({ entity: createdId });
    expect(emulator.graph('default')?.customerCount).toBe(1);
  });

  it('EMU-28 EMU-2: refusals come back as the documented status and error body (1014 for a second registration, 401 without credentials)', async () => {
    const again = await register('ann@example.com');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ errors: [{ status: false, code: 1014 }] });
    const anonymous = await fetch(`${BASE}/v2/customers/search?q=ann`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('EMU-28: other origins and paths fall through to the suite\'s other handlers', async () => {
    expect(await (await fetch('https://api.example.test/other')).json()).toEqual({ other: true });
    await expect(fetch('https://elsewhere.test/v2/customers/search?q=a', { headers: auth })).rejects.toThrow();
  });

  it('EMU-28 EMU-13: the setup endpoints are served too: the text event-log export keeps its content type', async () => {
    const events = await fetch(`${BASE}/_emulator/events`, { headers: auth });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/ndjson/);
    expect((await events.text()).trim().split('\n').length).toBeGreaterThanOrEqual(1);
  });
});
