// An imported log line of another log format is refused with the reason, as the start-up reader gives it
// (EMU-9, EMU-13), rather than as a line that is not a log line at all.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator';

describe('EMU-13: importing a log of another format', () => {
  it('EMU-9, EMU-13: a line of log format 1 is refused with 400 naming the line and the format it is', async () => {
    const emulator = await createEmulator();
    try {
      const line = JSON.stringify({ v: 1, n: 1, at: '2024-01-01T00:00:00.000Z', till: 'demo.till', command: 'register', events: [{ kind: 'CustomerRegistered' }] });
      const r = await emulator.request({ method: 'PUT', path: '/_emulator/events', till: 'demo.till', body: `${line}\n`, headers: { 'content-type': 'application/x-ndjson' } });
      expect(r.status).toBe(400);
      const message = (r.body as { errors: { code: number; message: string }[] }).errors[0]?.message ?? '';
      expect(message).toContain('body.line 1');
      expect(message).toContain('log format 1');
      const asArray = await emulator.request({ method: 'PUT', path: '/_emulator/events', till: 'demo.till', body: [JSON.parse(line)] });
      expect(asArray.status).toBe(400);
      expect((asArray.body as { errors: { message: string }[] }).errors[0]?.message).toContain('body.0: a line of log format 1');
    } finally {
      await emulator.close();
    }
  });
});
