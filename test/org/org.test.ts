import { describe, expect, it } from 'vitest';
import { defaultOrg, defineOrg, emptyGraph, execute, getCustomer, SOURCES, type CustomerRegistered } from '../../src/index';
import { tillCode } from '../../src/kernel/ids';
import { build, given, META, registerCmd } from '../support/given';
import { accepted, addIdentifiers, merge, profileOf, refused, register, registerBody, run, update } from '../support/requests';

const TOM = register('INSTORE', { identifiers: [{ type: 'email', value: 'tom@example.com' }] });
const GHOST = { at: META.at, till: 'ghost.till' } as const;

describe('ORG-1: an org is a validated plain configuration', () => {
  it('ORG-1: a minimal configuration builds an org with every source enabled and keeps the plain configuration', () => {
    const config = { id: 'shop-1', tills: [{ code: 'store.1', password: 'pw' }] };
    const org = accepted(defineOrg(config));
    expect(org.config).toEqual(config);
    expect([...org.sources].sort()).toEqual([...SOURCES].sort());
    // The org is usable as it is: its till can register a customer.
    const done = execute(emptyGraph(org)._unsafeUnwrap(), register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: { at: META.at, till: 'store.1' } }));
    expect(accepted(done).response.createdId).toBe(1);
  });

  it('ORG-1: the configuration an org was built from is plain data that builds the same org again', () => {
    const org = defaultOrg();
    const again = accepted(defineOrg(JSON.parse(JSON.stringify(org.config))));
    expect(again.config).toEqual(org.config);
    expect([...again.tills.keys()]).toEqual([...org.tills.keys()]);
  });

  it('ORG-1: a configuration without tills is 400 naming tills', () => {
    const error = refused(defineOrg({ id: 'shop' }));
    expect(error.code).toBe(400);
    expect(error.message).toContain('tills');
    expect('path' in error && error.path).toEqual(['org', 'tills']);
  });

  it('ORG-1: an unknown source is 400 naming the entry of sources', () => {
    const error = refused(defineOrg({ id: 'shop', sources: ['INSTORE', 'TWITTER'], tills: [{ code: 't', password: 'p' }] }));
    expect(error.code).toBe(400);
    expect('path' in error && error.path).toEqual(['org', 'sources', 1]);
  });

  it('ORG-1: accounts listed for a single-account source are 400 naming that source', () => {
    const error = refused(defineOrg({ id: 'shop', accounts: { INSTORE: ['1'] }, tills: [{ code: 't', password: 'p' }] }));
    expect(error.code).toBe(400);
    expect(error.message).toContain('accounts.INSTORE');
  });

  it('ORG-1: an enum extended field without values is 400 naming the field', () => {
    const error = refused(
      defineOrg({ id: 'shop', extendedFields: [{ name: 'tier_colour', type: 'enum' }], tills: [{ code: 't', password: 'p' }] }),
    );
    expect(error.code).toBe(400);
    expect(error.message).toContain('tier_colour');
  });

  it('ORG-1: an extended field of an unknown type is 400 naming its type', () => {
    const error = refused(
      defineOrg({ id: 'shop', extendedFields: [{ name: 'size', type: 'shoe' }], tills: [{ code: 't', password: 'p' }] }),
    );
    expect(error.code).toBe(400);
    expect(error.message).toContain('extendedFields.0.type');
  });

  it('ORG-1: identifier rules that contradict each other are 400 naming the rule', () => {
    const error = refused(
      defineOrg({ id: 'shop', identifiers: { mobileMinLength: 12, mobileMaxLength: 10 }, tills: [{ code: 't', password: 'p' }] }),
    );
    expect(error.code).toBe(400);
    expect(error.message).toContain('mobileMinLength');
  });

  it('ORG-1: a blocked pattern that is not a regular expression is 400 naming it', () => {
    const error = refused(
      defineOrg({ id: 'shop', identifiers: { blockedPatterns: ['^0+$', '(unclosed'] }, tills: [{ code: 't', password: 'p' }] }),
    );
    expect(error.code).toBe(400);
    expect(error.message).toContain('blockedPatterns.1');
  });

  it('ORG-1: an unknown configuration key is 400, so that a typo is never silently ignored', () => {
    const error = refused(defineOrg({ id: 'shop', tills: [{ code: 't', password: 'p' }], customfields: [] }));
    expect(error.code).toBe(400);
  });

  it('ORG-1: input that is not a configuration at all is 400, never a throw', () => {
    for (const input of [null, undefined, 42, 'default', [], { id: '' }]) {
      expect(refused(defineOrg(input)).code).toBe(400);
    }
  });
});

