// The decider: what a command means against the graph, as events and the documented response, or the
// documented error. The command is parsed once, here, into the library's own copy; each kind is decided
// by its slice, reading the graph through the rules' interface alone (ARC-1, ARC-2, ARC-4).
import { err, ok, type Result } from 'neverthrow';
import type { IdCounter } from '../kernel/misfits';
import { parseWith } from '../kernel/parse';
import type { DomainError, Refusal } from '../kernel/refusals';
import { checkGraph, type CustomerGraph } from '../graph/graph';
import { readerOf } from '../graph/reader';
import { freezeDeep } from '../records/freeze';
import { changeIdentifierSlice } from '../identity/change-identifier';
import { mergeSlice } from '../identity/merge';
import { unmergeSlice } from '../identity/unmerge';
import { registerSlice } from '../identity/register';
import { updateSlice } from '../identity/update';
import { issueCouponSlice, redeemCouponSlice } from '../loyalty/coupons';
import { requestGoodwillSlice, resolveGoodwillSlice } from '../loyalty/goodwill';
import { deletePiiSlice } from '../loyalty/pii';
import { expirePointsSlice, pointsSlice } from '../loyalty/points';
import { updateSubscriptionsSlice } from '../loyalty/subscriptions';
import { transferPointsSlice } from '../loyalty/transfers';
import { advanceClockSlice } from '../loyalty/clock';
import { commandSchema, type CommandKind, type CommandMap, type ParsedCommand } from './commands';
import type { GraphEvent } from './events';
import { readTill } from './meta';
import type { GraphReader } from './read-model';
import type { CommandSlice, DecisionContext, Decision } from './slice';

const SLICES = {
  register: registerSlice,
  update: updateSlice,
  changeIdentifier: changeIdentifierSlice,
  merge: mergeSlice,
  unmerge: unmergeSlice,
  issuePoints: pointsSlice,
  redeemPoints: pointsSlice,
  returnPoints: pointsSlice,
  adjustPoints: pointsSlice,
  expirePoints: expirePointsSlice,
  transferPoints: transferPointsSlice,
  updateSubscriptions: updateSubscriptionsSlice,
  issueCoupon: issueCouponSlice,
  redeemCoupon: redeemCouponSlice,
  requestGoodwill: requestGoodwillSlice,
  resolveGoodwill: resolveGoodwillSlice,
  deletePii: deletePiiSlice,
  advanceClock: advanceClockSlice,
} as const;

type Slices = typeof SLICES;

/** The response type of each command kind. */
export type ResponseByKind = { readonly [K in CommandKind]: ReturnType<Slices[K]['respond']> };

type DecisionOf<K extends CommandKind> = Parameters<Slices[K]['respond']>[0];

/** One slice per command kind: its decide and its responder, typed by kind. */
const TABLE: { readonly [K in CommandKind]: CommandSlice<CommandMap[K], DecisionOf<K>, ResponseByKind[K]> } = SLICES;

/** A decision and its answer, not yet folded. */
export interface Decided {
  readonly graph: CustomerGraph;
  readonly events: readonly GraphEvent[];
  readonly response: ResponseByKind[CommandKind];
}

/** What one decision uses besides the graph: the command's time and till, and ids from the graph's counters, never a clock or a random source (ARC-1). */
interface Context extends DecisionContext {
  seq: number;
  readonly next: Record<IdCounter, number>;
}

// A literal whose methods are shared functions: no closure per decision, and a shape V8 keeps (graph.ts
// says why per-call class instances were not).
function stamp(this: Context): ReturnType<DecisionContext['stamp']> {
  return { seq: ++this.seq, at: this.at, till: this.till };
}

function take(this: Context, counter: IdCounter): number {
  return this.next[counter]++;
}

/** The context of one decision: stamps in order, and ids from the graph's counters (ARC-1). */
function contextOf(counters: GraphReader['counters'], at: string, till: DecisionContext['till']): Context {
  const next = { customer: counters.nextCustomerId, coupon: counters.nextCouponId, transfer: counters.nextTransferId, goodwill: counters.nextGoodwillId };
  return { seq: counters.eventCount, next, at, till, stamp, take };
}

function eventsOf(decision: Decision<readonly GraphEvent[]>): readonly GraphEvent[] {
  return decision.events;
}

function run<K extends CommandKind>(reader: GraphReader, kind: K, command: CommandMap[K], ctx: DecisionContext) {
  const slice = TABLE[kind];
  return slice.decide(reader, command, ctx).map((decision) => ({ events: eventsOf(decision), response: slice.respond(decision, command) }));
}

// The events `decide` handed out, with the graph they were decided for: folding exactly those onto exactly
// that graph needs no check. (`execute` folds its own events and hands none out unfolded.)
const DECIDED = new WeakMap<readonly GraphEvent[], CustomerGraph>();

/** Notes that `events`, frozen, are what the decider made for `graph`. */
export function markDecided(events: readonly GraphEvent[], graph: CustomerGraph): readonly GraphEvent[] {
  DECIDED.set(events, graph);
  return events;
}

/** Whether `events` are the very events `decide` made for `graph`. */
export function decidedFor(graph: CustomerGraph, events: unknown): boolean {
  return typeof events === 'object' && events !== null && DECIDED.get(events as readonly GraphEvent[]) === graph;
}

// The commands `parseCommand` made: frozen copies of the library's own, so they need no second reading.
const PARSED = new WeakSet<object>();

/**
 * Reads a command into the library's own frozen copy, keys outside its schema dropped, or refuses it with
 * a 400 naming the field (ARC-4). `decide` and `execute` take the copy as it is, without reading it again.
 * @example
 * const command = parseCommand(JSON.parse(body)); // a host's boundary parses once
 */
export function parseCommand(input: unknown): Result<ParsedCommand, Refusal<'invalidInput'>> {
  return parseWith(commandSchema, input, [], true).map((command) => {
    PARSED.add(command);
    return command;
  });
}

function isParsed(input: unknown): input is ParsedCommand {
  return typeof input === 'object' && input !== null && PARSED.has(input);
}

/** Decides an untrusted command against an untrusted graph: parsed once, then its slice's rules (ARC-4, ORG-3). */
export function decideCommand(graph: unknown, input: unknown): Result<Decided, DomainError> {
  const checked = checkGraph(graph);
  if (checked.isErr()) return err(checked.error);
  const parsed = isParsed(input) ? ok(input) : parseWith(commandSchema, input, [], false);
  if (parsed.isErr()) return err(parsed.error);
  const command = parsed.value;
  const reader = readerOf(checked.value);
  return readTill(reader.org, command.meta.till)
    .andThen((till) => run(reader, command.kind, command, contextOf(reader.counters, command.meta.at, till)))
    .map(({ events, response }) => {
      const frozen = Object.freeze(events.map((e) => freezeDeep(e)));
      return { graph: checked.value, events: frozen, response };
    });
}
