// The durable event log of one org: `DIR/<orgId>.events.jsonl`, one JSON line per accepted command with
// all of its events, appended and flushed to disk before the response is sent (EMU-8). One line per command
// keeps a command atomic: a torn write loses the whole command (which was never acknowledged), never half of
// its events.
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import type { GraphEvent } from '../index';

/** The version of the log line format. */
export const LOG_FORMAT_VERSION = 1;

/** One line of the event log: an accepted command's events, with when and by which till (EMU-8). */
export interface LogEntry {
  readonly v: typeof LOG_FORMAT_VERSION;
  /** 1 for the first line of the log, then 2, 3, … */
  readonly n: number;
  readonly at: string;
  readonly till: string;
  /** The command kind that produced the events, for readers of the log. */
  readonly command: string;
  readonly events: readonly GraphEvent[];
}

/** The schema of a log line. Events are checked for their `kind`; the library's `evolve` reads the rest. */
export const logEntrySchema = z.object({
  v: z.literal(LOG_FORMAT_VERSION),
  n: z.number().int().positive(),
  at: z.string().max(64),
  till: z.string().max(64),
  command: z.string().max(64),
  events: z.array(z.looseObject({ kind: z.string().max(64) })).min(1),
});

/** Keys whose values are user-keyed field maps: revived as null-prototype objects, as the library makes them. */
const FIELD_MAP_KEYS: ReadonlySet<string> = new Set(['fields', 'extendedFields']);

function nullPrototypeCopy(value: object): Record<string, unknown> {
  const map = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) map[k] = v;
  return map;
}

/**
 * Turns every field map of a freshly parsed JSON value (an object under a `FIELD_MAP_KEYS` key, at any
 * depth) into a null-prototype object, innermost first: what a `JSON.parse` reviver doing the same would
 * give, at a fraction of its cost (a reviver is called for every value of every line). `JSON.parse` makes
 * a `__proto__` key an own property, so it stays a key.
 */
function reviveFieldMaps(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) reviveFieldMaps(item);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (typeof child !== 'object' || child === null) continue;
    reviveFieldMaps(child);
    if (FIELD_MAP_KEYS.has(key) && !Array.isArray(child)) record[key] = nullPrototypeCopy(child);
  }
}

/** Reads one log line; undefined when it is not a valid entry. */
export function parseLogLine(line: string): LogEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  reviveFieldMaps(raw);
  const parsed = logEntrySchema.safeParse(raw);
  // The schema strips nothing from events (loose objects) and the entry's own keys are all declared.
  return parsed.success ? (raw as LogEntry) : undefined;
}

