// The durable event log of one org: `DIR/<orgId>.events.jsonl`, one JSON line per accepted command with
// all of its events, appended and flushed to disk before the response is sent (EMU-8). One line per command
// keeps a command atomic: a torn write loses the whole command (which was never acknowledged), never half of
// its events.
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

function reviveFieldMaps(key: string, value: unknown): unknown {
  if (!FIELD_MAP_KEYS.has(key) || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const map = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) map[k] = v;
  return map;
}

/** Reads one log line; undefined when it is not a valid entry. */
export function parseLogLine(line: string): LogEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line, reviveFieldMaps);
  } catch {
    return undefined;
  }
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

const blank = (s: string): boolean => s.replace(/\0/g, '').trim() === '';

/**
 * Reads the text of a log. A last line that is incomplete (no newline) or unreadable is a torn write: it is
 * reported and left out, and `goodLength` says where the good part ends (EMU-9). An unreadable line
 * anywhere else is corruption, and the whole read fails naming the line.
 */
export function readLogText(text: string): ReadLog {
  const entries: LogEntry[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const complete = end !== -1;
    const line = text.slice(offset, complete ? end : text.length);
    const next = complete ? end + 1 : text.length;
    lineNo += 1;
    const entry = complete ? parseLogLine(line) : undefined;
    if (entry !== undefined) {
      entries.push(entry);
      offset = next;
      continue;
    }
    // A crash may leave a partial line, or a tail of NUL bytes where the file grew but the data never landed.
    if (blank(text.slice(next)) || !complete) return { ok: true, entries, goodLength: offset, tornLine: text.slice(offset) };
    if (blank(line)) return { ok: false, line: lineNo, problem: 'an empty line inside the log' };
    return { ok: false, line: lineNo, problem: 'not a valid event-log line' };
  }
  return { ok: true, entries, goodLength: offset, tornLine: undefined };
}

/** Where each org's log lives. */
export function logPath(dir: string, orgId: string): string {
  return join(dir, `${orgId}.events.jsonl`);
}

/**
 * The append-only log file of one org. Every append is written and `fdatasync`ed before it resolves; a
 * failed append is rolled back (truncated) so that the file never holds a line that was not acknowledged.
 */
export class EventLog {
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
   * Opens (or creates) an org's log and reads it. A torn last line is dropped from the file and reported
   * through `warn`; a corrupt line elsewhere refuses to open, naming the line (EMU-9).
   */
  static async open(dir: string, orgId: string, warn: (message: string) => void): Promise<{ log: EventLog; entries: LogEntry[] }> {
    await mkdir(dir, { recursive: true });
    const path = logPath(dir, orgId);
    const handle = await open(path, 'a+');
    await syncDirectory(dir);
    try {
      const bytes = await handle.readFile();
      const text = bytes.toString('utf8');
      const read = readLogText(text);
      if (!read.ok) throw new EventLogError(`${path}: line ${read.line}: ${read.problem}; refusing to start on a corrupt event log`);
      let size = bytes.length;
      if (read.tornLine !== undefined) {
        size = Buffer.byteLength(text.slice(0, read.goodLength));
        warn(
          `${path}: dropped a torn last line (${Buffer.byteLength(read.tornLine)} bytes, never acknowledged) after ${read.entries.length} good lines`,
        );
        await handle.truncate(size);
        await handle.datasync();
      }
      return { log: new EventLog(path, handle, size, read.entries.length), entries: read.entries };
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

  async close(): Promise<void> {
    await this.handle.close();
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
