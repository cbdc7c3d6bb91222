// A preload for the emulator benches: N generated customers as an event log, built with the library itself
// and written by the log's own writer, so that it follows the format the import reads (EMU-8).
import { closeSync, openSync, writeSync } from 'node:fs';
import { defaultOrg, emptyGraph, execute, type Command, type CustomerGraph } from '../src/index';
import { formatLogLine, LOG_FORMAT_VERSION } from '../src/emulator/runtime/log-format';
import { customerAt, registerCommandOf, updateCommandOf } from './data';

/** The generated customers as an event log, with the id each got. */
export interface Preload {
  /** The event log, one line per register, as PUT /_emulator/events takes it. */
  readonly ndjson: string;
  /** The id each generated customer got, by index. */
  readonly ids: Int32Array;
}

/** Registers generated customers 0..N-1 in the default org and returns their log. */
export function buildPreload(customers: number): Preload {
  let graph: CustomerGraph = emptyGraph(defaultOrg())._unsafeUnwrap();
  const lines: string[] = [];
  const ids = new Int32Array(customers);
  for (let i = 0; i < customers; i++) {
    const command = registerCommandOf(customerAt(i));
    const done = execute(graph, command);
    if (done.isErr()) throw new Error(`preload: customer ${i} was refused: ${done.error.code} ${done.error.message}`);
    graph = done.value.graph;
    ids[i] = done.value.response.createdId;
    lines.push(formatLogLine({ v: LOG_FORMAT_VERSION, n: i + 1, at: command.meta.at, till: command.meta.till, command: command.kind, events: done.value.events }));
  }
  return { ndjson: lines.join(''), ids };
}

/**
 * Writes the log of generated customers 0..N-1 to `path` as the emulator's own log file, a few thousand
 * lines at a time, so that a preload larger than one string (or than an import body) can be replayed by
 * a server started on its directory: each customer registered, then renamed `writesPerCustomer - 1`
 * times. Returns the final graph and the number of lines.
 */
export function writePreloadLog(path: string, customers: number, writesPerCustomer = 1): { readonly graph: CustomerGraph; readonly lines: number } {
  let graph: CustomerGraph = emptyGraph(defaultOrg())._unsafeUnwrap();
  const fd = openSync(path, 'w');
  let n = 0;
  try {
    let lines: string[] = [];
    for (let i = 0; i < customers; i++) {
      const c = customerAt(i);
      let id = 0;
      for (let k = 0; k < writesPerCustomer; k++) {
        const command: Command = k === 0 ? registerCommandOf(c) : updateCommandOf(id, c, k);
        const done = execute(graph, command);
        if (done.isErr()) throw new Error(`preload: a ${command.kind} of customer ${i} was refused: ${done.error.code} ${done.error.message}`);
        graph = done.value.graph;
        if (k === 0) id = (done.value.response as { createdId: number }).createdId;
        if (done.value.events.length === 0) continue;
        lines.push(formatLogLine({ v: LOG_FORMAT_VERSION, n: ++n, at: command.meta.at, till: command.meta.till, command: command.kind, events: done.value.events }));
      }
      if (lines.length >= 4096) {
        writeSync(fd, lines.join(''));
        lines = [];
      }
    }
    writeSync(fd, lines.join(''));
  } finally {
    closeSync(fd);
  }
  return { graph, lines: n };
}
