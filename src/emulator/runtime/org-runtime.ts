// The live state of one org in the emulator: its graph, its serial queue and its event log. Everything
// here is I/O around the pure library: the library decides and folds, this file orders and persists.
import { err, ok, type Result } from 'neverthrow';
import type { Readable } from 'node:stream';
import { emptyGraph, execute, type Command, type CustomerGraph, type DomainError, type Executed, type Org, type ParsedCommand, type ResponseByKind } from '../../index';
import { EventLogError, LogCompacted, type EntryLog } from './event-log';
import { LOG_FORMAT_VERSION, type LogEntry } from './log-format';
import { MemoryLog } from './memory-log';
import { DEFAULT_SNAPSHOT_AFTER_BYTES, OrgStore } from './org-store';
import { foldEntries, REPLAY_BATCH_LINES, type LogMisfit } from './log-replay';
import { nextTurn } from './turns';

function emptyOf(org: Org): CustomerGraph {
  // An org the emulator was given is one `defineOrg` built: its empty graph cannot be refused.
  return emptyGraph(org).match(
    (graph) => graph,
    (error) => {
      throw new Error(`org ${org.id}: ${error.message}`);
    },
  );
}

/** How many lines of an import are folded between two turns of the event loop (a few milliseconds' work). */
export const IMPORT_CHUNK_LINES = 256;

/** An accepted entry waiting for its batch to reach the log, with the graph it leads to. */
interface Pending {
  readonly entry: LogEntry;
  readonly graph: CustomerGraph;
  readonly settle: { resolve(): void; reject(error: unknown): void };
}

/** Where a write was refused because its batch could not be kept; the cause is in `cause`. */
export class StorageFailure extends Error {
  override readonly name = 'StorageFailure';
}

const ignore = (): void => undefined;

/**
 * One org's state. Every request to the org runs through `serial`, a promise chain, so requests apply one
 * at a time in arrival order (EMU-10). Writes are group-committed (EMU-8): a command is decided on the
 * newest graph and its entry joins the batch that the log appends and flushes next, so concurrent writes
 * share one flush; `kept` is the promise that everything decided so far is in the log, and a request is
 * answered only after it resolves. A batch that cannot be kept takes back every write decided after the
 * last kept one: the graph returns to the last kept graph, and those requests are refused.
 */
export class OrgRuntime {
  private current: CustomerGraph;
  /** The graph of the last entry the log holds. */
  private keptGraph: CustomerGraph;
  private tail: Promise<unknown> = Promise.resolve();
  /** Decided, not yet handed to the log, in order. */
  private waiting: Pending[] = [];
  private flushing = false;
  private lastKept: Promise<void> = Promise.resolve();
  private nextLine: number;

  /** The compaction under way, if any (EMU-20): `close` waits for it. */
  private compaction: Promise<void> | undefined;

  private constructor(
    readonly org: Org,
    private readonly log: EntryLog,
    /** Whether writes go to disk. */
    readonly durable: boolean,
    graph: CustomerGraph,
    private readonly warn: (message: string) => void = ignore,
  ) {
    this.current = graph;
    this.keptGraph = graph;
    this.nextLine = log.nextNumber;
  }

  /** An org held in memory only. */
  static inMemory(org: Org): OrgRuntime {
    return new OrgRuntime(org, new MemoryLog(), false, emptyOf(org));
  }

  /** An org over a log of the caller's (tests: a log that counts or fails its appends), replayed from empty. */
  static over(org: Org, log: EntryLog, durable = true): OrgRuntime {
    return new OrgRuntime(org, log, durable, emptyOf(org));
  }

  /**
   * An org whose state is in `dir`: its newest readable snapshot, if it has one, and the log lines after
   * it, replayed now; each entry is folded into the graph as it is read from the file, strictly, with
   * nothing else kept (EMU-8, EMU-9, EMU-20). A line that does not fit refuses the start, naming the line
   * and the reason.
   */
  static async durable(org: Org, dir: string, warn: (message: string) => void, snapshotAfterBytes = DEFAULT_SNAPSHOT_AFTER_BYTES): Promise<OrgRuntime> {
    let graph = emptyOf(org);
    let pending: LogEntry[] = [];
    let firstLine = 1;
    const fold = (): void => {
      const next = foldEntries(graph, pending, firstLine);
      if (next.isErr()) throw new EventLogError(`event log of org ${org.id}: line ${next.error.line}: ${next.error.message}; refusing to start on a log that does not replay`);
      graph = next.value;
      firstLine += pending.length;
      pending = [];
    };
    const store = await OrgStore.open(
      org,
      dir,
      warn,
      {
        start(snapshot, lines) {
          graph = snapshot ?? emptyOf(org);
          firstLine = lines + 1;
        },
        entry(entry) {
          pending.push(entry);
          if (pending.length >= REPLAY_BATCH_LINES) fold();
        },
      },
      snapshotAfterBytes,
    );
    try {
      fold();
    } catch (error) {
      await store.close();
      throw error;
    }
    return new OrgRuntime(org, store, true, graph, warn);
  }

  /** The graph as it is now (it may hold writes whose batch is still being flushed): an immutable value, safe to keep. */
  get graph(): CustomerGraph {
    return this.current;
  }

  /**
   * Resolves once every write decided so far is in the log; rejects with a `StorageFailure` when one of
   * them could not be kept (and was taken back). A request waits for it before it is answered, so that
   * no answer shows a state a crash could lose (EMU-8).
   */
  get kept(): Promise<void> {
    return this.lastKept;
  }

