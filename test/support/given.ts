import { expect } from 'vitest';
import {
  decide,
  defaultOrg,
  emptyGraph,
  evolveAll,
  type Command,
  type CustomerGraph,
  type ErrorCode,
  type GraphEvent,
  type Org,
} from '../../src/index';

/** An event as a test writes it: its sequence number follows from where it stands. */
export type Unstamped = GraphEvent extends infer E ? (E extends GraphEvent ? Omit<E, 'seq'> : never) : never;

/** The empty graph of an org (the default org unless given). */
export function emptyOf(org: Org = defaultOrg()): CustomerGraph {
  return emptyGraph(org)._unsafeUnwrap();
}

/** Folds events a test brings, strictly; the test fails on the first that does not fit. */
export function replayed(events: readonly unknown[], org: Org = defaultOrg()): CustomerGraph {
  const folded = evolveAll(emptyOf(org), events);
  if (folded.isErr()) expect.fail(`the given events do not replay: ${folded.error.message}`);
  return folded._unsafeUnwrap();
}

/** The metadata most tests use: a fixed time and the default org's demo till. */
export const META = { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' } as const;

interface When {
  /** The command is accepted and emits exactly these events, numbered from the graph's next sequence number. */
  then(...expected: readonly Unstamped[]): readonly GraphEvent[];
  /** The command is accepted; returns its events for further assertions. */
  accepted(): readonly GraphEvent[];
  /** The command is refused with this documented code, and the graph is left as it was. */
  fails(code: ErrorCode): void;
}

interface Given {
  readonly graph: CustomerGraph;
  when(command: Command): When;
}

/**
 * given(events).when(command).then(events) / .fails(code): a rule test in one line of intent, in the
 * decider shape (ARC-2).
 */
export function given(events: readonly GraphEvent[] = [], org: Org = defaultOrg()): Given {
  const graph = replayed(events, org);
  return {
    graph,
    when(command) {
      const result = decide(graph, command);
      return {
        then(...expected) {
          const events = result.isOk() ? result.value : [];
          expect(result.isOk() ? events.map(({ seq, ...rest }) => rest) : result.error).toEqual(expected);
          expect(events.map((e) => e.seq), 'sequence numbers').toEqual(events.map((_, i) => graph.eventCount + 1 + i));
          return events;
        },
        accepted() {
          if (result.isErr()) expect.fail(`expected acceptance, got ${result.error.code}: ${result.error.message}`);
          return result.isOk() ? result.value : [];
        },
        fails(code) {
          expect(result.isErr() ? result.error.code : 'accepted').toBe(code);
        },
      };
    },
  };
}

/** Runs commands one after another from the empty graph, failing the test on the first refusal. */
export function build(commands: readonly Command[], org: Org = defaultOrg()): { graph: CustomerGraph; events: GraphEvent[] } {
  let graph = emptyOf(org);
  const events: GraphEvent[] = [];
  for (const command of commands) {
    const result = decide(graph, command);
    if (result.isErr()) expect.fail(`setup command ${command.kind} refused: ${result.error.code} ${result.error.message}`);
    events.push(...result._unsafeUnwrap());
    graph = evolveAll(graph, result._unsafeUnwrap())._unsafeUnwrap();
  }
  return { graph, events };
}

/** A register command with sensible defaults: loyalty, INSTORE, the given identifiers. */
export function registerCmd(
  identifiers: readonly { type: string; value: string | number }[],
  options: {
    source?: string;
    accountId?: string;
    loyaltyType?: string;
    firstName?: string;
    lastName?: string;
    extendedFields?: Record<string, unknown>;
    fields?: Record<string, unknown>;
  } = {},
): Command {
  return {
    kind: 'register',
    source: options.source ?? 'INSTORE',
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    body: {
      loyaltyInfo: { loyaltyType: options.loyaltyType ?? 'loyalty' },
      profiles: [
        {
          identifiers,
          ...(options.firstName === undefined ? {} : { firstName: options.firstName }),
          ...(options.lastName === undefined ? {} : { lastName: options.lastName }),
          ...(options.fields === undefined ? {} : { fields: options.fields }),
        },
      ],
      ...(options.extendedFields === undefined ? {} : { extendedFields: options.extendedFields }),
    },
    meta: META,
  };
}

/** A changeIdentifier command. */
export function changeCmd(
  customerId: number,
  source: string,
  change: { add?: { type: string; value: string }[]; remove?: { type: string; value: string }[] },
  accountId?: string,
): Command {
  return {
    kind: 'changeIdentifier',
    customerId,
    source,
    ...(accountId === undefined ? {} : { accountId }),
    ...change,
    meta: META,
  };
}
