import { describe, expect, it } from 'vitest';
import { changeRequests, customerGetV11, defaultOrg, emptyGraph, execute, getCustomer, loyaltyDetails, type CustomerGraph, type ExpirePointsCommand, type ProgramDetails } from '../../src/index';
import { tillCode } from '../../src/kernel/ids';
import { build, given, META } from '../support/given';
import { at, balanceOf, member, pointsCmd, programOf, standing, step } from '../support/loyalty';
import { run } from '../support/requests';
import { codeOf, FIRST, mergeCmd, must, refusal, SECOND } from '../support/scenario';

/** The keys of the seed's `pointsSummary` sample (embed=points). */
const POINTS_SUMMARY_KEYS = [
  'adjusted',
  'cumulativePurchases',
  'currentSlab',
  'expired',
  'lifetimePoints',
  'loyaltyId',
  'loyaltyPoints',
  'nextSlab',
  'nextSlabDescription',
  'nextSlabSerialNumber',
  'redeemed',
  'returned',
  'slabExpiryDate',
  'slabSNo',
];

/** The keys of one item of the seed's `loyaltyProgramDetails` (embed=mlp) and Fetch Customer Loyalty Details `data`. */
const PROGRAM_DETAILS_KEYS = [...POINTS_SUMMARY_KEYS, 'programId'].sort();

const JUNE = '2024-06-01T00:00:00+05:30';
const DECEMBER = '2024-12-01T00:00:00+05:30';

function expireAt(customerId: number, programId: number, time: string): ExpirePointsCommand {
  return { kind: 'expirePoints', customerId, programId, meta: at(time) };
}

/** The lots that will expire, as v1.1 `expiry_schedule` answers them. */
function expirySchedule(graph: CustomerGraph, id: number): unknown {
  return must(customerGetV11(graph, { id: String(id), options: ['expiry_schedule'] })).response.customers.customer[0]?.['expiry_schedule'];
}

/** A member of 1016 holding 100 points expiring in December (issued first), 100 in June, and 100 that never expire. */
function threeLots(): CustomerGraph {
  return run([
    member('lots@example.com', [{ programId: 1016 }]),
    pointsCmd('issuePoints', FIRST, 1016, 100, { expiresOn: DECEMBER }),
    pointsCmd('issuePoints', FIRST, 1016, 100, { expiresOn: JUNE }),
    pointsCmd('issuePoints', FIRST, 1016, 100),
  ]);
}

function balanceIdentity(d: ProgramDetails): number {
  return d.lifetimePoints - d.redeemed - d.expired - d.returned + d.adjusted;
}