describe('ORG-2: the default org accepts the seed sample requests (configuration part)', () => {
  it('ORG-2: MOBILE_APP account 400 with the sample extended and custom fields, associated with bukl.till', () => {
    const command = registerBody(
      'MOBILE_APP',
      {
        loyaltyInfo: { loyaltyType: 'loyalty' },
        associatedWith: 'bukl.till',
        profiles: [
          {
            firstName: 'Tom',
            identifiers: [{ type: 'email', value: 'tom.sawyer@example.com' }],
            fields: { employee: 'true', dateofbirth: '22-10-2000' },
            source: 'MOBILE_APP',
            accountId: '400',
          },
        ],
        extendedFields: { gender: 'Male', city: 'Bangalore' },
      },
      '400',
    );
    expect(accepted(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), command)).response.createdId).toBe(1);
  });

  it('ORG-2: both WECHAT accounts of the samples, 22232 and 1234, exist', () => {
    for (const accountId of ['22232', '1234']) {
      given()
        .when(registerCmd([{ type: 'wechat', value: 'wc_2' }], { source: 'WECHAT', accountId, loyaltyType: 'non_loyalty' }))
        .accepted();
    }
  });

  it('ORG-2: the Update sample fields (custom gender and city, extended gender MALE) are enabled', () => {
    const graph = run([register('WECHAT', { identifiers: [{ type: 'wechat', value: 'wc_2' }] }, { accountId: '22232', loyaltyType: 'non_loyalty' })]);
    const done = execute(
      graph,
      update(1, 'WECHAT', { profiles: [{ fields: { gender: 'Male', city: 'Bangalore' } }], extendedFields: { gender: 'MALE', city: 'Bangalore' } }, { accountId: '22232' }),
    );
    expect(accepted(done).response).toEqual({ createdId: 1, warnings: [] });
  });

  it('ORG-2: bukl.till may act as well as be associated with', () => {
    const done = execute(emptyGraph(defaultOrg())._unsafeUnwrap(), register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: { at: META.at, till: 'bukl.till' } }));
    expect(profileOf(accepted(done).graph, 1, 'INSTORE').attribution.createdBy.code).toBe('bukl.till');
  });
});

describe('ORG-3: a write is made by a till the org knows (91021)', () => {
  it('ORG-3: a register by an unknown till is 91021', () => {
    given().when(register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: GHOST })).fails(91021);
  });

  it('ORG-3: update, changeIdentifier and merge by an unknown till are 91021 too, and change nothing', () => {
    const graph = run([TOM, register('INSTORE', { identifiers: [{ type: 'email', value: 'ann@example.com' }] })]);
    for (const command of [
      update(1, 'INSTORE', { profiles: [{ firstName: 'Tommy' }] }, { meta: GHOST }),
      addIdentifiers(1, 'INSTORE', [{ type: 'mobile', value: '9111111111' }], { meta: GHOST }),
      merge(1, 2, GHOST),
    ]) {
      expect(refused(execute(graph, command)).code).toBe(91021);
    }
    expect(profileOf(graph, 1, 'INSTORE').firstName).toBe('');
  });

  it("ORG-3: a till of another org is unknown here: the default org's till cannot act in an org without it", () => {
    const org = accepted(defineOrg({ id: 'shop', tills: [{ code: 'store.1', password: 'pw' }] }));
    given([], org).when(TOM).fails(91021);
    given([], org).when(register('INSTORE', { identifiers: [{ type: 'email', value: 'tom@example.com' }] }, { meta: { at: META.at, till: 'store.1' } })).accepted();
  });
});

describe('ORG-4: associatedWith names a till of the org (91020)', () => {
  it('ORG-4: an unknown till in associatedWith is 91020', () => {
    given().when(register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { associatedWith: 'ghost.till' })).fails(91020);
  });

  it('ORG-4: a known till in associatedWith is kept on the registration', () => {
    const [event] = given()
      .when(register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { associatedWith: 'bukl.till' }))
      .accepted();
    expect((event as CustomerRegistered).associatedWith).toBe(tillCode('bukl.till'));
  });
});

describe('ORG-5: the acting till and the time attribute what a write creates or changes', () => {
  const T1 = { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' };
  const T2 = { at: '2024-06-15T18:30:00Z', till: 'rr.till' };

  it('ORG-5: a registration is created and last modified by its till at its time', () => {
    const graph = run([register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: T1 })]);
    expect(profileOf(graph, 1, 'INSTORE').attribution).toEqual({
      createDate: T1.at,
      createdBy: { code: 'demo.till', description: '', name: 'Demo till', type: 'TILL' },
      modifiedDate: T1.at,
      modifiedBy: { code: 'demo.till', description: '', name: 'Demo till', type: 'TILL' },
    });
    const loyalty = accepted(getCustomer(graph, { customerId: 1, source: 'ALL' })).loyaltyInfo.attributionV2;
    expect(loyalty).toEqual({
      createDate: T1.at,
      createdBy: { code: 'demo.till', name: 'Demo till' },
      modifiedDate: T1.at,
      modifiedBy: { code: 'demo.till', name: 'Demo till' },
    });
  });

  it('ORG-5: an update by another till keeps the creation and records the modification', () => {
    const graph = run([
      register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: T1 }),
      update(1, 'INSTORE', { profiles: [{ firstName: 'Ann' }] }, { meta: T2 }),
    ]);
    const { attribution } = profileOf(graph, 1, 'INSTORE');
    expect([attribution.createDate, attribution.createdBy.code]).toEqual([T1.at, 'demo.till']);
    expect([attribution.modifiedDate, attribution.modifiedBy.code]).toEqual([T2.at, 'rr.till']);
  });

  it('ORG-5: a profile combined in another source account is created by the till and time of that registration', () => {
    const graph = run([
      register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: T1 }),
      register('WECHAT', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { accountId: '22232', meta: T2 }),
    ]);
    const instore = profileOf(graph, 1, 'INSTORE').attribution;
    const wechat = profileOf(graph, 1, 'WECHAT', '22232').attribution;
    expect([instore.createdBy.code, instore.modifiedDate]).toEqual(['demo.till', T1.at]);
    expect([wechat.createdBy.code, wechat.createDate]).toEqual(['rr.till', T2.at]);
  });

  it('ORG-5: the events of a write carry its time and till', () => {
    const { events } = build([registerCmd([{ type: 'email', value: 'a@example.com' }])]);
    expect(events.map((e) => [e.at, e.till])).toEqual([[META.at, META.till]]);
  });
});
