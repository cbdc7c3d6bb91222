import { describe, expect, it } from 'vitest';
import { execute } from '../../src/index';
import { customerId, tillCode } from '../../src/kernel/ids';
import { build, changeCmd, given, META, registerCmd } from '../support/given';
import { accepted, detailsOf, holderOf, merge, profileOf, refused, run, update } from '../support/requests';

const TILL = tillCode(META.till);
const CHANNEL_META = { lastViewedDate: '', residence: false, office: false };

const TOM = registerCmd([{ type: 'email', value: 'tom@example.com' }], { firstName: 'Tom', lastName: 'Sawyer' });
const TOM_WECHAT = registerCmd([{ type: 'email', value: 'tom@example.com' }, { type: 'wechat', value: 'wc_tom' }], {
  source: 'WECHAT',
  accountId: '22232',
  firstName: 'Tom',
});
const SUBSCRIBER = registerCmd([{ type: 'email', value: 'sub@example.com' }], { loyaltyType: 'non_loyalty' });

describe('UPD-1: update changes names, channels, custom fields of one profile and extended fields', () => {
  it('UPD-1: the decision is one CustomerUpdated event for the addressed source profile', () => {
    given(build([TOM]).events)
      .when(
        update(1, 'INSTORE', {
          profiles: [
            {
              firstName: 'Thomas',
              lastName: 'Sawyer Jr',
              commChannels: [{ type: 'email', value: 'Tom@Example.com', primary: true }],
              fields: { city: 'Hannibal' },
            },
          ],
          extendedFields: { nationality: 'American' },
        }),
      )
      .then({
        kind: 'CustomerUpdated',
        customerId: customerId(1),
        source: 'INSTORE',
        accountId: '',
        firstName: 'Thomas',
        lastName: 'Sawyer Jr',
        commChannels: [{ type: 'email', value: 'tom@example.com', primary: true, verified: false, meta: CHANNEL_META }],
        fields: { city: 'Hannibal' },
        extendedFields: { nationality: 'American' },
        loyaltyType: 'loyalty',
        at: META.at,
        till: TILL,
      });
  });

  it('UPD-1: the answer is createdId (the customer) and warnings, and Fetch Customer Details shows the change', () => {
    const done = accepted(
      execute(
        run([TOM]),
        update(1, 'INSTORE', {
          profiles: [{ firstName: 'Thomas', lastName: 'S.', fields: { employee: 'false' } }],
          extendedFields: { city: 'St. Petersburg' },
        }),
      ),
    );
    expect(done.response).toEqual({ createdId: 1, warnings: [] });
    const profile = profileOf(done.graph, 1, 'INSTORE');
    expect([profile.firstName, profile.lastName, { ...profile.fields }]).toEqual(['Thomas', 'S.', { employee: 'false' }]);
    expect({ ...detailsOf(done.graph, 1).extendedFields }).toEqual({ city: 'St. Petersburg' });
  });

  it('UPD-1: names not sent are kept', () => {
    const graph = run([TOM, update(1, 'INSTORE', { profiles: [{ firstName: 'Thomas' }] })]);
    expect(profileOf(graph, 1, 'INSTORE')).toMatchObject({ firstName: 'Thomas', lastName: 'Sawyer' });
  });

  it('UPD-1: only the addressed source profile changes', () => {
    const graph = run([TOM, TOM_WECHAT, update(1, 'WECHAT', { profiles: [{ firstName: 'Tommy' }] }, { accountId: '22232' })]);
    expect(profileOf(graph, 1, 'INSTORE').firstName).toBe('Tom');
    expect(profileOf(graph, 1, 'WECHAT', '22232').firstName).toBe('Tommy');
  });
});

