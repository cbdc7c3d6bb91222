import { describe, expect, it } from 'vitest';
import {
  customerCoupons,
  customerGetV11,
  execute,
  getSubscriptions,
  goodwillRequests,
  loyaltyDetails,
  pointsTransfers,
  type CustomerGraph,
  type ProgramDetails,
  type Subscription,
} from '../../src/index';
import { build, changeCmd, META, registerCmd } from '../support/given';
import { at, goodwillPoints, issue, issueCoupon, redeem, registerEnrolled, subscriptions, transfer } from '../support/loyalty-state';
import { FIRST, mergeCmd, must, refusal, SECOND, THIRD } from '../support/scenario';

/** Sam, the survivor to be: INSTORE, loyalty. */
const SAM = { firstName: 'Sam', identifiers: [{ type: 'email', value: 'sam@example.com' }] };
/** Vic, the victim to be: in WECHAT 22232, so a merge gives the survivor a second source profile. */
const VIC = { firstName: 'Vic', identifiers: [{ type: 'email', value: 'vic@example.com' }] };
const VIC_ON_WECHAT = { source: 'WECHAT', accountId: '22232' } as const;
/** Vic takes Sam's email in WECHAT: Vic merges into Sam (CHG-4). */
const VIC_TAKES_SAMS_EMAIL = changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'sam@example.com' }] }, '22232');

function programsOf(graph: CustomerGraph, id: number): readonly ProgramDetails[] {
  return must(loyaltyDetails(graph, { customerId: id })).data;
}

function program(graph: CustomerGraph, id: number, programId: number): ProgramDetails {
  const found = programsOf(graph, id).find((p) => p.programId === programId);
  if (found === undefined) return expect.fail(`customer ${id} is not enrolled in ${programId}`);
  return found;
}

/** The sum of balances of every program, over some customers: what a merge must conserve. */
function totalPoints(graph: CustomerGraph, ids: readonly number[]): number {
  return ids.flatMap((id) => programsOf(graph, id)).reduce((sum, p) => sum + p.loyaltyPoints, 0);
}

describe('MRG-9: a merge adds the victim points of each program into the survivor', () => {
  const setup = [
    registerEnrolled(SAM, [{ programId: 1016, loyaltyPoints: 300 }]),
    registerEnrolled(VIC, [{ programId: 1016, loyaltyPoints: 200 }, { programId: 1219, loyaltyPoints: 70 }], VIC_ON_WECHAT),
    issue(FIRST, 1016, 40),
    redeem(FIRST, 1016, 15),
    issue(SECOND, 1016, 25),
    redeem(SECOND, 1016, 5),
  ];

  it('MRG-9: each counter of a program both hold is the sum of the two, and a program only the victim holds moves over whole', () => {
    const before = build(setup).graph;
    const sam = program(before, FIRST, 1016);
    const vic = program(before, SECOND, 1016);
    const vicOther = program(before, SECOND, 1219);
    const after = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    const merged = program(after, FIRST, 1016);
    for (const counter of ['loyaltyPoints', 'lifetimePoints', 'redeemed', 'expired', 'returned', 'adjusted', 'cumulativePurchases'] as const) {
      expect(merged[counter], counter).toBe(sam[counter] + vic[counter]);
    }
    expect(program(after, FIRST, 1219)).toEqual({ ...vicOther, loyaltyId: FIRST });
  });

  it('MRG-9: no point is made or lost: the sum of balances is the same before and after the merge', () => {
    const before = build(setup).graph;
    const after = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    expect(totalPoints(after, [FIRST])).toBe(totalPoints(before, [FIRST, SECOND]));
  });

  it('MRG-9: the survivor can spend every merged point, and not one more', () => {
    const before = build(setup).graph;
    const held = program(before, FIRST, 1016).loyaltyPoints + program(before, SECOND, 1016).loyaltyPoints;
    const after = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    expect(refusal(execute(after, redeem(FIRST, 1016, held + 1))).code).toBe(1010);
    const spent = must(execute(after, redeem(FIRST, 1016, held)));
    expect(spent.response.loyaltyPoints).toBe(0);
  });

  it('MRG-9: a merge through changeIdentifier adds the points the same way as an explicit merge', () => {
    const before = build(setup).graph;
    const explicit = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    const implicit = must(execute(before, VIC_TAKES_SAMS_EMAIL)).graph;
    expect(programsOf(implicit, FIRST).map((p) => [p.programId, p.loyaltyPoints, p.lifetimePoints])).toEqual(
      programsOf(explicit, FIRST).map((p) => [p.programId, p.loyaltyPoints, p.lifetimePoints]),
    );
  });

  it('MRG-9: the victim points are no longer its own: its loyalty details answer 8069 naming the survivor', () => {
    const after = build([...setup, mergeCmd(FIRST, SECOND)]).graph;
    expect(refusal(loyaltyDetails(after, { customerId: SECOND }))).toMatchObject({ code: 8069, survivorId: FIRST });
  });
});

