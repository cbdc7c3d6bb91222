import { describe, expect, it } from 'vitest';
import { defineOrg, emptyGraph, execute, getCustomer, type RegisterCommand } from '../../src/index';
import { build, changeCmd, registerCmd } from '../support/given';
import { codeOf, FIRST, must, refusal, SECOND } from '../support/scenario';

const REGISTERED_AT = '2016-06-23T19:11:18+08:00';

/** Tom in WECHAT account 22232, registered by rr.till, with a channel, a custom field and extended fields. */
const TOM_ON_WECHAT: RegisterCommand = {
  kind: 'register',
  source: 'WECHAT',
  accountId: '22232',
  body: {
    loyaltyInfo: { loyaltyType: 'non_loyalty' },
    profiles: [
      {
        firstName: 'Tom',
        lastName: 'Sawyer',
        identifiers: [{ type: 'email', value: 'tom.sawyer@example.com' }],
        commChannels: [
          {
            type: 'wechat',
            value: 'ojOPTwFOX-aBmdRlE9MHptPjt2w19',
            primary: true,
            verified: true,
            meta: { residence: false, office: false },
          },
        ],
        fields: { 'Favorite Color': 'Green' },
      },
    ],
    extendedFields: { city: 'Bangalore', gender: 'Male' },
  },
  meta: { at: REGISTERED_AT, till: 'rr.till' },
};

const RR_TILL = { code: 'rr.till', description: '', name: 'rr.till', type: 'TILL' };

describe('GET-1: Fetch Customer Details answers the seed shape', () => {
  it('GET-1: one source account answers id, the profile with attribution, fields, identifiers, channels and conflicts, loyaltyInfo and extendedFields', () => {
    const { graph } = build([TOM_ON_WECHAT]);
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'WECHAT', accountId: '22232' }));
    expect(view).toEqual({
      id: FIRST,
      profiles: [
        {
          firstName: 'Tom',
          lastName: 'Sawyer',
          attribution: { createDate: REGISTERED_AT, createdBy: RR_TILL, modifiedBy: RR_TILL, modifiedDate: REGISTERED_AT },
          fields: { 'Favorite Color': 'Green' },
          identifiers: [{ type: 'email', value: 'tom.sawyer@example.com' }],
          commChannels: [
            {
              type: 'wechat',
              value: 'ojOPTwFOX-aBmdRlE9MHptPjt2w19',
              primary: true,
              verified: true,
              meta: { lastViewedDate: '', residence: false, office: false },
            },
          ],
          source: 'WECHAT',
          accountId: '22232',
          userId: FIRST,
          conflictingProfileList: [],
          autoUpdateTime: REGISTERED_AT,
        },
      ],
      loyaltyInfo: {
        loyaltyType: 'non_loyalty',
        attributionV2: {
          createDate: REGISTERED_AT,
          createdBy: { code: 'rr.till', name: 'rr.till' },
          modifiedBy: { code: 'rr.till', name: 'rr.till' },
          modifiedDate: REGISTERED_AT,
        },
        lifetimePurchases: 0,
      },
      segments: {},
      extendedFields: { city: 'Bangalore', gender: 'Male' },
      warnings: [],
    });
  });

  it('GET-1: a later change shows in modifiedBy, modifiedDate and autoUpdateTime while the creation stays', () => {
    const { graph } = build([TOM_ON_WECHAT]);
    const later = { at: '2016-08-12T18:50:23+08:00', till: 'demo.till' };
    const done = must(execute(graph, { ...changeCmd(FIRST, 'WECHAT', { add: [{ type: 'wechat', value: 'ray11' }] }, '22232'), meta: later }));
    const [profile] = must(getCustomer(done.graph, { customerId: FIRST, source: 'WECHAT', accountId: '22232' })).profiles;
    expect(profile?.attribution).toEqual({
      createDate: REGISTERED_AT,
      createdBy: RR_TILL,
      modifiedBy: { code: 'demo.till', description: '', name: 'Demo till', type: 'TILL' },
      modifiedDate: later.at,
    });
    expect(profile?.autoUpdateTime).toBe(later.at);
  });

  it('GET-1: source ALL answers every profile; a named account answers only its own', () => {
    const { graph } = build([
      TOM_ON_WECHAT,
      registerCmd([{ type: 'email', value: 'tom.sawyer@example.com' }], { source: 'WECHAT', accountId: '1234', firstName: 'Tommy' }),
      registerCmd([{ type: 'email', value: 'tom.sawyer@example.com' }], { firstName: 'Thomas' }),
    ]);
    const all = must(getCustomer(graph, { customerId: FIRST, source: 'ALL' }));
    expect(all.profiles.map((p) => [p.source, p.accountId, p.firstName])).toEqual([
      ['WECHAT', '22232', 'Tom'],
      ['WECHAT', '1234', 'Tommy'],
      ['INSTORE', '', 'Thomas'],
    ]);
    const other = must(getCustomer(graph, { customerId: FIRST, source: 'WECHAT', accountId: '1234' }));
    expect(other.profiles.map((p) => p.firstName)).toEqual(['Tommy']);
    const instore = must(getCustomer(graph, { customerId: FIRST, source: 'INSTORE' }));
    expect(instore.profiles.map((p) => p.firstName)).toEqual(['Thomas']);
  });

  it('GET-1: the customer-level parts (loyaltyInfo, extendedFields) are the same whichever source is asked', () => {
    const { graph } = build([TOM_ON_WECHAT, registerCmd([{ type: 'email', value: 'tom.sawyer@example.com' }])]);
    const wechat = must(getCustomer(graph, { customerId: FIRST, source: 'WECHAT', accountId: '22232' }));
    const instore = must(getCustomer(graph, { customerId: FIRST, source: 'INSTORE' }));
    expect(instore.id).toBe(wechat.id);
    expect(instore.loyaltyInfo).toEqual(wechat.loyaltyInfo);
    expect(instore.extendedFields).toEqual(wechat.extendedFields);
  });
});