describe('PTS-1: each program has its ledger, answered in the seed’s shapes', () => {
  it('PTS-1: embed=points adds pointsSummary in the seed’s fields, for the first program enrolled, with loyaltyId the customer id', () => {
    const graph = run([
      member('a@example.com'),
      member('b@example.com', [{ programId: 1223, loyaltyPoints: 30 }, { programId: 1016, loyaltyPoints: 70 }]),
    ]);
    const view = must(getCustomer(graph, { customerId: SECOND, source: 'ALL', embed: ['points'] }));
    expect(Object.keys(view.pointsSummary ?? {}).sort()).toEqual(POINTS_SUMMARY_KEYS);
    expect(view.pointsSummary).toMatchObject({ loyaltyId: SECOND, loyaltyPoints: 30, currentSlab: programOf(1223).tiers[0]?.name });
  });

  it('PTS-1: embed=mlp adds loyaltyProgramDetails, one item per program in the seed’s fields', () => {
    const graph = run([member('b@example.com', [{ programId: 1219, loyaltyPoints: 10 }, { programId: 1223, loyaltyPoints: 20 }])]);
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['mlp'] }));
    const programs = view.loyaltyProgramDetails ?? [];
    expect(programs.map((p) => [p.programId, p.loyaltyPoints, p.loyaltyId])).toEqual([
      [1219, 10, FIRST],
      [1223, 20, FIRST],
    ]);
    for (const p of programs) expect(Object.keys(p).sort()).toEqual(PROGRAM_DETAILS_KEYS);
  });

  it('PTS-1: Fetch Customer Loyalty Details answers data, warnings and errors, every program or the one programId names', () => {
    const graph = run([member('c@example.com', [{ programId: 1016, loyaltyPoints: 5 }, { programId: 1219, loyaltyPoints: 6 }])]);
    const all = must(loyaltyDetails(graph, { customerId: FIRST }));
    expect(all.warnings).toEqual([]);
    expect(all.errors).toEqual([]);
    expect(all.data.map((d) => d.programId)).toEqual([1016, 1219]);
    for (const d of all.data) expect(Object.keys(d).sort()).toEqual(PROGRAM_DETAILS_KEYS);
    expect(must(loyaltyDetails(graph, { customerId: FIRST, programId: 1219 })).data).toEqual(all.data.filter((d) => d.programId === 1219));
    expect(must(loyaltyDetails(graph, { customerId: FIRST, programId: 1223 })).data).toEqual([]);
  });

  it('PTS-1: the programs’ ledgers are separate: points issued in one program leave the others as they were', () => {
    const graph = run([member('d@example.com', [{ programId: 1016 }, { programId: 1219 }])]);
    const before = standing(graph, FIRST, 1016);
    const after = step(graph, pointsCmd('issuePoints', FIRST, 1219, 400)).graph;
    expect(standing(after, FIRST, 1016)).toEqual(before);
    expect(balanceOf(after, FIRST, 1219)).toBe(400);
  });

  it('PTS-1: a customer in no program has no pointsSummary and empty loyalty details', () => {
    const graph = run([member('none@example.com')]);
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['points', 'mlp'] }));
    expect('pointsSummary' in view).toBe(false);
    expect(view.loyaltyProgramDetails).toEqual([]);
    expect(must(loyaltyDetails(graph, { customerId: FIRST })).data).toEqual([]);
  });

  it('PTS-1: loyalty details of an unknown id are 8015, of a merge victim 8069 naming the survivor', () => {
    const { graph } = build([member('s@example.com', [{ programId: 1016 }]), member('v@example.com'), mergeCmd(FIRST, SECOND)]);
    expect(codeOf(loyaltyDetails(graph, { customerId: 99 }))).toBe(8015);
    expect(refusal(loyaltyDetails(graph, { customerId: SECOND }))).toMatchObject({ code: 8069, survivorId: FIRST });
  });
});

