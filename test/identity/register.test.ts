import { describe, expect, it } from 'vitest';
import { execute, getCustomer, graphSnapshot } from '../../src/index';
import { customerId, tillCode } from '../../src/kernel/ids';
import { build, given, META, registerCmd, type Unstamped } from '../support/given';
import { accepted, detailsOf, holderOf, profileOf, refused, register, registerBody, run } from '../support/requests';

const TILL = tillCode(META.till);
const ATTRIBUTION = { createDate: META.at, createdBy: TILL, modifiedDate: META.at, modifiedBy: TILL };
const ALICE = registerCmd([{ type: 'email', value: 'alice@example.com' }], { firstName: 'Alice' });
const BOB = registerCmd([{ type: 'email', value: 'bob@example.com' }], { firstName: 'Bob' });

describe('REG-1: register creates a customer with one profile in the addressed source account', () => {
  it('REG-1: the decision is one CustomerRegistered event with the profile, as read from the request', () => {
    given()
      .when(
        register(
          'WECHAT',
          { firstName: ' Tom ', lastName: 'Sawyer', identifiers: [{ type: 'wechat', value: 'wc_2' }, { type: 'mobile', value: '9111111111' }] },
          { accountId: '22232' },
        ),
      )
      .then({
        kind: 'CustomerRegistered',
        customerId: customerId(1),
        profile: {
          source: 'WECHAT',
          accountId: '22232',
          firstName: 'Tom',
          lastName: 'Sawyer',
          identifiers: [
            { type: 'wechat', value: 'wc_2' },
            { type: 'mobile', value: '919111111111' },
          ],
          commChannels: [],
          fields: {},
        },
        loyaltyType: 'loyalty',
        extendedFields: {},
        associatedWith: null,
        at: META.at,
        till: TILL,
      } satisfies Unstamped);
  });

  it('REG-1: the answer is createdId, empty warnings and sideEffects; the customer is found in that source account', () => {
    const done = accepted(execute(run([]), register('INSTORE', { identifiers: [{ type: 'email', value: 'alice@example.com' }] })));
    expect(done.response).toEqual({ createdId: 1, warnings: [], sideEffects: [] });
    expect(holderOf(done.graph, 'email', 'alice@example.com', 'INSTORE')).toBe(1);
    expect(detailsOf(done.graph, 1).profiles.map((p) => [p.source, p.accountId])).toEqual([['INSTORE', '']]);
  });

  it('REG-1: each new customer gets a new id', () => {
    const graph = run([ALICE]);
    expect(accepted(execute(graph, register('INSTORE', { identifiers: [{ type: 'email', value: 'bob@example.com' }] }))).response.createdId).toBe(2);
  });
});

describe('REG-2: loyaltyType is mandatory and is loyalty or non_loyalty', () => {
  it('REG-2: loyalty and non_loyalty are both accepted and kept', () => {
    for (const loyaltyType of ['loyalty', 'non_loyalty']) {
      const graph = run([registerCmd([{ type: 'email', value: 'a@example.com' }], { loyaltyType })]);
      expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe(loyaltyType);
    }
  });

  it('REG-2: any other loyalty type is 400 naming loyaltyType', () => {
    for (const loyaltyType of ['LOYALTY', 'gold', '', 'nonloyalty']) {
      const error = refused(execute(run([]), registerCmd([{ type: 'email', value: 'a@example.com' }], { loyaltyType })));
      expect(error.code).toBe(400);
      expect(error.message).toContain('loyaltyType');
    }
  });

  it('REG-2: a body without loyaltyInfo is 400 naming loyaltyInfo', () => {
    const body = { profiles: [{ identifiers: [{ type: 'email', value: 'a@example.com' }] }] };
    const error = refused(execute(run([]), registerBody('INSTORE', body as never)));
    expect(error.code).toBe(400);
    expect(error.message).toContain('loyaltyInfo');
  });
});

