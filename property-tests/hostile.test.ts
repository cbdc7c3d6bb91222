// Every public function of the main entry, called with hostile values: nothing throws, no input is
// changed (or frozen), and no earlier graph changes (ARC-3, ARC-4, ARC-5).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index';
import { commandArb, NUM_RUNS } from './support/arbitraries';
import { runSequence, theOrg } from './support/run';
import { Tally } from './support/tally';

const FUNCTIONS = Object.entries(api as Record<string, unknown>).filter((entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function');

/** An object whose every property read throws. */
function throwingGetter(): object {
  return Object.defineProperty({}, 'kind', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });
}

/** A Proxy whose every trap throws. */
function throwingProxy(target: object = {}): object {
  const boom = (): never => {
    throw new Error('trap');
  };
  return new Proxy(target, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom, set: boom, defineProperty: boom, deleteProperty: boom });
}

/** A cyclic object shaped like a command. */
function cyclic(): object {
  const o: Record<string, unknown> = { kind: 'register', source: 'INSTORE', meta: { at: '2024-05-01T10:00:00Z', till: 'demo.till' } };
  o['body'] = o;
  return o;
}

const meta = { at: '2024-05-01T10:00:00Z', till: 'demo.till' };

/** Values of every kind the issue lists, and valid ones beside them so that calls reach past the first check. */
function hostileValues(graph: api.CustomerGraph): readonly (() => unknown)[] {
  const org = theOrg();
  return [
    () => null,
    () => undefined,
    () => 0,
    () => -1,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => 2 ** 60,
    () => 10n,
    () => Symbol('s'),
    () => '',
    () => 'INSTORE',
    () => '__proto__',
    () => () => 1,
    () => [],
    () => [1, 'a', null],
    () => ({}),
    () => Object.create(null) as object,
    () => ({ __proto__: { polluted: true } }),
    () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown,
    () => new Map([[1, 2]]),
    () => new Set([1]),
    () => new Date(0),
    () => Object.freeze({ kind: 'register', source: 'INSTORE', body: Object.freeze({}), meta: Object.freeze({ ...meta }) }),
    throwingGetter,
    () => throwingProxy(),
    () => throwingProxy([]),
    () => throwingProxy(graph),
    () => new Proxy(graph, {}),
    () => ({ ...graph }),
    () => Object.create(graph) as object,
    cyclic,
    () => ({ [Symbol.iterator]: () => ({ next: () => { throw new Error('iterator'); } }) }),
    () => graph,
    () => org,
    () => ({ ...org }),
    () => ({ customerId: 1, source: 'ALL' }),
    () => ({ customerId: 1, source: 'ALL', embed: throwingProxy([]) }),
    () => ({ source: 'ALL', identifierName: 'email', identifierValue: 'ann@example.com' }),
    () => ({ q: 'a', limit: 100 }),
    () => ({ kind: 'register', source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'new@example.com' }] }] }, meta }),
    () => ({ kind: 'register', source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [throwingGetter()] }, meta }),
    () => ({ kind: 'updateSubscriptions', customerId: 1, body: { scope: throwingProxy(), subscriptions: [{ channel: 'EMAIL', priority: 'TRANS', type: 'OPTOUT' }] }, meta }),
    () => [{ kind: 'CustomerRegistered', seq: 1 }],
    () => ({ id: 'x', tills: [{ code: 't', password: 'p' }] }),
    () => ({ id: 'x', tills: throwingProxy([]) }),
  ];
}

