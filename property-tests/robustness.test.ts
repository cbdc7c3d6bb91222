import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  DEFAULT_ORG_CONFIG,
  defineOrg,
  emptyGraph,
  ERROR_MESSAGES,
  evolve,
  execute,
  getCustomer,
  graphSnapshot,
  IDENTIFIER_TYPES,
  lookup,
  search,
  type Command,
  type CustomerGraph,
  type GraphEvent,
} from '../src/index';
import {
  commandArb,
  corruptAt,
  corrupted,
  garbageArb,
  getCustomerQueryArb,
  lookupQueryArb,
  NUM_RUNS,
  polluterArb,
  replacementArb,
  VALID_IDENTIFIERS,
  VALID_SOURCE_ACCOUNTS,
  withAccount,
} from './support/arbitraries';
import { runSequence, theOrg } from './support/run';
import { Tally } from './support/tally';
import { normaliseIdentifier } from '../src/org/identifiers';

// -----------------------------------------------------------------------------------------------------
// Prototype pollution

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype] as const;
const pristine = PROTOTYPES.map((proto) => new Map(Reflect.ownKeys(proto).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)])));

/** No prototype gained, lost or changed a property, and a fresh object has no stray key (ARC-4). */
function expectNoPollution(): void {
  PROTOTYPES.forEach((proto, i) => {
    const before = pristine[i] ?? new Map();
    expect(Reflect.ownKeys(proto).length, 'prototype keys').toBe(before.size);
    for (const [k, d] of before) {
      const now = Object.getOwnPropertyDescriptor(proto, k);
      expect(now?.value === d?.value && now?.get === d?.get && now?.set === d?.set, `prototype property ${String(k)}`).toBe(true);
    }
  });
  const fresh: Record<string, unknown> = {};
  expect(fresh['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf(fresh)).toBe(Object.prototype);
}

/** Calls `f`, failing the property with the thrown error's text if it throws (ARC-5). */
function noThrow<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    return expect.fail(`${what} threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

/** A Result whose error, if any, carries a documented code and a message (ERR-1). */
function expectDocumentedResult(what: string, result: { isOk(): boolean; isErr(): boolean }): void {
  expect(typeof result.isOk, `${what} returns a Result`).toBe('function');
  if (result.isErr()) {
    const error = (result as unknown as { error: { code: unknown; message: unknown } }).error;
    expect(Object.keys(ERROR_MESSAGES), `${what}: documented code`).toContain(String(error.code));
    expect(typeof error.message).toBe('string');
  }
}

// -----------------------------------------------------------------------------------------------------
// Inputs

/** A small real graph to run garbage against: a few valid commands from the empty graph. */
const baseGraphArb: fc.Arbitrary<CustomerGraph> = fc.array(commandArb(), { maxLength: 6 }).map((commands) => runSequence(commands).graph);

/** Garbage of every kind, corrupted valid commands (one field replaced, at any depth), and polluters in user-keyed fields. */
const hostileCommandArb: fc.Arbitrary<unknown> = fc.oneof(
  garbageArb,
  corrupted(commandArb()),
  corrupted(commandArb()),
  fc.tuple(commandArb(), polluterArb, polluterArb).map(([command, fields, extended]) =>
    command.kind === 'register' || command.kind === 'update'
      ? { ...command, body: { ...command.body, profiles: [{ ...(command.body.profiles?.[0] ?? {}), fields }], extendedFields: extended } }
      : command,
  ),
);

/** What a broken graph must still answer without throwing: every query, the snapshot, and commands. */
function expectStillAnswers(graph: CustomerGraph): void {
  expect(noThrow('graphSnapshot', () => graphSnapshot(graph)._unsafeUnwrap()).customers).toBeInstanceOf(Array);
  const ids = noThrow('reading customer ids', () => graphSnapshot(graph)._unsafeUnwrap().customers.map((c) => c.id));
  for (const id of [...ids, 1, 2]) {
    expectDocumentedResult('getCustomer', noThrow(`getCustomer ${String(id)} ALL`, () => getCustomer(graph, { customerId: id, source: 'ALL' })));
    for (const account of VALID_SOURCE_ACCOUNTS) {
      noThrow(`getCustomer ${String(id)} ${account.source}`, () => getCustomer(graph, { customerId: id, ...withAccount(account) }));
    }
  }
  for (const id of VALID_IDENTIFIERS) {
    for (const account of [{ source: 'ALL' }, ...VALID_SOURCE_ACCOUNTS]) {
      noThrow(`lookup ${id.type} ${String(id.value)}`, () => lookup(graph, { ...withAccount(account), identifierName: id.type, identifierValue: id.value }));
    }
  }
  for (const q of ['a', 'A', '9', 'w', 'e', 'R']) expectDocumentedResult('search', noThrow(`search ${q}`, () => search(graph, { q, limit: 100 })));
  const meta = { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' };
  const commands: Command[] = [
    { kind: 'register', source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'ann@example.com' }] }] }, meta },
    { kind: 'changeIdentifier', customerId: 1, source: 'INSTORE', add: [{ type: 'mobile', value: '9111111111' }], meta },
    { kind: 'update', customerId: 1, source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' } }, meta },
    { kind: 'merge', survivorId: 1, victimId: 2, meta },
  ];
  for (const command of commands) {
    const done = noThrow(`execute ${command.kind}`, () => execute(graph, command));
    expectDocumentedResult(`execute ${command.kind}`, done);
    if (done.isOk()) noThrow('graphSnapshot after execute', () => graphSnapshot(done.value.graph)._unsafeUnwrap());
  }
}

/**
 * An event to fold: garbage, or a real event of a short run with one field (at any depth) replaced by
 * garbage or removed. The commands come along so that the property can rebuild the graphs.
 */
const evolveCaseArb: fc.Arbitrary<{ commands: Command[]; event: unknown }> = fc
  .record({
    commands: fc.array(commandArb(), { minLength: 1, maxLength: 6 }),
    which: fc.nat(),
    where: fc.nat(),
    replacement: replacementArb,
    garbage: garbageArb,
    pure: fc.boolean(),
  })
  .map(({ commands, which, where, replacement, garbage, pure }) => {
    const events = runSequence(commands).events;
    const real = events[which % Math.max(events.length, 1)];
    return { commands, event: pure || real === undefined ? garbage : corruptAt(real, where, replacement) };
  });

// -----------------------------------------------------------------------------------------------------
// Properties

describe('no public function throws, whatever its input (ARC-4, ARC-5)', () => {
  it('ARC-4, ARC-5, ERR-1: decide and execute never throw on garbage, corrupted or prototype-polluting commands, answer a documented error or events, and leave every prototype untouched', () => {
    fc.assert(
      fc.property(baseGraphArb, hostileCommandArb, (graph, command) => {
        const decided = noThrow('decide', () => decide(graph, command as Command));
        expectDocumentedResult('decide', decided);
        const executed = noThrow('execute', () => execute(graph, command as Command));
        expectDocumentedResult('execute', executed);
        if (executed.isErr()) expect(decided.isErr() ? decided.error : 'accepted').toEqual(executed.error);
        else noThrow('graphSnapshot', () => graphSnapshot(executed.value.graph)._unsafeUnwrap());
        expectNoPollution();
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-2, ARC-5: evolve never throws on garbage or corrupted events: it refuses a misfit by index and reason, leaving the graph as it was, or folds exactly one event of the same org', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(evolveCaseArb, ({ commands, event }) => {
        const run = runSequence(commands);
        for (const graph of [run.initial, run.graph]) {
          const before = JSON.stringify(graphSnapshot(graph)._unsafeUnwrap());
          const next = noThrow('evolve', () => evolve(graph, event));
          expectDocumentedResult('evolve', next);
          if (next.isErr()) {
            tally.add('refused');
            expect(next.error).toMatchObject({ code: 400, reason: 'eventMisfit', index: 0 });
            expect(JSON.stringify(graphSnapshot(graph)._unsafeUnwrap())).toBe(before);
          } else {
            tally.add('folded');
            expect(next.value.org).toBe(graph.org);
            expect(next.value.eventCount).toBe(graph.eventCount + 1);
          }
          if (typeof event !== 'object' || event === null) expect(next.isErr()).toBe(true);
        }
        expectNoPollution();
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('refused'), tally.toString()).toBeGreaterThan(0);
  });

  it('ARC-5: a graph that evolve folded a corrupted but fitting event into still answers every query, graphSnapshot and command without throwing', () => {
    fc.assert(
      fc.property(evolveCaseArb, ({ commands, event }) => {
        const run = runSequence(commands);
        for (const graph of [run.initial, run.graph]) expectStillAnswers(evolve(graph, event).unwrapOr(graph));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-4, ARC-5: lookup, getCustomer and search never throw on garbage or corrupted queries, answer a documented error or a value, and leave every prototype untouched', () => {
    const queryArb = fc.oneof(garbageArb, corrupted(lookupQueryArb), corrupted(getCustomerQueryArb), corrupted(fc.record({ q: fc.constantFrom('a', 'ann', '9'), limit: fc.integer(), offset: fc.integer() })));
    fc.assert(
      fc.property(baseGraphArb, queryArb, (graph, query) => {
        expectDocumentedResult('lookup', noThrow('lookup', () => lookup(graph, query as never)));
        expectDocumentedResult('getCustomer', noThrow('getCustomer', () => getCustomer(graph, query as never)));
        expectDocumentedResult('search', noThrow('search', () => search(graph, query as never)));
        expectNoPollution();
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ORG-1, ARC-5: defineOrg never throws on garbage or corrupted configurations, refuses with 400, and an org it accepts runs commands and queries without throwing', () => {
    const configArb = fc.oneof(garbageArb, corrupted(fc.constant(DEFAULT_ORG_CONFIG)), corrupted(fc.constant(DEFAULT_ORG_CONFIG)));
    fc.assert(
      fc.property(configArb, (config) => {
        const org = noThrow('defineOrg', () => defineOrg(config));
        expectDocumentedResult('defineOrg', org);
        if (org.isErr()) expect(org.error.code).toBe(400);
        else expectStillAnswers(noThrow('emptyGraph', () => emptyGraph(org.value)._unsafeUnwrap()));
        expectNoPollution();
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('IDN-1, IDN-2, ARC-5: normaliseIdentifier never throws on a garbage type or value, and gives a value only for a documented type', () => {
    const org = theOrg();
    const typeArb = fc.oneof(fc.constantFrom(...IDENTIFIER_TYPES), garbageArb);
    const rawArb = fc.oneof(fc.constantFrom(...VALID_IDENTIFIERS.map((i) => i.value)), garbageArb);
    fc.assert(
      fc.property(typeArb, rawArb, (type, raw) => {
        const read = noThrow('normaliseIdentifier', () => normaliseIdentifier(type as never, raw, org.identifierRules, org.blocklist));
        if (read.ok) {
          expect(IDENTIFIER_TYPES as readonly unknown[], `a value for type ${String(type)}`).toContain(type);
          expect(typeof read.value).toBe('string');
        } else {
          expect(['invalid', 'blocked']).toContain(read.problem);
        }
        expectNoPollution();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
