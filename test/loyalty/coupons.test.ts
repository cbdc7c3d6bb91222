import { describe, expect, it } from 'vitest';
import {
  customerCoupons,
  DEFAULT_ORG_CONFIG,
  defaultOrg,
  defineOrg,
  emptyGraph,
  evolveAll,
  execute,
  graphSnapshot,
  type Command,
  type RedeemCouponCommand,
} from '../../src/index';
import { build, given, META, registerCmd } from '../support/given';
import { at, balanceOf, issueCouponCmd, member, offer, orgWith, standing, step } from '../support/loyalty';
import { register, run } from '../support/requests';
import { FIRST, mergeCmd, must, refusal, SECOND } from '../support/scenario';

/** The keys of a coupon side effect in the seed's Register sample response, `type` aside. */
const COUPON_FIELDS = ['couponCode', 'couponType', 'description', 'discountCode', 'id', 'trimmedCouponCode', 'validTill'];

/** The seed's sample offer: "Test Offer 20", valid till 2120-02-11T23:59:59Z. */
const TEST_OFFER_20 = { description: 'Test Offer 20', validTill: '2120-02-11T23:59:59Z' };

function redeemCmd(customerId: number, couponCode: string, time: string = META.at): RedeemCouponCommand {
  return { kind: 'redeemCoupon', customerId, couponCode, meta: at(time) };
}

function codesOf(graph: Parameters<typeof customerCoupons>[0], id: number): string[] {
  return must(customerCoupons(graph, id)).data.map((c) => c.couponCode);
}

describe('CPN-1: coupons are issued from an offer and listed with the seed’s side-effect fields and their redemption', () => {
  it('CPN-1: an issued coupon carries the offer’s description, type, discount code and validTill, with defaults PE and NO_VALUE', () => {
    const done = step(run([member('c@example.com')]), issueCouponCmd(FIRST, TEST_OFFER_20));
    expect(done.response).toEqual({
      success: true,
      coupon: expect.objectContaining({
        description: 'Test Offer 20',
        couponType: 'PE',
        discountCode: 'NO_VALUE',
        validTill: '2120-02-11T23:59:59Z',
        redeemedOn: null,
      }),
      warnings: [],
    });
    expect(done.response.coupon.trimmedCouponCode).toBe(done.response.coupon.couponCode);
  });

  it('CPN-1: Get Customer Coupons lists each coupon with the seed’s fields, who issued it and whether it is redeemed', () => {
    const series = { description: 'Ten off', couponType: 'DVS', discountCode: 'TEN', validTill: '2030-01-01T00:00:00+05:30' };
    const issued = step(run([member('c@example.com')]), issueCouponCmd(FIRST, series, at('2024-05-02T09:00:00+05:30', 'rr.till')));
    const listed = must(customerCoupons(issued.graph, FIRST));
    expect(listed.warnings).toEqual([]);
    expect(listed.errors).toEqual([]);
    expect(listed.data).toEqual([
      {
        id: issued.response.coupon.id,
        couponType: 'DVS',
        couponCode: issued.response.coupon.couponCode,
        trimmedCouponCode: issued.response.coupon.couponCode,
        validTill: series.validTill,
        description: 'Ten off',
        discountCode: 'TEN',
        issuedOn: '2024-05-02T09:00:00+05:30',
        issuedBy: 'rr.till',
        redeemed: false,
        redeemedOn: null,
      },
    ]);
    for (const field of COUPON_FIELDS) expect(listed.data[0]).toHaveProperty(field);
  });

  it('CPN-1: a redeemed coupon is listed as redeemed, with the time of its redemption', () => {
    const issued = step(run([member('c@example.com')]), issueCouponCmd(FIRST, TEST_OFFER_20));
    const redeemed = step(issued.graph, redeemCmd(FIRST, issued.response.coupon.couponCode, '2024-06-01T08:00:00+05:30'));
    expect(redeemed.response.coupon.redeemedOn).toBe('2024-06-01T08:00:00+05:30');
    expect(must(customerCoupons(redeemed.graph, FIRST)).data[0]).toMatchObject({ redeemed: true, redeemedOn: '2024-06-01T08:00:00+05:30' });
  });

  it('CPN-1: an offer whose validTill is not an ISO date-time is 400 naming series.validTill', () => {
    const graph = run([member('c@example.com')]);
    expect(refusal(execute(graph, issueCouponCmd(FIRST, offer('Bad', '11-02-2120'))))).toMatchObject({ code: 400, path: ['series', 'validTill'] });
  });

  it('CPN-1: coupons are issued only to live customers: unknown 8015, merge victim 8069', () => {
    const { events, graph } = build([member('s@example.com'), member('v@example.com'), mergeCmd(FIRST, SECOND)]);
    given(events).when(issueCouponCmd(7, TEST_OFFER_20)).fails(8015);
    expect(refusal(execute(graph, issueCouponCmd(SECOND, TEST_OFFER_20)))).toMatchObject({ code: 8069, survivorId: FIRST });
    expect(refusal(customerCoupons(graph, 7)).code).toBe(8015);
  });
});