/** What can be read of a value without running any of its code: its own keys, descriptors' values, frozenness. */
function fingerprint(value: unknown, seen = new Set<unknown>(), depth = 0): string {
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > 6) return typeof value === 'bigint' ? `${value}n` : String(typeof value === 'symbol' ? 'symbol' : value);
  if (api.isCustomerGraph(value) || api.isOrg(value)) return 'library value';
  seen.add(value);
  try {
    if (value instanceof Map || value instanceof Set) return `${value.constructor.name}:${value.size}`;
    const parts = Reflect.ownKeys(value).map((k) => {
      const d = Object.getOwnPropertyDescriptor(value, k);
      return `${String(k)}=${d === undefined ? '?' : 'value' in d ? fingerprint(d.value, seen, depth + 1) : 'accessor'}`;
    });
    return `${Object.isFrozen(value) ? 'frozen' : Object.isExtensible(value) ? 'open' : 'sealed'}{${parts.join(',')}}`;
  } catch {
    return 'unreadable';
  }
}

describe('hostile input (ARC-3, ARC-4, ARC-5)', () => {
  it('ARC-3, ARC-4, ARC-5, ERR-1: every public function, called with null, non-graphs, Proxies, throwing getters, cyclic, frozen, Symbol or BigInt values, never throws, changes no input and no earlier graph, and refuses with a numeric code and a message', () => {
    const tally = new Tally();
    const base = runSequence([
      { kind: 'register', source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] }, meta },
    ]).graph;
    const pool = hostileValues(base);
    const before = JSON.stringify(api.graphSnapshot(base)._unsafeUnwrap());
    // The hostile values are made inside the property: fast-check itself would trip over a Proxy it generated.
    const argArb = fc.oneof(
      { weight: 4, arbitrary: fc.nat({ max: pool.length - 1 }).map((i) => ({ pool: i })) },
      { weight: 1, arbitrary: commandArb().map((command) => ({ command })) },
    );
    const call = (name: string, f: (...a: unknown[]) => unknown, args: unknown[]): void => {
        const prints = args.map((a) => fingerprint(a));
        let answer: unknown;
        try {
          answer = f(...args);
        } catch (error) {
          expect.fail(`${name}(${prints.join(', ')}) threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        }
        expect(args.map((a) => fingerprint(a)), `${name} changed or froze its input`).toEqual(prints);
        if (typeof answer === 'object' && answer !== null && 'isErr' in answer && typeof answer.isErr === 'function') {
          const result = answer as { isErr(): boolean; error?: { code: unknown; message: unknown } };
          tally.add(`${name}:${result.isErr() ? 'err' : 'ok'}`);
          if (result.isErr()) {
            expect(typeof result.error?.code, `${name}: a numeric code`).toBe('number');
            expect(typeof result.error?.message, `${name}: a message`).toBe('string');
          }
        } else {
          tally.add(`${name}:${typeof answer}`);
        }
        expect(JSON.stringify(api.graphSnapshot(base)._unsafeUnwrap()), `${name} changed an earlier graph`).toBe(before);
        expect(({} as Record<string, unknown>)['polluted'], 'Object.prototype polluted').toBeUndefined();
    };
    // Every function with every hostile value in the first and the second place, the other a valid one.
    for (const [name, f] of FUNCTIONS) {
      for (const make of pool) {
        call(name, f, [make()]);
        call(name, f, [base, make()]);
        call(name, f, [make(), { customerId: 1, source: 'ALL' }]);
      }
    }
    // Then random calls of up to three arguments, valid commands among them.
    fc.assert(
      fc.property(fc.nat({ max: FUNCTIONS.length - 1 }), fc.array(argArb, { minLength: 0, maxLength: 3 }), (which, picks) => {
        const [name, f] = FUNCTIONS[which] as [string, (...a: unknown[]) => unknown];
        call(name, f, picks.map((p) => ('pool' in p ? (pool[p.pool] as () => unknown)() : structuredClone(p.command))));
      }),
      { numRuns: Math.max(1000, NUM_RUNS) },
    );
    // Every function was called, and the Result-returning ones both accepted and refused something.
    for (const [name] of FUNCTIONS) expect(tally.toString(), name).toContain(`${name}:`);
    for (const name of ['execute', 'evolveAll', 'getCustomer', 'lookup', 'defineOrg']) expect(tally.get(`${name}:err`), tally.toString()).toBeGreaterThan(0);
  });
});
