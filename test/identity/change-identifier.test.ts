import { describe, expect, it } from 'vitest';
import { execute, getCustomer, type GraphEvent } from '../../src/index';
import { customerId, tillCode } from '../../src/kernel/ids';
import { build, changeCmd, given, META, registerCmd, type Unstamped } from '../support/given';
import { codeOf, details, FIRST, must, refusal, SECOND, THIRD, whoHolds } from '../support/scenario';

const TILL = tillCode(META.till);
const ALICE = registerCmd([{ type: 'email', value: 'alice@example.com' }], { firstName: 'Alice' });
const BOB = registerCmd([{ type: 'email', value: 'bob@example.com' }], { firstName: 'Bob' });
const WECHAT_BOB = registerCmd([{ type: 'wechat', value: 'wc_bob' }], {
  source: 'WECHAT',
  accountId: '22232',
  loyaltyType: 'non_loyalty',
});

function added(id: number, source: 'INSTORE' | 'WECHAT', accountId: string, type: 'email' | 'mobile' | 'wechat', value: string): Unstamped {
  return { kind: 'IdentifierAdded', customerId: customerId(id), source, accountId, identifier: { type, value }, at: META.at, till: TILL };
}

function removed(id: number, source: 'INSTORE' | 'WECHAT', accountId: string, type: 'email' | 'mobile' | 'wechat', value: string): Unstamped {
  return { kind: 'IdentifierRemoved', customerId: customerId(id), source, accountId, identifier: { type, value }, at: META.at, till: TILL };
}

describe('CHG-1: changeIdentifier adds identifiers to the profile of the addressed source account', () => {
  it('CHG-1: an added identifier is one IdentifierAdded event for that profile, its value normalised', () => {
    given(build([ALICE]).events)
      .when(changeCmd(1, 'INSTORE', { add: [{ type: 'mobile', value: '9111111111' }] }))
      .then(added(1, 'INSTORE', '', 'mobile', '919111111111'));
  });

  it('CHG-1: the answer is success with no warnings, and the new identifier finds the customer in that source', () => {
    const { graph } = build([ALICE]);
    const done = must(execute(graph, changeCmd(FIRST, 'INSTORE', { add: [{ type: 'mobile', value: '9111111111' }] })));
    expect(done.response).toEqual({ success: true, warnings: [] });
    expect(whoHolds(done.graph, 'mobile', '919111111111', 'INSTORE')).toBe(FIRST);
    const profile = must(getCustomer(done.graph, { customerId: FIRST, source: 'INSTORE' })).profiles[0];
    expect(profile?.identifiers).toEqual([
      { type: 'email', value: 'alice@example.com' },
      { type: 'mobile', value: '919111111111' },
    ]);
  });

  it('CHG-1: an identifier added in one WECHAT account belongs to that account only', () => {
    const { graph } = build([WECHAT_BOB]);
    const done = must(execute(graph, changeCmd(FIRST, 'WECHAT', { add: [{ type: 'wechat', value: 'ray11' }] }, '22232')));
    expect(whoHolds(done.graph, 'wechat', 'ray11', 'WECHAT', '22232')).toBe(FIRST);
    expect(whoHolds(done.graph, 'wechat', 'ray11', 'WECHAT', '1234')).toBe(8065);
  });
});

