// The test-setup endpoints, outside the documented API under /_emulator/ (EMU-13). Each acts on the org of
// the authenticated till, like every other request, so one org's tills cannot reset or read another org.
import type { z } from 'zod';
import { ERROR_MESSAGES, MULTI_ACCOUNT_SOURCES } from '../../index';
import { errorReply, invalid, okReply, type ApiError, type Reply } from '../http/reply';
import { parseInput } from '../http/params';
import { mergeSetupBodySchema } from '../http/setup-schemas';
import { LogCompacted } from '../runtime/event-log';
import { isLogEntry, otherFormat, otherFormatOf, parseLogLine, type LogEntry } from '../runtime/log-format';
import { nextTurn } from '../runtime/turns';
import { commitCommand, replyOf, type ApiRoute, SETUP_TAG } from './types';
import { eventLogTextSchema, eventsImportResponseSchema, mergeResponseSchema, orgSummarySchema, resetResponseSchema } from '../http/setup-response-schemas';

/** Event-log imports may be larger than the API's 1 MiB bodies. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/** The entries of an import, each with where it stands in the body, for the 400 that names it. */
type ImportRead = { ok: true; entries: LogEntry[]; where: string[] } | { ok: false; error: ApiError };

/** How many lines of an import are read between two turns of the event loop. */
const READ_CHUNK_LINES = 1024;

async function readImport(body: unknown): Promise<ImportRead> {
  if (typeof body === 'string') {
    const entries: LogEntry[] = [];
    const where: string[] = [];
    for (const [i, line] of body.split('\n').entries()) {
      if (i % READ_CHUNK_LINES === READ_CHUNK_LINES - 1) await nextTurn();
      if (line.trim() === '') continue;
      const entry = parseLogLine(line);
      if (entry === undefined) return { ok: false, error: invalid(`body.line ${i + 1}`, otherFormat(line) ?? 'not a valid event-log line') };
      entries.push(entry);
      where.push(`body.line ${i + 1}`);
    }
    return { ok: true, entries, where };
  }
  if (Array.isArray(body)) {
    const entries: LogEntry[] = [];
    for (const [i, item] of body.entries()) {
      if (!isLogEntry(item)) return { ok: false, error: invalid(`body.${i}`, otherFormatOf(item) ?? 'not a valid event-log entry') };
      entries.push(item);
    }
    return { ok: true, entries, where: entries.map((_, i) => `body.${i}`) };
  }
  return {
    ok: false,
    error: invalid('body', 'expected the event log as application/x-ndjson (one entry per line) or a JSON array of entries'),
  };
}

function orgSummary(ctx: Parameters<ApiRoute['handle']>[0]): Reply {
  const { org, graph } = ctx.org;
  return okReply({
    id: org.id,
    name: org.name,
    sources: [...org.sources],
    accounts: Object.fromEntries([...org.accounts].filter(([s]) => MULTI_ACCOUNT_SOURCES.has(s)).map(([s, ids]) => [s, [...ids]])),
    tills: [...org.tills.values()].map((t) => ({ code: t.code, name: t.name })),
    till: ctx.till,
    durable: ctx.org.durable,
    eventCount: graph.eventCount,
    customers: graph.customerCount,
    nextCustomerId: graph.nextCustomerId,
  } satisfies z.output<typeof orgSummarySchema>);
}

/** Reset, export and import of the log, the explicit merge and the org's description (EMU-13). */
export const setupRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/_emulator/org',
    summary: 'Emulator: describe the org',
    doc: { response: orgSummarySchema, tags: SETUP_TAG },
    handle: orgSummary,
  },
  {
    method: 'POST',
    url: '/_emulator/reset',
    summary: 'Emulator: reset the org',
    doc: { response: resetResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      await ctx.org.reset();
      return okReply({ success: true, org: ctx.org.org.id, eventCount: 0, warnings: [] } satisfies z.output<typeof resetResponseSchema>);
    },
  },
  {
    method: 'GET',
    url: '/_emulator/events',
    summary: 'Emulator: export the event log',
    doc: { response: eventLogTextSchema, mediaType: 'application/x-ndjson', tags: SETUP_TAG },
    async handle(ctx) {
      // A durable org's log is streamed from its file: it may be larger than any one string.
      const exported = await ctx.org.exportLog();
      // A log whose first lines became a snapshot cannot be exported whole: 409, pointing to the snapshot (EMU-20).
      if (exported instanceof LogCompacted) return errorReply({ code: 409, status: 409, message: `Conflict: ${exported.message}` });
      return { status: 200, body: exported, contentType: 'application/x-ndjson; charset=utf-8' };
    },
  },
  {
    method: 'PUT',
    url: '/_emulator/events',
    summary: 'Emulator: import an event log',
    doc: { body: eventLogTextSchema, mediaType: 'application/x-ndjson', response: eventsImportResponseSchema, tags: SETUP_TAG },
    bodyLimit: IMPORT_BODY_LIMIT,
    async handle(ctx) {
      const read = await readImport(ctx.body);
      if (!read.ok) return errorReply(read.error);
      const replaced = await ctx.org.replaceLog(read.entries);
      if (replaced.isErr()) {
        const where = read.where[replaced.error.line - 1] ?? 'body';
        // A line of another org's till keeps its documented code (ORG-3): the import never re-attributes it.
        if (replaced.error.code === 91021) return errorReply({ code: 91021, message: `${ERROR_MESSAGES[91021]} ${where}: ${replaced.error.message}` });
        return errorReply(invalid(where, replaced.error.message));
      }
      const graph = replaced.value;
      return okReply({ success: true, org: ctx.org.org.id, entries: read.entries.length, eventCount: graph.eventCount, customers: graph.customerCount, warnings: [] } satisfies z.output<typeof eventsImportResponseSchema>);
    },
  },
  {
    method: 'POST',
    url: '/_emulator/merge',
    summary: 'Emulator: merge two customers',
    dryRun: true,
    doc: { body: mergeSetupBodySchema, response: mergeResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const body = parseInput(mergeSetupBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      return commitCommand(ctx, { kind: 'merge', survivorId: body.value.survivorId, victimId: body.value.victimId, meta: ctx.meta });
    },
  },
];