describe('REG-3: identifiers already held in the same source account are refused', () => {
  const events = build([
    registerCmd([
      { type: 'mobile', value: '9111111111' },
      { type: 'email', value: 'alice@example.com' },
      { type: 'externalId', value: 'A-1' },
      { type: 'cuid', value: 'cu-1' },
    ]),
  ]).events;

  it('REG-3: 1014 when the one customer already holds every identifier of the request', () => {
    given(events).when(registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9111111111' }])).fails(1014);
  });

  it('REG-3: a mobile already held, beside new identifiers, is 1032', () => {
    given(events).when(registerCmd([{ type: 'email', value: 'new@example.com' }, { type: 'mobile', value: '9111111111' }])).fails(1032);
  });

  it('REG-3: an email already held, beside new identifiers, is 1016', () => {
    given(events).when(registerCmd([{ type: 'mobile', value: '9222222222' }, { type: 'email', value: 'alice@example.com' }])).fails(1016);
  });

  it('REG-3: an externalId already held, beside new identifiers, is 1033', () => {
    given(events).when(registerCmd([{ type: 'email', value: 'new@example.com' }, { type: 'externalId', value: 'A-1' }])).fails(1033);
  });

  it('REG-3: another type already held, beside new identifiers, is 1014', () => {
    given(events).when(registerCmd([{ type: 'email', value: 'new@example.com' }, { type: 'cuid', value: 'cu-1' }])).fails(1014);
  });

  it('REG-3: the first colliding type of the request decides the code', () => {
    given(events)
      .when(
        registerCmd([
          { type: 'email', value: 'new@example.com' },
          { type: 'externalId', value: 'A-1' },
          { type: 'mobile', value: '9111111111' },
        ]),
      )
      .fails(1033);
  });

  it('REG-3: identifiers held by two different customers in the same source account are refused by the first collision', () => {
    const two = build([ALICE, registerCmd([{ type: 'mobile', value: '9333333333' }])]).events;
    given(two).when(registerCmd([{ type: 'mobile', value: '9333333333' }, { type: 'email', value: 'alice@example.com' }])).fails(1032);
  });

  it('REG-3: the same identifiers in another source account are no collision', () => {
    given(events)
      .when(registerCmd([{ type: 'email', value: 'alice@example.com' }], { source: 'WEBSITE' }))
      .accepted();
  });
});

describe('REG-4: which identifiers a registration needs', () => {
  it('REG-4: a loyalty registration without mobile, email or externalId is 1007', () => {
    given().when(registerCmd([{ type: 'wechat', value: 'wc_1' }, { type: 'cuid', value: 'c-1' }])).fails(1007);
  });

  it('REG-4: a loyalty registration without identifiers is 1007', () => {
    given().when(registerCmd([])).fails(1007);
  });

  it('REG-4: each of mobile, email and externalId is enough for loyalty', () => {
    given().when(registerCmd([{ type: 'mobile', value: '9111111111' }])).accepted();
    given().when(registerCmd([{ type: 'email', value: 'a@example.com' }])).accepted();
    given().when(registerCmd([{ type: 'externalId', value: 'E-1' }])).accepted();
  });

  it('REG-4: a non-loyalty registration without identifiers is 1045', () => {
    given().when(registerCmd([], { loyaltyType: 'non_loyalty' })).fails(1045);
  });

  it('REG-4: a non-loyalty registration with any one valid identifier is accepted', () => {
    given().when(registerCmd([{ type: 'line', value: 'U1' }], { source: 'LINE', accountId: 'line-main', loyaltyType: 'non_loyalty' })).accepted();
  });

  it('REG-4: a profile without an identifiers list counts as none', () => {
    given().when(register('INSTORE', { firstName: 'Ann' }, { loyaltyType: 'non_loyalty' })).fails(1045);
    given().when(register('INSTORE', { firstName: 'Ann' })).fails(1007);
  });
});

describe('REG-5: register never updates an existing customer (8066)', () => {
  // Alice holds her email in INSTORE and her wechat id in WECHAT 22232, each in its own profile.
  const setup = build([
    registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9111111111' }], { firstName: 'Alice' }),
    registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_alice' }], {
      source: 'WECHAT',
      accountId: '22232',
      firstName: 'Alice',
    }),
  ]);

  it('REG-5: combining into a customer that already has a profile in the addressed account is 8066', () => {
    given(setup.events)
      .when(registerCmd([{ type: 'mobile', value: '9111111111' }, { type: 'wechat', value: 'wc_new' }], { source: 'WECHAT', accountId: '22232', firstName: 'Mallory' }))
      .fails(8066);
  });

  it("REG-5: after an 8066 the customer's profile in that account is unchanged", () => {
    const result = execute(
      setup.graph,
      registerCmd([{ type: 'mobile', value: '9111111111' }, { type: 'wechat', value: 'wc_new' }], { source: 'WECHAT', accountId: '22232', firstName: 'Mallory' }),
    );
    expect(refused(result).code).toBe(8066);
    expect(profileOf(setup.graph, 1, 'WECHAT', '22232').firstName).toBe('Alice');
    expect(holderOf(setup.graph, 'wechat', 'wc_new')).toBe(8015);
  });
});