describe('CHG-2: changeIdentifier removes identifiers the profile holds', () => {
  it('CHG-2: a held identifier is removed with one IdentifierRemoved event', () => {
    given(build([ALICE]).events)
      .when(changeCmd(1, 'INSTORE', { remove: [{ type: 'email', value: 'alice@example.com' }] }))
      .then(removed(1, 'INSTORE', '', 'email', 'alice@example.com'));
  });

  it('CHG-2: after a removal the identifier no longer finds the customer', () => {
    const { graph } = build([
      registerCmd([
        { type: 'email', value: 'alice@example.com' },
        { type: 'mobile', value: '9111111111' },
      ]),
    ]);
    const done = must(execute(graph, changeCmd(FIRST, 'INSTORE', { remove: [{ type: 'email', value: 'ALICE@example.com' }] })));
    expect(done.response).toEqual({ success: true, warnings: [] });
    expect(whoHolds(done.graph, 'email', 'alice@example.com')).toBe(8015);
    expect(whoHolds(done.graph, 'mobile', '919111111111')).toBe(FIRST);
  });

  it('CHG-2: removing an identifier the profile does not hold is 1104', () => {
    given(build([ALICE]).events)
      .when(changeCmd(1, 'INSTORE', { remove: [{ type: 'email', value: 'someone.else@example.com' }] }))
      .fails(1104);
  });

  it('CHG-2: removing an identifier another customer holds is 1104, and that customer keeps it', () => {
    const { graph } = build([ALICE, BOB]);
    const result = execute(graph, changeCmd(FIRST, 'INSTORE', { remove: [{ type: 'email', value: 'bob@example.com' }] }));
    expect(codeOf(result)).toBe(1104);
    expect(whoHolds(graph, 'email', 'bob@example.com', 'INSTORE')).toBe(SECOND);
  });

  it('CHG-2: removing an identifier the customer holds only in another source account is 1104', () => {
    const { events } = build([
      ALICE,
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_alice' }], {
        source: 'WECHAT',
        accountId: '22232',
      }),
    ]);
    given(events).when(changeCmd(1, 'INSTORE', { remove: [{ type: 'wechat', value: 'wc_alice' }] })).fails(1104);
  });

  it('CHG-2: a request with neither add nor remove is 1104', () => {
    given(build([ALICE]).events).when(changeCmd(1, 'INSTORE', {})).fails(1104);
  });

  it('CHG-2: a request whose add and remove lists are both empty is 1104', () => {
    given(build([ALICE]).events).when(changeCmd(1, 'INSTORE', { add: [], remove: [] })).fails(1104);
  });

  it('CHG-2: an identifier of a profile that merged into this one can be removed, and lookup then misses it', () => {
    // Bob and Alice both have an INSTORE profile; Bob merges into Alice, so his INSTORE profile conflicts.
    const { graph } = build([
      ALICE,
      BOB,
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_a' }], {
        source: 'WECHAT',
        accountId: '22232',
      }),
      registerCmd([{ type: 'email', value: 'bob@example.com' }, { type: 'wechat', value: 'wc_b' }], {
        source: 'WECHAT',
        accountId: '1234',
      }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'wechat', value: 'wc_a' }] }, '1234'),
    ]);
    expect(whoHolds(graph, 'email', 'bob@example.com', 'INSTORE')).toBe(FIRST);
    const done = must(execute(graph, changeCmd(FIRST, 'INSTORE', { remove: [{ type: 'email', value: 'bob@example.com' }] })));
    expect(whoHolds(done.graph, 'email', 'bob@example.com', 'INSTORE')).toBe(8065);
  });
});