/** Serialises one entry as a log line, newline included. */
export function formatLogLine(entry: LogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** The result of reading a log's text. */
export type ReadLog =
  | {
      readonly ok: true;
      readonly entries: LogEntry[];
      /** How many characters of the text are good, complete lines. */
      readonly goodLength: number;
      /** The torn last line that was left out, if any. */
      readonly tornLine: string | undefined;
    }
  | { readonly ok: false; readonly line: number; readonly problem: string };

/** The result of reading a log's bytes; the entries went to the reader's `onEntry` as they were read. */
export type ReadLogBytes =
  | {
      readonly ok: true;
      /** How many good lines (entries) were read. */
      readonly count: number;
      /** How many bytes from the start are good, complete lines: where the file is cut when a line is torn. */
      readonly goodBytes: number;
      /** The size in bytes of the torn last line that was left out (with any NUL tail), if any. */
      readonly tornBytes: number | undefined;
    }
  | { readonly ok: false; readonly line: number; readonly problem: string };

const blank = (s: string): boolean => s.replace(/\0/g, '').trim() === '';

const NEWLINE = 0x0a;
/** The largest piece of the bytes after a bad line that is decoded at once to see whether it is blank. */
const BLANK_CHECK_PIECE = 1024 * 1024;

/**
 * Reads a log from its bytes, in as many chunks as it comes in, one line at a time: each line is found by
 * its `\n` byte and decoded on its own, so no string ever holds more than one line (a log may be far larger
 * than the longest string the runtime can make). Each good entry goes to `onEntry` as soon as it is read,
 * in order. The rules are those of `readLogText` (EMU-9): an incomplete last line, or an unreadable line
 * followed only by blanks and NUL bytes, is torn; an unreadable line followed by anything else is
 * corruption, named by its line number.
 */
export class LogReader {
  /** The bytes of an incomplete line, from earlier chunks (copies: the caller may reuse its buffers). */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private lineNo = 0;
  private count = 0;
  private goodBytes = 0;
  private totalBytes = 0;
  /** The first unreadable line: torn if only blanks follow it, corruption otherwise. */
  private suspect: { readonly line: number; readonly blank: boolean } | undefined;
  private rest: StringDecoder | undefined;
  private failure: { readonly line: number; readonly problem: string } | undefined;
  private ended = false;

  constructor(private readonly onEntry: (entry: LogEntry) => void) {}

  /**
   * Reads the next bytes of the log. Returns false once the log is known to be corrupt: there is no
   * need to read further (`end` reports the line). An exception of `onEntry` propagates.
   */
  push(chunk: Uint8Array): boolean {
    if (this.ended) throw new Error('LogReader: push after end');
    if (this.failure !== undefined) return false;
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.totalBytes += bytes.length;
    let start = 0;
    if (this.suspect === undefined && this.carryBytes > 0) {
      const nl = bytes.indexOf(NEWLINE);
      if (nl === -1) {
        this.keep(bytes);
        return true;
      }
      const line = Buffer.concat([...this.carry, bytes.subarray(0, nl)]);
      this.carry = [];
      this.carryBytes = 0;
      this.line(line, 0, line.length);
      start = nl + 1;
    }
    while (this.suspect === undefined) {
      const nl = bytes.indexOf(NEWLINE, start);
      if (nl === -1) {
        if (start < bytes.length) this.keep(bytes.subarray(start));
        return true;
      }
      this.line(bytes, start, nl);
      start = nl + 1;
    }
    this.checkRest(bytes.subarray(start));
    return this.failure === undefined;
  }

  /** Ends the read: the entries read, where the good part ends, and the torn last line if any (EMU-9). */
  end(): ReadLogBytes {
    this.ended = true;
    if (this.suspect !== undefined && this.failure === undefined) this.checkTail(this.rest?.end() ?? '');
    if (this.failure !== undefined) return { ok: false, ...this.failure };
    // A crash may leave a partial line, or a tail of NUL bytes where the file grew but the data never landed.
    const torn = this.suspect !== undefined || this.carryBytes > 0;
    return { ok: true, count: this.count, goodBytes: this.goodBytes, tornBytes: torn ? this.totalBytes - this.goodBytes : undefined };
  }

  private keep(bytes: Buffer): void {
    this.carry.push(Buffer.from(bytes));
    this.carryBytes += bytes.length;
  }

  /** One complete line, `bytes[start, end)`, its newline at `end`. */
  private line(bytes: Buffer, start: number, end: number): void {
    this.lineNo += 1;
    const text = bytes.toString('utf8', start, end);
    const entry = parseLogLine(text);
    if (entry === undefined) {
      this.suspect = { line: this.lineNo, blank: blank(text) };
      this.rest = new StringDecoder('utf8');
      return;
    }
    this.count += 1;
    this.goodBytes += end - start + 1;
    this.onEntry(entry);
  }

  /** Whether the bytes after the suspect line are blank, a piece at a time. */
  private checkRest(bytes: Buffer): void {
    for (let at = 0; at < bytes.length && this.failure === undefined; at += BLANK_CHECK_PIECE) {
      this.checkTail(this.rest?.write(bytes.subarray(at, at + BLANK_CHECK_PIECE)) ?? '');
    }
  }

  private checkTail(text: string): void {
    if (this.suspect === undefined || blank(text)) return;
    this.failure = { line: this.suspect.line, problem: this.suspect.blank ? 'an empty line inside the log' : 'not a valid event-log line' };
  }
}

/**
 * Reads the bytes of a log, a line at a time (see `LogReader`), giving each good entry to `onEntry`. A
 * last line that is incomplete (no newline) or unreadable is a torn write: it is left out, and
 * `goodBytes` says where the good part ends (EMU-9). An unreadable line anywhere else is corruption, and
 * the whole read fails naming the line.
 */
export function readLogBytes(bytes: Uint8Array, onEntry: (entry: LogEntry) => void): ReadLogBytes {
  const reader = new LogReader(onEntry);
  reader.push(bytes);
  return reader.end();
}

/**
 * Reads the text of a log (see `readLogBytes`, which this encodes its text for). A last line that is
 * incomplete (no newline) or unreadable is a torn write: it is reported and left out, and `goodLength`
 * says where the good part ends (EMU-9). An unreadable line anywhere else is corruption, and the whole
 * read fails naming the line.
 */
export function readLogText(text: string): ReadLog {
  const entries: LogEntry[] = [];
  const read = readLogBytes(Buffer.from(text, 'utf8'), (entry) => entries.push(entry));
  if (!read.ok) return read;
  // The good part is the first `count` lines, each ending with its newline.
  let goodLength = 0;
  for (let i = 0; i < read.count; i++) goodLength = text.indexOf('\n', goodLength) + 1;
  return { ok: true, entries, goodLength, tornLine: read.tornBytes === undefined ? undefined : text.slice(goodLength) };
}

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
  /** Appends one entry; resolves once it is kept (for a file: durable, EMU-8). */
  append(entry: LogEntry): Promise<void>;
  /** Replaces the whole log (reset, import). */
  replace(entries: readonly LogEntry[]): Promise<void>;
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

  private constructor(
    private readonly path: string,
    handle: FileHandle,
    size: number,
    count: number,
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
  static async open(dir: string, orgId: string, warn: (message: string) => void, onEntry: (entry: LogEntry) => void): Promise<EventLog> {
    await mkdir(dir, { recursive: true });
    const path = logPath(dir, orgId);
    const handle = await open(path, 'a+');
    await syncDirectory(dir);
    try {
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
      return new EventLog(path, handle, size, read.count);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The number of the next line. */
  get nextNumber(): number {
    return this.count + 1;
  }

  /** Appends one entry and flushes it to disk; resolves only once it is durable (EMU-8). */
  async append(entry: LogEntry): Promise<void> {
    const line = Buffer.from(formatLogLine(entry), 'utf8');
    try {
      await this.handle.write(line, 0, line.length, null);
      await this.handle.datasync();
    } catch (error) {
      // Best effort: leave the file as it was before this append, so that no unacknowledged line survives.
      await this.handle.truncate(this.size).catch(() => undefined);
      throw error;
    }
    this.size += line.length;
    this.count += 1;
  }

  /**
   * Replaces the whole log (reset, import): the new content is written to a temporary file, flushed, and
   * renamed over the log, so that a crash leaves either the old log or the new one.
   */
  async replace(entries: readonly LogEntry[]): Promise<void> {
    const tmp = `${this.path}.tmp`;
    const text = entries.map(formatLogLine).join('');
    const out = await open(tmp, 'w');
    try {
      await out.writeFile(text, 'utf8');
      await out.datasync();
    } finally {
      await out.close();
    }
    await rename(tmp, this.path);
    await syncDirectory(dirname(this.path));
    await this.handle.close();
    this.handle = await open(this.path, 'a+');
    this.size = Buffer.byteLength(text);
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

/** How many lines an export of a `MemoryLog` puts in one chunk of its stream. */
const EXPORT_LINES_PER_CHUNK = 256;

/** The log of an org without `--data`: its entries in memory, the only copy there is (for export). */
export class MemoryLog implements EntryLog {
  private entries: LogEntry[] = [];

  get nextNumber(): number {
    return this.entries.length + 1;
  }

  async append(entry: LogEntry): Promise<void> {
    this.entries.push(entry);
  }

  async replace(entries: readonly LogEntry[]): Promise<void> {
    this.entries = [...entries];
  }

  /** The entries as they are now (an append only adds past `count`; a replace makes a new array). */
  async exportLines(): Promise<string | Readable> {
    const entries = this.entries;
    const count = entries.length;
    if (count <= EXPORT_LINES_PER_CHUNK) return entries.map(formatLogLine).join('');
    return Readable.from(
      (function* lines(): Generator<string> {
        for (let i = 0; i < count; i += EXPORT_LINES_PER_CHUNK) {
          yield entries.slice(i, Math.min(i + EXPORT_LINES_PER_CHUNK, count)).map(formatLogLine).join('');
        }
      })(),
      { objectMode: false },
    );
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}

/** Flushes a directory's entries (a new or renamed file), where the platform allows it. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot open or sync a directory; the file's own data is synced regardless.
  }
}

/** A log that cannot be read: the emulator refuses to start rather than serve a partial history. */
export class EventLogError extends Error {
  override readonly name = 'EventLogError';
}
