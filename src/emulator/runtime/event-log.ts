// The durable event log of one org: `DIR/<orgId>.events.jsonl`, one JSON line per accepted command with
// all of its events, appended and flushed to disk before the response is sent (EMU-8).
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { CustomerGraph } from '../../index';
import { linesOf, syncDirectory, writeFlushed, writeWhole } from './files';
import { formatLogLine, type LogEntry } from './log-format';
import { LogReader } from './log-reader';

/** Where each org's log lives. */
export function logPath(dir: string, orgId: string): string {
  return join(dir, `${orgId}.events.jsonl`);
}

/**
 * Where an org keeps the entries of its accepted commands: a file with `--data` (`EventLog`), memory
 * otherwise (`MemoryLog`).
 */
export interface EntryLog {
  /** The number of the next line. */
  readonly nextNumber: number;
  /**
   * Appends entries, in order, as one batch; resolves once all of them are kept (for a file: written and
   * flushed by one `fdatasync`, EMU-8). When it rejects, none of them is kept and `nextNumber` is as before.
   */
  appendAll(entries: readonly LogEntry[]): Promise<void>;
  /**
   * Replaces the whole log (reset, import); with a graph, the state becomes that graph with these entries
   * after it (a snapshot put, EMU-20), and the log can no longer be exported on its own.
   */
  replace(entries: readonly LogEntry[], graph?: CustomerGraph): Promise<void>;
  /**
   * The log as JSON lines, as it is now: what is appended or replaced after this call is not in it. A
   * large log is a stream, read after the call returns, so that no one string has to hold it.
   */
  exportLines(): Promise<string | Readable>;
  close(): Promise<void>;
}

/** How much of the log file is read at once when it is opened. */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The append-only log file of one org. Every append is written and `fdatasync`ed before it resolves; a
 * failed append is rolled back (truncated) so that the file never holds a line that was not acknowledged.
 * The entries are not kept in memory: the file is the log, read back for an export.
 */
export class EventLog implements EntryLog {
  private handle: FileHandle;
  private size: number;
  private count: number;
  /**
   * True while the file may hold bytes past `size` (a failed batch whose rollback failed too). The file is
   * opened for appending, so a write would land behind them: the next append first truncates, and is
   * refused if that still fails.
   */
  private dirty = false;

  private constructor(
    private readonly path: string,
    handle: FileHandle,
    size: number,
    count: number,
    /** The number of the line before this file's first: 0 for a whole log, more for a later segment (EMU-20). */
    readonly base: number,
  ) {
    this.handle = handle;
    this.size = size;
    this.count = count;
  }

  /**
   * Opens (or creates) an org's log and reads it, a chunk of bytes at a time, giving each entry to
   * `onEntry` in order as it is read (the whole log is never in memory at once). A torn last line is
   * dropped from the file and reported through `warn`; a corrupt line elsewhere refuses to open, naming
   * the line (EMU-9). An exception of `onEntry` closes the file and propagates.
   */
  static async open(dir: string, orgId: string, warn: (message: string) => void, onEntry: (entry: LogEntry, line: number) => void): Promise<EventLog> {
    await mkdir(dir, { recursive: true });
    return EventLog.openPath(logPath(dir, orgId), 0, warn, onEntry);
  }

