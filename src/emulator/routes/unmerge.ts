// Unmerge (MRG-11..MRG-17): an emulator write under /_emulator/, since the seeds document no such endpoint.
// The body names the victim; the survivor is the customer it merged into.
import { parseInput } from '../http/params';
import { errorReply } from '../http/reply';
import { unmergeBodySchema, unmergeResponseSchema } from '../http/unmerge-schemas';
import { commitCommand, SETUP_TAG, type ApiRoute } from './types';

/** `POST /_emulator/unmerge`: split a victim back out of its survivor, logged like any write (MRG-16). */
export const unmergeRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/_emulator/unmerge',
    summary: 'Emulator: split a merge victim back out of its survivor',
    dryRun: true,
    doc: { body: unmergeBodySchema, response: unmergeResponseSchema, tags: SETUP_TAG },
    handle(ctx) {
      const body = parseInput(unmergeBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      return commitCommand(ctx, { kind: 'unmerge', victimId: body.value.victimId, reason: body.value.reason ?? '', meta: ctx.meta });
    },
  },
];