describe('CHG-3: identifiers are unique within a source account', () => {
  it('CHG-3: adding an identifier another customer holds in the same source is 8008', () => {
    given(build([ALICE, BOB]).events)
      .when(changeCmd(1, 'INSTORE', { add: [{ type: 'email', value: 'bob@example.com' }] }))
      .fails(8008);
  });

  it('CHG-3: the collision is found whatever the case of the email', () => {
    given(build([ALICE, BOB]).events)
      .when(changeCmd(1, 'INSTORE', { add: [{ type: 'email', value: 'Bob@Example.COM' }] }))
      .fails(8008);
  });

  it('CHG-3: adding a wechat id another customer holds in the same WECHAT account is 8008', () => {
    const { events } = build([
      WECHAT_BOB,
      registerCmd([{ type: 'wechat', value: 'wc_carol' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
    ]);
    given(events).when(changeCmd(2, 'WECHAT', { add: [{ type: 'wechat', value: 'wc_bob' }] }, '22232')).fails(8008);
  });

  it('CHG-3: a refused 8008 leaves both customers as they were', () => {
    const { graph } = build([ALICE, BOB]);
    const result = execute(
      graph,
      changeCmd(FIRST, 'INSTORE', { add: [{ type: 'mobile', value: '9111111111' }, { type: 'email', value: 'bob@example.com' }] }),
    );
    expect(codeOf(result)).toBe(8008);
    expect(whoHolds(graph, 'mobile', '919111111111')).toBe(8015);
    expect(whoHolds(graph, 'email', 'bob@example.com')).toBe(SECOND);
  });

  it('CHG-3: adding an identifier the customer already holds in that source account is a no-op', () => {
    given(build([ALICE]).events)
      .when(changeCmd(1, 'INSTORE', { add: [{ type: 'email', value: 'alice@example.com' }] }))
      .then();
  });

  it('CHG-3: of several added identifiers, only those the customer lacks are added', () => {
    given(build([ALICE]).events)
      .when(
        changeCmd(1, 'INSTORE', {
          add: [
            { type: 'email', value: 'ALICE@example.com' },
            { type: 'mobile', value: '9111111111' },
          ],
        }),
      )
      .then(added(1, 'INSTORE', '', 'mobile', '919111111111'));
  });
});

describe('CHG-4: an identifier held by one customer in another source account merges this customer into it', () => {
  it('CHG-4: the identifier is added, then this customer merges into its holder as the victim', () => {
    given(build([ALICE, WECHAT_BOB]).events)
      .when(changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232'))
      .then(added(2, 'WECHAT', '22232', 'email', 'alice@example.com'), {
        kind: 'CustomersMerged',
        survivorId: FIRST,
        victimId: SECOND,
        cause: { source: 'WECHAT', accountId: '22232', identifier: { type: 'email', value: 'alice@example.com' } },
        // Adding the cause is all the command does: the profile's stamp before it, for an unmerge (MRG-15).
        priorStamp: { modifiedDate: META.at, modifiedBy: TILL },
        at: META.at,
        till: TILL,
      });
  });

  it('CHG-4: the answer is success with warning 8051 naming the survivor', () => {
    const { graph } = build([ALICE, WECHAT_BOB]);
    const done = must(execute(graph, changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232')));
    expect(done.response).toEqual({
      success: true,
      warnings: [
        { status: false, code: 8051, message: `Same identifier found in other source. Merging into the account with user id ${FIRST}.` },
      ],
    });
  });

  it('CHG-4: after the merge the survivor holds both source profiles and the victim answers 8069', () => {
    const { graph } = build([ALICE, WECHAT_BOB]);
    const done = must(execute(graph, changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232')));
    expect(details(done.graph, FIRST).profiles.map((p) => [p.source, p.accountId])).toEqual([
      ['INSTORE', ''],
      ['WECHAT', '22232'],
    ]);
    expect(whoHolds(done.graph, 'wechat', 'wc_bob', 'WECHAT', '22232')).toBe(FIRST);
    expect(codeOf(getCustomer(done.graph, { customerId: SECOND, source: 'ALL' }))).toBe(8069);
  });

  it('CHG-4: two accounts of WECHAT are different source accounts: the same wechat id in both merges the customers', () => {
    const { graph } = build([
      registerCmd([{ type: 'wechat', value: 'wc_2' }], { source: 'WECHAT', accountId: '1234', loyaltyType: 'non_loyalty' }),
      registerCmd([{ type: 'wechat', value: 'wc_other' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
    ]);
    const done = must(execute(graph, changeCmd(SECOND, 'WECHAT', { add: [{ type: 'wechat', value: 'wc_2' }] }, '22232')));
    expect(done.response.warnings.map((w) => w.code)).toEqual([8051]);
    expect(whoHolds(done.graph, 'wechat', 'wc_2', 'WECHAT', '1234')).toBe(FIRST);
    expect(whoHolds(done.graph, 'wechat', 'wc_2', 'WECHAT', '22232')).toBe(FIRST);
    expect(whoHolds(done.graph, 'wechat', 'wc_other', 'WECHAT', '22232')).toBe(FIRST);
  });

  it('CHG-4: several added identifiers held by the same other customer still merge into that one customer', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9111111111' }]),
      WECHAT_BOB,
    ]);
    const done = must(
      execute(
        graph,
        changeCmd(
          SECOND,
          'WECHAT',
          { add: [{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9111111111' }] },
          '22232',
        ),
      ),
    );
    expect(done.events.filter((e) => e.kind === 'CustomersMerged')).toHaveLength(1);
    expect(done.response.warnings.map((w) => w.code)).toEqual([8051]);
  });
});

describe('CHG-4: only another customer is a merge target', () => {
  it('CHG-4: an identifier the customer itself holds in another source is simply added, with no merge and no warning', () => {
    const { graph } = build([
      ALICE,
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_alice' }], { source: 'WECHAT', accountId: '22232' }),
    ]);
    const done = must(execute(graph, changeCmd(FIRST, 'INSTORE', { add: [{ type: 'wechat', value: 'wc_alice' }] })));
    expect(done.response).toEqual({ success: true, warnings: [] });
    expect(done.events.map((e) => e.kind)).toEqual(['IdentifierAdded']);
    expect(whoHolds(done.graph, 'wechat', 'wc_alice', 'INSTORE')).toBe(FIRST);
  });

  it('CHG-4: identifiers held elsewhere by the customer itself and by one other customer merge into that other one', () => {
    const { graph } = build([
      ALICE,
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_alice' }], { source: 'WECHAT', accountId: '22232' }),
      registerCmd([{ type: 'mobile', value: '9222222222' }], { source: 'MARTJACK' }),
    ]);
    const done = must(
      execute(graph, changeCmd(FIRST, 'INSTORE', { add: [{ type: 'wechat', value: 'wc_alice' }, { type: 'mobile', value: '9222222222' }] })),
    );
    expect(done.response.warnings.map((w) => w.code)).toEqual([8051]);
    expect(whoHolds(done.graph, 'email', 'alice@example.com')).toBe(SECOND);
  });
});

describe('CHG-5: identifiers held by two different customers elsewhere are 8053', () => {
  const setup = () =>
    build([
      ALICE,
      registerCmd([{ type: 'mobile', value: '9222222222' }], { source: 'MARTJACK' }),
      WECHAT_BOB,
    ]);

  it('CHG-5: adding identifiers of two different customers in other sources is 8053', () => {
    given(setup().events)
      .when(
        changeCmd(3, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9222222222' }] }, '22232'),
      )
      .fails(8053);
  });

  it('CHG-5: after 8053 nothing changed: every customer is live and every identifier finds its holder', () => {
    const { graph } = setup();
    const result = execute(
      graph,
      changeCmd(THIRD, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9222222222' }] }, '22232'),
    );
    expect(refusal(result).code).toBe(8053);
    expect(whoHolds(graph, 'email', 'alice@example.com')).toBe(FIRST);
    expect(whoHolds(graph, 'mobile', '919222222222')).toBe(SECOND);
    expect(whoHolds(graph, 'wechat', 'wc_bob', 'WECHAT', '22232')).toBe(THIRD);
    expect(whoHolds(graph, 'email', 'alice@example.com', 'WECHAT', '22232')).toBe(8065);
    for (const id of [FIRST, SECOND, THIRD]) expect(details(graph, id).id).toBe(id);
  });
});

describe('CHG-6: changeIdentifier needs a live customer', () => {
  it('CHG-6: an unknown customer id is 8009', () => {
    given(build([ALICE]).events)
      .when(changeCmd(99, 'INSTORE', { add: [{ type: 'mobile', value: '9111111111' }] }))
      .fails(8009);
  });

  it('CHG-6: a merge victim is 8067 naming its survivor', () => {
    const { graph } = build([
      ALICE,
      WECHAT_BOB,
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232'),
    ]);
    const error = refusal(execute(graph, changeCmd(SECOND, 'WECHAT', { add: [{ type: 'wechat', value: 'wc_new' }] }, '22232')));
    expect(error).toMatchObject({ code: 8067, survivorId: FIRST });
    expect(error.message).toContain(String(FIRST));
  });
});

describe('CHG-7: changeIdentifier needs a profile in the addressed source account', () => {
  it('CHG-7: a customer with no profile in the source is 8065', () => {
    given(build([ALICE]).events)
      .when(changeCmd(1, 'MARTJACK', { add: [{ type: 'mobile', value: '9111111111' }] }))
      .fails(8065);
  });

  it('CHG-7: a profile in one WECHAT account does not serve another WECHAT account (8065)', () => {
    given(build([WECHAT_BOB]).events)
      .when(changeCmd(1, 'WECHAT', { add: [{ type: 'wechat', value: 'wc_new' }] }, '1234'))
      .fails(8065);
  });
});

describe('CHG-8: within one request, removals apply before additions', () => {
  it('CHG-8: removing and adding the same held identifier leaves it held: it is removed, then added', () => {
    given(build([ALICE]).events)
      .when(
        changeCmd(1, 'INSTORE', {
          add: [{ type: 'email', value: 'alice@example.com' }],
          remove: [{ type: 'email', value: 'alice@example.com' }],
        }),
      )
      .then(removed(1, 'INSTORE', '', 'email', 'alice@example.com'), added(1, 'INSTORE', '', 'email', 'alice@example.com'));
  });

  it('CHG-8: after removing and adding the same identifier, lookup still finds the customer by it', () => {
    const { graph } = build([ALICE]);
    const done = must(
      execute(
        graph,
        changeCmd(FIRST, 'INSTORE', {
          add: [{ type: 'email', value: 'alice@example.com' }],
          remove: [{ type: 'email', value: 'alice@example.com' }],
        }),
      ),
    );
    expect(whoHolds(done.graph, 'email', 'alice@example.com', 'INSTORE')).toBe(FIRST);
  });

  it('CHG-8: a removal is judged before the request adds anything: removing an identifier being added is 1104', () => {
    given(build([ALICE]).events)
      .when(
        changeCmd(1, 'INSTORE', {
          add: [{ type: 'mobile', value: '9111111111' }],
          remove: [{ type: 'mobile', value: '9111111111' }],
        }),
      )
      .fails(1104);
  });

  it('CHG-8: replacing a mobile in one request leaves only the new number', () => {
    const { graph } = build([registerCmd([{ type: 'mobile', value: '9111111111' }, { type: 'email', value: 'alice@example.com' }])]);
    const done = must(
      execute(
        graph,
        changeCmd(FIRST, 'INSTORE', { add: [{ type: 'mobile', value: '9333333333' }], remove: [{ type: 'mobile', value: '9111111111' }] }),
      ),
    );
    expect(whoHolds(done.graph, 'mobile', '919111111111')).toBe(8015);
    expect(whoHolds(done.graph, 'mobile', '919333333333')).toBe(FIRST);
  });
});
