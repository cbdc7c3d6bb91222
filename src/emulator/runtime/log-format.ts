// One line of an org's event log: an accepted command's events, stamped, with when and by which till
// (EMU-8). One line per command keeps a command atomic: a torn write loses the whole command (which was
// never acknowledged), never half of its events.
import { z } from 'zod';

/** The version of the log line format: 2 since events carry their sequence numbers and ids come from counters. */
export const LOG_FORMAT_VERSION = 2;

/** The schema of a log line. Events are checked for their `kind` here; the library's `evolveAll` reads and checks the rest. */
export const logEntrySchema = z.object({
  v: z.literal(LOG_FORMAT_VERSION, 'expected a line of log format 2 (a log written by an earlier version of customer-graph cannot be read by this one)'),
  n: z.number().int().positive(),
  at: z.string().max(64),
  till: z.string().max(64),
  command: z.string().max(64),
  events: z.array(z.looseObject({ kind: z.string().max(64) })).min(1),
});

/** One line of the event log: an accepted command's events, with when and by which till (EMU-8). */
export type LogEntry = Omit<z.output<typeof logEntrySchema>, 'events'> & { readonly events: readonly z.output<typeof logEntrySchema>['events'][number][] };

/** Whether a value read from JSON is a log line's entry; its events are read and checked by the library when folded. */
export function isLogEntry(value: unknown): value is LogEntry {
  return logEntrySchema.safeParse(value).success;
}

/** Reads one log line; undefined when it is not a valid entry. */
export function parseLogLine(line: string): LogEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  // The events stay as JSON read them (`JSON.parse` makes a `__proto__` key an own property, so it stays
  // a key): the library reads them into its own copies when it folds them.
  return isLogEntry(raw) ? raw : undefined;
}

/**
 * Why a complete line is of another log format, if it is: a JSON object whose `v` is not this format's.
 * Such a line is never a torn write, so it is refused rather than dropped.
 */
export function otherFormat(line: string): string | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  return otherFormatOf(raw);
}

/** Why a value read from JSON is an entry of another log format, if it is (see `otherFormat`). */
export function otherFormatOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.hasOwn(raw, 'v')) return undefined;
  const v = (raw as { readonly v?: unknown }).v;
  if (v === LOG_FORMAT_VERSION) return undefined;
  return `a line of log format ${typeof v === 'number' || typeof v === 'string' ? JSON.stringify(v) : typeof v}, written by another version of customer-graph; this version reads format ${LOG_FORMAT_VERSION} (export the log with the version that wrote it and replay its requests, or start on an empty --data directory)`;
}

/** Serialises one entry as a log line, newline included. */
export function formatLogLine(entry: LogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}
