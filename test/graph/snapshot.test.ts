// graphFromSnapshot refuses a snapshot whose parts do not hold together (ARC-6): one row per misfit, each
// a small corruption of a real snapshot, with the path and the reason it must be refused with.
import { describe, expect, it } from 'vitest';
import { defaultOrg, getCustomer, graphFromSnapshot, graphSnapshot, lookup, snapshotSteps, type CustomerGraph, type DomainError } from '../../src/index';
import { build, registerCmd } from '../support/given';
import { issue, registerEnrolled } from '../support/loyalty-state';
import { merge } from '../support/requests';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Ann (1, enrolled with points), Bob (2) merged into Cy (3), as a snapshot sent through JSON. */
function built(): CustomerGraph {
  return build([
    registerEnrolled({ identifiers: [{ type: 'mobile', value: '919111111111' }], firstName: 'Ann' }, [{ programId: 1016, loyaltyPoints: 100 }]),
    registerCmd([{ type: 'email', value: 'bob@example.com' }], { firstName: 'Bob' }),
    registerCmd([{ type: 'externalId', value: 'CY-1' }], { firstName: 'Cy' }),
    merge(3, 2),
    issue(1, 1016, 50),
  ]).graph;
}

function snapshot(): Json {
  return JSON.parse(JSON.stringify(graphSnapshot(built())._unsafeUnwrap())) as Json;
}

/** What a generator returns once it is run to its end. */
function toEnd<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

const refusalOf = (s: unknown): DomainError => graphFromSnapshot(defaultOrg(), s)._unsafeUnwrapErr();
const misfitOf = (e: DomainError): string | undefined => (e.reason === 'snapshotMisfit' ? e.misfit.misfit : undefined);

const MISFITS: readonly { readonly intent: string; readonly corrupt: (s: Json) => void; readonly path: string; readonly misfit: string }[] = [
  { intent: 'a record out of id order', corrupt: (s) => s.customers.reverse(), path: 'customers.0.id', misfit: 'idOutOfTurn' },
  { intent: 'a missing record', corrupt: (s) => (s.customers.pop(), s.histories.pop()), path: 'customerCount', misfit: 'counter' },
  { intent: 'a live customer merged into someone', corrupt: (s) => (s.customers[0].mergedInto = 3), path: 'customers.0.mergedInto', misfit: 'status' },
  { intent: 'a victim merged into a customer that does not exist', corrupt: (s) => (s.customers[1].mergedInto = 9), path: 'customers.1.mergedInto', misfit: 'unknownCustomer' },
  { intent: 'a victim its survivor does not list', corrupt: (s) => (s.customers[2].victims = []), path: 'customers.1', misfit: 'mergeLink' },
  { intent: 'a victim merged into a customer it is not the victim of', corrupt: (s) => (s.customers[1].mergedInto = 1), path: 'customers.1', misfit: 'mergeLink' },
  { intent: 'an identifier held by two live customers', corrupt: (s) => (s.customers[2].profiles[0].identifiers = s.customers[0].profiles[0].identifiers), path: 'customers.2.profiles.0.identifiers.0', misfit: 'identifierHeld' },
  { intent: 'an identifier not in its normalised form', corrupt: (s) => (s.customers[0].profiles[0].identifiers[0].value = '+91 9111111111'), path: 'customers.0.profiles.0.identifiers.0', misfit: 'notNormalised' },
  { intent: 'a till of no org', corrupt: (s) => (s.customers[0].attribution.createdBy = 'ghost.till'), path: 'customers.0.attribution.createdBy', misfit: 'unknownTill' },
  { intent: 'a source account the org does not list', corrupt: (s) => Object.assign(s.customers[0].profiles[0], { source: 'WECHAT', accountId: 'nowhere' }), path: 'customers.0.profiles.0', misfit: 'unknownSourceAccount' },
  { intent: 'two profiles in one source account', corrupt: (s) => s.customers[0].profiles.push({ ...s.customers[0].profiles[0], identifiers: [] }), path: 'customers.0.profiles.1', misfit: 'profileExists' },
  { intent: 'a program the org does not run', corrupt: (s) => (s.customers[0].programs[0].programId = 4242), path: 'customers.0.programs.0.programId', misfit: 'unknownProgram' },
  { intent: 'a tier the program does not have', corrupt: (s) => (s.customers[0].programs[0].tier = 99), path: 'customers.0.programs.0.tier', misfit: 'unknownTier' },
  { intent: 'lots that do not add up to the balance', corrupt: (s) => (s.customers[0].programs[0].issued += 1), path: 'customers.0.programs.0.lots', misfit: 'lots' },
  { intent: 'a history with an entry twice', corrupt: (s) => s.histories[0].entries.push(s.histories[0].entries[0]), path: 'histories.0.entries', misfit: 'historyOrder' },
  { intent: 'a history entry beyond the event count', corrupt: (s) => (s.eventCount = 5), path: 'histories.0.entries', misfit: 'historyOrder' },
  { intent: 'a next customer id the records do not make', corrupt: (s) => (s.nextCustomerId = 9), path: 'nextCustomerId', misfit: 'counter' },
];

