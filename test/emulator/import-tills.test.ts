// An imported log keeps its authors: a line or an event written by a till of another org is refused with
// 91021 and where it stands, never re-attributed to the importing org (ORG-3, EMU-13).
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator';
import { DEFAULT_ORG_CONFIG } from '../../src/index';
import { registerBody } from './support/http';

const OTHER = { ...DEFAULT_ORG_CONFIG, id: 'other', tills: [{ code: 'other.till', password: 'other' }] };
const NDJSON = { 'content-type': 'application/x-ndjson' };

type Errors = { errors: { code: number; message: string }[] };

describe('ORG-3, EMU-13: an import cannot bring another org\'s tills', () => {
  it('ORG-3, EMU-13: a log exported from one org and imported into another is refused with 91021 naming line 1, and changes nothing', async () => {
    const emulator = await createEmulator({ orgs: [DEFAULT_ORG_CONFIG, OTHER] });
    try {
      const mine = await emulator.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: 'other.till', body: registerBody([{ type: 'mobile', value: '919222222222' }]) });
      expect(mine.status).toBe(200);
      await emulator.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: 'demo.till', body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
      const log = String((await emulator.request({ method: 'GET', path: '/_emulator/events', till: 'demo.till' })).body);
      const before = emulator.graph('other');
      const r = await emulator.request({ method: 'PUT', path: '/_emulator/events', till: 'other.till', body: log, headers: NDJSON });
      expect(r.status).toBe(400);
      const error = (r.body as Errors).errors[0];
      expect(error?.code).toBe(91021);
      expect(error?.message).toContain('body.line 1');
      expect(error?.message).toContain('demo.till');
      expect(emulator.graph('other')).toBe(before);
    } finally {
      await emulator.close();
    }
  });

  it("ORG-3, EMU-13: a line whose own till is the org's but whose event names another org's till is refused with 91021 too", async () => {
    const emulator = await createEmulator({ orgs: [DEFAULT_ORG_CONFIG, OTHER] });
    try {
      await emulator.request({ method: 'POST', path: '/v2/customers', query: { source: 'INSTORE' }, till: 'demo.till', body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
      const log = String((await emulator.request({ method: 'GET', path: '/_emulator/events', till: 'demo.till' })).body);
      const entry = JSON.parse(log.trim()) as { till: string };
      const relabelled = JSON.stringify({ ...entry, till: 'other.till' });
      const r = await emulator.request({ method: 'PUT', path: '/_emulator/events', till: 'other.till', body: [JSON.parse(relabelled)] });
      expect((r.body as Errors).errors[0]).toMatchObject({ code: 91021 });
      expect((r.body as Errors).errors[0]?.message).toContain('body.0');
      expect(emulator.graph('other')?.customerCount).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});
