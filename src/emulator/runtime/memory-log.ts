// The log of an org without `--data`: its entries in memory, the only copy there is (for export).
import { Readable } from 'node:stream';
import type { EntryLog } from './event-log';
import { formatLogLine, type LogEntry } from './log-format';

/** How many lines an export of a `MemoryLog` puts in one chunk of its stream. */
const EXPORT_LINES_PER_CHUNK = 256;

/** The log of an org without `--data`: its entries in memory, the only copy there is (for export). */
export class MemoryLog implements EntryLog {
  private entries: LogEntry[] = [];

  get nextNumber(): number {
    return this.entries.length + 1;
  }

  async appendAll(entries: readonly LogEntry[]): Promise<void> {
    for (const entry of entries) this.entries.push(entry);
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