describe('PTS-2: loyaltyPoints = issued − redeemed − expired − returned + adjusted; lifetime counts issued points', () => {
  it('PTS-2: every counter moves with its own movement and the balance is the documented sum', () => {
    const graph = run([
      member('sum@example.com', [{ programId: 1016 }]),
      pointsCmd('issuePoints', FIRST, 1016, 1000, { purchase: 5000 }),
      pointsCmd('issuePoints', FIRST, 1016, 300, { expiresOn: JUNE, purchase: 700 }),
      pointsCmd('redeemPoints', FIRST, 1016, 200),
      pointsCmd('returnPoints', FIRST, 1016, 50),
      pointsCmd('adjustPoints', FIRST, 1016, 30),
      pointsCmd('adjustPoints', FIRST, 1016, -10),
      expireAt(FIRST, 1016, '2024-07-01T00:00:00+05:30'),
    ]);
    const d = standing(graph, FIRST, 1016);
    // The June lot (300) lost 200 + 50 + 10 to the debits, all taken from it first (PTS-3): 40 expire.
    expect(d).toMatchObject({ lifetimePoints: 1300, redeemed: 200, returned: 50, adjusted: 20, expired: 40, cumulativePurchases: 5700 });
    expect(d.loyaltyPoints).toBe(balanceIdentity(d));
    expect(d.loyaltyPoints).toBe(1030);
  });

  it('PTS-2: the answer of a movement is the program’s balance after it', () => {
    const graph = run([member('r@example.com', [{ programId: 1016, loyaltyPoints: 100 }])]);
    const issued = step(graph, pointsCmd('issuePoints', FIRST, 1016, 25));
    expect(issued.response).toEqual({ success: true, customerId: FIRST, programId: 1016, loyaltyPoints: 125, warnings: [] });
    expect(step(issued.graph, pointsCmd('redeemPoints', FIRST, 1016, 125)).response.loyaltyPoints).toBe(0);
  });

  it('PTS-2: adjustments change the balance but not lifetime points; enrollment points count as issued', () => {
    const graph = run([
      member('adj@example.com', [{ programId: 1219, loyaltyPoints: 40 }]),
      pointsCmd('adjustPoints', FIRST, 1219, 500),
    ]);
    expect(standing(graph, FIRST, 1219)).toMatchObject({ lifetimePoints: 40, loyaltyPoints: 540, adjusted: 500 });
  });

  it('PTS-2: cumulativePurchases adds only the purchases behind issued points', () => {
    const graph = run([
      member('buy@example.com', [{ programId: 1016 }]),
      pointsCmd('issuePoints', FIRST, 1016, 10, { purchase: 120 }),
      pointsCmd('redeemPoints', FIRST, 1016, 5, { purchase: 999 }),
    ]);
    expect(standing(graph, FIRST, 1016).cumulativePurchases).toBe(120);
  });

  it('PTS-2: points are whole numbers: fractions, zero and negative issues are 400 naming the field', () => {
    const graph = run([member('whole@example.com', [{ programId: 1016, loyaltyPoints: 10 }])]);
    expect(refusal(execute(graph, pointsCmd('issuePoints', FIRST, 1016, 10.5)))).toMatchObject({ code: 400, path: ['points'] });
    expect(refusal(execute(graph, pointsCmd('issuePoints', FIRST, 1016, 0)))).toMatchObject({ code: 400, path: ['points'] });
    expect(refusal(execute(graph, pointsCmd('redeemPoints', FIRST, 1016, -3)))).toMatchObject({ code: 400, path: ['points'] });
    const fraction = refusal(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), member('f@example.com', [{ programId: 1016, loyaltyPoints: 2.5 }])));
    expect(fraction).toMatchObject({ code: 400, path: ['body', 'loyaltyProgramEnrollments', 0, 'loyaltyPoints'] });
  });
});

describe('PTS-3: points are held in lots, consumed and expired earliest expiry first', () => {
  it('PTS-3: a redemption takes the earliest-expiring points first, whatever the order they were issued in', () => {
    const graph = step(threeLots(), pointsCmd('redeemPoints', FIRST, 1016, 150)).graph;
    expect(expirySchedule(graph, FIRST)).toEqual({ schedule: [{ program_id: 1016, points: 50, expiry_date: DECEMBER }] });
  });

  it('PTS-3: so nothing is left to expire in June after the June lot was redeemed', () => {
    const redeemed = step(threeLots(), pointsCmd('redeemPoints', FIRST, 1016, 150)).graph;
    const july = step(redeemed, expireAt(FIRST, 1016, '2024-07-01T00:00:00+05:30')).graph;
    expect(standing(july, FIRST, 1016)).toMatchObject({ expired: 0, loyaltyPoints: 150 });
    const january = step(july, expireAt(FIRST, 1016, '2025-01-01T00:00:00+05:30')).graph;
    expect(standing(january, FIRST, 1016)).toMatchObject({ expired: 50, loyaltyPoints: 100 });
  });

  it('PTS-3: returns and negative adjustments also take the earliest-expiring points first', () => {
    const graph = run([pointsCmd('returnPoints', FIRST, 1016, 100), pointsCmd('adjustPoints', FIRST, 1016, -30)], threeLots());
    expect(expirySchedule(graph, FIRST)).toEqual({ schedule: [{ program_id: 1016, points: 70, expiry_date: DECEMBER }] });
  });

  it('PTS-3: expiring at a time removes every lot due by then, that instant included, and counts it as expired', () => {
    const expired = step(threeLots(), expireAt(FIRST, 1016, DECEMBER));
    expect(expired.response.loyaltyPoints).toBe(100);
    expect(standing(expired.graph, FIRST, 1016)).toMatchObject({ expired: 200, loyaltyPoints: 100, lifetimePoints: 300 });
    expect(expirySchedule(expired.graph, FIRST)).toEqual({ schedule: [] });
  });

  it('PTS-3: expiring before any lot is due changes nothing, and points without expiry never expire', () => {
    const early = step(threeLots(), expireAt(FIRST, 1016, '2024-05-31T23:59:59+05:30')).graph;
    expect(standing(early, FIRST, 1016)).toMatchObject({ expired: 0, loyaltyPoints: 300 });
    const far = step(early, expireAt(FIRST, 1016, '2999-01-01T00:00:00Z')).graph;
    expect(standing(far, FIRST, 1016)).toMatchObject({ expired: 200, loyaltyPoints: 100 });
  });

  it('PTS-3: expiry is a command: the decision is one PointsExpired event at the command’s time', () => {
    const { events } = build([member('e@example.com', [{ programId: 1016 }])]);
    given(events)
      .when(expireAt(FIRST, 1016, JUNE))
      .then({ kind: 'PointsExpired', customerId: FIRST, programId: 1016, points: 0, balance: 0, at: JUNE, till: tillCode(META.till) });
  });
});