describe('MRG-9: a merge keeps the higher tier', () => {
  it('MRG-9: a victim in a higher tier lifts the survivor to that tier', () => {
    const { graph } = build([
      registerEnrolled(SAM, [{ programId: 1016, loyaltyPoints: 10 }]),
      registerEnrolled(VIC, [{ programId: 1016, tierNumber: 234, loyaltyPoints: 10 }], VIC_ON_WECHAT),
    ]);
    const victimTier = program(graph, SECOND, 1016);
    const after = must(execute(graph, mergeCmd(FIRST, SECOND))).graph;
    expect(program(after, FIRST, 1016)).toMatchObject({ slabSNo: victimTier.slabSNo, currentSlab: victimTier.currentSlab });
  });

  it('MRG-9: a survivor in a higher tier keeps it when a lower-tier victim merges into it', () => {
    const { graph } = build([
      registerEnrolled(SAM, [{ programId: 1219, tierNumber: 3, loyaltyPoints: 10 }]),
      registerEnrolled(VIC, [{ programId: 1219, loyaltyPoints: 10 }], VIC_ON_WECHAT),
    ]);
    const survivorTier = program(graph, FIRST, 1219);
    const after = must(execute(graph, mergeCmd(FIRST, SECOND))).graph;
    expect(program(after, FIRST, 1219)).toMatchObject({ slabSNo: survivorTier.slabSNo, currentSlab: survivorTier.currentSlab });
  });

  it('MRG-9: the tier a merge brought is kept when the merged points are later spent', () => {
    const { graph } = build([
      registerEnrolled(SAM, [{ programId: 1016, loyaltyPoints: 10 }]),
      registerEnrolled(VIC, [{ programId: 1016, tierNumber: 3, loyaltyPoints: 10 }], VIC_ON_WECHAT),
      mergeCmd(FIRST, SECOND),
      redeem(FIRST, 1016, 20),
    ]);
    expect(program(graph, FIRST, 1016).slabSNo).toBe(3);
  });

  it('MRG-9: the merged tier history holds the tier changes of both customers', () => {
    const { graph } = build([
      registerEnrolled(SAM, [{ programId: 1016 }], { meta: at('2024-01-01T10:00:00+05:30') }),
      registerEnrolled(VIC, [{ programId: 1016, tierNumber: 2 }], { ...VIC_ON_WECHAT, meta: at('2024-02-01T10:00:00+05:30') }),
    ]);
    const historyOf = (g: CustomerGraph, id: number) =>
      must(customerGetV11(g, { id: String(id), options: ['slab_history'] })).response.customers.customer[0]?.['slab_history'] as
        | { history: readonly { to: string; changed_on: string }[] }
        | undefined;
    const samBefore = historyOf(graph, FIRST)?.history ?? [];
    const vicBefore = historyOf(graph, SECOND)?.history ?? [];
    const after = must(execute(graph, mergeCmd(FIRST, SECOND))).graph;
    const merged = historyOf(after, FIRST)?.history ?? [];
    expect(merged).toEqual(expect.arrayContaining([...samBefore, ...vicBefore]));
    expect(merged.map((h) => h.to)).toContain('Silver');
  });
});

