import { describe, expect, it } from 'vitest';
import { defineOrg, emptyGraph, lookup } from '../../src/index';
import { build, changeCmd, registerCmd } from '../support/given';
import { codeOf, FIRST, must, SECOND, THIRD, whoHolds } from '../support/scenario';

/** 1: INSTORE with mobile and email; 2: WECHAT account 22232 with a wechat id; 3: WECHAT account 1234. */
const world = () =>
  build([
    registerCmd([
      { type: 'mobile', value: '919111111111' },
      { type: 'email', value: 'tom.sawyer@example.com' },
    ]),
    registerCmd([{ type: 'wechat', value: 'wc_2' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
    registerCmd([{ type: 'wechat', value: 'wc_3' }], { source: 'WECHAT', accountId: '1234', loyaltyType: 'non_loyalty' }),
  ]);

describe('LKP-1: lookup answers the live customer holding the identifier', () => {
  it('LKP-1: in a named single-account source it answers entity and no warnings', () => {
    const { graph } = world();
    expect(must(lookup(graph, { source: 'INSTORE', identifierName: 'mobile', identifierValue: '919111111111' }))).toEqual({
      entity: FIRST,
      warnings: [],
    });
  });

  it('LKP-1: in a named account of a multi-account source it answers the holder in that account', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'wechat', 'wc_2', 'WECHAT', '22232')).toBe(SECOND);
    expect(whoHolds(graph, 'wechat', 'wc_3', 'WECHAT', '1234')).toBe(THIRD);
  });

  it('LKP-1: with source ALL it finds the holder in any source account', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'email', 'tom.sawyer@example.com', 'ALL')).toBe(FIRST);
    expect(whoHolds(graph, 'wechat', 'wc_2', 'ALL')).toBe(SECOND);
    expect(whoHolds(graph, 'wechat', 'wc_3', 'ALL')).toBe(THIRD);
  });

  it('LKP-1: an identifier that once belonged to a merge victim answers the live survivor, never the victim', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'tom.sawyer@example.com' }]),
      registerCmd([{ type: 'wechat', value: 'wc_2' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'tom.sawyer@example.com' }] }, '22232'),
    ]);
    expect(whoHolds(graph, 'wechat', 'wc_2', 'WECHAT', '22232')).toBe(FIRST);
    expect(whoHolds(graph, 'wechat', 'wc_2', 'ALL')).toBe(FIRST);
  });
});

describe('LKP-2: nothing found is 8015 with ALL and 8065 with a named source', () => {
  it('LKP-2: an identifier nobody holds is 8015 with ALL', () => {
    const { graph } = world();
    expect(codeOf(lookup(graph, { source: 'ALL', identifierName: 'email', identifierValue: 'nobody@example.com' }))).toBe(8015);
  });

  it('LKP-2: an identifier nobody holds is 8065 with a named source', () => {
    const { graph } = world();
    expect(codeOf(lookup(graph, { source: 'INSTORE', identifierName: 'email', identifierValue: 'nobody@example.com' }))).toBe(8065);
  });

  it('LKP-2: an identifier held only in another source is 8065 in the named source', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'mobile', '919111111111', 'MARTJACK')).toBe(8065);
  });

  it('LKP-2: an identifier held only in another account of the same source is 8065', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'wechat', 'wc_2', 'WECHAT', '1234')).toBe(8065);
  });

  it('LKP-2: in an empty graph every lookup is 8015 with ALL', () => {
    const org = defineOrg({ id: 'empty', tills: [{ code: 't', password: 'p' }] })._unsafeUnwrap();
    expect(whoHolds(emptyGraph(org)._unsafeUnwrap(), 'mobile', '919111111111')).toBe(8015);
  });
});

describe('LKP-3: an unknown identifier name or an invalid value is 8013', () => {
  it('LKP-3: an identifier name that is not a documented type is 8013', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'phone', '919111111111', 'INSTORE')).toBe(8013);
  });

  it('LKP-3: identifier names are case-sensitive: Mobile is 8013', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'Mobile', '919111111111', 'INSTORE')).toBe(8013);
  });

  it('LKP-3: an invalid email is 8013', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'email', 'not-an-email', 'ALL')).toBe(8013);
  });

  it('LKP-3: an invalid mobile is 8013', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'mobile', '12ab', 'ALL')).toBe(8013);
  });

  it('LKP-3: an empty value or a blocked value is 8013', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'externalId', '', 'ALL')).toBe(8013);
    expect(whoHolds(graph, 'externalId', 'null', 'ALL')).toBe(8013);
    expect(whoHolds(graph, 'mobile', '0000000000', 'ALL')).toBe(8013);
  });
});

describe('LKP-4: source and account of a lookup', () => {
  it('LKP-4: an unknown source is 8011', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'mobile', '919111111111', 'SHOPIFY')).toBe(8011);
  });

  it('LKP-4: a source the org has not enabled is 8011', () => {
    const org = defineOrg({ id: 'instore-only', sources: ['INSTORE'], tills: [{ code: 't', password: 'p' }] })._unsafeUnwrap();
    expect(whoHolds(emptyGraph(org)._unsafeUnwrap(), 'mobile', '919111111111', 'MARTJACK')).toBe(8011);
  });

  it('LKP-4: an account the org does not have is 8011', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'wechat', 'wc_2', 'WECHAT', '99999')).toBe(8011);
  });

  it('LKP-4: an account on a single-account source is 8011', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'mobile', '919111111111', 'INSTORE', '22232')).toBe(8011);
  });

  it('LKP-4: a multi-account source without account is 8045', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'wechat', 'wc_2', 'WECHAT')).toBe(8045);
    expect(whoHolds(graph, 'wechat', 'wc_2', 'WECHAT', '')).toBe(8045);
  });
});

describe('LKP-5: lookup reads the value as register does', () => {
  it('LKP-5: an email in another case finds the customer', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'email', 'Tom.Sawyer@EXAMPLE.com', 'INSTORE')).toBe(FIRST);
  });

  it('LKP-5: a mobile in national form gets the org country code and finds the customer', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'mobile', '9111111111', 'INSTORE')).toBe(FIRST);
  });

  it('LKP-5: a mobile written with +, spaces and dashes finds the customer', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'mobile', '+91 91111-11111', 'ALL')).toBe(FIRST);
  });

  it('LKP-5: a mobile sent as a JSON number finds the customer', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'mobile', 919111111111, 'INSTORE')).toBe(FIRST);
  });

  it('LKP-5: a value with surrounding spaces is trimmed', () => {
    const { graph } = world();
    expect(whoHolds(graph, 'wechat', '  wc_2 ', 'WECHAT', '22232')).toBe(SECOND);
  });

  it('LKP-5: a customer registered with a national mobile is found by the full number', () => {
    const { graph } = build([registerCmd([{ type: 'mobile', value: '9222222222' }])]);
    expect(whoHolds(graph, 'mobile', '919222222222', 'INSTORE')).toBe(FIRST);
  });
});