describe('PTS-4: no movement takes more points than held (1010); a program not enrolled in is 1013', () => {
  const { events } = build([member('h@example.com', [{ programId: 1016, loyaltyPoints: 100 }])]);

  it('PTS-4: redeeming, returning or adjusting down more than the balance is 1010, and the graph is unchanged', () => {
    given(events).when(pointsCmd('redeemPoints', FIRST, 1016, 101)).fails(1010);
    given(events).when(pointsCmd('returnPoints', FIRST, 1016, 101)).fails(1010);
    given(events).when(pointsCmd('adjustPoints', FIRST, 1016, -101)).fails(1010);
  });

  it('PTS-4: taking exactly the balance is accepted and leaves zero, never a negative balance', () => {
    const graph = step(given(events).graph, pointsCmd('redeemPoints', FIRST, 1016, 100)).graph;
    expect(balanceOf(graph, FIRST, 1016)).toBe(0);
    expect(codeOf(execute(graph, pointsCmd('adjustPoints', FIRST, 1016, -1)))).toBe(1010);
  });

  it('PTS-4: the 1010 message says how many points are held and asked', () => {
    const error = refusal(execute(given(events).graph, pointsCmd('redeemPoints', FIRST, 1016, 250)));
    expect(error.code).toBe(1010);
    expect(error.message).toContain('Unable to update loyalty points of the customer.');
    expect(error.message).toMatch(/100 held, 250 asked/);
  });

  it('PTS-4: every movement in a program the customer is not enrolled in is 1013', () => {
    for (const kind of ['issuePoints', 'redeemPoints', 'returnPoints', 'adjustPoints'] as const) {
      given(events).when(pointsCmd(kind, FIRST, 1219, 1)).fails(1013);
    }
    given(events).when(expireAt(FIRST, 1219, JUNE)).fails(1013);
  });

  it('PTS-4: a movement in a program the org does not have is 400 naming programId', () => {
    const graph = given(events).graph;
    for (const kind of ['issuePoints', 'redeemPoints', 'returnPoints', 'adjustPoints'] as const) {
      expect(refusal(execute(graph, pointsCmd(kind, FIRST, 4242, 1)))).toMatchObject({ code: 400, path: ['programId'] });
    }
    expect(refusal(execute(graph, expireAt(FIRST, 4242, JUNE)))).toMatchObject({ code: 400, path: ['programId'] });
  });

  it('PTS-4: points of an unknown customer are 8015, of a merge victim 8069 naming the survivor', () => {
    const merged = build([member('s@example.com', [{ programId: 1016 }]), member('v@example.com', [{ programId: 1016 }]), mergeCmd(FIRST, SECOND)]);
    given(merged.events).when(pointsCmd('issuePoints', 77, 1016, 1)).fails(8015);
    expect(refusal(execute(merged.graph, pointsCmd('issuePoints', SECOND, 1016, 1)))).toMatchObject({ code: 8069, survivorId: FIRST });
  });
});