  /** `open` for the log file at `path`, whose first line follows line `base` (a segment of a compacted log, EMU-20). */
  static async openPath(path: string, base: number, warn: (message: string) => void, onEntry: (entry: LogEntry, line: number) => void): Promise<EventLog> {
    // A kill during a reset or an import leaves its new content unrenamed: the log itself is the truth.
    await unlink(`${path}.tmp`).catch(() => undefined);
    const handle = await open(path, 'a+');
    await syncDirectory(dirname(path));
    try {
      const { size, count } = await readLogFile(path, handle, warn, onEntry);
      return new EventLog(path, handle, size, count, base);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * The log file at `path` that this process has just written whole (`count` lines after line `base`),
   * opened for appending without reading it back (EMU-20).
   */
  static async written(path: string, base: number, count: number): Promise<EventLog> {
    const handle = await open(path, 'a+');
    try {
      return new EventLog(path, handle, (await handle.stat()).size, count, base);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** How many bytes the file holds: what compaction measures the tail by (EMU-20). */
  get bytes(): number {
    return this.size;
  }

  /** The number of the next line. */
  get nextNumber(): number {
    return this.base + this.count + 1;
  }

  /**
   * Appends a batch of entries with one write and one flush; resolves only once all of it is durable
   * (EMU-8). A short write is continued; a failed one is rolled back (truncated to the last kept byte), so
   * that the file never holds a line that was not acknowledged.
   */
  async appendAll(entries: readonly LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const bytes = Buffer.from(entries.map(formatLogLine).join(''), 'utf8');
    if (this.dirty) {
      await this.handle.truncate(this.size);
      await this.handle.datasync();
      this.dirty = false;
    }
    try {
      await writeWhole(this.handle, bytes);
      await this.handle.datasync();
    } catch (error) {
      // Leave the file as it was before this batch, so that no unacknowledged line survives; if that fails
      // too, no later write may land behind the stray bytes (see `dirty`).
      this.dirty = true;
      try {
        await this.handle.truncate(this.size);
        this.dirty = false;
      } catch {
        // Refused again at the next append until the truncation succeeds.
      }
      throw error;
    }
    this.size += bytes.length;
    this.count += entries.length;
  }

  /**
   * Replaces the whole log (reset, import): the new content is written to a temporary file, flushed, and
   * renamed over the log, so that a crash leaves either the old log or the new one.
   */
  async replace(entries: readonly LogEntry[]): Promise<void> {
    const tmp = `${this.path}.tmp`;
    await writeFlushed(tmp, linesOf(entries, formatLogLine));
    try {
      await rename(tmp, this.path);
    } catch (error) {
      // The log is as it was: nothing of the new content may stay behind.
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dirname(this.path));
    await this.handle.close();
    this.handle = await open(this.path, 'a+');
    this.size = (await stat(this.path)).size;
    this.count = entries.length;
  }

  /**
   * The file's good lines as they are now, streamed from a handle of their own: the first `size` bytes of
   * the file opened now, so that a later append is not read, and a later `replace` (a rename over the
   * path) leaves this file as it was.
   */
  async exportLines(): Promise<string | Readable> {
    if (this.size === 0) return '';
    const handle = await open(this.path, 'r');
    return handle.createReadStream({ start: 0, end: this.size - 1, autoClose: true });
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/**
 * Reads a log file from its start through `handle`, a chunk at a time, giving each entry to `onEntry`: its
 * good size and line count, the torn last line cut off (and reported through `warn`), a corrupt line
 * refused (EMU-9).
 */
export async function readLogFile(path: string, handle: FileHandle, warn: (message: string) => void, onEntry: (entry: LogEntry, line: number) => void): Promise<{ readonly size: number; readonly count: number }> {
  const reader = new LogReader(onEntry);
  const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  let size = 0;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, size);
    if (bytesRead === 0) break;
    size += bytesRead;
    if (!reader.push(chunk.subarray(0, bytesRead))) break;
  }
  const read = reader.end();
  if (!read.ok) throw new EventLogError(`${path}: line ${read.line}: ${read.problem}; refusing to start on a corrupt event log`);
  if (read.tornBytes !== undefined) {
    size = read.goodBytes;
    warn(`${path}: dropped a torn last line (${read.tornBytes} bytes, never acknowledged) after ${read.count} good lines`);
    await handle.truncate(size);
    await handle.datasync();
  }
  return { size, count: read.count };
}

/** A log whose first lines were compacted into a snapshot (or a state put as one): it cannot be exported whole (EMU-20). */
export class LogCompacted extends Error {
  override readonly name = 'LogCompacted';
}

/** A log that cannot be read: the emulator refuses to start rather than serve a partial history. */
export class EventLogError extends Error {
  override readonly name = 'EventLogError';
}
