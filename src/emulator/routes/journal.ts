// The request journal's endpoints (EMU-23), on the caller's own org like every setup endpoint.
import { z } from 'zod';
import { errorReply, okReply } from '../http/reply';
import { parseInput } from '../http/params';
import type { RequestJournal } from '../runtime/journal';
import { clearedResponseSchema as done } from '../http/setup-response-schemas';
import { SETUP_TAG, type ApiRoute } from './types';


/** The journal's filters: `method`, `path` and `status` (EMU-23). */
export const journalQuerySchema = z.object({
  method: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
});

/** The paths whose requests are never journalled: the journal's own (EMU-23). */
export const JOURNAL_PATH = '/_emulator/requests';

/** `GET` (filtered, with `count`) and `DELETE /_emulator/requests` over a journal (EMU-23). */
export function journalRoutes(journal: RequestJournal): ApiRoute[] {
  return [
    {
      method: 'GET',
      url: JOURNAL_PATH,
      summary: 'Emulator: list the requests received',
      doc: { query: journalQuerySchema, response: z.looseObject({ count: z.number().int(), requests: z.array(z.looseObject({ method: z.string(), path: z.string(), status: z.number().int() })) }), tags: SETUP_TAG },
      handle(ctx) {
        const query = parseInput(journalQuerySchema, ctx.query, 'query');
        if (query.isErr()) return errorReply(query.error);
        const { method, path, status } = query.value;
        const requests = journal.list(ctx.org.org.id, { ...(method === undefined ? {} : { method }), ...(path === undefined ? {} : { path }), ...(status === undefined ? {} : { status }) });
        return okReply({ count: requests.length, requests, warnings: [] });
      },
    },
    {
      method: 'DELETE',
      url: JOURNAL_PATH,
      summary: 'Emulator: clear the request journal',
      doc: { response: done, tags: SETUP_TAG },
      handle(ctx) {
        journal.clear(ctx.org.org.id);
        return okReply({ success: true, warnings: [] });
      },
    },
  ];
}