  /**
   * The log of the accepted commands as JSON lines, oldest first, as it is now (for export; call inside
   * `serial`). A large log is a stream that is read after this returns.
   */
  async exportLog(): Promise<string | Readable | LogCompacted> {
    await this.lastKept;
    try {
      return await this.log.exportLines();
    } catch (error) {
      if (error instanceof LogCompacted) return error;
      throw error;
    }
  }

  /**
   * Runs `task` after every task queued before it, and before any queued after it (EMU-10), in a turn of
   * the event loop of its own. A failing task does not break the chain.
   */
  serial<T>(task: () => Promise<T> | T): Promise<T> {
    // Each task waits for a turn of the event loop first: queued tasks never run back to back in one
    // turn, so that other orgs' requests and the log's I/O are served between them (fair sharing).
    const run = this.tail.then(nextTurn, nextTurn).then(task);
    this.tail = run.catch(ignore);
    return run;
  }

  /** Waits until every queued task has finished and every batch is flushed. */
  async drain(): Promise<void> {
    for (;;) {
      const tail = this.tail;
      await tail;
      await this.lastKept.catch(ignore);
      if (tail === this.tail && this.waiting.length === 0 && !this.flushing) return;
    }
  }

  /**
   * Decides a command and, when accepted, makes its graph current and queues its entry for the next
   * flush (EMU-8); the answer may leave once `kept` resolves. Call inside `serial`. A refusal changes
   * nothing and writes nothing.
   */
  async commit<C extends Command | ParsedCommand>(command: C): Promise<Result<Executed<ResponseByKind[C['kind']]>, DomainError>> {
    const executed = execute(this.current, command);
    if (executed.isErr()) return err(executed.error);
    const { events, graph } = executed.value;
    if (events.length > 0) {
      const entry: LogEntry = { v: LOG_FORMAT_VERSION, n: this.nextLine++, at: command.meta.at, till: command.meta.till, command: command.kind, events };
      let settle!: Pending['settle'];
      this.lastKept = new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
      this.lastKept.catch(ignore);
      this.waiting.push({ entry, graph, settle });
      if (!this.flushing) void this.flush();
    }
    this.current = graph;
    return ok(executed.value);
  }

  /**
   * Hands everything waiting to the log as one batch (one write, one flush), again and again until
   * nothing waits. Batches go in decision order, so the log's order is the order of the answers.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          await this.log.appendAll(batch.map((p) => p.entry));
        } catch (cause) {
          // Everything decided after the last kept entry stood on this batch: take all of it back.
          const lost = [...batch, ...this.waiting];
          this.waiting = [];
          this.current = this.keptGraph;
          this.nextLine = this.log.nextNumber;
          const failure = new StorageFailure(`the event log could not keep ${lost.length} write(s): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
          for (const p of lost) p.settle.reject(failure);
          return;
        }
        this.keptGraph = batch[batch.length - 1]!.graph;
        for (const p of batch) p.settle.resolve();
      }
      if (this.log instanceof OrgStore && this.log.wantsSnapshot && this.compaction === undefined) {
        const store = this.log;
        this.compaction = this.compact(store).finally(() => {
          this.compaction = undefined;
        });
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Compacts the org (EMU-20): seals the log at its last kept line, writes the snapshot of the graph there
   * while requests go on, then adopts it. A failure leaves the state as the manifest names it, warned.
   */
  private async compact(store: OrgStore): Promise<void> {
    try {
      const sealed = await this.serial(async () => {
        await this.lastKept.catch(ignore);
        return { ...(await store.seal()), graph: this.keptGraph };
      });
      await store.writeSnapshot(sealed.graph, sealed);
      await this.serial(() => store.adopt(sealed));
    } catch (error) {
      this.warn(`org ${this.org.id}: compaction failed, the log goes on as it is: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Makes `graph` the org's state once `write` has replaced the log under it (reset, import, snapshot
   * put): after every batch decided so far, and only if the write succeeds.
   */
  private async replaceState(graph: CustomerGraph, write: () => Promise<void>): Promise<void> {
    await this.lastKept.catch(ignore);
    await write();
    this.current = graph;
    this.keptGraph = graph;
    this.nextLine = this.log.nextNumber;
  }

  /** Replaces the org's state with a graph (a snapshot put) and an empty log after it. Call inside `serial`. */
  async replaceGraph(graph: CustomerGraph): Promise<void> {
    await this.replaceState(graph, () => this.log.replace([], graph));
  }

  /** Empties the org: a fresh graph and an empty log. Call inside `serial`. */
  async reset(): Promise<void> {
    await this.replaceState(emptyOf(this.org), () => this.log.replace([]));
  }

  /**
   * Replaces the org's state with the given log entries, replayed strictly from the empty graph. Call
   * inside `serial`. A log that does not replay is refused, naming the line, and nothing changes.
   */
  async replaceLog(entries: readonly LogEntry[]): Promise<Result<CustomerGraph, LogMisfit>> {
    // Folded a chunk at a time, each in a turn of the event loop of its own (fair sharing): a large
    // import does not hold the other orgs' requests for the whole of its replay.
    let folded = emptyOf(this.org);
    for (let start = 0; start < entries.length; start += IMPORT_CHUNK_LINES) {
      const next = foldEntries(folded, entries.slice(start, start + IMPORT_CHUNK_LINES), start + 1);
      if (next.isErr()) return next;
      folded = next.value;
      await nextTurn();
    }
    await this.replaceState(folded, () => this.log.replace(entries));
    return ok(folded);
  }

  async close(): Promise<void> {
    await this.drain();
    await this.compaction;
    await this.drain();
    await this.log.close();
  }
}
