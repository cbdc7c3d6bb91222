// Reading an event log from its bytes, a line at a time, with the torn-line rules of EMU-9.
import { StringDecoder } from 'node:string_decoder';
import { otherFormat, parseLogLine, type LogEntry } from './log-format';

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

  constructor(private readonly onEntry: (entry: LogEntry, line: number) => void) {}

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
      // A whole line of another format is no torn write: never dropped, always refused.
      const other = otherFormat(text);
      if (other !== undefined) this.failure = { line: this.lineNo, problem: other };
      return;
    }
    this.count += 1;
    this.goodBytes += end - start + 1;
    this.onEntry(entry, this.lineNo);
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
export function readLogBytes(bytes: Uint8Array, onEntry: (entry: LogEntry, line: number) => void): ReadLogBytes {
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