describe('REG-6: an identifier held in another source account combines into that customer', () => {
  it('REG-6: the decision is one SourceProfileCombined event for the existing customer', () => {
    const [event] = given(build([ALICE]).events)
      .when(registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_a' }], { source: 'WECHAT', accountId: '22232' }))
      .accepted();
    expect(event).toMatchObject({ kind: 'SourceProfileCombined', customerId: 1, profile: { source: 'WECHAT', accountId: '22232' } });
  });

  it('REG-6: createdId is the existing customer and warning 8050 is reported', () => {
    const done = accepted(
      execute(run([ALICE]), register('WECHAT', { identifiers: [{ type: 'email', value: 'alice@example.com' }] }, { accountId: '22232' })),
    );
    expect(done.response).toEqual({
      createdId: 1,
      warnings: [{ status: false, code: 8050, message: 'Same Customer found in other sources,Combining' }],
      sideEffects: [],
    });
  });

  it('REG-6: the new source profile joins the customer, which keeps its other profiles, and no customer is created', () => {
    const done = accepted(
      execute(
        run([ALICE]),
        register('WECHAT', { firstName: 'Ali', identifiers: [{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_a' }] }, { accountId: '22232' }),
      ),
    );
    expect(detailsOf(done.graph, 1).profiles.map((p) => [p.source, p.firstName])).toEqual([
      ['INSTORE', 'Alice'],
      ['WECHAT', 'Ali'],
    ]);
    expect(holderOf(done.graph, 'wechat', 'wc_a', 'WECHAT', '22232')).toBe(1);
    expect(graphSnapshot(done.graph)._unsafeUnwrap().customers).toHaveLength(1);
  });

  it('REG-6: one identifier held elsewhere is enough; the others of the request are new', () => {
    const done = accepted(
      execute(
        run([ALICE]),
        register('WEBSITE', { identifiers: [{ type: 'mobile', value: '9444444444' }, { type: 'email', value: 'alice@example.com' }] }),
      ),
    );
    expect(done.response.createdId).toBe(1);
    expect(holderOf(done.graph, 'mobile', '9444444444', 'WEBSITE')).toBe(1);
  });
});

describe('REG-7: identifiers held by two different customers elsewhere are 8053', () => {
  it('REG-7: 8053, and nothing is merged or created', () => {
    const { graph, events } = build([ALICE, BOB]);
    given(events)
      .when(registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'email', value: 'bob@example.com' }], { source: 'WEBSITE' }))
      .fails(8053);
    const result = execute(graph, registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'email', value: 'bob@example.com' }], { source: 'WEBSITE' }));
    expect(refused(result).code).toBe(8053);
    expect(holderOf(graph, 'email', 'alice@example.com')).toBe(1);
    expect(holderOf(graph, 'email', 'bob@example.com')).toBe(2);
    expect(refused(getCustomer(graph, { customerId: 3, source: 'ALL' })).code).toBe(8015);
  });

  it('REG-7: two customers found through different source accounts are 8053 too', () => {
    const { events } = build([
      ALICE,
      registerCmd([{ type: 'wechat', value: 'wc_b' }], { source: 'WECHAT', accountId: '1234', loyaltyType: 'non_loyalty' }),
    ]);
    given(events)
      .when(
        registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_b' }], { source: 'WECHAT', accountId: '22232' }),
      )
      .fails(8053);
  });
});