describe('UPD-2: update never changes identifiers or the source', () => {
  it('UPD-2: identifiers in the body are ignored: the profile keeps its own and the new ones find nobody', () => {
    const done = accepted(
      execute(
        run([TOM]),
        update(1, 'INSTORE', {
          profiles: [{ firstName: 'Thomas', identifiers: [{ type: 'mobile', value: 919111111111 }, { type: 'email', value: 'other@example.com' }] }],
        }),
      ),
    );
    expect(done.response).toEqual({ createdId: 1, warnings: [] });
    expect(profileOf(done.graph, 1, 'INSTORE').identifiers).toEqual([{ type: 'email', value: 'tom@example.com' }]);
    expect(holderOf(done.graph, 'mobile', '919111111111')).toBe(8015);
    expect(holderOf(done.graph, 'email', 'tom@example.com', 'INSTORE')).toBe(1);
  });

  it('UPD-2: even invalid identifiers in the body are ignored, not refused', () => {
    given(build([TOM]).events)
      .when(update(1, 'INSTORE', { profiles: [{ identifiers: [{ type: 'phone', value: 'null' }] }] }))
      .accepted();
  });

  it("UPD-2: a profile naming another source does not move the customer's profile", () => {
    const graph = run([
      TOM,
      update(1, 'INSTORE', { profiles: [{ source: 'WEBSITE', firstName: 'Web' }, { firstName: 'Thomas' }] }),
    ]);
    expect(detailsOf(graph, 1).profiles.map((p) => [p.source, p.firstName])).toEqual([['INSTORE', 'Thomas']]);
  });
});

describe('UPD-3: loyalty only upgrades', () => {
  it('UPD-3: non_loyalty to loyalty is allowed', () => {
    const graph = run([SUBSCRIBER, update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'loyalty' } })]);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('UPD-3: loyalty to non_loyalty is 1046', () => {
    given(build([TOM]).events).when(update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'non_loyalty' } })).fails(1046);
  });

  it('UPD-3: loyalty to loyalty and non_loyalty to non_loyalty change nothing', () => {
    const graph = run([
      TOM,
      registerCmd([{ type: 'email', value: 'sub@example.com' }], { loyaltyType: 'non_loyalty' }),
      update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'loyalty' } }),
      update(2, 'INSTORE', { loyaltyInfo: { loyaltyType: 'non_loyalty' } }),
    ]);
    expect([detailsOf(graph, 1).loyaltyInfo.loyaltyType, detailsOf(graph, 2).loyaltyInfo.loyaltyType]).toEqual(['loyalty', 'non_loyalty']);
  });

  it('UPD-3: an update without loyaltyInfo keeps the loyalty type', () => {
    const graph = run([SUBSCRIBER, update(1, 'INSTORE', { profiles: [{ firstName: 'Sue' }] })]);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('non_loyalty');
  });

  it('UPD-3: another loyalty type on update is 400', () => {
    given(build([SUBSCRIBER]).events).when(update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'gold' } })).fails(400);
  });
});

describe('UPD-4: channels replace those of the same type; fields are set key by key', () => {
  const WITH_CHANNELS = registerCmd([{ type: 'email', value: 'tom@example.com' }], { firstName: 'Tom' });

  it('UPD-4: a channel replaces the channels of its type and the other types are kept', () => {
    const graph = run([
      WITH_CHANNELS,
      update(1, 'INSTORE', {
        profiles: [
          {
            commChannels: [
              { type: 'mobile', value: '9111111111' },
              { type: 'email', value: 'tom@example.com' },
            ],
          },
        ],
      }),
      update(1, 'INSTORE', { profiles: [{ commChannels: [{ type: 'email', value: 'tom.s@example.com', primary: true }] }] }),
    ]);
    expect(profileOf(graph, 1, 'INSTORE').commChannels.map((c) => [c.type, c.value, c.primary])).toEqual([
      ['mobile', '919111111111', false],
      ['email', 'tom.s@example.com', true],
    ]);
  });

  it('UPD-4: an update without channels keeps every channel', () => {
    const graph = run([
      WITH_CHANNELS,
      update(1, 'INSTORE', { profiles: [{ commChannels: [{ type: 'wechat', value: 'wc_tom' }] }] }),
      update(1, 'INSTORE', { profiles: [{ firstName: 'Thomas' }] }),
    ]);
    expect(profileOf(graph, 1, 'INSTORE').commChannels.map((c) => c.value)).toEqual(['wc_tom']);
  });

  it('UPD-4: custom fields are set key by key, the others kept', () => {
    const graph = run([
      registerCmd([{ type: 'email', value: 'tom@example.com' }], { fields: { city: 'Hannibal', employee: 'true' } }),
      update(1, 'INSTORE', { profiles: [{ fields: { city: 'St. Louis', gender: 'Male' } }] }),
    ]);
    expect({ ...profileOf(graph, 1, 'INSTORE').fields }).toEqual({ city: 'St. Louis', employee: 'true', gender: 'Male' });
  });

  it('UPD-4: extended fields are set key by key, the others kept', () => {
    const graph = run([
      registerCmd([{ type: 'email', value: 'tom@example.com' }], { extendedFields: { gender: 'Male', city: 'Hannibal' } }),
      update(1, 'INSTORE', { extendedFields: { city: 'St. Louis', religion: 'None' } }),
    ]);
    expect({ ...detailsOf(graph, 1).extendedFields }).toEqual({ gender: 'Male', city: 'St. Louis', religion: 'None' });
  });
});

