// The durable state of one org with `--data` (EMU-8, EMU-20): its log, cut into segments once it is
// compacted, and up to two snapshots, named by the org's manifest (manifest.ts). Until its first
// compaction an org is just `DIR/<org>.events.jsonl`, with no manifest.
//
// Compaction, when the segment being appended to passes `snapshotAfterBytes`:
//   1. seal: a new, empty segment is named in the manifest and appended to from now on (line M + 1 on);
//   2. the snapshot of the graph at line M is written beside the log (snapshot-file.ts), while the org
//      goes on taking writes: the graph is a value;
//   3. adopt: the manifest names the new snapshot and the one before it, and only the segments after the
//      one before it; the files it no longer names are removed.
// The snapshot before the newest is kept, with the segments after it, so that a newest snapshot that
// cannot be read still leaves a way to every acknowledged write.
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CustomerGraph, Org } from '../../index';
import { EventLog, EventLogError, LogCompacted, readLogFile, type EntryLog } from './event-log';
import { linesOf, writeFlushed } from './files';
import { formatLogLine, type LogEntry } from './log-format';
import { generationFile, initialManifest, readManifest, removeUnnamed, writeManifest, type Manifest } from './manifest';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file';

/** The size of the segment being appended to past which an org is compacted (EMU-20): 64 MiB. */
export const DEFAULT_SNAPSHOT_AFTER_BYTES = 64 * 1024 * 1024;

/** What start-up hands the org: the snapshot it starts from, then every entry after it, in order. */
export interface Replay {
  start(graph: CustomerGraph | undefined, lines: number): void;
  entry(entry: LogEntry): void;
}

/** The durable state of one org: an `EntryLog` that can also be compacted (EMU-20). */
export class OrgStore implements EntryLog {
  /** Changes with every reset, import or snapshot put: a compaction begun before one is abandoned. */
  private epoch = 0;

  private constructor(
    private readonly dir: string,
    private readonly org: Org,
    private readonly warn: (message: string) => void,
    /** Undefined until the org's first compaction or snapshot put. */
    private manifest: Manifest | undefined,
    private active: EventLog,
    readonly snapshotAfterBytes: number,
  ) {}

  /**
   * Opens an org's state: the newest snapshot that can be read (falling back to the one before it, with a
   * warning), then every log line after it. Refuses to start when no snapshot can be read and the log
   * alone does not reach back to the first line (EMU-20), or when a line does not replay (EMU-9).
   */
  static async open(org: Org, dir: string, warn: (message: string) => void, replay: Replay, snapshotAfterBytes = DEFAULT_SNAPSHOT_AFTER_BYTES): Promise<OrgStore> {
    await mkdir(dir, { recursive: true });
    const manifest = await readManifest(dir, org.id);
    if (manifest === undefined) {
      replay.start(undefined, 0);
      const active = await EventLog.open(dir, org.id, warn, (entry) => replay.entry(entry));
      return new OrgStore(dir, org, warn, undefined, active, snapshotAfterBytes);
    }
    for (const name of await removeUnnamed(dir, org.id, manifest)) warn(`${join(dir, name)}: removed, a leftover of a change that did not finish`);
    let lines = 0;
    let started = false;
    for (const s of manifest.snapshots) {
      const loaded = await readSnapshotFile(org, join(dir, s.file));
      if (loaded.isOk()) {
        replay.start(loaded.value.graph, s.lines);
        [lines, started] = [s.lines, true];
        break;
      }
      warn(`${join(dir, s.file)}: not a snapshot (${loaded.error}); trying the one before it`);
    }
    const first = manifest.segments[0] as Manifest['segments'][number];
    if (!started && (manifest.fromSnapshot || first.base > 0)) {
      throw new EventLogError(`org ${org.id}: no snapshot in ${dir} can be read and the log does not reach back to its first line; refusing to start on a partial state`);
    }
    if (!started) replay.start(undefined, 0);
    const after = (entry: LogEntry): void => {
      if (entry.n > lines) replay.entry(entry);
    };
    for (const segment of manifest.segments.slice(0, -1)) {
      const path = join(dir, segment.file);
      const handle = await open(path, 'r');
      try {
        await readLogFile(path, handle, warn, after);
      } finally {
        await handle.close();
      }
    }
    const last = manifest.segments.at(-1) as Manifest['segments'][number];
    const active = await EventLog.openPath(join(dir, last.file), last.base, warn, after);
    return new OrgStore(dir, org, warn, manifest, active, snapshotAfterBytes);
  }

  get nextNumber(): number {
    return this.active.nextNumber;
  }

  /** Whether the segment being appended to has passed the size that calls for a snapshot. */
  get wantsSnapshot(): boolean {
    return this.active.bytes > this.snapshotAfterBytes;
  }

  appendAll(entries: readonly LogEntry[]): Promise<void> {
    return this.active.appendAll(entries);
  }

