import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ORG_CONFIG,
  defineOrg,
  execute,
  getCustomer,
  graphSnapshot,
  IDENTIFIER_TYPES,
  type CustomerGraph,
  type IdentifierType,
  type CustomerRegistered,
  decide,
  defaultOrg,
  emptyGraph,
  evolve,
} from '../../src/index';
import { build, changeCmd, given, registerCmd } from '../support/given';
import { indexContents } from '../../src/graph/contents';
import { holdersOf } from '../../src/graph/reader';
import { sourceAccountKey } from '../../src/org/sources';
import { accepted, detailsOf, holderOf, profileOf, refused, register, run } from '../support/requests';

const SEED_TYPES = [
  'mobile',
  'email',
  'externalId',
  'wechat',
  'martjackId',
  'fbId',
  'tmall_uname',
  'cuid',
  'ali_uname',
  'jd_uname',
  'vip_uname',
  'line',
  'mobilePush',
];

const ALICE = registerCmd([{ type: 'email', value: 'alice@example.com' }]);

describe('IDN-1: identifier types are the seed types', () => {
  it('IDN-1: the thirteen types of the seed are the identifier types', () => {
    expect([...IDENTIFIER_TYPES].sort()).toEqual([...SEED_TYPES].sort());
  });

  it('IDN-1: a customer can be registered by each type alone (non-loyalty)', () => {
    for (const type of SEED_TYPES) {
      const value = type === 'mobile' ? '9111111111' : type === 'email' ? 'a@example.com' : 'id_1';
      given().when(registerCmd([{ type, value }], { loyaltyType: 'non_loyalty' })).accepted();
    }
  });

  it('IDN-1: another type on register is 1104, even beside a valid identifier', () => {
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }, { type: 'phone', value: '9111111111' }])).fails(1104);
  });

  it('IDN-1: type names are exact: Email is not email (1104)', () => {
    given().when(registerCmd([{ type: 'Email', value: 'a@example.com' }])).fails(1104);
  });

  it('IDN-1: another type on changeIdentifier is 1104', () => {
    given(build([ALICE]).events).when(changeCmd(1, 'INSTORE', { add: [{ type: 'twitter', value: '@alice' }] })).fails(1104);
  });

  it('IDN-1: another type on lookup is 8013', () => {
    const graph = run([ALICE]);
    expect(holderOf(graph, 'emailAddress', 'alice@example.com')).toBe(8013);
  });
});

