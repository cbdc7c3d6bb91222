// Replaying log entries into a graph, strictly (EMU-8, EMU-9): each entry must be the next line, written by
// a till of the org, with events that fit the graph (the library's `evolveAll`, ARC-2). Start-up and
// imports fold through here.
import { err, ok, type Result } from 'neverthrow';
import { evolveAll, type CustomerGraph, type DomainError } from '../../index';
import type { LogEntry } from './log-format';

/** Why a log does not replay: the line, the documented code and the library's reason (EMU-9). */
export interface LogMisfit {
  /** 1-based line (entry) number. */
  readonly line: number;
  /** 91021 when the line was written by a till that is not the org's (ORG-3); 400 for any other misfit. */
  readonly code: 400 | 91021;
  readonly message: string;
}

/** The misfit of a line whose events the library refused: a till of another org is 91021, as for a request (ORG-3). */
function misfitOfLine(line: number, error: DomainError): LogMisfit {
  const foreign = error.reason === 'eventMisfit' && error.misfit.misfit === 'unknownTill';
  return { line, code: foreign ? 91021 : 400, message: error.message };
}

/** How many log lines start-up folds in one batch (`evolveAll` writes a batch in place). */
export const REPLAY_BATCH_LINES = 4096;

/**
 * Folds one log entry into the graph, strictly: the entry must be the next line, and its events must fit
 * the graph (the library's `evolveAll` names the first that does not, ARC-2).
 */
export function foldEntry(graph: CustomerGraph, entry: LogEntry, line: number): Result<CustomerGraph, LogMisfit> {
  if (entry.n !== line) return err({ line, code: 400, message: `line number n is ${entry.n} where ${line} is next` });
  // The line's own till is the author the log shows; it must be the org's like every event's (ORG-3).
  if (!graph.org.tills.has(entry.till)) return err({ line, code: 91021, message: `the line was written by till ${entry.till}, which is not one of org ${graph.org.id}'s` });
  return evolveAll(graph, entry.events).mapErr((error: DomainError) => misfitOfLine(line, error));
}

/**
 * Folds consecutive log entries, the first being line `firstLine`, in one `evolveAll` (one batch of
 * in-place writes, ARC-3). A misfit is named exactly as one line at a time names it: the batch is folded
 * again line by line from `graph`, which the abandoned batch never wrote.
 */
export function foldEntries(graph: CustomerGraph, entries: readonly LogEntry[], firstLine: number): Result<CustomerGraph, LogMisfit> {
  const events: unknown[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry.n !== firstLine + i || !graph.org.tills.has(entry.till)) return oneByOne(graph, entries, firstLine);
    for (const event of entry.events) events.push(event);
  }
  const folded = evolveAll(graph, events);
  return folded.isOk() ? ok(folded.value) : oneByOne(graph, entries, firstLine);
}

function oneByOne(graph: CustomerGraph, entries: readonly LogEntry[], firstLine: number): Result<CustomerGraph, LogMisfit> {
  let current = graph;
  for (const [i, entry] of entries.entries()) {
    const next = foldEntry(current, entry, firstLine + i);
    if (next.isErr()) return next;
    current = next.value;
  }
  return ok(current);
}
