// What strict replay refuses, one case per fault that the fold used to drop or accept without a word
// (ARC-2, ARC-4, ARC-5): each was reproduced against the earlier fold, and each is now a refusal naming
// the first misfit by index and reason, or a copy the library owns.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, evolveAll, execute, getCustomer, lookup, type Command, type CustomerGraph, type GraphEvent } from '../../src/index';
import { emptyOf } from '../support/given';
import { issueCouponCmd, member, offer, orgWith, pointsCmd } from '../support/loyalty';
import { FIRST, must } from '../support/scenario';

/** The events `commands` make from the empty default graph, and the graph they make. */
function logOf(commands: readonly Command[]): { events: GraphEvent[]; graph: CustomerGraph } {
  let graph = emptyOf();
  const events: GraphEvent[] = [];
  for (const c of commands) {
    const r = must(execute(graph, c));
    events.push(...r.events);
    graph = r.graph;
  }
  return { events, graph };
}

/** The misfit of a refused replay: its index, the event's kind and the reason. */
function misfitOf(result: ReturnType<typeof evolveAll>): unknown {
  expect(result.isErr()).toBe(true);
  const e = result._unsafeUnwrapErr() as unknown as { code: number; index: number; eventKind: string | null; misfit: { misfit: string } };
  expect(e.code).toBe(400);
  return { index: e.index, eventKind: e.eventKind, misfit: e.misfit.misfit };
}

const LOYAL = [
  member('a@example.com', [{ programId: 1016, tierNumber: 1, loyaltyPoints: 0 }]),
  pointsCmd('issuePoints', FIRST, 1016, 100),
  issueCouponCmd(FIRST, offer('Ten off')),
];

describe('ARC-2: replay refuses what does not fit, by index and reason, and folds nothing of it', () => {
  it('ARC-2: a log naming a program the org does not have is refused at its first event of that program, not folded with the program silently dropped', () => {
    const { events } = logOf(LOYAL);
    const without1016 = orgWith({ programs: (DEFAULT_ORG_CONFIG.programs ?? []).filter((p) => p.id !== 1016) });
    const replay = evolveAll(emptyOf(without1016), events);
    const first = events.findIndex((e) => e.kind !== 'CustomerRegistered');
    expect(misfitOf(replay)).toEqual({ index: first, eventKind: events[first]?.kind, misfit: 'unknownProgram' });
  });

  it('ARC-2: a points movement for a customer the graph does not have is refused, the graph given unchanged', () => {
    const { events, graph } = logOf(LOYAL);
    const moved = events.find((e) => e.kind === 'PointsMoved') as GraphEvent;
    const replay = evolveAll(graph, [{ ...moved, seq: graph.eventCount + 1, customerId: 42 }]);
    expect(misfitOf(replay)).toEqual({ index: 0, eventKind: 'PointsMoved', misfit: 'unknownCustomer' });
    expect(graph.eventCount).toBe(events.length);
  });

  it('ARC-2, ARC-1: a line that registers an existing customer id again is refused as an id out of turn, never overwriting that customer', () => {
    const { events, graph } = logOf([member('a@example.com'), member('b@example.com')]);
    const again = { ...(events[0] as GraphEvent), seq: graph.eventCount + 1 };
    expect(misfitOf(evolveAll(graph, [again]))).toEqual({ index: 0, eventKind: 'CustomerRegistered', misfit: 'idOutOfTurn' });
    expect(must(lookup(graph, { source: 'INSTORE', identifierName: 'email', identifierValue: 'a@example.com' })).entity).toBe(FIRST);
  });

  it('ARC-2: sequence numbers 1, 7, 1 are refused at the 7', () => {
    const { events } = logOf([member('a@example.com'), member('b@example.com'), member('c@example.com')]);
    const renumbered = events.map((e, i) => ({ ...e, seq: [1, 7, 1][i] }));
    expect(misfitOf(evolveAll(emptyOf(), renumbered))).toEqual({ index: 1, eventKind: 'CustomerRegistered', misfit: 'sequence' });
  });
});

describe('ARC-4: replay folds its own copy of what a caller brings, never the caller’s objects', () => {
  it('ARC-4: a key outside the event schema, even inside an identifier, is dropped: the customer served has no such key', () => {
    const { events } = logOf([member('a@example.com')]);
    const injected = JSON.parse(JSON.stringify(events)) as { profile: { identifiers: Record<string, unknown>[] } }[];
    (injected[0]?.profile.identifiers[0] as Record<string, unknown>)['injected'] = 'yes';
    const graph = must(evolveAll(emptyOf(), injected));
    expect(JSON.stringify(must(getCustomer(graph, { customerId: FIRST, source: 'ALL' })))).not.toContain('injected');
  });

  it('ARC-4: the caller’s events are not frozen, and a profile the caller changes afterwards changes nothing in the graph (ID-1)', () => {
    const { events } = logOf([member('a@example.com')]);
    const mine = JSON.parse(JSON.stringify(events)) as { profile: { identifiers: { type: string; value: string }[] } }[];
    const profile = mine[0]?.profile as { identifiers: { type: string; value: string }[] };
    Object.preventExtensions(profile);
    const graph = must(evolveAll(emptyOf(), mine));
    expect(Object.isFrozen(mine[0])).toBe(false);
    (profile.identifiers[0] as { value: string }).value = 'new@example.com';
    const found = lookup(graph, { source: 'INSTORE', identifierName: 'email', identifierValue: 'a@example.com' });
    expect(must(found).entity).toBe(FIRST);
    expect(lookup(graph, { source: 'INSTORE', identifierName: 'email', identifierValue: 'new@example.com' }).isErr()).toBe(true);
  });
});

describe('ARC-5: the calls that used to throw answer a refusal', () => {
  it('ARC-5: evolveAll of a number, lookup of null, a spread copy of a graph, and a Proxy whose traps throw are each refused with 400, never thrown', () => {
    const graph = emptyOf();
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    const query = { source: 'ALL', identifierName: 'email', identifierValue: 'a@example.com' };
    const results = [
      evolveAll(graph, 3 as never),
      lookup(null as never, query),
      lookup({ ...graph } as never, query),
      lookup(graph, hostile as never),
      evolveAll(graph, [hostile]),
      execute(graph, hostile as never),
    ];
    for (const r of results) expect(r.isErr() && r.error.code).toBe(400);
  });
});
