import { describe, expect, it } from 'vitest';
import { defaultOrg, emptyGraph, execute, getCustomer, lookup, search, type CustomerGraph } from '../src/index';
import {
  combineRegisterCommandOf,
  customerAt,
  enrolledRegisterCommandOf,
  identifiersOf,
  lookupQueryOf,
  narrowSearchOf,
  registerCommandOf,
} from '../bench/data';

// The benchmark's seeded generator (bench/data.ts) is shared with the tests: the population the
// benchmark measures is first checked here to be what the rules say, at a size a test can afford.

const SIZE = 2000;
const org = defaultOrg();

function population(enrolled: boolean): CustomerGraph {
  let graph = emptyGraph(org)._unsafeUnwrap();
  for (let i = 0; i < SIZE; i++) {
    const c = customerAt(i);
    const r = execute(graph, enrolled ? enrolledRegisterCommandOf(c) : registerCommandOf(c));
    if (r.isErr()) throw new Error(`customer ${i}: ${r.error.code} ${r.error.message}`);
    graph = r.value.graph;
  }
  return graph;
}

describe('the generated population of the benchmark (REG-1, ID-1, LKP-1, SRCH-1, REG-6)', () => {
  const graph = population(false);

  it('REG-1: every generated customer registers as a new customer, in index order from the first id', () => {
    expect(graph.customerCount).toBe(SIZE);
    expect(graph.nextCustomerId).toBe(org.firstCustomerId + SIZE);
  });

  it('ID-1, LKP-1: every generated customer is found by mobile and by email in its own source account, and no identifier is shared', () => {
    for (let i = 0; i < SIZE; i++) {
      const c = customerAt(i);
      for (const byEmail of [false, true]) {
        expect(lookup(graph, lookupQueryOf(c, byEmail)).map((r) => r.entity)._unsafeUnwrap()).toBe(org.firstCustomerId + i);
      }
    }
  });

  it('SRCH-1: the narrow search of each of 200 customers finds that customer among at most 10', () => {
    for (let i = 0; i < SIZE; i += 10) {
      const answer = search(graph, narrowSearchOf(customerAt(i), i % 20 === 0))._unsafeUnwrap();
      expect(answer.pagination.total).toBeLessThanOrEqual(10);
      expect(answer.data.map((h) => h.userId)).toContain(org.firstCustomerId + i);
    }
  });

  it("REG-6: registering a generated customer's mobile in another source combines into that customer with warning 8050", () => {
    const c = customerAt(17);
    const r = execute(graph, combineRegisterCommandOf(c))._unsafeUnwrap();
    expect(r.response).toMatchObject({ createdId: org.firstCustomerId + 17 });
    expect(r.response.warnings.map((w) => w.code)).toContain(8050);
    expect(getCustomer(r.graph, { customerId: org.firstCustomerId + 17, source: 'ALL' })._unsafeUnwrap().profiles).toHaveLength(2);
  });

  it('ID-1: the generator gives each customer a distinct mobile and, where it has one, a distinct email', () => {
    const values = new Set<string>();
    let count = 0;
    for (let i = 0; i < SIZE; i++) {
      for (const id of identifiersOf(customerAt(i))) {
        if (id.type !== 'mobile' && id.type !== 'email') continue;
        values.add(`${id.type}:${String(id.value)}`);
        count++;
      }
    }
    expect(values.size).toBe(count);
  });
});

describe('the enrolled population of the comparison (PRG-2)', () => {
  it('PRG-2: every enrolled generated customer is a member of the comparison program with its points', () => {
    const graph = population(true);
    for (const id of [org.firstCustomerId, org.firstCustomerId + SIZE - 1]) {
      const details = getCustomer(graph, { customerId: id, source: 'ALL', embed: ['mlp'] })._unsafeUnwrap();
      expect(details.loyaltyProgramDetails?.length).toBe(1);
    }
  });
});