describe('UPD-5: update of an unknown id, a merge victim, or a source account without profile', () => {
  it('UPD-5: an unknown id is 8015', () => {
    given(build([TOM]).events).when(update(99, 'INSTORE', { profiles: [{ firstName: 'X' }] })).fails(8015);
  });

  it('UPD-5: a merge victim is 8069 naming its survivor', () => {
    const graph = run([TOM, registerCmd([{ type: 'email', value: 'ann@example.com' }]), merge(1, 2)]);
    const error = refused(execute(graph, update(2, 'INSTORE', { profiles: [{ firstName: 'Ann' }] })));
    expect(error).toMatchObject({ code: 8069, survivorId: 1 });
    expect(error.message).toContain('1');
  });

  it('UPD-5: a victim of a victim names the live survivor at the end of the chain', () => {
    const graph = run([
      TOM,
      registerCmd([{ type: 'email', value: 'ann@example.com' }]),
      registerCmd([{ type: 'email', value: 'bea@example.com' }]),
      merge(2, 3),
      merge(1, 2),
    ]);
    expect(refused(execute(graph, update(3, 'INSTORE', { profiles: [{ firstName: 'Bea' }] })))).toMatchObject({ code: 8069, survivorId: 1 });
  });

  it('UPD-5: a source account where the customer has no profile is 8065, and no profile is created', () => {
    const graph = run([TOM]);
    expect(refused(execute(graph, update(1, 'WEBSITE', { profiles: [{ firstName: 'Web' }] }))).code).toBe(8065);
    expect(refused(execute(graph, update(1, 'WECHAT', { profiles: [{ firstName: 'Wc' }] }, { accountId: '22232' }))).code).toBe(8065);
    expect(detailsOf(graph, 1).profiles.map((p) => p.source)).toEqual(['INSTORE']);
  });

  it('UPD-5: another account of a source where the customer has a profile is 8065', () => {
    given(build([TOM, TOM_WECHAT]).events).when(update(1, 'WECHAT', { profiles: [{ firstName: 'X' }] }, { accountId: '1234' })).fails(8065);
  });
});

describe('LOY-1: once loyalty, always loyalty', () => {
  it('LOY-1: no update turns a loyalty customer into a non-loyalty one (1046), and the graph keeps it loyalty', () => {
    const graph = run([TOM]);
    expect(refused(execute(graph, update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'non_loyalty' } }))).code).toBe(1046);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('LOY-1: a non-loyalty registration combined into a loyalty customer leaves it loyalty', () => {
    const graph = run([
      TOM,
      registerCmd([{ type: 'email', value: 'tom@example.com' }, { type: 'wechat', value: 'wc_tom' }], {
        source: 'WECHAT',
        accountId: '22232',
        loyaltyType: 'non_loyalty',
      }),
    ]);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('LOY-1: a loyalty victim merged into a non-loyalty survivor makes the survivor loyalty', () => {
    const graph = run([SUBSCRIBER, TOM, merge(1, 2)]);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('LOY-1: a loyalty customer that becomes the victim of a non-loyalty one through changeIdentifier keeps the survivor loyalty', () => {
    const graph = run([
      SUBSCRIBER,
      registerCmd([{ type: 'email', value: 'tom@example.com' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'loyalty' }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'sub@example.com' }] }, '22232'),
    ]);
    expect(refused(execute(graph, update(2, 'INSTORE', {}))).code).toBe(8069);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('LOY-1: an update that upgrades and then one that tries to downgrade: the customer stays loyalty', () => {
    const graph = run([SUBSCRIBER, update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'loyalty' } })]);
    expect(refused(execute(graph, update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'non_loyalty' } }))).code).toBe(1046);
  });
});