describe('ARC-6: graphFromSnapshot', () => {
  it('ARC-6: a snapshot through JSON is a graph again that answers reads as the original', () => {
    const s = snapshot();
    const graph = graphFromSnapshot(defaultOrg(), s)._unsafeUnwrap();
    expect(graph.customerCount).toBe(3);
    expect(lookup(graph, { source: 'INSTORE', identifierName: 'email', identifierValue: 'bob@example.com' })._unsafeUnwrap().entity).toBe(3);
    // Bob is a victim: the restored graph refuses him with the same code and message as the graph he comes from.
    const original = built();
    for (const customerId of [1, 2, 3]) expect(getCustomer(graph, { customerId, source: 'ALL' })).toEqual(getCustomer(original, { customerId, source: 'ALL' }));
    expect(getCustomer(graph, { customerId: 2, source: 'ALL' })._unsafeUnwrapErr().reason).toBe('merged');
    expect(JSON.parse(JSON.stringify(graphSnapshot(graph)._unsafeUnwrap()))).toEqual(s);
  });

  for (const row of MISFITS) {
    it(`ARC-6: refuses ${row.intent} (${row.misfit} at ${row.path})`, () => {
      const s = snapshot();
      row.corrupt(s);
      const e = refusalOf(s);
      expect({ code: e.code, path: 'path' in e ? e.path.join('.') : '', misfit: misfitOf(e) }).toEqual({ code: 400, path: row.path, misfit: row.misfit });
      expect(e.message).toContain('the snapshot does not hold together');
    });
  }

  it('ARC-6: refuses a snapshot of another org, naming the org', () => {
    const e = refusalOf({ ...snapshot(), org: 'other' });
    expect(e.message).toMatch(/org other, not of default/);
  });

  it('ARC-5 ARC-6: null, a Proxy that throws, a throwing getter and a cyclic object are refused, never thrown', () => {
    const cyclic: Json = snapshot();
    cyclic.customers[0].self = cyclic;
    const throwing = Object.defineProperty(snapshot(), 'customers', { get: () => { throw new Error('boom'); } });
    const proxy = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    for (const hostile of [null, undefined, 42, proxy, throwing]) expect(refusalOf(hostile).code).toBe(400);
    // A cyclic object is read like any other: the schema keeps only the record's own fields.
    expect(graphFromSnapshot(defaultOrg(), cyclic).isOk()).toBe(true);
  });

  it('ARC-6: never retains or freezes the caller\'s snapshot', () => {
    const s = snapshot();
    const graph = graphFromSnapshot(defaultOrg(), s)._unsafeUnwrap();
    expect(Object.isFrozen(s.customers[0])).toBe(false);
    s.customers[0].profiles[0].firstName = 'Changed';
    expect(JSON.stringify(getCustomer(graph, { customerId: 1, source: 'ALL' })._unsafeUnwrap())).toContain('"Ann"');
  });

  it('ARC-6: snapshotSteps pauses every `every` customers and ends with the graph graphFromSnapshot gives; a misfit ends it with the same refusal', () => {
    const s = snapshot();
    const steps = snapshotSteps(defaultOrg(), s, [], 1);
    const paused: number[] = [];
    let step = steps.next();
    while (step.done !== true) {
      paused.push(step.value);
      step = steps.next();
    }
    expect(paused).toEqual([1, 2, 3]);
    expect(graphSnapshot(step.value._unsafeUnwrap())._unsafeUnwrap()).toEqual(graphSnapshot(graphFromSnapshot(defaultOrg(), s)._unsafeUnwrap())._unsafeUnwrap());
    s.customers[2].attribution.createdBy = 'ghost.till';
    expect(toEnd(snapshotSteps(defaultOrg(), s, ['body'], 1))._unsafeUnwrapErr()).toEqual(graphFromSnapshot(defaultOrg(), s, ['body'])._unsafeUnwrapErr());
  });
});
