import { describe, expect, it } from 'vitest';
import { defineOrg, execute, getCustomer, MULTI_ACCOUNT_SOURCES, SOURCES } from '../../src/index';
import { given, registerCmd } from '../support/given';
import { accepted, detailsOf, holderOf, profileOf, refused, register, run, update } from '../support/requests';

const ACCOUNT_OF: Record<string, string> = {
  WECHAT: '22232',
  FACEBOOK: 'fb-main',
  LINE: 'line-main',
  MOBILE_APP: '400',
  WEB_ENGAGE: 'we-main',
};

function byEmail(email: string, source: string, accountId: string | undefined) {
  return register(source, { identifiers: [{ type: 'email', value: email }] }, accountId === undefined ? {} : { accountId });
}

describe('SRC-1: the sources are the twelve of Register Customer', () => {
  it('SRC-1: the twelve documented sources, and only they, are the sources', () => {
    expect([...SOURCES].sort()).toEqual(
      ['FACEBOOK', 'WEB_ENGAGE', 'WECHAT', 'INSTORE', 'MARTJACK', 'TMALL', 'TAOBAO', 'JD', 'ECOMMERCE', 'WEBSITE', 'LINE', 'MOBILE_APP'].sort(),
    );
  });

  it('SRC-1: a customer can be registered in each of the twelve sources of the default org', () => {
    for (const source of SOURCES) {
      given().when(byEmail('a@example.com', source, ACCOUNT_OF[source])).accepted();
    }
  });

  it('SRC-1: an unknown source is 8012', () => {
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'TWITTER' })).fails(8012);
  });

  it('SRC-1: source names are exact: a lower-case source is 8012', () => {
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'instore' })).fails(8012);
  });

  it('SRC-1: a documented source the org has not enabled is 8012, on register and on update', () => {
    const org = accepted(defineOrg({ id: 'shop', sources: ['INSTORE'], tills: [{ code: 'demo.till', password: 'pw' }] }));
    given([], org).when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'WEBSITE' })).fails(8012);
    const graph = run([registerCmd([{ type: 'email', value: 'a@example.com' }])], org);
    expect(refused(execute(graph, update(1, 'WEBSITE', { profiles: [{ firstName: 'Ann' }] }))).code).toBe(8012);
  });

  it('SRC-1: Fetch Customer Details with an unknown source is 8012', () => {
    const graph = run([registerCmd([{ type: 'email', value: 'a@example.com' }])]);
    expect(refused(getCustomer(graph, { customerId: 1, source: 'PIGEON' })).code).toBe(8012);
  });
});

describe('SRC-2: multi-account sources need an accountId of the org', () => {
  it('SRC-2: WECHAT, FACEBOOK, LINE, MOBILE_APP and WEB_ENGAGE are the multi-account sources', () => {
    expect([...MULTI_ACCOUNT_SOURCES].sort()).toEqual(['FACEBOOK', 'LINE', 'MOBILE_APP', 'WEB_ENGAGE', 'WECHAT']);
  });

  it('SRC-2: a register to a multi-account source without accountId is 8045', () => {
    for (const source of MULTI_ACCOUNT_SOURCES) {
      given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source })).fails(8045);
    }
  });

  it('SRC-2: an empty accountId counts as missing (8045)', () => {
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'WECHAT', accountId: '' })).fails(8045);
  });

  it('SRC-2: an accountId the org does not have is 8011', () => {
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'WECHAT', accountId: '99999' })).fails(8011);
  });

  it("SRC-2: an account of another multi-account source is 8011 (MOBILE_APP's 400 is not a WECHAT account)", () => {
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'WECHAT', accountId: '400' })).fails(8011);
  });

  it('SRC-2: update addresses a multi-account source with its account too: 8045 without, 8011 unknown', () => {
    const graph = run([registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'WECHAT', accountId: '22232' })]);
    expect(refused(execute(graph, update(1, 'WECHAT', { profiles: [{ firstName: 'Ann' }] }))).code).toBe(8045);
    expect(refused(execute(graph, update(1, 'WECHAT', { profiles: [{ firstName: 'Ann' }] }, { accountId: 'x' }))).code).toBe(8011);
    expect(accepted(execute(graph, update(1, 'WECHAT', { profiles: [{ firstName: 'Ann' }] }, { accountId: '22232' }))).response.createdId).toBe(1);
  });

  it('SRC-2: an org configures the accounts of its multi-account sources', () => {
    const org = accepted(defineOrg({ id: 'shop', accounts: { LINE: ['jp-1'] }, tills: [{ code: 'demo.till', password: 'pw' }] }));
    given([], org).when(registerCmd([{ type: 'line', value: 'U123' }], { source: 'LINE', accountId: 'jp-1', loyaltyType: 'non_loyalty' })).accepted();
    given([], org).when(registerCmd([{ type: 'line', value: 'U123' }], { source: 'LINE', accountId: 'line-main', loyaltyType: 'non_loyalty' })).fails(8011);
  });
});

