// The snapshot setup endpoints (EMU-13, EMU-20): export the org's graph as a GraphSnapshot, streamed a
// chunk of customers at a time, and put one back, which the library checks part by part (ARC-6) before
// it becomes the org's state.
import { Readable } from 'node:stream';
import type { z } from 'zod';
import { snapshotParts, snapshotSteps, type CustomerGraph } from '../../index';
import { errorReply, okReply } from '../http/reply';
import { IMPORT_BODY_LIMIT } from './setup';
import { nextTurn } from '../runtime/turns';
import { SETUP_TAG, type ApiRoute } from './types';
import { snapshotImportResponseSchema, snapshotSchema } from '../http/setup-response-schemas';

/** How many customers go into one chunk of an exported snapshot. */
const EXPORT_CHUNK_CUSTOMERS = 256;

/**
 * The snapshot of a graph as JSON text, a chunk at a time: the same document `JSON.stringify(graphSnapshot(graph))`
 * makes, without holding it in one string. The graph is a value, so later writes do not show in it.
 */
export function snapshotJson(graph: CustomerGraph): Readable {
  const parts = snapshotParts(graph)._unsafeUnwrap();
  const head = JSON.stringify(parts.header);
  async function* chunks(): AsyncGenerator<string> {
    yield `${head.slice(0, -1)},"customers":[`;
    yield* jsonItems(function* records() {
      for (const { record } of parts.entries()) yield JSON.stringify(record);
    });
    yield '],"histories":[';
    yield* jsonItems(function* histories() {
      for (const { record, history } of parts.entries()) if (history.length > 0) yield JSON.stringify({ id: record.id, entries: history });
    });
    yield ']}';
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * The items of a JSON array, comma-separated, `EXPORT_CHUNK_CUSTOMERS` per chunk, waiting a turn of the
 * event loop after each: Readable.from drains a sync source in a chain of microtasks while the socket
 * takes the bytes, which starves other requests.
 */
async function* jsonItems(items: () => Iterable<string>): AsyncGenerator<string> {
  let out: string[] = [];
  let comma = '';
  for (const item of items()) {
    out.push(item);
    if (out.length === EXPORT_CHUNK_CUSTOMERS) {
      yield comma + out.join(',');
      [comma, out] = [',', []];
      await nextTurn();
    }
  }
  if (out.length > 0) yield comma + out.join(',');
}

/** Export and import of the org's snapshot (EMU-13, EMU-20). */
export const snapshotRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/_emulator/snapshot',
    summary: 'Emulator: export a snapshot',
    doc: { response: snapshotSchema, tags: SETUP_TAG },
    handle(ctx) {
      return { status: 200, body: snapshotJson(ctx.org.graph), contentType: 'application/json; charset=utf-8' };
    },
  },
  {
    method: 'PUT',
    url: '/_emulator/snapshot',
    summary: 'Emulator: import a snapshot',
    doc: { body: snapshotSchema, response: snapshotImportResponseSchema, tags: SETUP_TAG },
    bodyLimit: IMPORT_BODY_LIMIT,
    async handle(ctx) {
      // Restored 256 customers per turn of the event loop, so that a large snapshot does not hold other orgs.
      const steps = snapshotSteps(ctx.org.org, ctx.body, ['body']);
      let step = steps.next();
      while (step.done !== true) {
        await nextTurn();
        step = steps.next();
      }
      const graph = step.value;
      if (graph.isErr()) return errorReply(graph.error);
      await ctx.org.replaceGraph(graph.value);
      return okReply({ success: true, org: ctx.org.org.id, eventCount: graph.value.eventCount, customers: graph.value.customerCount, warnings: [] } satisfies z.output<typeof snapshotImportResponseSchema>);
    },
  },
];
