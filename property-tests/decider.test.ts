import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeRequests,
  customerCoupons,
  customerGetV11,
  decide,
  emptyGraph,
  ERROR_MESSAGES,
  evolveAll,
  execute,
  getCustomer,
  getSubscriptions,
  goodwillRequests,
  graphSnapshot,
  lookup,
  loyaltyDetails,
  pointsTransfers,
  search,
  V11_OPTIONS,
  type CustomerGraph,
} from '../src/index';
import { anySequenceArb, NUM_RUNS } from './support/arbitraries';
import { customersOf, holdingsOf, isDeepFrozen, resolveInstruction, runSequence, theOrg } from './support/run';
import { Tally } from './support/tally';

/**
 * Every part of a graph but its org, as plain data: the immutable maps as JS, the search tree as its
 * entries. Generic over the graph's fields, so that a field added later is compared too.
 */
function graphParts(graph: CustomerGraph): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(graph)) {
    if (key === 'org') continue;
    const v = (value ?? {}) as { toJS?: () => unknown; toArray?: () => unknown };
    out[key] = typeof v.toJS === 'function' ? v.toJS() : typeof v.toArray === 'function' ? v.toArray() : value;
  }
  return out;
}

/** Everything observable about a graph, as plain JSON text. */
function picture(graph: CustomerGraph): string {
  return JSON.stringify({ snapshot: graphSnapshot(graph)._unsafeUnwrap(), parts: graphParts(graph) });
}

/**
 * What queries answer on a graph: lookups of every held value, get of every customer with every embed,
 * its loyalty details, subscriptions, transfers, coupons, goodwill and change requests, v1.1 get with
 * every option, and a few searches.
 */
function answers(graph: CustomerGraph): string {
  const out: unknown[] = [];
  for (const h of holdingsOf(graph)) out.push(lookup(graph, { source: 'ALL', identifierName: h.type, identifierValue: h.value }));
  for (const c of customersOf(graph)) {
    const customerId = c.id;
    out.push(
      getCustomer(graph, { customerId, source: 'ALL', embed: ['points', 'subscriptions', 'mlp'] }),
      loyaltyDetails(graph, { customerId }),
      getSubscriptions(graph, customerId),
      pointsTransfers(graph, customerId),
      customerCoupons(graph, customerId),
      goodwillRequests(graph, { customerId, limit: 100 }),
      changeRequests(graph, { customerId, limit: 100 }),
    );
  }
  out.push(customerGetV11(graph, { id: customersOf(graph).map((c) => c.id).join(','), options: [...V11_OPTIONS] }));
  for (const q of ['a', '9', 'e', 'w', 'm']) out.push(search(graph, { q, limit: 100 }));
  return JSON.stringify(out);
}

describe('the decider (ARC-2, ARC-3, ARC-5)', () => {
  it('ARC-5, ERR-1: a refused command, identity or loyalty, returns the very same graph object, through execute and through decide+evolveAll, leaves it unchanged, and deciding it again on that graph gives the same documented error', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(anySequenceArb, (instructions) => {
        let graph = emptyGraph(theOrg())._unsafeUnwrap();
        let before = picture(graph);
        for (const instruction of instructions) {
          const command = resolveInstruction(graph, instruction);
          const executed = execute(graph, command);
          const decided = decide(graph, command);
          // The graph a caller continues with: execute's new graph, or the one it held when refused.
          const next = executed.isOk() ? executed.value.graph : graph;
          // Through decide+evolveAll: a refusal yields no events, and folding none is the identity.
          const folded = evolveAll(graph, decided.isOk() ? decided.value : [])._unsafeUnwrap();
          if (executed.isErr()) {
            tally.add('refused');
            expect(next).toBe(graph);
            expect(folded).toBe(graph);
            expect(decided.isErr() ? decided.error : 'accepted').toEqual(executed.error);
            const again = decide(graph, command);
            expect(again.isErr() ? again.error : 'accepted').toEqual(executed.error);
            expect(Object.keys(ERROR_MESSAGES)).toContain(String(executed.error.code));
            expect(typeof executed.error.message).toBe('string');
            expect(picture(graph), 'the refused-on graph is unchanged').toBe(before);
          } else {
            tally.add('accepted');
            // Accepted: the same events both ways, and folding them gives the graph execute returned.
            expect(decided.isOk() ? decided.value : decided.error).toEqual(executed.value.events);
            const after = picture(next);
            expect(picture(folded)).toBe(after);
            graph = next;
            before = after;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('refused'), tally.toString()).toBeGreaterThan(NUM_RUNS);
    expect(tally.get('accepted'), tally.toString()).toBeGreaterThan(NUM_RUNS);
  });

  it('ARC-2: replaying the accepted events, of identity and loyalty commands alike, from the empty graph rebuilds an equal graph: the same snapshot, the same identifier index, search index, history and every other part, and the same answers to every query, loyalty ones included', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(anySequenceArb, (instructions) => {
        const run = runSequence(instructions);
        for (const e of run.events) tally.add(e.kind);
        const replayed = evolveAll(emptyGraph(run.org)._unsafeUnwrap(), run.events)._unsafeUnwrap();
        expect(replayed.org).toBe(run.graph.org);
        expect(graphSnapshot(replayed)._unsafeUnwrap()).toEqual(graphSnapshot(run.graph)._unsafeUnwrap());
        expect(graphParts(replayed)).toEqual(graphParts(run.graph));
        expect(answers(replayed)).toBe(answers(run.graph));
      }),
      { numRuns: NUM_RUNS },
    );
    // Every kind of event was replayed, the loyalty ones included.
    for (const kind of ['CustomersMerged', 'ProgramEnrolled', 'PointsMoved', 'PointsExpired', 'PointsTransferred', 'SubscriptionsChanged', 'CouponIssued', 'CouponRedeemed', 'GoodwillRequested', 'GoodwillResolved', 'PiiDeleted']) {
      expect(tally.get(kind), `${kind} in ${tally.toString()}`).toBeGreaterThan(0);
    }
  });

  it('ARC-3: an earlier graph never changes, whatever happens after it (loyalty commands and PII deletion included): its snapshot, indexes and query answers stay the same, and its records are deeply frozen', () => {
    fc.assert(
      fc.property(anySequenceArb, fc.nat(), (instructions, at) => {
        const run = runSequence(instructions);
        const graphs = [run.initial, ...run.steps.map((s) => s.after)];
        const early = graphs[at % graphs.length] ?? run.initial;
        // What the early graph looks like now: taken again from a fresh run of the same commands up to it.
        const prefix = runSequence(instructions.slice(0, at % graphs.length));
        expect(picture(early)).toBe(picture(prefix.graph));
        expect(answers(early)).toBe(answers(prefix.graph));
        // Frozen: the graph value and every record reachable from it.
        expect(Object.isFrozen(early)).toBe(true);
        for (const c of customersOf(early)) expect(isDeepFrozen(c), `record ${c.id} is deeply frozen`).toBe(true);
        // And nothing run later changes it: snapshot it, run more commands on top, compare again.
        const before = picture(early);
        const answered = answers(early);
        let graph = run.graph;
        for (const instruction of instructions) {
          const next = execute(graph, resolveInstruction(graph, instruction));
          if (next.isOk()) graph = next.value.graph;
        }
        expect(picture(early)).toBe(before);
        expect(answers(early)).toBe(answered);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
