import { describe, expect, it } from 'vitest';
import { getCustomer, getSubscriptions, loyaltyDetails, type CustomerGraph } from '../../src/index';
import { build, registerCmd } from '../support/given';
import { issue, redeem, registerEnrolled, subscriptions } from '../support/loyalty-state';
import { FIRST, must, refusal } from '../support/scenario';

/** The keys of the seed's `embed=points` sample. */
const SEED_POINTS_SUMMARY_KEYS = [
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

/** The keys of each item of the seed's `embed=mlp` sample. */
const SEED_MLP_KEYS = [...SEED_POINTS_SUMMARY_KEYS, 'programId'].sort();

/** Alice, enrolled in 1219 first and 1223 second, with some points moved, in INSTORE and WECHAT 22232. */
function alice(): CustomerGraph {
  return build([
    registerEnrolled(
      { firstName: 'Alice', identifiers: [{ type: 'email', value: 'alice@example.com' }] },
      [
        { programId: 1219, loyaltyPoints: 2500, tierExpiryDate: '2118-12-29T23:59:59+05:30' },
        { programId: 1223, loyaltyPoints: 100 },
      ],
    ),
    registerCmd([{ type: 'email', value: 'alice@example.com' }], { source: 'WECHAT', accountId: '22232' }),
    redeem(FIRST, 1219, 600),
    issue(FIRST, 1223, 300),
    subscriptions(FIRST, [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }]),
  ]).graph;
}

describe('GET-5: embed adds pointsSummary, subscriptionInfo and loyaltyProgramDetails', () => {
  it('GET-5: without embed none of the three sections is answered', () => {
    const view = must(getCustomer(alice(), { customerId: FIRST, source: 'ALL' }));
    expect(view).not.toHaveProperty('pointsSummary');
    expect(view).not.toHaveProperty('subscriptionInfo');
    expect(view).not.toHaveProperty('loyaltyProgramDetails');
  });

  it('GET-5: embed=points adds pointsSummary in the seed shape, the first program the customer enrolled in', () => {
    const graph = alice();
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['points'] }));
    const summary = view.pointsSummary;
    expect(Object.keys(summary ?? {}).sort()).toEqual(SEED_POINTS_SUMMARY_KEYS);
    const [first] = must(loyaltyDetails(graph, { customerId: FIRST, programId: 1219 })).data;
    const { programId, ...expected } = first ?? expect.fail('not enrolled');
    void programId;
    expect(summary).toEqual(expected);
    expect(view).not.toHaveProperty('subscriptionInfo');
    expect(view).not.toHaveProperty('loyaltyProgramDetails');
  });

  it('GET-5: embed=points is left out for a customer enrolled in no program', () => {
    const graph = build([registerCmd([{ type: 'email', value: 'bob@example.com' }], { loyaltyType: 'non_loyalty' })]).graph;
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['points'] }));
    expect(view).not.toHaveProperty('pointsSummary');
  });

  it('GET-5: embed=subscriptions adds subscriptionInfo, the state Retrieve Subscription Details answers', () => {
    const graph = alice();
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['subscriptions'] }));
    expect(view.subscriptionInfo).toEqual({ subscriptions: must(getSubscriptions(graph, FIRST)).subscriptions });
    expect(view.subscriptionInfo?.subscriptions.find((s) => s.channel === 'EMAIL' && s.priority === 'BULK')?.type).toBe('OPTOUT');
    expect(view).not.toHaveProperty('pointsSummary');
  });

  it('GET-5: embed=mlp adds loyaltyProgramDetails, one item per program in the seed shape', () => {
    const graph = alice();
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['mlp'] }));
    const details = view.loyaltyProgramDetails ?? [];
    expect(details.map((d) => d.programId)).toEqual([1219, 1223]);
    for (const d of details) expect(Object.keys(d).sort()).toEqual(SEED_MLP_KEYS);
    expect(details).toEqual(must(loyaltyDetails(graph, { customerId: FIRST })).data);
    expect(details.every((d) => d.loyaltyId === FIRST)).toBe(true);
  });

  it('GET-5: embed=mlp of a customer enrolled in no program is an empty list', () => {
    const graph = build([registerCmd([{ type: 'email', value: 'bob@example.com' }], { loyaltyType: 'non_loyalty' })]).graph;
    expect(must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['mlp'] })).loyaltyProgramDetails).toEqual([]);
  });

  it('GET-5: several embeds add all their sections, and a named source account gets them too', () => {
    const graph = alice();
    const all = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['points', 'subscriptions', 'mlp'] }));
    const wechat = must(getCustomer(graph, { customerId: FIRST, source: 'WECHAT', accountId: '22232', embed: ['points', 'subscriptions', 'mlp'] }));
    for (const view of [all, wechat]) {
      expect(view).toHaveProperty('pointsSummary');
      expect(view).toHaveProperty('subscriptionInfo');
      expect(view).toHaveProperty('loyaltyProgramDetails');
    }
    expect(wechat.profiles.map((p) => p.source)).toEqual(['WECHAT']);
    expect(wechat.pointsSummary).toEqual(all.pointsSummary);
  });

  it('GET-5: an embed outside points, subscriptions and mlp is 400', () => {
    const result = getCustomer(alice(), { customerId: FIRST, source: 'ALL', embed: ['usergroup' as 'points'] });
    expect(refusal(result).code).toBe(400);
  });
});
