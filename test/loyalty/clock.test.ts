import { describe, expect, it } from 'vitest';
import { customerGetV11, evolveAll, execute, type AdvanceClockCommand, type CustomerGraph } from '../../src/index';
import { given } from '../support/given';
import { at, balanceOf, member, pointsCmd, standing, step } from '../support/loyalty';
import { run } from '../support/requests';
import { codeOf, FIRST, must, SECOND } from '../support/scenario';

const MAY = '2024-05-01T10:00:00+05:30';
const JUNE = '2024-06-01T00:00:00+05:30';
const JULY = '2024-07-01T00:00:00+05:30';
const NEXT_YEAR = '2025-06-02T00:00:00+05:30';

function advance(time: string, set = true): AdvanceClockCommand {
  return { kind: 'advanceClock', set, meta: at(time) };
}

/** Two members of 1016: the first holds 100 points expiring in June and 50 that never expire, the second 70 expiring in July. */
function twoMembers(): CustomerGraph {
  return run([
    member('a@example.com', [{ programId: 1016 }]),
    member('b@example.com', [{ programId: 1016 }]),
    pointsCmd('issuePoints', FIRST, 1016, 100, { expiresOn: JUNE }),
    pointsCmd('issuePoints', FIRST, 1016, 50),
    pointsCmd('issuePoints', SECOND, 1016, 70, { expiresOn: JULY }),
  ]);
}

function slabHistory(graph: CustomerGraph, id: number): unknown {
  const customer = must(customerGetV11(graph, { id: String(id), options: ['slab_history'] })).response.customers.customer[0];
  return (customer?.['slab_history'] as { readonly history: unknown } | undefined)?.history;
}

describe('CLK-1: advancing the clock runs what is due by the instant, in date order', () => {
  it('CLK-1, PTS-3: an advance past a lot’s expiry expires it at its date; the balance and `expired` show it', () => {
    const { graph, response } = step(twoMembers(), advance(JUNE));
    expect(response.pointsExpired).toEqual([{ customerId: FIRST, programId: 1016, at: JUNE, points: 100 }]);
    expect(balanceOf(graph, FIRST, 1016)).toBe(50);
    expect(standing(graph, FIRST, 1016).expired).toBe(100);
    expect(balanceOf(graph, SECOND, 1016)).toBe(70);
    expect(graph.clock).toEqual({ at: JUNE, set: true });
  });

  it('CLK-1: due items run in date order across customers, each event stamped at the date it fell due', () => {
    const events = given().when(advance(JULY)).accepted();
    expect(events.map((e) => e.kind)).toEqual(['ClockAdvanced']);
    const due = must(execute(twoMembers(), advance(JULY))).events;
    expect(due.map((e) => [e.kind, e.at])).toEqual([
      ['PointsExpired', JUNE],
      ['PointsExpired', JULY],
      ['ClockAdvanced', JULY],
    ]);
  });

  it('CLK-1: an advance to an instant before the clock is refused with 400 naming meta.at', () => {
    const later = step(twoMembers(), advance(JULY)).graph;
    const refused = execute(later, advance(JUNE));
    expect(codeOf(refused)).toBe(400);
    expect(refused._unsafeUnwrapErr()).toMatchObject({ reason: 'clockBackwards', path: ['meta', 'at'], clock: JULY, asked: JUNE });
  });

  it('CLK-1: an advance with nothing due only moves the clock', () => {
    const { graph, response } = step(twoMembers(), advance(MAY, false));
    expect(response).toMatchObject({ clock: MAY, set: false, pointsExpired: [], tierReviews: [] });
    expect(balanceOf(graph, FIRST, 1016)).toBe(150);
  });
});

describe('CLK-3: a log’s advance must carry what was due', () => {
  it('CLK-3: ClockAdvanced from outside with an expiry left behind it is refused by index', () => {
    const graph = twoMembers();
    const clock = { kind: 'ClockAdvanced', seq: graph.eventCount + 1, at: JULY, till: 'demo.till', set: true, due: 0 };
    const folded = evolveAll(graph, [clock]);
    expect(folded._unsafeUnwrapErr()).toMatchObject({ reason: 'eventMisfit', index: 0, misfit: { misfit: 'clock', problem: 'dueLeft' } });
  });

  it('CLK-3: the decider’s own advance replays from outside event by event', () => {
    const graph = twoMembers();
    const done = must(execute(graph, advance(JULY)));
    const again = must(evolveAll(graph, JSON.parse(JSON.stringify(done.events)) as unknown[]));
    expect(balanceOf(again, FIRST, 1016)).toBe(50);
    expect(again.clock).toEqual(done.graph.clock);
  });
});

describe('TIR-1..TIR-4: a tier is reviewed at its expiry date by its program’s policy', () => {
  const enrolled = (programId: number, tierNumber: number) => member('t@example.com', [{ programId, tierNumber, tierExpiryDate: JUNE }]);

  it('TIR-2: 1219 renews a tier on 1000 points earned in the period; the renewal is in slab_history', () => {
    const graph = run([enrolled(1219, 2), pointsCmd('issuePoints', FIRST, 1219, 1000), advance(JUNE)]);
    expect(standing(graph, FIRST, 1219)).toMatchObject({ slabSNo: 2, slabExpiryDate: '2025-06-01T00:00:00+05:30' });
    expect(slabHistory(graph, FIRST)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'RENEWAL', from: 'Silver', to: 'Silver', changed_on: JUNE })]));
  });

  it('TIR-3: 1219 lowers a tier one step when the period earned too little', () => {
    const graph = run([enrolled(1219, 3), pointsCmd('issuePoints', FIRST, 1219, 10), advance(JUNE)]);
    expect(standing(graph, FIRST, 1219)).toMatchObject({ slabSNo: 2, slabExpiryDate: '2025-06-01T00:00:00+05:30' });
  });

  it('TIR-3: 1223 sends a member without purchases back to its base tier, which does not expire', () => {
    const graph = run([enrolled(1223, 3), advance(JUNE)]);
    expect(standing(graph, FIRST, 1223)).toMatchObject({ slabSNo: 1 });
    expect(standing(graph, FIRST, 1223).slabExpiryDate).toBe('');
    expect(slabHistory(graph, FIRST)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'DOWNGRADE', from: 'Star', to: 'Tier1', changed_on: JUNE })]));
  });

  it('TIR-3: a lowered member climbs back only on points earned after the downgrade', () => {
    const down = run([enrolled(1219, 3), pointsCmd('issuePoints', FIRST, 1219, 10), advance(JUNE)]);
    const after = step(down, pointsCmd('issuePoints', FIRST, 1219, 10, { meta: at(JULY) })).graph;
    expect(standing(after, FIRST, 1219).slabSNo).toBe(2);
  });

  it('TIR-2, TIR-3: a review a year later runs again on the renewed date', () => {
    const graph = run([enrolled(1219, 3), advance(NEXT_YEAR)]);
    expect(standing(graph, FIRST, 1219).slabSNo).toBe(1);
  });

  it('TIR-4: a program without a review keeps a tier past its expiry date', () => {
    const graph = run([enrolled(1016, 3), advance(JULY)]);
    expect(standing(graph, FIRST, 1016).slabSNo).toBe(3);
  });
});