describe('REG-8: a combine upgrades loyalty and adds only missing extended fields', () => {
  it('REG-8: a loyalty registration combined into a non-loyalty customer makes it loyalty', () => {
    const graph = run([
      registerCmd([{ type: 'email', value: 'a@example.com' }], { loyaltyType: 'non_loyalty' }),
      registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'WEBSITE', loyaltyType: 'loyalty' }),
    ]);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('REG-8: a non-loyalty registration combined into a non-loyalty customer keeps it non-loyalty', () => {
    const graph = run([
      registerCmd([{ type: 'email', value: 'a@example.com' }], { loyaltyType: 'non_loyalty' }),
      registerCmd([{ type: 'email', value: 'a@example.com' }], { source: 'WEBSITE', loyaltyType: 'non_loyalty' }),
    ]);
    expect(detailsOf(graph, 1).loyaltyInfo.loyaltyType).toBe('non_loyalty');
  });

  it('REG-8: extended fields the customer has are kept, those it lacks are added', () => {
    const graph = run([
      registerCmd([{ type: 'email', value: 'a@example.com' }], { extendedFields: { gender: 'Female', city: 'Pune' } }),
      registerCmd([{ type: 'email', value: 'a@example.com' }], {
        source: 'WEBSITE',
        extendedFields: { GENDER: 'male', city: 'Delhi', nationality: 'Indian' },
      }),
    ]);
    expect({ ...detailsOf(graph, 1).extendedFields }).toEqual({ gender: 'Female', city: 'Pune', nationality: 'Indian' });
  });
});

describe('REG-9: the profile a registration uses', () => {
  it('REG-9: the first profile naming the addressed source is used, not an earlier one of another source', () => {
    const command = registerBody('INSTORE', {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [
        { source: 'WECHAT', accountId: '22232', firstName: 'Wrong', identifiers: [{ type: 'email', value: 'wrong@example.com' }] },
        { source: 'INSTORE', firstName: 'Right', identifiers: [{ type: 'email', value: 'right@example.com' }] },
        { source: 'INSTORE', firstName: 'Later', identifiers: [{ type: 'email', value: 'later@example.com' }] },
      ],
    });
    const graph = accepted(execute(run([]), command)).graph;
    expect(profileOf(graph, 1, 'INSTORE')).toMatchObject({ firstName: 'Right', identifiers: [{ type: 'email', value: 'right@example.com' }] });
    expect(holderOf(graph, 'email', 'wrong@example.com')).toBe(8015);
    expect(holderOf(graph, 'email', 'later@example.com')).toBe(8015);
  });

  it('REG-9: a profile naming no source is used for the addressed source', () => {
    const command = registerBody('WEBSITE', {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [
        { source: 'INSTORE', firstName: 'Wrong', identifiers: [{ type: 'email', value: 'wrong@example.com' }] },
        { firstName: 'Any', identifiers: [{ type: 'email', value: 'any@example.com' }] },
      ],
    });
    expect(profileOf(accepted(execute(run([]), command)).graph, 1, 'WEBSITE').firstName).toBe('Any');
  });

  it("REG-9: the query's account wins over the account the profile names", () => {
    const command = registerBody(
      'WECHAT',
      {
        loyaltyInfo: { loyaltyType: 'non_loyalty' },
        profiles: [{ source: 'WECHAT', accountId: '1234', identifiers: [{ type: 'wechat', value: 'wc_2' }] }],
      },
      '22232',
    );
    const graph = accepted(execute(run([]), command)).graph;
    expect(holderOf(graph, 'wechat', 'wc_2', 'WECHAT', '22232')).toBe(1);
    expect(holderOf(graph, 'wechat', 'wc_2', 'WECHAT', '1234')).toBe(8065);
  });

  it('REG-9: a body with no profile for the addressed source is 400 naming profiles', () => {
    const command = registerBody('INSTORE', {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [{ source: 'WEBSITE', identifiers: [{ type: 'email', value: 'a@example.com' }] }],
    });
    const error = refused(execute(run([]), command));
    expect(error.code).toBe(400);
    expect(error.message).toContain('profiles');
  });

  it('REG-9: a body with an empty profiles list is 400', () => {
    given().when(registerBody('INSTORE', { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [] })).fails(400);
  });
});