describe('GET-2: unknown ids and merge victims', () => {
  it('GET-2: an unknown id is 8015', () => {
    const { graph } = build([TOM_ON_WECHAT]);
    expect(codeOf(getCustomer(graph, { customerId: 42, source: 'ALL' }))).toBe(8015);
  });

  it('GET-2: any id is 8015 in an empty graph', () => {
    const org = defineOrg({ id: 'empty', tills: [{ code: 't', password: 'p' }] })._unsafeUnwrap();
    expect(codeOf(getCustomer(emptyGraph(org)._unsafeUnwrap(), { customerId: 1, source: 'INSTORE' }))).toBe(8015);
  });

  it('GET-2: a merge victim is 8069 naming its survivor', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'alice@example.com' }]),
      registerCmd([{ type: 'wechat', value: 'wc_bob' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232'),
    ]);
    const error = refusal(getCustomer(graph, { customerId: SECOND, source: 'WECHAT', accountId: '22232' }));
    expect(error).toMatchObject({ code: 8069, survivorId: FIRST });
    expect(error.message).toContain(String(FIRST));
  });
});

describe('GET-3: the customer must have a profile in the requested source account', () => {
  it('GET-3: a source where the customer has no profile is 8065', () => {
    const { graph } = build([TOM_ON_WECHAT]);
    expect(codeOf(getCustomer(graph, { customerId: FIRST, source: 'INSTORE' }))).toBe(8065);
  });

  it('GET-3: another account of the same multi-account source is 8065', () => {
    const { graph } = build([TOM_ON_WECHAT]);
    expect(codeOf(getCustomer(graph, { customerId: FIRST, source: 'WECHAT', accountId: '1234' }))).toBe(8065);
  });
});

describe('GET-4: the source of a get', () => {
  it('GET-4: an unknown source is 8012', () => {
    const { graph } = build([TOM_ON_WECHAT]);
    expect(codeOf(getCustomer(graph, { customerId: FIRST, source: 'SHOPIFY' }))).toBe(8012);
  });

  it('GET-4: a source the org has not enabled is 8012', () => {
    const org = defineOrg({ id: 'instore-only', sources: ['INSTORE'], tills: [{ code: 'demo.till', password: 'p' }] })._unsafeUnwrap();
    const graph = must(execute(emptyGraph(org)._unsafeUnwrap(), registerCmd([{ type: 'email', value: 'a@example.com' }]))).graph;
    expect(codeOf(getCustomer(graph, { customerId: FIRST, source: 'INSTORE' }))).toBe('accepted');
    expect(codeOf(getCustomer(graph, { customerId: FIRST, source: 'MARTJACK' }))).toBe(8012);
  });

  it('GET-4: a multi-account source without account is 8045', () => {
    const { graph } = build([TOM_ON_WECHAT]);
    expect(codeOf(getCustomer(graph, { customerId: FIRST, source: 'WECHAT' }))).toBe(8045);
  });
});
