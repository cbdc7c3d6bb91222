// A preload for the emulator benches: N generated customers as an event log, built with the library itself
// and written by the log's own writer, so that it follows the format the import reads (EMU-8).
import { defaultOrg, emptyGraph, execute, type CustomerGraph } from '../src/index';
import { formatLogLine, LOG_FORMAT_VERSION } from '../src/emulator/runtime/log-format';
import { customerAt, registerCommandOf } from './data';

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