describe('PTS-5: the tier is the highest whose threshold lifetime points reach, never below the enrollment tier', () => {
  const program = programOf(1016);
  const [bronze, silver, gold, top] = program.tiers;

  it('PTS-5: the default program has at least four tiers with rising thresholds (the scenarios below rely on it)', () => {
    expect(top).toBeDefined();
    expect(program.tiers.map((t) => t.upgradeThreshold)).toEqual([...program.tiers.map((t) => t.upgradeThreshold)].sort((a, b) => a - b));
  });

  it('PTS-5: a member stays in its tier below the next threshold and moves up when lifetime points reach it', () => {
    if (silver === undefined || gold === undefined) return expect.fail('tiers missing');
    const below = run([member('t@example.com', [{ programId: 1016 }]), pointsCmd('issuePoints', FIRST, 1016, silver.upgradeThreshold - 1)]);
    expect(standing(below, FIRST, 1016)).toMatchObject({
      slabSNo: bronze?.serialNumber,
      currentSlab: bronze?.name,
      nextSlab: silver.name,
      nextSlabSerialNumber: silver.serialNumber,
      nextSlabDescription: silver.description,
    });
    const reached = step(below, pointsCmd('issuePoints', FIRST, 1016, 1)).graph;
    expect(standing(reached, FIRST, 1016)).toMatchObject({
      slabSNo: silver.serialNumber,
      currentSlab: silver.name,
      nextSlab: gold.name,
      nextSlabSerialNumber: gold.serialNumber,
      nextSlabDescription: gold.description,
    });
  });

  it('PTS-5: one issue that crosses several thresholds lands in the highest tier reached', () => {
    if (gold === undefined || top === undefined) return expect.fail('tiers missing');
    const graph = run([member('jump@example.com', [{ programId: 1016 }]), pointsCmd('issuePoints', FIRST, 1016, gold.upgradeThreshold)]);
    expect(standing(graph, FIRST, 1016)).toMatchObject({ slabSNo: gold.serialNumber, nextSlab: top.name });
  });

  it('PTS-5: at the top tier nextSlab is empty and nextSlabSerialNumber is −1', () => {
    if (top === undefined) return expect.fail('tiers missing');
    const graph = run([member('top@example.com', [{ programId: 1016 }]), pointsCmd('issuePoints', FIRST, 1016, top.upgradeThreshold)]);
    expect(standing(graph, FIRST, 1016)).toMatchObject({
      slabSNo: top.serialNumber,
      currentSlab: top.name,
      nextSlab: '',
      nextSlabSerialNumber: -1,
      nextSlabDescription: '',
    });
  });

  it('PTS-5: a member enrolled in a higher tier is never put below it by thresholds, and still upgrades past it', () => {
    if (silver === undefined || gold === undefined || top === undefined) return expect.fail('tiers missing');
    const enrolled = run([
      member('floor@example.com', [{ programId: 1016, tierNumber: gold.serialNumber }]),
      pointsCmd('issuePoints', FIRST, 1016, silver.upgradeThreshold),
    ]);
    expect(standing(enrolled, FIRST, 1016)).toMatchObject({ slabSNo: gold.serialNumber, nextSlab: top.name });
    const upgraded = step(enrolled, pointsCmd('issuePoints', FIRST, 1016, top.upgradeThreshold)).graph;
    expect(standing(upgraded, FIRST, 1016).slabSNo).toBe(top.serialNumber);
  });

  it('PTS-5: enrollment points that reach a threshold place the member in that tier at once', () => {
    if (silver === undefined) return expect.fail('tiers missing');
    const graph = run([member('rich@example.com', [{ programId: 1016, loyaltyPoints: silver.upgradeThreshold }])]);
    expect(standing(graph, FIRST, 1016).slabSNo).toBe(silver.serialNumber);
  });

  it('PTS-5: redemptions, expiry and negative adjustments never lower a tier, and adjustments do not raise one', () => {
    if (silver === undefined) return expect.fail('tiers missing');
    const graph = run([
      member('keep@example.com', [{ programId: 1016 }]),
      pointsCmd('issuePoints', FIRST, 1016, silver.upgradeThreshold, { expiresOn: JUNE }),
      pointsCmd('redeemPoints', FIRST, 1016, 10),
      pointsCmd('adjustPoints', FIRST, 1016, -10),
      expireAt(FIRST, 1016, JUNE),
    ]);
    expect(standing(graph, FIRST, 1016)).toMatchObject({ loyaltyPoints: 0, slabSNo: silver.serialNumber });
    const adjusted = run([member('adj@example.com', [{ programId: 1016 }]), pointsCmd('adjustPoints', FIRST, 1016, silver.upgradeThreshold)]);
    expect(standing(adjusted, FIRST, 1016).slabSNo).toBe(bronze?.serialNumber);
  });
});