  /** Replaces the whole state with these entries (reset, import); with a graph, with that graph first (a snapshot put). */
  async replace(entries: readonly LogEntry[], graph?: CustomerGraph): Promise<void> {
    this.epoch++;
    if (this.manifest === undefined && graph === undefined) return this.active.replace(entries);
    const m = this.manifest ?? initialManifest(this.org.id);
    const segment = generationFile(this.org.id, 'log', m.next);
    const snapshot = generationFile(this.org.id, 'snapshot', m.next + 1);
    const next: Manifest = {
      v: 1,
      next: m.next + 2,
      snapshots: graph === undefined ? [] : [{ file: snapshot, lines: 0 }],
      segments: [{ file: segment, base: 0 }],
      fromSnapshot: graph !== undefined,
    };
    try {
      await writeFlushed(join(this.dir, segment), linesOf(entries, formatLogLine));
      if (graph !== undefined) await writeSnapshotFile(join(this.dir, snapshot), graph, 0);
      await writeManifest(this.dir, this.org.id, next);
    } catch (error) {
      // The old manifest still names the old state: the new files must not outlive the failure.
      await unlink(join(this.dir, segment)).catch(() => undefined);
      await unlink(join(this.dir, snapshot)).catch(() => undefined);
      throw error;
    }
    await this.switchTo(next, entries.length);
  }

  /** Step 1 of a compaction (call with no write in flight): appends go to a new segment; the line the snapshot will cover. */
  async seal(): Promise<{ readonly lines: number; readonly epoch: number; readonly file: string }> {
    const m = this.manifest ?? initialManifest(this.org.id);
    const lines = this.active.nextNumber - 1;
    const segment = generationFile(this.org.id, 'log', m.next);
    const next: Manifest = { ...m, next: m.next + 2, segments: [...m.segments, { file: segment, base: lines }] };
    try {
      await writeFlushed(join(this.dir, segment), '');
      await writeManifest(this.dir, this.org.id, next);
    } catch (error) {
      await unlink(join(this.dir, segment)).catch(() => undefined);
      throw error;
    }
    await this.switchTo(next, 0);
    return { lines, epoch: this.epoch, file: generationFile(this.org.id, 'snapshot', m.next + 1) };
  }

  /** Step 2: writes the snapshot of the graph at the sealed line (outside the org's queue). */
  async writeSnapshot(graph: CustomerGraph, sealed: { readonly lines: number; readonly file: string }): Promise<void> {
    await writeSnapshotFile(join(this.dir, sealed.file), graph, sealed.lines);
  }

  /** Step 3: names the new snapshot and drops what the one before it makes unnecessary; false when a reset came between. */
  async adopt(sealed: { readonly lines: number; readonly epoch: number; readonly file: string }): Promise<boolean> {
    const m = this.manifest;
    if (sealed.epoch !== this.epoch || m === undefined) {
      await unlink(join(this.dir, sealed.file)).catch(() => undefined);
      return false;
    }
    const previous = m.snapshots[0];
    const from = previous?.lines ?? 0;
    const next: Manifest = {
      ...m,
      snapshots: [{ file: sealed.file, lines: sealed.lines }, ...(previous === undefined ? [] : [previous])],
      segments: m.segments.filter((s, i) => i === m.segments.length - 1 || s.base >= from),
    };
    await writeManifest(this.dir, this.org.id, next);
    this.manifest = next;
    await removeUnnamed(this.dir, this.org.id, next);
    return true;
  }

  /** The log as JSON lines, every segment in turn; refused once its first lines were compacted away (EMU-20). */
  async exportLines(): Promise<string | Readable> {
    const m = this.manifest;
    if (m === undefined) return this.active.exportLines();
    const first = m.segments[0] as Manifest['segments'][number];
    if (m.fromSnapshot || first.base > 0) {
      throw new LogCompacted(
        `the log of org ${this.org.id} before line ${first.base + 1} was compacted into a snapshot${m.fromSnapshot ? ' (the state began at a put snapshot)' : ''}: export the snapshot (GET /_emulator/snapshot) instead`,
      );
    }
    // Opened now: a later compaction may remove a sealed segment, and an open file stays readable.
    const sealed = await Promise.all(m.segments.slice(0, -1).map((s) => open(join(this.dir, s.file), 'r')));
    const tail = await this.active.exportLines();
    return Readable.from(
      (async function* all(): AsyncGenerator<Buffer | string> {
        for (const handle of sealed) yield* handle.createReadStream({ autoClose: true });
        if (typeof tail === 'string') yield tail;
        else yield* tail;
      })(),
      { objectMode: false },
    );
  }

  close(): Promise<void> {
    return this.active.close();
  }

  /** Appends go to the last segment of `next` from now on, a file just written with `count` lines. */
  private async switchTo(next: Manifest, count: number): Promise<void> {
    const last = next.segments.at(-1) as Manifest['segments'][number];
    const opened = await EventLog.written(join(this.dir, last.file), last.base, count);
    await this.active.close();
    this.active = opened;
    this.manifest = next;
    await removeUnnamed(this.dir, this.org.id, next);
  }
}