describe('SRC-3: one profile per source account, each kept apart', () => {
  it('SRC-3: the same customer has one profile in each source account it registered in', () => {
    const graph = run([
      register('INSTORE', { firstName: 'Tom', identifiers: [{ type: 'email', value: 'tom@example.com' }] }),
      register('WECHAT', { firstName: 'Tommy', identifiers: [{ type: 'email', value: 'tom@example.com' }] }, { accountId: '22232' }),
      register('WECHAT', { firstName: 'Thomas', identifiers: [{ type: 'email', value: 'tom@example.com' }] }, { accountId: '1234' }),
    ]);
    const profiles = detailsOf(graph, 1).profiles.map((p) => [p.source, p.accountId, p.firstName]);
    expect(profiles).toEqual([
      ['INSTORE', '', 'Tom'],
      ['WECHAT', '22232', 'Tommy'],
      ['WECHAT', '1234', 'Thomas'],
    ]);
  });

  it('SRC-3: a change to one source account leaves the other profiles as they were', () => {
    const graph = run([
      register('INSTORE', { firstName: 'Tom', identifiers: [{ type: 'email', value: 'tom@example.com' }], fields: { city: 'Pune' } }),
      register('WECHAT', { firstName: 'Tom', identifiers: [{ type: 'email', value: 'tom@example.com' }] }, { accountId: '22232' }),
      update(1, 'WECHAT', { profiles: [{ firstName: 'Tommy', fields: { city: 'Delhi' } }] }, { accountId: '22232' }),
    ]);
    expect(profileOf(graph, 1, 'INSTORE')).toMatchObject({ firstName: 'Tom', fields: { city: 'Pune' } });
    expect(profileOf(graph, 1, 'WECHAT', '22232')).toMatchObject({ firstName: 'Tommy', fields: { city: 'Delhi' } });
  });

  it('SRC-3: a second profile in a source account the customer already has is refused, and the first is kept', () => {
    const graph = run([
      register('INSTORE', { firstName: 'Tom', identifiers: [{ type: 'email', value: 'tom@example.com' }] }),
      register('WECHAT', { identifiers: [{ type: 'email', value: 'tom@example.com' }, { type: 'wechat', value: 'wc_tom' }] }, { accountId: '22232' }),
    ]);
    // Register by the INSTORE identifier in the WECHAT account where Tom already has a profile.
    const again = execute(graph, register('INSTORE', { firstName: 'Other', identifiers: [{ type: 'email', value: 'tom@example.com' }] }));
    expect(refused(again).code).toBe(1014);
    expect(detailsOf(graph, 1).profiles.filter((p) => p.source === 'INSTORE').map((p) => p.firstName)).toEqual(['Tom']);
  });

  it('SRC-3: the two WECHAT accounts keep their identifiers apart for lookup', () => {
    const graph = run([
      register('WECHAT', { identifiers: [{ type: 'wechat', value: 'wc_1' }] }, { accountId: '22232', loyaltyType: 'non_loyalty' }),
    ]);
    expect(holderOf(graph, 'wechat', 'wc_1', 'WECHAT', '22232')).toBe(1);
    expect(holderOf(graph, 'wechat', 'wc_1', 'WECHAT', '1234')).toBe(8065);
  });
});

describe('SRC-4: a single-account source takes no accountId', () => {
  it('SRC-4: a non-empty accountId on a single-account source is 8011', () => {
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'INSTORE', accountId: '400' })).fails(8011);
  });

  it('SRC-4: an empty accountId on a single-account source is the same as none', () => {
    const [event] = given().when(registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'INSTORE', accountId: '' })).accepted();
    expect(event?.kind).toBe('CustomerRegistered');
  });

  it('SRC-4: update of a single-account source with an accountId is 8011', () => {
    const graph = run([registerCmd([{ type: 'email', value: 'a@example.com' }])]);
    expect(refused(execute(graph, update(1, 'INSTORE', { profiles: [{ firstName: 'Ann' }] }, { accountId: '22232' }))).code).toBe(8011);
  });
});
