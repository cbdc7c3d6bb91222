import { describe, expect, it } from 'vitest';
import { customerGetV11, getCustomer, loyaltyDetails, lookup, type CustomerGraph } from '../../src/index';
import { build, registerCmd } from '../support/given';
import { at, issue, registerEnrolled } from '../support/loyalty-state';
import { update } from '../support/requests';
import { FIRST, must } from '../support/scenario';

/** The first item of a v1.1 get by id, with the options given. */
function v11(graph: CustomerGraph, id: number, options: ('slab_history' | 'mlp' | 'points_summary' | 'expiry_schedule')[] = []): Record<string, unknown> {
  const [item] = must(customerGetV11(graph, { id: String(id), options })).response.customers.customer;
  return item ?? expect.fail('no item');
}

describe('FID-1, FID-3: a field two reads show reads the same in both', () => {
  it('FID-1: loyaltyInfo.lifetimePurchases is the first program\'s cumulativePurchases, as pointsSummary and v1.1 lifetime_purchases show it', () => {
    const graph = build([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'ann@example.com' }] }, [{ programId: 1219 }, { programId: 1223 }]),
      { ...issue(FIRST, 1219, 100), purchase: 2500 },
      { ...issue(FIRST, 1223, 10), purchase: 400 },
    ]).graph;
    const details = must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['points'] }));
    expect(details.loyaltyInfo.lifetimePurchases).toBe(2500);
    expect(details.pointsSummary?.cumulativePurchases).toBe(2500);
    expect(v11(graph, FIRST)['lifetime_purchases']).toBe(2500);
  });

  it('FID-1: a customer in no program has lifetimePurchases 0 in v2 and v1.1', () => {
    const graph = build([registerCmd([{ type: 'email', value: 'sub@example.com' }], { loyaltyType: 'non_loyalty' })]).graph;
    expect(must(getCustomer(graph, { customerId: FIRST, source: 'ALL' })).loyaltyInfo.lifetimePurchases).toBe(0);
    expect(v11(graph, FIRST)['lifetime_purchases']).toBe(0);
  });

  it('FID-3: slab_history starts at the tier loyalty details show, even when a command comes with an earlier time than the one before it', () => {
    // Enrolled on 2025-01-01, then points issued with a time of 2024: the upgrade is the later change.
    const graph = build([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'ann@example.com' }] }, [{ programId: 1016 }], { meta: at('2025-01-01T00:00:00Z') }),
      issue(FIRST, 1016, 1200, at('2024-05-01T10:00:00+05:30')),
    ]).graph;
    const [standing] = must(loyaltyDetails(graph, { customerId: FIRST })).data;
    const history = (v11(graph, FIRST, ['slab_history'])['slab_history'] as { history: { to: string; type: string; changed_on: string }[] }).history;
    expect(standing?.currentSlab).toBe('Silver');
    expect(history.map((h) => [h.to, h.changed_on])).toEqual([
      ['Silver', '2024-05-01T10:00:00+05:30'],
      ['Bronze', '2025-01-01T00:00:00Z'],
    ]);
  });

  it('FID-1: v1.1 mlp, points_summary and embed=mlp show each program as loyalty details does, in their own names', () => {
    const graph = build([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'ann@example.com' }] }, [
        { programId: 1219, loyaltyPoints: 2500, tierExpiryDate: '2118-12-29T23:59:59+05:30' },
        { programId: 1223, loyaltyPoints: 100 },
      ]),
    ]).graph;
    const reference = must(loyaltyDetails(graph, { customerId: FIRST })).data;
    const item = v11(graph, FIRST, ['mlp', 'points_summary']);
    expect(must(getCustomer(graph, { customerId: FIRST, source: 'ALL', embed: ['mlp'] })).loyaltyProgramDetails).toEqual(reference);
    expect(item['loyalty_programs']).toEqual(reference);
    expect((item['points_summaries'] as { points_summary: unknown[] }).points_summary).toEqual(
      reference.map((d) => ({
        program_id: d.programId,
        loyalty_points: d.loyaltyPoints,
        lifetime_points: d.lifetimePoints,
        redeemed: d.redeemed,
        expired: d.expired,
        returned: d.returned,
        adjusted: d.adjusted,
        cumulative_purchases: d.cumulativePurchases,
      })),
    );
  });
});