describe('CPN-2: coupon codes are derived from coupon ids by a fixed bijection', () => {
  const ISSUES: Command[] = [member('c@example.com'), member('d@example.com')];
  for (let i = 0; i < 60; i++) ISSUES.push(issueCouponCmd(i % 2 === 0 ? FIRST : SECOND, offer(`Offer ${i}`)));

  it('CPN-2: every coupon gets its own eight-character code, and distinct ids give distinct codes', () => {
    const graph = run(ISSUES);
    const coupons = [FIRST, SECOND].flatMap((id) => must(customerCoupons(graph, id)).data);
    expect(coupons).toHaveLength(60);
    expect(new Set(coupons.map((c) => c.id)).size).toBe(60);
    expect(new Set(coupons.map((c) => c.couponCode)).size).toBe(60);
    for (const c of coupons) expect(c.couponCode).toMatch(/^[A-Z0-9]{8}$/);
  });

  it('CPN-2: codes are deterministic: running the same commands again, or replaying the events, gives the same codes', () => {
    const first = build(ISSUES);
    const again = build(ISSUES);
    expect(codesOf(again.graph, FIRST)).toEqual(codesOf(first.graph, FIRST));
    const replayed = evolveAll(emptyGraph(defaultOrg())._unsafeUnwrap(), first.events)._unsafeUnwrap();
    expect(graphSnapshot(replayed)._unsafeUnwrap()).toEqual(graphSnapshot(first.graph)._unsafeUnwrap());
    expect(codesOf(replayed, SECOND)).toEqual(codesOf(first.graph, SECOND));
  });

  it('CPN-2: the code depends on the coupon id alone, not on the customer, the offer or the org', () => {
    const a = step(run([member('a@example.com')]), issueCouponCmd(FIRST, offer('Alpha')));
    const other = orgWith({ id: 'other' });
    const b = step(run([registerCmd([{ type: 'mobile', value: '9876543210' }], { firstName: 'B' })], other), issueCouponCmd(FIRST, offer('Beta', '2031-01-01T00:00:00Z')));
    expect(b.response.coupon.id).toBe(a.response.coupon.id);
    expect(b.response.coupon.couponCode).toBe(a.response.coupon.couponCode);
  });

  it('CPN-2, ARC-1: a coupon’s id is the next id of the graph’s coupon counter, whatever the event count', () => {
    const graph = run([member('c@example.com'), member('d@example.com')]);
    expect(graph.nextCouponId).toBe(1);
    const first = must(execute(graph, issueCouponCmd(FIRST, TEST_OFFER_20)));
    expect(first.response.coupon.id).toBe(1);
    expect(first.graph.nextCouponId).toBe(2);
    const second = must(execute(first.graph, issueCouponCmd(SECOND, TEST_OFFER_20)));
    expect(second.response.coupon.id).toBe(2);
    expect(second.response.coupon.couponCode).not.toBe(first.response.coupon.couponCode);
  });
});

describe('CPN-3: a coupon is redeemed once, before its validTill; anything else is 400', () => {
  const issued = step(run([member('c@example.com'), member('d@example.com')]), issueCouponCmd(FIRST, offer('Once', '2024-12-31T23:59:59+05:30')));
  const code = issued.response.coupon.couponCode;

  it('CPN-3: the holder redeems a valid coupon once; the decision is one CouponRedeemed event', () => {
    const done = must(execute(issued.graph, redeemCmd(FIRST, code)));
    expect(done.events.map((e) => e.kind)).toEqual(['CouponRedeemed']);
    expect(done.response.coupon).toMatchObject({ couponCode: code, redeemedOn: META.at, redeemedBy: META.till });
  });

  it('CPN-3: a second redemption is 400 naming couponCode', () => {
    const once = step(issued.graph, redeemCmd(FIRST, code)).graph;
    expect(refusal(execute(once, redeemCmd(FIRST, code)))).toMatchObject({ code: 400, path: ['couponCode'] });
  });

  it('CPN-3: a redemption after validTill is 400 naming couponCode; up to validTill it is accepted', () => {
    expect(refusal(execute(issued.graph, redeemCmd(FIRST, code, '2025-01-01T00:00:00+05:30')))).toMatchObject({
      code: 400,
      path: ['couponCode'],
    });
    expect(execute(issued.graph, redeemCmd(FIRST, code, '2024-12-31T23:59:59+05:30')).isOk()).toBe(true);
  });

  it('CPN-3: an unknown code, or another customer’s code, is 400 naming couponCode', () => {
    expect(refusal(execute(issued.graph, redeemCmd(FIRST, 'ZZZZZZZZ')))).toMatchObject({ code: 400, path: ['couponCode'] });
    expect(refusal(execute(issued.graph, redeemCmd(SECOND, code)))).toMatchObject({ code: 400, path: ['couponCode'] });
  });

  it('CPN-3: the code is read as the customer types it: surrounding spaces and lower case find the coupon', () => {
    expect(execute(issued.graph, redeemCmd(FIRST, ` ${code.toLowerCase()} `)).isOk()).toBe(true);
  });
});

