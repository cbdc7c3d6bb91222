// The log of an org without `--data`: its entries in memory, the only copy there is (for export).
import { Readable } from 'node:stream';
import type { CustomerGraph } from '../../index';
import { LogCompacted, type EntryLog } from './event-log';
import { nextTurn } from './turns';
import { formatLogLine, type LogEntry } from './log-format';

/** How many lines an export of a `MemoryLog` puts in one chunk of its stream. */
const EXPORT_LINES_PER_CHUNK = 256;

/** The log of an org without `--data`: its entries in memory, the only copy there is (for export). */
export class MemoryLog implements EntryLog {
  private entries: LogEntry[] = [];
  /** True once the state began at a put snapshot: the entries alone no longer rebuild it (EMU-20). */
  private fromSnapshot = false;

  get nextNumber(): number {
    return this.entries.length + 1;
  }

  async appendAll(entries: readonly LogEntry[]): Promise<void> {
    for (const entry of entries) this.entries.push(entry);
  }

  async replace(entries: readonly LogEntry[], graph?: CustomerGraph): Promise<void> {
    this.entries = [...entries];
    this.fromSnapshot = graph !== undefined;
  }

  /** The entries as they are now (an append only adds past `count`; a replace makes a new array). */
  async exportLines(): Promise<string | Readable> {
    if (this.fromSnapshot) throw new LogCompacted('the state of this org began at a put snapshot, which its log does not hold: export the snapshot (GET /_emulator/snapshot) instead');
    const entries = this.entries;
    const count = entries.length;
    if (count <= EXPORT_LINES_PER_CHUNK) return entries.map(formatLogLine).join('');
    // A turn of the event loop after each chunk: Readable.from drains a sync generator in microtasks.
    return Readable.from(
      (async function* lines(): AsyncGenerator<string> {
        for (let i = 0; i < count; i += EXPORT_LINES_PER_CHUNK) {
          yield entries.slice(i, Math.min(i + EXPORT_LINES_PER_CHUNK, count)).map(formatLogLine).join('');
          await nextTurn();
        }
      })(),
      { objectMode: false },
    );
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}

