// What a slice provides. A command slice decides one kind of command and answers its documented
// response from the events it decided; an event handler checks an event brought from outside against
// the graph and folds an event into it. Each slice file under identity/ and loyalty/ holds its command,
// its events, their handlers and its response together.
import type { Result } from 'neverthrow';
import { z } from 'zod';
import { isoDateTimeSchema } from '../kernel/dates';
import { tillCodeSchema, type CustomerId, type TillCode } from '../kernel/ids';
import type { IdCounter, Misfit } from '../kernel/misfits';
import type { DomainError } from '../kernel/refusals';
import type { Change } from '../graph/commit';
import type { HistoryEntry } from '../graph/history';
import type { Org } from '../org/org';
import type { ProgramDef } from '../org/programs';
import type { Customer } from '../records/customer';
import type { ProgramLedger } from '../records/ledger';
import type { GraphEvent } from './events';
import type { GraphReader } from './read-model';

/** When, by which till, and as which event of the graph (its sequence number): every event carries it (ORG-5, ARC-2). */
export const eventStampShape = {
  seq: z.number().int().positive().safe(),
  at: isoDateTimeSchema,
  till: tillCodeSchema,
};

/** When, by which till, and as which event of the graph: every event carries its stamp (ORG-5, ARC-2). */
export interface EventStamp {
  readonly seq: number;
  readonly at: string;
  readonly till: TillCode;
}

/** What a decision may use besides the graph: its time and till, and the numbering of what it makes (ARC-1). */
export interface DecisionContext {
  readonly at: string;
  readonly till: TillCode;
  /** The stamp of the decision's next event; events are stamped in the order they are emitted. */
  stamp(): EventStamp;
  /** The next id of a counter of the graph, handed out once within the decision (ARC-1). */
  take(counter: IdCounter): number;
}

/** The outcome of a decision: its events, and any facts the response needs that the events do not carry. */
export type Decision<E extends readonly unknown[], F extends object = object> = { readonly events: E } & F;

/** One kind of command: decide it against the graph, and answer it from what was decided. */
export interface CommandSlice<C, D extends Decision<readonly GraphEvent[]>, R> {
  decide(reader: GraphReader, command: C, ctx: DecisionContext): Result<D, DomainError>;
  respond(decision: D, command: C): R;
}

/**
 * What folding an event reads. The customers and programs an event names exist: the decider made the
 * event on this graph, or the fold of an event from outside checked its fit first. A missing one is a
 * bug in the library, and `FoldPreconditionError` says so loudly rather than fold a different state.
 */
export interface FoldReader {
  readonly org: Org;
  customer(id: CustomerId): Customer;
  program(id: number): ProgramDef;
  /** The customer's ledger in a program the event names: it is enrolled. */
  ledger(customer: Customer, programId: number): ProgramLedger;
  /** The history of a customer, oldest entry first (PII-1). */
  history(id: CustomerId): HistoryEntry[];
}

/** An event folded without its precondition: a bug, never an input's fault. */
export class FoldPreconditionError extends Error {
  override readonly name = 'FoldPreconditionError';
}

/** One kind of event: whether one brought from outside fits the graph, and how any event changes it. */
export interface EventHandler<E> {
  /**
   * Why the event does not fit the graph, if it does not: checked only for events that did not come from
   * the decider on this very graph (ARC-2).
   */
  misfit(reader: GraphReader, event: E): Misfit | undefined;
  /** The ids the event hands out, in the graph's counters (ARC-1). */
  creates?(event: E): readonly { readonly counter: IdCounter; readonly id: number }[];
  /** The records the event changes, and whose histories record it. Total: it never refuses (ARC-2). */
  apply(reader: FoldReader, event: E): Change;
}
