// The fault rules' endpoints (EMU-24), on the caller's own org like the journal: a till sets up faults for
// the org it belongs to and no other.
import { errorReply, okReply } from '../http/reply';
import { parseInput } from '../http/params';
import { faultRuleSchema, type FaultRules } from '../runtime/faults';
import { z } from 'zod';
import { clearedResponseSchema as done } from '../http/setup-response-schemas';
import { SETUP_TAG, type ApiRoute } from './types';

const rule = z.looseObject({ id: z.string(), remaining: z.number().int().nullable() });

/** Where the fault rules live (EMU-24); every path under /_emulator/ is exempt from them. */
export const FAULTS_PATH = '/_emulator/faults';

/** `POST`, `GET` and `DELETE /_emulator/faults`, and `DELETE /_emulator/faults/:id` (EMU-24). */
export function faultRoutes(faults: FaultRules): ApiRoute[] {
  return [
    {
      method: 'POST',
      url: FAULTS_PATH,
      summary: 'Emulator: add a fault rule',
      doc: { body: faultRuleSchema, response: rule, status: 201, tags: SETUP_TAG },
      handle(ctx) {
        const body = parseInput(faultRuleSchema, ctx.body, 'body');
        if (body.isErr()) return errorReply(body.error);
        const added = faults.add(ctx.org.org.id, body.value);
        return added.match(
          (rule) => okReply(rule, 201),
          (error) => errorReply(error),
        );
      },
    },
    {
      method: 'GET',
      url: FAULTS_PATH,
      summary: 'Emulator: list the fault rules',
      doc: { response: z.looseObject({ count: z.number().int(), rules: z.array(rule) }), tags: SETUP_TAG },
      handle(ctx) {
        const rules = faults.list(ctx.org.org.id);
        return okReply({ count: rules.length, rules, warnings: [] });
      },
    },
    {
      method: 'DELETE',
      url: FAULTS_PATH,
      summary: 'Emulator: remove every fault rule',
      doc: { response: done, tags: SETUP_TAG },
      handle(ctx) {
        faults.clear(ctx.org.org.id);
        return okReply({ success: true, warnings: [] });
      },
    },
    {
      method: 'DELETE',
      url: `${FAULTS_PATH}/:id`,
      summary: 'Emulator: remove one fault rule',
      doc: { params: z.object({ id: z.string() }), response: done, tags: SETUP_TAG },
      handle(ctx) {
        const id = ctx.params['id'] ?? '';
        if (!faults.remove(ctx.org.org.id, id)) return errorReply({ code: 404, status: 404, message: `No fault rule ${id} in this org.` });
        return okReply({ success: true, warnings: [] });
      },
    },
  ];
}
