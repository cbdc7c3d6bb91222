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

/** The metadata most tests use: a fixed time and the default org's demo till. */
export const META = { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' } as const;

interface When {
  /** The command is accepted and emits exactly these events. */
  then(...expected: readonly GraphEvent[]): readonly GraphEvent[];
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
  const graph = evolveAll(emptyGraph(org), events);
  return {
    graph,
    when(command) {
      const result = decide(graph, command);
      return {
        then(...expected) {
          expect(result.isOk() ? result.value : result.error).toEqual(expected);
          return result.isOk() ? result.value : [];
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
  let graph = emptyGraph(org);
  const events: GraphEvent[] = [];
  for (const command of commands) {
    const result = decide(graph, command);
    if (result.isErr()) expect.fail(`setup command ${command.kind} refused: ${result.error.code} ${result.error.message}`);
    if (result.isOk()) {
      events.push(...result.value);
      graph = evolveAll(graph, result.value);
    }
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