describe('FID-2: a customer\'s identity reads the same in v2 details, lookup and the v1.1 get', () => {
  it('FID-2: v1.1 takes names and source from the first named profile and each identifier type from the first profile holding it, as Fetch Customer Details lists them; lookup finds every identifier in its source account', () => {
    const graph = build([
      registerCmd([{ type: 'wechat', value: 'wc_ann' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
      registerCmd([{ type: 'wechat', value: 'wc_ann' }, { type: 'mobile', value: '9111111111' }, { type: 'email', value: 'Ann@Example.com' }], {
        source: 'WECHAT',
        accountId: '1234',
        firstName: 'Ann',
        lastName: 'Lee',
      }),
    ]).graph;
    const details = must(getCustomer(graph, { customerId: FIRST, source: 'ALL' }));
    expect(details.profiles.map((p) => [p.accountId, p.firstName])).toEqual([
      ['22232', ''],
      ['1234', 'Ann'],
    ]);
    const [item] = must(customerGetV11(graph, { email: 'ann@example.com', options: ['user_id'] })).response.customers.customer;
    expect(item).toMatchObject({
      user_id: FIRST,
      firstname: 'Ann',
      lastname: 'Lee',
      source: 'WECHAT',
      mobile: '919111111111',
      email: 'ann@example.com',
      external_id: '',
      type: 'LOYALTY',
      registered_on: details.loyaltyInfo.attributionV2.createDate,
      updated_on: details.loyaltyInfo.attributionV2.modifiedDate,
      registered_till: details.loyaltyInfo.attributionV2.createdBy,
    });
    expect(details.loyaltyInfo.loyaltyType).toBe('loyalty');
    for (const accountId of ['22232', '1234']) {
      expect(must(lookup(graph, { source: 'WECHAT', accountId, identifierName: 'wechat', identifierValue: 'wc_ann' })).entity).toBe(FIRST);
    }
  });
});

describe('UPD-4, PRG-2: the request fields of Update read back', () => {
  it('UPD-4: an Update\'s channel primary, verified and meta.lastViewedDate read back through Fetch Customer Details', () => {
    const graph = build([
      registerCmd([{ type: 'email', value: 'ann@example.com' }]),
      update(FIRST, 'INSTORE', {
        profiles: [{ commChannels: [{ type: 'mobilePush', value: 'push-ann', primary: false, verified: true, meta: { lastViewedDate: '2019-10-10T22:04:38+05:30', residence: true, office: false } }] }],
      }),
    ]).graph;
    const [profile] = must(getCustomer(graph, { customerId: FIRST, source: 'INSTORE' })).profiles;
    expect(profile?.commChannels).toContainEqual({
      type: 'mobilePush',
      value: 'push-ann',
      primary: false,
      verified: true,
      meta: { lastViewedDate: '2019-10-10T22:04:38+05:30', residence: true, office: false },
    });
  });

  it('PRG-2: an Update\'s loyaltyProgramEnrollments read back: tierNumber and tierExpiryDate in loyalty details, loyaltyPoints in the balance, pointsExpiryDate in the v1.1 expiry schedule', () => {
    const graph = build([
      registerCmd([{ type: 'email', value: 'ann@example.com' }]),
      update(FIRST, 'INSTORE', {
        loyaltyProgramEnrollments: [{ programId: 1219, tierNumber: 2, loyaltyPoints: 70, tierExpiryDate: '2118-12-29T23:59:59+05:30', pointsExpiryDate: '2030-01-01T00:00:00+05:30' }],
      }),
    ]).graph;
    const [standing] = must(loyaltyDetails(graph, { customerId: FIRST })).data;
    expect(standing).toMatchObject({ programId: 1219, slabSNo: 2, slabExpiryDate: '2118-12-29T23:59:59+05:30', loyaltyPoints: 70, lifetimePoints: 70 });
    expect((v11(graph, FIRST, ['expiry_schedule'])['expiry_schedule'] as { schedule: unknown[] }).schedule).toEqual([
      { program_id: 1219, points: 70, expiry_date: '2030-01-01T00:00:00+05:30' },
    ]);
  });
});