describe('PTS-6: every tier change is kept in the tier history, answered as v1.1 slab_history', () => {
  const program = programOf(1016);
  const [bronze, silver] = program.tiers;
  const UPGRADED_AT = '2024-06-15T12:00:00+05:30';

  function history(graph: CustomerGraph): unknown {
    return must(customerGetV11(graph, { id: String(FIRST), options: ['slab_history'] })).response.customers.customer[0]?.['slab_history'];
  }

  it('PTS-6: the enrollment and each upgrade are listed, most recent first, with program, from, to, type and time', () => {
    if (bronze === undefined || silver === undefined) return expect.fail('tiers missing');
    const graph = run([
      member('h@example.com', [{ programId: 1016, tierExpiryDate: '2030-01-01T00:00:00+05:30' }]),
      pointsCmd('issuePoints', FIRST, 1016, silver.upgradeThreshold, { meta: at(UPGRADED_AT) }),
    ]);
    const entry = { store: { code: '', name: '' }, note: '', program_id: 1016, tier_expiry_date: '2030-01-01T00:00:00+05:30' };
    expect(history(graph)).toEqual({
      history: [
        { ...entry, from: bronze.name, to: silver.name, type: 'UPGRADE', changed_on: UPGRADED_AT },
        { ...entry, from: '', to: bronze.name, type: 'UPGRADE', changed_on: META.at },
      ],
    });
  });

  it('PTS-6: movements that do not change the tier add nothing to the history', () => {
    const graph = run([member('q@example.com', [{ programId: 1016 }]), pointsCmd('issuePoints', FIRST, 1016, 1), pointsCmd('redeemPoints', FIRST, 1016, 1)]);
    expect(history(graph)).toMatchObject({ history: [{ from: '', type: 'UPGRADE' }] });
    expect((history(graph) as { history: unknown[] }).history).toHaveLength(1);
  });

  it('PTS-6: each program’s changes are kept with their program id', () => {
    const [low1219, next1219] = programOf(1219).tiers;
    if (low1219 === undefined || next1219 === undefined) return expect.fail('tiers missing');
    const graph = run([
      member('two@example.com', [{ programId: 1016 }, { programId: 1219 }]),
      pointsCmd('issuePoints', FIRST, 1219, next1219.upgradeThreshold, { meta: at(UPGRADED_AT) }),
    ]);
    const lines = (history(graph) as { history: { program_id: number; from: string; to: string }[] }).history;
    expect(lines[0]).toMatchObject({ program_id: 1219, from: low1219.name, to: next1219.name });
    expect(lines.map((l) => [l.program_id, l.from, l.to])).toEqual(
      expect.arrayContaining([
        [1016, '', bronze?.name],
        [1219, '', low1219.name],
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('PTS-6: the till that caused a tier change is kept with it', () => {
    if (silver === undefined) return expect.fail('tiers missing');
    const graph = run([
      member('till@example.com', [{ programId: 1016 }]),
      pointsCmd('issuePoints', FIRST, 1016, silver.upgradeThreshold, { meta: at(UPGRADED_AT, 'rr.till') }),
    ]);
    const tiers = must(changeRequests(graph, { customerId: FIRST, changeType: 'TIER' })).data;
    expect(tiers.map((t) => [t.newValue, t.addedBy.code, t.addedOn])).toEqual([
      [silver.name, 'rr.till', UPGRADED_AT],
      [bronze?.name, META.till, META.at],
    ]);
  });
});