describe('MRG-9: a merge joins coupons, goodwill and transfers', () => {
  it('MRG-9: the survivor lists its own coupons and the victim coupons, and can redeem the victim one', () => {
    const before = build([
      registerCmd(SAM.identifiers, { firstName: 'Sam' }),
      registerCmd(VIC.identifiers, { firstName: 'Vic', ...VIC_ON_WECHAT }),
      issueCoupon(FIRST, 'Sam offer'),
      issueCoupon(SECOND, 'Vic offer'),
    ]).graph;
    const vicCoupon = must(customerCoupons(before, SECOND)).data[0];
    const after = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    expect(must(customerCoupons(after, FIRST)).data.map((c) => c.description).sort()).toEqual(['Sam offer', 'Vic offer']);
    const redeemed = must(execute(after, { kind: 'redeemCoupon', customerId: FIRST, couponCode: vicCoupon?.couponCode ?? '', meta: META }));
    expect(redeemed.response.coupon.description).toBe('Vic offer');
  });

  it('MRG-9: the survivor lists the victim goodwill requests beside its own', () => {
    const before = build([
      registerEnrolled(SAM, [{ programId: 1016 }]),
      registerEnrolled(VIC, [{ programId: 1016 }], VIC_ON_WECHAT),
      goodwillPoints(FIRST, 1016, 10),
      goodwillPoints(SECOND, 1016, 20),
    ]).graph;
    const ids = (g: CustomerGraph, id: number) => must(goodwillRequests(g, { customerId: id })).data.map((r) => r.requestId);
    const expected = [...ids(before, FIRST), ...ids(before, SECOND)].sort((a, b) => b - a);
    const after = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    expect(ids(after, FIRST)).toEqual(expected);
  });

  it('MRG-9: the survivor lists the victim transfers beside its own', () => {
    const before = build([
      registerEnrolled(SAM, [{ programId: 1016, loyaltyPoints: 100 }]),
      registerEnrolled(VIC, [{ programId: 1016, loyaltyPoints: 100 }], VIC_ON_WECHAT),
      registerEnrolled({ firstName: 'Tom', identifiers: [{ type: 'email', value: 'tom@example.com' }] }, [{ programId: 1016, loyaltyPoints: 100 }]),
      transfer(FIRST, THIRD, 1016, 10),
      transfer(THIRD, SECOND, 1016, 7),
    ]).graph;
    const transfersOf = (g: CustomerGraph, id: number) =>
      must(pointsTransfers(g, id)).data.map((t) => [t.transferId, t.transferType, t.pointsTransferred]);
    const expected = [...transfersOf(before, FIRST), ...transfersOf(before, SECOND)];
    const after = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    expect(transfersOf(after, FIRST)).toEqual(expected);
  });
});

describe('MRG-10: an OPTOUT on either side wins a merge', () => {
  const statusIn = (state: readonly Subscription[], channel: string, priority: string, accountId = '') =>
    state.find((s) => s.channel === channel && s.priority === priority && s.accountId === accountId)?.type;

  const people = [
    registerCmd(SAM.identifiers, { firstName: 'Sam' }),
    registerCmd(VIC.identifiers, { firstName: 'Vic', ...VIC_ON_WECHAT }),
  ];

  it('MRG-10: a survivor that opted out stays opted out when a subscribed victim merges into it', () => {
    const { graph } = build([...people, subscriptions(FIRST, [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }]), mergeCmd(FIRST, SECOND)]);
    expect(statusIn(must(getSubscriptions(graph, FIRST)).subscriptions, 'EMAIL', 'BULK')).toBe('OPTOUT');
  });

  it('MRG-10: a victim that opted out makes the survivor opted out', () => {
    const { graph } = build([...people, subscriptions(SECOND, [{ channel: 'SMS', priority: 'TRANS', type: 'OPTOUT' }]), mergeCmd(FIRST, SECOND)]);
    expect(statusIn(must(getSubscriptions(graph, FIRST)).subscriptions, 'SMS', 'TRANS')).toBe('OPTOUT');
  });

  it('MRG-10: an explicit OPTIN on the other side does not re-subscribe, whichever side opted out', () => {
    const optIn = (id: number) => subscriptions(id, [{ channel: 'ANDROID', priority: 'BULK', type: 'OPTIN' }]);
    const optOut = (id: number) => subscriptions(id, [{ channel: 'ANDROID', priority: 'BULK', type: 'OPTOUT' }]);
    const survivorOut = build([...people, optOut(FIRST), optIn(SECOND), VIC_TAKES_SAMS_EMAIL]).graph;
    const victimOut = build([...people, optIn(FIRST), optOut(SECOND), VIC_TAKES_SAMS_EMAIL]).graph;
    expect(statusIn(must(getSubscriptions(survivorOut, FIRST)).subscriptions, 'ANDROID', 'BULK')).toBe('OPTOUT');
    expect(statusIn(must(getSubscriptions(victimOut, FIRST)).subscriptions, 'ANDROID', 'BULK')).toBe('OPTOUT');
  });

  it('MRG-10: a victim opt-out of a channel outside the defaults, in an account, carries over', () => {
    const { graph } = build([
      ...people,
      subscriptions(SECOND, [{ channel: 'WECHAT', accountId: '22232', priority: 'TRANS', type: 'OPTOUT' }]),
      mergeCmd(FIRST, SECOND),
    ]);
    expect(statusIn(must(getSubscriptions(graph, FIRST)).subscriptions, 'WECHAT', 'TRANS', '22232')).toBe('OPTOUT');
  });

  it('MRG-10: where neither side opted out, the merged customer stays subscribed', () => {
    const before = build(people).graph;
    const after = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    expect(must(getSubscriptions(after, FIRST)).subscriptions).toEqual(must(getSubscriptions(before, FIRST)).subscriptions);
    expect(must(getSubscriptions(after, FIRST)).subscriptions.every((s) => s.type === 'OPTIN')).toBe(true);
  });
});
