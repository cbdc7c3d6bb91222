// The clock's invariants over arbitrary command runs followed by arbitrary advances: the due index is what
// the records make it, an advance leaves nothing due behind it, and the points and tiers it moves are the
// ones the rules give (CLK-1..CLK-3, TIR-1..TIR-4, PTS-3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolveAll, execute, type Command, type CustomerGraph } from '../src/index';
import { indexContents } from '../src/graph/contents';
import { decodeDueKey } from '../src/graph/due-index';
import { loyaltyPoints } from '../src/records/ledger';
import { anySequenceArb, NUM_RUNS } from './support/arbitraries';
import { liveCustomersOf, runSequence } from './support/run';
import { Tally } from './support/tally';

const INSTANTS = ['2024-05-01T00:00:00Z', '2024-05-15T00:00:00Z', '2024-06-02T14:00:00+05:30', '2024-09-01T00:00:00Z', '2024-12-31T23:59:59+05:30', '2026-01-01T00:00:00Z', '2031-01-01T00:00:00Z'];

/** Members with tiers that expire, in the programs that review them and the one that does not. */
const tierMemberArb: fc.Arbitrary<Command[]> = fc
  .record({
    n: fc.integer({ min: 0, max: 9999 }),
    programId: fc.constantFrom(1016, 1219, 1223),
    tierNumber: fc.constantFrom(1, 2, 3),
    tierExpiryDate: fc.constantFrom(...INSTANTS),
    points: fc.integer({ min: 0, max: 3000 }),
    purchase: fc.integer({ min: 0, max: 20000 }),
  })
  .map(({ n, programId, tierNumber, tierExpiryDate, points, purchase }) => {
    const meta = { at: '2024-04-01T00:00:00Z', till: 'demo.till' };
    const register: Command = {
      kind: 'register',
      source: 'INSTORE',
      body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: `tier${n}@clock.example` }] }], loyaltyProgramEnrollments: [{ programId, tierNumber, tierExpiryDate }] },
      meta,
    };
    return [register, { kind: 'issuePoints', customerId: -1, programId, points: Math.max(1, points), purchase, meta } as Command];
  });

/** The due keys the records call for, computed here from the records and the org alone (CLK-2). */
function expectedDue(graph: CustomerGraph): string[] {
  const out: string[] = [];
  for (const c of liveCustomersOf(graph)) {
    for (const l of c.programs) {
      const expiring = l.lots.filter((lot) => lot.expiresOn !== null && lot.remaining > 0).map((lot) => Date.parse(lot.expiresOn ?? ''));
      if (expiring.length > 0) out.push(`${Math.min(...expiring)} ${c.id} ${l.programId} points`);
      if (l.tierExpiryDate !== null && graph.org.programs.get(l.programId)?.tierReview != null) out.push(`${Date.parse(l.tierExpiryDate)} ${c.id} ${l.programId} tier`);
    }
  }
  return out.sort();
}

function dueOf(graph: CustomerGraph): string[] {
  return indexContents(graph)
    .dueKeys.map(decodeDueKey)
    .map((d) => `${d.at} ${d.customerId} ${d.programId} ${d.kind}`)
    .sort();
}

type RunInput = { readonly sequence: Parameters<typeof runSequence>[0]; readonly members: readonly Command[][]; readonly advances: readonly string[] };

const runArb: fc.Arbitrary<RunInput> = fc.record({
  sequence: anySequenceArb,
  members: fc.array(tierMemberArb, { maxLength: 4 }),
  advances: fc.uniqueArray(fc.constantFrom(...INSTANTS), { minLength: 1, maxLength: 4 }).map((xs) => [...xs].sort((a, b) => Date.parse(a) - Date.parse(b))),
});

