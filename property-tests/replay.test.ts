import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, evolveAll, graphSnapshot, type CustomerGraph, type GraphEvent } from '../src/index';
import { foldEvent } from '../src/decider/fold';
import { anySequenceArb, NUM_RUNS } from './support/arbitraries';
import { runSequence, theOrg } from './support/run';
import { Tally } from './support/tally';

const picture = (graph: CustomerGraph): string => JSON.stringify(graphSnapshot(graph)._unsafeUnwrap());

/** The graph of each moment of a log: after 0, 1, … n of its events, folded as the decider's own. */
function moments(events: readonly GraphEvent[]): CustomerGraph[] {
  const out = [emptyGraph(theOrg())._unsafeUnwrap()];
  for (const e of events) out.push(foldEvent(out[out.length - 1] as CustomerGraph, e));
  return out;
}

/** A log the decider wrote, of at least a few events. */
const logArb = anySequenceArb.map((instructions) => runSequence(instructions).events).filter((events) => events.length >= 3);

type Mutation = 'remove' | 'duplicate' | 'move' | 'sequence' | 'id';

/** The ids an event creates, by field: altering one names something out of turn. */
const CREATED_ID: Partial<Record<GraphEvent['kind'], string>> = {
  CustomerRegistered: 'customerId',
  CouponIssued: 'couponId',
  PointsTransferred: 'transferId',
  GoodwillRequested: 'requestId',
};

/** The log with one mutation, or undefined when the log has nothing to apply it to. */
function mutate(events: readonly GraphEvent[], mutation: Mutation, at: number, to: number, by: number): GraphEvent[] | undefined {
  const out = [...events];
  const i = at % (events.length - 1);
  const e = events[i] as GraphEvent;
  switch (mutation) {
    case 'remove':
      out.splice(i, 1);
      return out;
    case 'duplicate':
      out.splice(i + 1, 0, e);
      return out;
    case 'move': {
      const j = to % events.length;
      if (j === i) return undefined;
      out.splice(i, 1);
      out.splice(j, 0, e);
      return out;
    }
    case 'sequence':
      out[i] = { ...e, seq: e.seq + by } as GraphEvent;
      return out;
    case 'id': {
      const index = events.findIndex((x, k) => k >= i && CREATED_ID[x.kind] !== undefined);
      const target = events[index];
      const field = target === undefined ? undefined : CREATED_ID[target.kind];
      if (target === undefined || field === undefined) return undefined;
      const value = (target as unknown as Record<string, number>)[field] as number;
      out[index] = { ...target, [field]: value + by } as GraphEvent;
      return out;
    }
    default: {
      const unreachable: never = mutation;
      return unreachable;
    }
  }
}

/** The first index where two logs differ: where a mutated log must first fail to fit. */
function firstDifference(a: readonly GraphEvent[], b: readonly GraphEvent[]): number {
  let i = 0;
  while (i < a.length && i < b.length && JSON.stringify(a[i]) === JSON.stringify(b[i])) i++;
  return i;
}

describe('strict replay of a log brought from outside (ARC-2)', () => {
  it('ARC-2: a log the decider wrote replays into the graph of its last moment, and cut at any event boundary it replays into exactly the graph of that moment', () => {
    fc.assert(
      fc.property(logArb, fc.nat(), (events, cut) => {
        const graphs = moments(events);
        const k = cut % (events.length + 1);
        const replayed = evolveAll(emptyGraph(theOrg())._unsafeUnwrap(), events.slice(0, k));
        expect(replayed.isOk(), replayed.isErr() ? replayed.error.message : '').toBe(true);
        expect(picture(replayed._unsafeUnwrap())).toBe(picture(graphs[k] as CustomerGraph));
        expect(picture(evolveAll(emptyGraph(theOrg())._unsafeUnwrap(), events)._unsafeUnwrap())).toBe(picture(graphs[events.length] as CustomerGraph));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ARC-2, ARC-5: a log with one event removed from the middle, duplicated, moved, or with a sequence number or a created id altered is refused at the index of its first misfit, never accepted, and the graph given stays as it was', () => {
    const tally = new Tally();
    const mutationArb = fc.constantFrom<Mutation>('remove', 'duplicate', 'move', 'sequence', 'id');
    fc.assert(
      fc.property(logArb, mutationArb, fc.nat(), fc.nat(), fc.constantFrom(-1, 1, 2, 1000), (events, mutation, at, to, by) => {
        const mutated = mutate(events, mutation, at, to, by);
        fc.pre(mutated !== undefined);
        const start = emptyGraph(theOrg())._unsafeUnwrap();
        const before = picture(start);
        const replayed = evolveAll(start, mutated);
        tally.add(mutation);
        expect(replayed.isErr(), `${mutation} was accepted`).toBe(true);
        const error = replayed._unsafeUnwrapErr();
        expect(error).toMatchObject({ code: 400, reason: 'eventMisfit', index: firstDifference(events, mutated) });
        tally.add(error.reason === 'eventMisfit' ? `${mutation}:${error.misfit.misfit}` : mutation);
        expect(picture(start)).toBe(before);
      }),
      { numRuns: NUM_RUNS },
    );
    for (const mutation of ['remove', 'duplicate', 'move', 'sequence', 'id']) expect(tally.get(mutation), tally.toString()).toBeGreaterThan(0);
    expect(tally.get('id:idOutOfTurn'), tally.toString()).toBeGreaterThan(0);
  });
});
