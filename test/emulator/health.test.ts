// The health check (EMU-21).
import { describe, expect, it } from 'vitest';
import { createEmulator, startServerEarly } from '../../src/emulator';
import { VERSION } from '../../src/emulator/version';
import { tempDirs } from './support/temp';

const tempDir = tempDirs('health');

describe('EMU-21 GET /_emulator/health', () => {
  it('EMU-21 answers 200 with the version and org names, without credentials', async () => {
    const emulator = await createEmulator();
    const res = await emulator.request({ method: 'GET', path: '/_emulator/health' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: VERSION, orgs: emulator.orgs.map((o) => o.name) });
    await emulator.close();
  });

  it('EMU-21 answers 503 in the standard body on a real socket while the logs replay, 200 after', async () => {
    const { emulator, ready } = await startServerEarly({ dataDir: tempDir() });
    const early = await fetch(`${emulator.url}/_emulator/health`);
    const api = await fetch(`${emulator.url}/v2/customers/get?id=1`, { headers: { authorization: 'Basic ZGVtby50aWxsOmRlbW8=' } });
    await ready;
    const late = await fetch(`${emulator.url}/_emulator/health`);
    expect(early.status).toBe(503);
    expect(await early.json()).toMatchObject({ errors: [{ status: false, code: 503 }], warnings: [] });
    expect(api.status).toBe(503);
    expect(late.status).toBe(200);
    await emulator.close();
  });
});
