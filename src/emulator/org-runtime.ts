// The live state of one org in the emulator: its graph, its serial queue and its event log. Everything
// here is I/O around the pure library: the library decides and folds, this file orders and persists.
import { err, ok, type Result } from 'neverthrow';
import {
  emptyGraph,
  evolveAll,
  execute,
  type Command,
  type CustomerGraph,
  type DomainError,
  type Executed,
  type Org,
  type ResponseByKind,
} from '../index';
import type { Readable } from 'node:stream';
import { EventLog, LOG_FORMAT_VERSION, MemoryLog, type EntryLog, type LogEntry } from './event-log';

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
    return new OrgRuntime(org, new MemoryLog(), false, emptyGraph(org));
  }

  /**
   * An org whose state is its event log in `dir`, replayed now: each entry is folded into the graph as
   * it is read from the file, with nothing else kept (EMU-8, EMU-9).
   */
  static async durable(org: Org, dir: string, warn: (message: string) => void): Promise<OrgRuntime> {
    let graph = emptyGraph(org);
    const log = await EventLog.open(dir, org.id, warn, (entry) => {
      const next = foldEntry(graph, entry);
      if (next.isErr()) throw new Error(`event log of org ${org.id}: ${next.error}`);
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
   * Decides a command and, when accepted, appends its events to the log (durably) before the new graph
   * becomes current. Call inside `serial`. A refusal changes nothing and writes nothing.
   */
  async commit<C extends Command>(command: C): Promise<Result<Executed<ResponseByKind[C['kind']]>, DomainError>> {
    const executed = execute(this.current, command);
    if (executed.isErr()) return err(executed.error);
    const { events, graph } = executed.value;
    if (events.length > 0) {
      await this.log.append({
        v: LOG_FORMAT_VERSION,
        n: this.log.nextNumber,
        at: command.meta.at,
        till: command.meta.till,
        command: command.kind,
        events,
      });
    }
    this.current = graph;
    return ok(executed.value);
  }

  /** Empties the org: a fresh graph and an empty log. Call inside `serial`. */
  async reset(): Promise<void> {
    await this.log.replace([]);
    this.current = emptyGraph(this.org);
  }

  /**
   * Replaces the org's state with the given log entries, replayed from the empty graph. Call inside
   * `serial`. Entries whose events do not fold are refused and nothing changes.
   */
  async replaceLog(entries: readonly LogEntry[]): Promise<Result<CustomerGraph, string>> {
    const renumbered = entries.map((e, i): LogEntry => ({ ...e, n: i + 1 }));
    const graph = replay(this.org, renumbered);
    if (graph.isErr()) return graph;
    await this.log.replace(renumbered);
    this.current = graph.value;
    return ok(graph.value);
  }

  async close(): Promise<void> {
    await this.drain();
    await this.log.close();
  }
}

/** Folds one log entry's events into the graph with the library's `evolveAll` (EMU-8). */
function foldEntry(graph: CustomerGraph, entry: LogEntry): Result<CustomerGraph, string> {
  try {
    return ok(evolveAll(graph, entry.events));
  } catch (error) {
    // evolve is documented never to throw (ARC-5); a hand-edited log is the only way here.
    return err(`the events do not fold into a graph (${error instanceof Error ? error.message : 'unknown error'})`);
  }
}

/** Folds log entries, one at a time, into the org's empty graph (EMU-8). */
export function replay(org: Org, entries: Iterable<LogEntry>): Result<CustomerGraph, string> {
  let graph = emptyGraph(org);
  for (const entry of entries) {
    const next = foldEntry(graph, entry);
    if (next.isErr()) return next;
    graph = next.value;
  }
  return ok(graph);
}
