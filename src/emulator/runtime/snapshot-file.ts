// An org's snapshot on disk (EMU-20): `DIR/<org>.snapshot.<gen>.jsonl`, one JSON line for the counters and
// the number of log lines it covers, one per customer (its record and history), and a closing line with
// the count. It is written to a temporary file, flushed and renamed into place, so it is whole or absent;
// a file whose closing line is missing or whose parts the library refuses is not a snapshot, and start-up
// falls back to the one before it.
import { createReadStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { err, ok, type Result } from 'neverthrow';
import { restoreSnapshot, snapshotParts, type CustomerGraph, type Org, type SnapshotRestorer } from '../../index';
import { syncDirectory, writeWhole } from './files';
import { nextTurn } from './turns';

/** The format of a snapshot file's first line. */
export const SNAPSHOT_FORMAT = 'customer-graph-snapshot/1';

/** How many customers go into one write (and one turn of the event loop) while a snapshot is written. */
export const SNAPSHOT_CHUNK_CUSTOMERS = 512;

/** A snapshot read back: its graph and the number of log lines it covers. */
export interface LoadedSnapshot {
  readonly graph: CustomerGraph;
  readonly lines: number;
}

/**
 * Writes the snapshot of `graph`, which covers the first `lines` lines of the org's log, to `path`: whole
 * and flushed, or not at all. A chunk of customers per turn of the event loop, so that other requests go
 * on while a large org is written (the graph is a value: later writes do not change it).
 */
export async function writeSnapshotFile(path: string, graph: CustomerGraph, lines: number): Promise<void> {
  const parts = snapshotParts(graph);
  if (parts.isErr()) throw new Error(parts.error.message);
  const tmp = `${path}.tmp`;
  const out = await open(tmp, 'w');
  try {
    let buffer = `${JSON.stringify({ format: SNAPSHOT_FORMAT, lines, ...parts.value.header })}\n`;
    let inChunk = 0;
    let count = 0;
    for (const { record, history } of parts.value.entries()) {
      buffer += `${JSON.stringify({ c: record, h: history })}\n`;
      count++;
      if (++inChunk === SNAPSHOT_CHUNK_CUSTOMERS) {
        await writeWhole(out, Buffer.from(buffer, 'utf8'));
        buffer = '';
        inChunk = 0;
        await nextTurn();
      }
    }
    await writeWhole(out, Buffer.from(`${buffer}${JSON.stringify({ end: count })}\n`, 'utf8'));
    await out.datasync();
    await out.close();
    await rename(tmp, path);
  } catch (error) {
    await out.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * Reads a snapshot file back into a graph of `org` through the library's `restoreSnapshot`, which checks
 * every part (ARC-6): the graph, or why the file is not a snapshot.
 */
export async function readSnapshotFile(org: Org, path: string): Promise<Result<LoadedSnapshot, string>> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let restorer: SnapshotRestorer | undefined;
  let covered = 0;
  let count = 0;
  let ended = false;
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        return err(`line ${lineNo} is not JSON`);
      }
      const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      if (ended) return err(`line ${lineNo} follows the closing line`);
      if (restorer === undefined) {
        if (item['format'] !== SNAPSHOT_FORMAT || typeof item['lines'] !== 'number') return err(`line 1 is not a ${SNAPSHOT_FORMAT} header`);
        covered = item['lines'];
        const started = restoreSnapshot(org, item);
        if (started.isErr()) return err(`line 1: ${started.error.message}`);
        restorer = started.value;
      } else if (Object.hasOwn(item, 'end')) {
        if (item['end'] !== count) return err(`the closing line counts ${String(item['end'])} customers, the file holds ${count}`);
        ended = true;
      } else {
        const added = restorer.add(item['c'], item['h'], [`line ${lineNo}`]);
        if (added.isErr()) return err(added.error.message);
        count++;
      }
    }
  } catch (error) {
    return err(`unreadable (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    input.destroy();
  }
  if (restorer === undefined) return err('the file is empty');
  if (!ended) return err('the closing line is missing (the file was cut short)');
  const graph = restorer.finish();
  return graph.isErr() ? err(graph.error.message) : ok({ graph: graph.value, lines: covered });
}
