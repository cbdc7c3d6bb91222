// The live state of one org in the emulator: its graph, its serial queue and its event log. Everything
// here is I/O around the pure library: the library decides and folds, this file orders and persists.
import { err, ok, type Result } from 'neverthrow';
import type { Readable } from 'node:stream';
import { emptyGraph, evolveAll, execute, type Command, type CustomerGraph, type DomainError, type Executed, type Org, type ParsedCommand, type ResponseByKind } from '../../index';
import { EventLog, EventLogError, type EntryLog } from './event-log';
import { LOG_FORMAT_VERSION, type LogEntry } from './log-format';
import { MemoryLog } from './memory-log';

/** Why a log does not replay: the line, and the library's reason (EMU-9). */
export interface LogMisfit {
  /** 1-based line (entry) number. */
  readonly line: number;
  readonly message: string;
}

function emptyOf(org: Org): CustomerGraph {
  // An org the emulator was given is one `defineOrg` built: its empty graph cannot be refused.
  return emptyGraph(org).match(
    (graph) => graph,
    (error) => {
      throw new Error(`org ${org.id}: ${error.message}`);
    },
  );
}

/**
 * Folds one log entry into the graph, strictly: the entry must be the next line, and its events must fit
 * the graph (the library's `evolveAll` names the first that does not, ARC-2).
 */
export function foldEntry(graph: CustomerGraph, entry: LogEntry, line: number): Result<CustomerGraph, LogMisfit> {
  if (entry.n !== line) return err({ line, message: `line number n is ${entry.n} where ${line} is next` });
  return evolveAll(graph, entry.events).mapErr((error: DomainError) => ({ line, message: error.message }));
}

/** Folds log entries, one at a time, into the org's empty graph (EMU-8). */
export function replay(org: Org, entries: Iterable<LogEntry>): Result<CustomerGraph, LogMisfit> {
  let graph = emptyOf(org);
  let line = 0;
  for (const entry of entries) {
    const next = foldEntry(graph, entry, ++line);
    if (next.isErr()) return next;
    graph = next.value;
  }
  return ok(graph);
}

/**
 * One org's state. Every request to the org runs through `serial`, a promise chain, so requests apply one
 * at a time in arrival order (EMU-10); a write is durable in the log before its answer leaves (EMU-8).
 * The log entries are in the log alone (the file with `--data`, memory otherwise); the graph is the fold
 * of them.
 */
export class OrgRuntime {
  private current: CustomerGraph;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly org: Org,
    private readonly log: EntryLog,
    /** Whether writes go to disk. */
    readonly durable: boolean,
    graph: CustomerGraph,
  ) {
    this.current = graph;
  }

  /** An org held in memory only. */
  static inMemory(org: Org): OrgRuntime {
    return new OrgRuntime(org, new MemoryLog(), false, emptyOf(org));
  }

  /**
   * An org whose state is its event log in `dir`, replayed now: each entry is folded into the graph as
   * it is read from the file, strictly, with nothing else kept (EMU-8, EMU-9). A line that does not fit
   * refuses the start, naming the line and the reason.
   */
  static async durable(org: Org, dir: string, warn: (message: string) => void): Promise<OrgRuntime> {
    let graph = emptyOf(org);
    const log = await EventLog.open(dir, org.id, warn, (entry, line) => {
      const next = foldEntry(graph, entry, line);
      if (next.isErr()) throw new EventLogError(`event log of org ${org.id}: line ${next.error.line}: ${next.error.message}; refusing to start on a log that does not replay`);
      graph = next.value;
    });
    return new OrgRuntime(org, log, true, graph);
  }

  /** The graph as it is now: an immutable value, safe to keep. */
  get graph(): CustomerGraph {
    return this.current;
  }

  /**
   * The log of the accepted commands as JSON lines, oldest first, as it is now (for export; call inside
   * `serial`). A large log is a stream that is read after this returns.
   */
  exportLog(): Promise<string | Readable> {
    return this.log.exportLines();
  }

  /**
   * Runs `task` after every task queued before it, and before any queued after it (EMU-10). A failing
   * task does not break the chain.
   */
  serial<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Waits until every queued task has finished. */
  async drain(): Promise<void> {
    for (;;) {
      const tail = this.tail;
      await tail;
      if (tail === this.tail) return;
    }
  }

  /**
   * Decides a command and, when accepted, appends its events to the log (durably, EMU-8) before the new
   * graph becomes current. Call inside `serial`. A refusal changes nothing and writes nothing.
   */
  async commit<C extends Command | ParsedCommand>(command: C): Promise<Result<Executed<ResponseByKind[C['kind']]>, DomainError>> {
    const executed = execute(this.current, command);
    if (executed.isErr()) return err(executed.error);
    const { events, graph } = executed.value;
    if (events.length > 0) {
      await this.log.append({ v: LOG_FORMAT_VERSION, n: this.log.nextNumber, at: command.meta.at, till: command.meta.till, command: command.kind, events });
    }
    this.current = graph;
    return ok(executed.value);
  }

  /** Empties the org: a fresh graph and an empty log. Call inside `serial`. */
  async reset(): Promise<void> {
    await this.log.replace([]);
    this.current = emptyOf(this.org);
  }

  /**
   * Replaces the org's state with the given log entries, replayed strictly from the empty graph. Call
   * inside `serial`. A log that does not replay is refused, naming the line, and nothing changes.
   */
  async replaceLog(entries: readonly LogEntry[]): Promise<Result<CustomerGraph, LogMisfit>> {
    const graph = replay(this.org, entries);
    if (graph.isErr()) return graph;
    await this.log.replace(entries);
    this.current = graph.value;
    return ok(graph.value);
  }

  async close(): Promise<void> {
    await this.drain();
    await this.log.close();
  }
}