describe('RWD-1: an org’s registration reward awards points and a coupon, reported as sideEffects', () => {
  const REWARDING = must(
    defineOrg({
      ...DEFAULT_ORG_CONFIG,
      id: 'rewarding',
      registrationReward: { points: { programId: 1016, points: 100 }, coupon: TEST_OFFER_20 },
    }),
  );

  it('RWD-1: a registration answers the seed’s sideEffects: the awarded points, then the coupon', () => {
    const done = must(execute(emptyGraph(REWARDING)._unsafeUnwrap(), register('INSTORE', { identifiers: [{ type: 'email', value: 'new@example.com' }] })));
    const [points, coupon] = done.response.sideEffects;
    expect(points).toEqual({ type: 'points', awardedPoints: 100 });
    expect(coupon).toMatchObject({
      type: 'coupon',
      couponType: 'PE',
      validTill: '2120-02-11T23:59:59Z',
      description: 'Test Offer 20',
      discountCode: 'NO_VALUE',
    });
    expect(Object.keys(coupon ?? {}).sort()).toEqual([...COUPON_FIELDS, 'type'].sort());
    expect(done.response.sideEffects).toHaveLength(2);
  });

  it('RWD-1: the customer is enrolled in the reward’s program with the points, and holds the coupon the answer names', () => {
    const done = must(execute(emptyGraph(REWARDING)._unsafeUnwrap(), register('INSTORE', { identifiers: [{ type: 'email', value: 'new@example.com' }] })));
    const id = done.response.createdId;
    expect(standing(done.graph, id, 1016)).toMatchObject({ loyaltyPoints: 100, lifetimePoints: 100 });
    const coupon = done.response.sideEffects.find((s) => s.type === 'coupon');
    if (coupon?.type !== 'coupon') return expect.fail('no coupon side effect');
    const held = must(customerCoupons(done.graph, id)).data;
    expect(held.map((c) => [c.id, c.couponCode, c.trimmedCouponCode])).toEqual([[coupon.id, coupon.couponCode, coupon.trimmedCouponCode]]);
  });

  it('RWD-1: a customer enrolled by the same request keeps its enrollment tier and points, and gains the reward', () => {
    const graph = run([member('tier@example.com', [{ programId: 1016, tierNumber: 3, loyaltyPoints: 40 }])], REWARDING);
    expect(standing(graph, FIRST, 1016)).toMatchObject({ slabSNo: 3, loyaltyPoints: 140 });
  });

  it('RWD-1: a registration that combines into an existing customer is rewarded too, beside warning 8050', () => {
    const first = run([register('INSTORE', { identifiers: [{ type: 'email', value: 'tom@example.com' }] })], REWARDING);
    const combine = must(
      execute(first, register('WECHAT', { identifiers: [{ type: 'email', value: 'tom@example.com' }] }, { accountId: '22232' })),
    );
    expect(combine.response.createdId).toBe(FIRST);
    expect(combine.response.warnings.map((w) => w.code)).toEqual([8050]);
    expect(combine.response.sideEffects.map((s) => s.type)).toEqual(['points', 'coupon']);
    expect(balanceOf(combine.graph, FIRST, 1016)).toBe(200);
    expect(must(customerCoupons(combine.graph, FIRST)).data).toHaveLength(2);
  });

  it('RWD-1: the default org rewards nothing: sideEffects is empty and no program is enrolled', () => {
    const done = must(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), register('INSTORE', { identifiers: [{ type: 'email', value: 'n@example.com' }] })));
    expect(done.response.sideEffects).toEqual([]);
    expect(must(customerCoupons(done.graph, FIRST)).data).toEqual([]);
  });

  it('RWD-1: an org that rewards only a coupon reports only the coupon', () => {
    const couponOnly = orgWith({ registrationReward: { coupon: TEST_OFFER_20 } });
    const done = must(execute(emptyGraph(couponOnly)._unsafeUnwrap(), register('INSTORE', { identifiers: [{ type: 'email', value: 'n@example.com' }] })));
    expect(done.response.sideEffects.map((s) => s.type)).toEqual(['coupon']);
  });

  it('RWD-1: a refused registration rewards nothing: the decision is the error, without events', () => {
    const tom = register('INSTORE', { identifiers: [{ type: 'email', value: 'tom@example.com' }] });
    const { events } = build([tom], REWARDING);
    given(events, REWARDING).when(tom).fails(1014);
  });

  it('RWD-1: a reward for a program the org does not have is refused when the org is defined (400 naming the field)', () => {
    const bad = defineOrg({ ...DEFAULT_ORG_CONFIG, registrationReward: { points: { programId: 4242, points: 5 } } });
    expect(refusal(bad)).toMatchObject({ code: 400, path: ['org', 'registrationReward', 'points', 'programId'] });
  });

  it('RWD-1: a reward coupon whose validTill is not an ISO date-time is refused when the org is defined (400 naming the field)', () => {
    const bad = defineOrg({ ...DEFAULT_ORG_CONFIG, registrationReward: { coupon: { description: 'Forever', validTill: 'whenever' } } });
    expect(refusal(bad)).toMatchObject({ code: 400, path: ['org', 'registrationReward', 'coupon', 'validTill'] });
  });
});