/** The run: the sequence, the tier members (each issue addressed to the member just registered), then the advances. */
function runWithAdvances({ sequence, members, advances }: RunInput) {
  const base = runSequence(sequence);
  let graph = base.graph;
  for (const [register, issue] of members) {
    const registered = execute(graph, register as Command);
    if (registered.isErr()) continue;
    graph = registered.value.graph;
    const id = graph.nextCustomerId - 1;
    const issued = execute(graph, { ...(issue as Extract<Command, { kind: 'issuePoints' }>), customerId: id });
    if (issued.isOk()) graph = issued.value.graph;
  }
  const steps: { before: CustomerGraph; after: CustomerGraph; at: string; events: readonly unknown[] }[] = [];
  for (const at of advances) {
    const done = execute(graph, { kind: 'advanceClock', set: true, meta: { at, till: 'demo.till' } });
    if (done.isErr()) throw new Error(done.error.message);
    steps.push({ before: graph, after: done.value.graph, at, events: done.value.events });
    graph = done.value.graph;
  }
  return { graph, steps };
}

describe('the clock over arbitrary runs (CLK-1..CLK-3, TIR-1..TIR-4)', () => {
  it('CLK-2: after any run of commands and advances, the due index holds exactly the due items of the live records', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(runArb, (input) => {
        const { graph, steps } = runWithAdvances(input);
        expect(dueOf(graph)).toEqual(expectedDue(graph));
        for (const s of steps) expect(dueOf(s.before)).toEqual(expectedDue(s.before));
        tally.add(dueOf(graph).length > 0 ? 'something still due later' : 'nothing due');
      }),
      { numRuns: NUM_RUNS },
    );
    for (const seen of ['something still due later', 'nothing due']) expect(tally.get(seen), tally.toString()).toBeGreaterThan(0);
  });

  it('CLK-1, PTS-3, TIR-1: after an advance to T nothing is due at or before T, every point that left a balance is counted as expired, and no tier of a reviewing program has an expiry at or before T', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(runArb, (input) => {
        for (const { before, after, at, events } of runWithAdvances(input).steps) {
          const until = Date.parse(at);
          expect(dueOf(after).filter((d) => Number(d.split(' ')[0]) <= until)).toEqual([]);
          for (const c of liveCustomersOf(after)) {
            for (const l of c.programs) {
              const was = liveCustomersOf(before).find((b) => b.id === c.id)?.programs.find((p) => p.programId === l.programId);
              if (was === undefined) continue;
              expect(loyaltyPoints(was) - loyaltyPoints(l)).toBe(l.expired - was.expired);
              expect(loyaltyPoints(l)).toBeGreaterThanOrEqual(0);
              if (l.tierExpiryDate !== null && after.org.programs.get(l.programId)?.tierReview != null) expect(Date.parse(l.tierExpiryDate)).toBeGreaterThan(until);
            }
          }
          for (const e of events as { kind: string; outcome?: string }[]) tally.add(e.kind === 'TierReviewed' ? `tier ${e.outcome ?? ''}` : e.kind);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    for (const seen of ['PointsExpired', 'tier renewed', 'tier downgraded', 'tier kept', 'ClockAdvanced']) expect(tally.get(seen), tally.toString()).toBeGreaterThan(0);
  });

  it('CLK-3, ARC-2: the events of every advance, brought back from outside as JSON, replay onto the graph before it into the same state', () => {
    fc.assert(
      fc.property(runArb, (input) => {
        for (const { before, after, events } of runWithAdvances(input).steps) {
          const again = evolveAll(before, JSON.parse(JSON.stringify(events)) as unknown[]);
          expect(again.isOk()).toBe(true);
          if (again.isOk()) {
            expect(dueOf(again.value)).toEqual(dueOf(after));
            expect(again.value.clock).toEqual(after.clock);
            expect(liveCustomersOf(again.value)).toEqual(liveCustomersOf(after));
          }
        }
      }),
      { numRuns: Math.max(1, Math.floor(NUM_RUNS / 4)) },
    );
  });
});
