// The org's clock (CLK-4): `GET /_emulator/clock` reads it, `POST /_emulator/clock` sets it at an instant or
// advances it by a duration. Moving it runs what is due on the way, logged like any write; it never moves
// back. Until it is set, an org follows the wall clock (http/app.ts runs what is due as requests touch it).
import { addDuration, clockOf, type CommandMeta } from '../../index';
import { clockBodySchema, clockResponseSchema, advanceClockResponseSchema } from '../http/clock-schemas';
import { parseInput } from '../http/params';
import { errorReply, invalid } from '../http/reply';
import { commitCommand, replyOf, SETUP_TAG, type ApiRoute } from './types';

/** The clock's endpoints (CLK-4). */
export const clockRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/_emulator/clock',
    summary: 'Emulator: read the org’s clock',
    doc: { response: clockResponseSchema, tags: SETUP_TAG },
    handle(ctx) {
      return replyOf(clockOf(ctx.org.graph).map((c) => ({ now: ctx.now, set: c.set, advancedTo: c.advancedTo, nextDue: c.nextDue, warnings: [] })));
    },
  },
  {
    method: 'POST',
    url: '/_emulator/clock',
    summary: 'Emulator: set or advance the org’s clock',
    dryRun: true,
    doc: { body: clockBodySchema, response: advanceClockResponseSchema, tags: SETUP_TAG },
    handle(ctx) {
      const body = parseInput(clockBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const target = 'set' in body.value ? body.value.set : addDuration(ctx.now, body.value.advance);
      if (typeof target !== 'string' && target.isErr()) return errorReply(target.error);
      const at = typeof target === 'string' ? target : target.value;
      const meta: CommandMeta = { at, till: ctx.till };
      // The request's own time is the clock now: an instant before it is a move back, refused (CLK-1).
      if (Date.parse(at) < Date.parse(ctx.now)) {
        return errorReply(invalid('set' in body.value ? 'body.set' : 'body.advance', `the clock is at ${ctx.now} and cannot move back to ${at}`));
      }
      return commitCommand(ctx, { kind: 'advanceClock', set: true, meta });
    },
  },
];