describe('IDN-2: values are normalised before they are compared', () => {
  it('IDN-2: email is case-insensitive and kept lower-cased', () => {
    const graph = run([registerCmd([{ type: 'email', value: '  Alice@Example.COM ' }])]);
    expect(profileOf(graph, 1, 'INSTORE').identifiers).toEqual([{ type: 'email', value: 'alice@example.com' }]);
    // Alice already holds it: the same person again (1014); beside a new mobile, the email collides (1016).
    expect(refused(execute(graph, registerCmd([{ type: 'email', value: 'ALICE@example.com' }]))).code).toBe(1014);
    expect(refused(execute(graph, registerCmd([{ type: 'mobile', value: '9111111111' }, { type: 'email', value: 'ALICE@example.com' }]))).code).toBe(1016);
  });

  it("IDN-2: a national mobile gets the org's country code, and every spelling of it is the same number", () => {
    const graph = run([registerCmd([{ type: 'mobile', value: '9111111111' }])]);
    expect(profileOf(graph, 1, 'INSTORE').identifiers).toEqual([{ type: 'mobile', value: '919111111111' }]);
    for (const spelling of ['919111111111', '+91 91111 11111', '0091-9111-111-111', '(91) 9111111111']) {
      expect(refused(execute(graph, registerCmd([{ type: 'email', value: 'b@example.com' }, { type: 'mobile', value: spelling }]))).code).toBe(1032);
    }
  });

  it("IDN-2: the country code is the org's: another org puts its own before a national number", () => {
    const org = accepted(
      defineOrg({ ...DEFAULT_ORG_CONFIG, id: 'sg', identifiers: { defaultCountryCode: '65', nationalMobileLength: 8 } }),
    );
    const graph = run([registerCmd([{ type: 'mobile', value: '91234567' }])], org);
    expect(profileOf(graph, 1, 'INSTORE').identifiers).toEqual([{ type: 'mobile', value: '6591234567' }]);
  });

  it('IDN-2: a number is read as its digits', () => {
    const graph = run([registerCmd([{ type: 'mobile', value: 919111111111 }, { type: 'externalId', value: 42 }])]);
    expect(profileOf(graph, 1, 'INSTORE').identifiers).toEqual([
      { type: 'mobile', value: '919111111111' },
      { type: 'externalId', value: '42' },
    ]);
    expect(refused(execute(graph, registerCmd([{ type: 'email', value: 'b@example.com' }, { type: 'externalId', value: '42' }]))).code).toBe(1033);
  });

  it('IDN-2: other identifiers are trimmed and otherwise kept as given (case-sensitive)', () => {
    const graph = run([registerCmd([{ type: 'wechat', value: '  wc_Tom ' }], { loyaltyType: 'non_loyalty' })]);
    expect(profileOf(graph, 1, 'INSTORE').identifiers).toEqual([{ type: 'wechat', value: 'wc_Tom' }]);
    expect(refused(execute(graph, registerCmd([{ type: 'wechat', value: 'wc_Tom' }], { loyaltyType: 'non_loyalty' }))).code).toBe(1014);
    expect(accepted(execute(graph, register('INSTORE', { identifiers: [{ type: 'wechat', value: 'WC_TOM' }] }, { loyaltyType: 'non_loyalty' }))).response.createdId).toBe(2);
  });

  it('IDN-2: lookup reads values the same way: another case of the email finds the customer', () => {
    const graph = run([registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9111111111' }])]);
    expect(holderOf(graph, 'email', 'ALICE@EXAMPLE.COM')).toBe(1);
    expect(holderOf(graph, 'mobile', '+91 9111111111')).toBe(1);
  });
});

describe('IDN-3: blocked values never link anyone', () => {
  const DEFAULT_BLOCKED = ['null', 'undefined', 'nil', 'none', 'n/a', 'na', 'anonymous', 'unknown', 'test', '-1'];

  it('IDN-3: every value of the default list is refused, in any case and with spaces around', () => {
    for (const value of DEFAULT_BLOCKED) {
      for (const spelling of [value, value.toUpperCase(), ` ${value} `]) {
        given().when(registerCmd([{ type: 'externalId', value: spelling }])).fails(1003);
      }
    }
  });

  it('IDN-3: all-zero numbers are refused, as text or as numbers', () => {
    given().when(registerCmd([{ type: 'mobile', value: '0000000000' }])).fails(1001);
    given().when(registerCmd([{ type: 'externalId', value: '000' }])).fails(1003);
    given().when(registerCmd([{ type: 'externalId', value: 0 }])).fails(1003);
    given().when(registerCmd([{ type: 'cuid', value: '0' }], { loyaltyType: 'non_loyalty' })).fails(1104);
  });

  it("IDN-3: an all-zero national mobile is blocked in every spelling, with the org's country code too", () => {
    for (const spelling of ['+91 0000000000', '910000000000', '0091 00000 00000']) {
      given().when(registerCmd([{ type: 'mobile', value: spelling }])).fails(1001);
    }
    expect(holderOf(run([ALICE]), 'mobile', '+910000000000')).toBe(8013);
    given().when(registerCmd([{ type: 'mobile', value: '+91 9000000000' }])).accepted();
  });

  it('IDN-3: two people giving a blocked value are never linked: both are refused and nobody holds it', () => {
    const graph = run([ALICE]);
    const first = execute(graph, registerCmd([{ type: 'email', value: 'bob@example.com' }, { type: 'externalId', value: 'unknown' }]));
    expect(refused(first).code).toBe(1003);
    expect(holderOf(graph, 'externalId', 'unknown')).toBe(8013);
  });

  it('IDN-3: blocked values are refused on changeIdentifier and on lookup too', () => {
    given(build([ALICE]).events).when(changeCmd(1, 'INSTORE', { add: [{ type: 'externalId', value: 'N/A' }] })).fails(8064);
    expect(holderOf(run([ALICE]), 'externalId', 'none')).toBe(8013);
  });

  it("IDN-3: the list is the org's: a configured list replaces the default one", () => {
    const org = accepted(
      defineOrg({ ...DEFAULT_ORG_CONFIG, id: 'shop', identifiers: { blockedValues: ['guest', 'walk-in'] } }),
    );
    given([], org).when(registerCmd([{ type: 'externalId', value: 'Guest' }])).fails(1003);
    given([], org).when(registerCmd([{ type: 'externalId', value: 'walk-in' }])).fails(1003);
    given([], org).when(registerCmd([{ type: 'externalId', value: 'test' }])).accepted();
  });

  it("IDN-3: blocked patterns are the org's too", () => {
    const org = accepted(defineOrg({ ...DEFAULT_ORG_CONFIG, id: 'shop', identifiers: { blockedPatterns: ['^tmp_'] } }));
    given([], org).when(registerCmd([{ type: 'externalId', value: 'TMP_123' }])).fails(1003);
    given([], org).when(registerCmd([{ type: 'externalId', value: '000' }])).accepted();
  });

  it('IDN-3: a value that merely contains a blocked word is not blocked', () => {
    given().when(registerCmd([{ type: 'email', value: 'test@example.com' }, { type: 'externalId', value: 'nullify-7' }])).accepted();
  });
});

describe('IDN-4: a bad or blocked value is refused with the code of the endpoint', () => {
  it('IDN-4: register: 1001 mobile, 1002 email, 1003 externalId, 1104 other types', () => {
    given().when(registerCmd([{ type: 'mobile', value: '12ab' }])).fails(1001);
    given().when(registerCmd([{ type: 'email', value: 'not-an-email' }])).fails(1002);
    given().when(registerCmd([{ type: 'externalId', value: 'x'.repeat(65) }])).fails(1003);
    given().when(registerCmd([{ type: 'wechat', value: '   ' }], { loyaltyType: 'non_loyalty' })).fails(1104);
  });

  it('IDN-4: register: a blocked value gets the same code as an invalid one of its type', () => {
    given().when(registerCmd([{ type: 'mobile', value: '-1' }])).fails(1001);
    given().when(registerCmd([{ type: 'email', value: 'NULL' }])).fails(1002);
    given().when(registerCmd([{ type: 'externalId', value: 'anonymous' }])).fails(1003);
    given().when(registerCmd([{ type: 'fbId', value: 'unknown' }], { loyaltyType: 'non_loyalty' })).fails(1104);
  });

  it('IDN-4: changeIdentifier: 8056 mobile, 8055 email, 8064 externalId, 1104 other types', () => {
    const events = build([ALICE]).events;
    given(events).when(changeCmd(1, 'INSTORE', { add: [{ type: 'mobile', value: '123' }] })).fails(8056);
    given(events).when(changeCmd(1, 'INSTORE', { add: [{ type: 'email', value: 'alice@' }] })).fails(8055);
    given(events).when(changeCmd(1, 'INSTORE', { add: [{ type: 'externalId', value: 'nil' }] })).fails(8064);
    given(events).when(changeCmd(1, 'INSTORE', { add: [{ type: 'line', value: 'none' }] })).fails(1104);
  });

  it('IDN-4: lookup: any bad or blocked value is 8013', () => {
    const graph = run([ALICE]);
    expect(holderOf(graph, 'mobile', '12ab')).toBe(8013);
    expect(holderOf(graph, 'email', 'alice')).toBe(8013);
    expect(holderOf(graph, 'externalId', 'test')).toBe(8013);
  });
});

/** Every (source account, type, value) that the customer records hold, as lookup keys. */
function heldByRecords(graph: CustomerGraph): string[] {
  const out: string[] = [];
  for (const c of graphSnapshot(graph)._unsafeUnwrap().customers) {
    if (c.status !== 'live') continue;
    for (const p of c.profiles) {
      for (const profile of [p, ...p.conflictingProfiles]) {
        for (const id of profile.identifiers) {
          out.push(`${sourceAccountKey(profile.source, profile.accountId)} ${id.type} ${id.value} -> ${c.id}`);
        }
      }
    }
  }
  return out.sort();
}

/** Every entry of the identifier index, in the same form. */
function indexed(graph: CustomerGraph): string[] {
  const out: string[] = [];
  const values = new Set(indexContents(graph).identifiers.map(([type, value]) => `${type}\u0000${value}`));
  for (const tv of values) {
    const [type, value] = tv.split('\u0000') as [IdentifierType, string];
    for (const { sak, id } of holdersOf(graph, { type, value })) out.push(`${sak} ${type} ${value} -> ${id}`);
  }
  return out.sort();
}

describe('ID-1: at most one live customer per (source account, type, value)', () => {
  it('ID-1: a second customer with an identifier already held in the source account is refused', () => {
    const graph = run([ALICE]);
    const eve = registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9222222222' }], { firstName: 'Eve' });
    expect(refused(execute(graph, eve)).code).toBe(1016);
    expect(holderOf(graph, 'email', 'alice@example.com', 'INSTORE')).toBe(1);
    expect(refused(getCustomer(graph, { customerId: 2, source: 'ALL' })).code).toBe(8015);
  });

  it('ID-1: the same value in two accounts of one source belongs to one customer', () => {
    const graph = run([
      registerCmd([{ type: 'wechat', value: 'wc_1' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
      registerCmd([{ type: 'wechat', value: 'wc_1' }], { source: 'WECHAT', accountId: '1234', loyaltyType: 'non_loyalty' }),
    ]);
    expect(holderOf(graph, 'wechat', 'wc_1', 'WECHAT', '22232')).toBe(1);
    expect(holderOf(graph, 'wechat', 'wc_1', 'WECHAT', '1234')).toBe(1);
  });

  it('ID-1: the index agrees exactly with the customer records after registers, combines, adds, removes and merges', () => {
    const graph = run([
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9111111111' }]),
      registerCmd([{ type: 'email', value: 'bob@example.com' }]),
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_a' }], { source: 'WECHAT', accountId: '22232' }),
      registerCmd([{ type: 'wechat', value: 'wc_b' }], { source: 'WECHAT', accountId: '1234', loyaltyType: 'non_loyalty' }),
      changeCmd(1, 'INSTORE', { remove: [{ type: 'mobile', value: '9111111111' }], add: [{ type: 'externalId', value: 'EXT-1' }] }),
      changeCmd(3, 'WECHAT', { add: [{ type: 'email', value: 'bob@example.com' }] }, '1234'),
    ]);
    expect(heldByRecords(graph).length).toBeGreaterThan(4);
    expect(indexed(graph)).toEqual(heldByRecords(graph));
    expect(holderOf(graph, 'mobile', '919111111111')).toBe(8015);
  });

  it('ID-1, ARC-2: a replayed profile in an account the org does not list is refused as a misfit by its index, and nothing is indexed', () => {
    const empty = emptyGraph(defaultOrg())._unsafeUnwrap();
    const [event] = decide(empty, registerCmd([{ type: 'mobile', value: '9111111111' }], { source: 'WECHAT', accountId: '22232' }))._unsafeUnwrap();
    const unlisted = { ...(event as CustomerRegistered), profile: { ...(event as CustomerRegistered).profile, accountId: 'unlisted' } };
    const refusedFold = evolve(empty, unlisted);
    expect(refused(refusedFold)).toMatchObject({ code: 400, reason: 'eventMisfit', index: 0, misfit: { misfit: 'unknownSourceAccount', source: 'WECHAT', accountId: 'unlisted' } });
    expect(empty.customerCount).toBe(0);
    expect(holderOf(empty, 'mobile', '919111111111')).toBe(8015);
    expect(indexed(empty)).toEqual([]);
  });

  it('ID-1: every identifier of every profile is found by lookup in its source account, pointing at its customer', () => {
    const graph = run([
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'externalId', value: 'A-1' }]),
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_a' }], { source: 'WECHAT', accountId: '22232' }),
      registerCmd([{ type: 'mobile', value: '9222222222' }]),
    ]);
    for (const id of [1, 2]) {
      for (const p of detailsOf(graph, id).profiles) {
        for (const i of p.identifiers) {
          expect(holderOf(graph, i.type, i.value, p.source, p.accountId === '' ? undefined : p.accountId)).toBe(id);
        }
      }
    }
  });
});

describe('ID-2: an identifier value belongs to at most one live customer across source accounts', () => {
  it('ID-2: reuse in another source account combines into the holder instead of creating a second customer', () => {
    const graph = run([
      ALICE,
      registerCmd([{ type: 'email', value: 'alice@example.com' }], { source: 'WEBSITE' }),
      registerCmd([{ type: 'email', value: 'alice@example.com' }], { source: 'MOBILE_APP', accountId: '400' }),
    ]);
    expect(refused(getCustomer(graph, { customerId: 2, source: 'ALL' })).code).toBe(8015);
    expect(detailsOf(graph, 1).profiles.map((p) => p.source)).toEqual(['INSTORE', 'WEBSITE', 'MOBILE_APP']);
    expect(holderOf(graph, 'email', 'alice@example.com', 'WEBSITE')).toBe(1);
  });

  it('ID-2: adding a value held by another customer elsewhere merges, leaving one live holder', () => {
    const graph = run([
      ALICE,
      registerCmd([{ type: 'wechat', value: 'wc_b' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232'),
    ]);
    expect(holderOf(graph, 'email', 'alice@example.com', 'INSTORE')).toBe(1);
    expect(holderOf(graph, 'email', 'alice@example.com', 'WECHAT', '22232')).toBe(1);
    expect(refused(getCustomer(graph, { customerId: 2, source: 'ALL' })).code).toBe(8069);
  });
});
