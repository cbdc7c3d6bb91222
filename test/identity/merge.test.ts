import { describe, expect, it } from 'vitest';
import { evolve, execute, getCustomer } from '../../src/index';
import { tillCode } from '../../src/kernel/ids';
import { build, changeCmd, given, META, registerCmd } from '../support/given';
import {
  codeOf,
  details,
  FIRST,
  FOURTH,
  mergeCmd,
  must,
  refusal,
  renameCmd,
  SECOND,
  THIRD,
  whoHolds,
} from '../support/scenario';

/** Alice: INSTORE, loyalty, email and mobile. */
const ALICE = registerCmd(
  [
    { type: 'email', value: 'alice@example.com' },
    { type: 'mobile', value: '9111111111' },
  ],
  { firstName: 'Alice', lastName: 'Liddell' },
);
/** Bob: WECHAT account 22232 only, non-loyalty. */
const WECHAT_BOB = registerCmd([{ type: 'wechat', value: 'wc_bob' }], {
  source: 'WECHAT',
  accountId: '22232',
  loyaltyType: 'non_loyalty',
  firstName: 'Bob',
});
/** Bob takes Alice's email in his WECHAT account: he merges into her. */
const BOB_TAKES_ALICES_EMAIL = changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232');

describe('MRG-1: the survivor keeps its id and gains every profile of the victim', () => {
  it('MRG-1: after a merge through changeIdentifier the survivor shows its own profile and the victim one, under its id', () => {
    const { graph } = build([ALICE, WECHAT_BOB, BOB_TAKES_ALICES_EMAIL]);
    const survivor = details(graph, FIRST);
    expect(survivor.id).toBe(FIRST);
    expect(survivor.profiles.map((p) => ({ source: p.source, accountId: p.accountId, firstName: p.firstName, userId: p.userId }))).toEqual([
      { source: 'INSTORE', accountId: '', firstName: 'Alice', userId: FIRST },
      { source: 'WECHAT', accountId: '22232', firstName: 'Bob', userId: FIRST },
    ]);
    expect(survivor.profiles[1]?.identifiers).toEqual([
      { type: 'wechat', value: 'wc_bob' },
      { type: 'email', value: 'alice@example.com' },
    ]);
  });

  it('MRG-1: an explicit merge answers success naming both customers, and the victim profiles join the survivor', () => {
    const { graph } = build([ALICE, WECHAT_BOB]);
    const done = must(execute(graph, mergeCmd(FIRST, SECOND)));
    expect(done.response).toEqual({ success: true, survivorId: FIRST, victimId: SECOND, warnings: [] });
    expect(details(done.graph, FIRST).profiles.map((p) => p.source)).toEqual(['INSTORE', 'WECHAT']);
    expect(whoHolds(done.graph, 'wechat', 'wc_bob', 'WECHAT', '22232')).toBe(FIRST);
  });
});

describe('MRG-2: the merged customer has the higher loyalty type', () => {
  it('MRG-2: a non-loyalty survivor becomes loyalty when a loyalty victim merges into it', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'sam@example.com' }], { loyaltyType: 'non_loyalty' }),
      registerCmd([{ type: 'email', value: 'vic@example.com' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'loyalty' }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'sam@example.com' }] }, '22232'),
    ]);
    expect(details(graph, FIRST).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('MRG-2: a loyalty survivor stays loyalty when a non-loyalty victim merges into it', () => {
    const { graph } = build([ALICE, WECHAT_BOB, BOB_TAKES_ALICES_EMAIL]);
    expect(details(graph, FIRST).loyaltyInfo.loyaltyType).toBe('loyalty');
  });

  it('MRG-2: two non-loyalty customers merge into a non-loyalty customer', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'sam@example.com' }], { loyaltyType: 'non_loyalty' }),
      WECHAT_BOB,
      mergeCmd(1, 2),
    ]);
    expect(details(graph, FIRST).loyaltyInfo.loyaltyType).toBe('non_loyalty');
  });
});

describe('MRG-3: a victim profile for a source account the survivor already has is kept as a conflicting profile', () => {
  // Alice has INSTORE and WECHAT/22232 profiles; Vic has only WECHAT/22232 and adds Alice's mobile there.
  const setup = () =>
    build([
      ALICE,
      registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_alice' }], {
        source: 'WECHAT',
        accountId: '22232',
        firstName: 'Alice',
      }),
      registerCmd([{ type: 'wechat', value: 'wc_vic' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty', firstName: 'Vic' }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'mobile', value: '9111111111' }] }, '22232'),
    ]);

  it('MRG-3: the survivor keeps one WECHAT/22232 profile, and the victim one is listed in its conflictingProfileList', () => {
    const { graph } = setup();
    const view = must(getCustomer(graph, { customerId: FIRST, source: 'WECHAT', accountId: '22232' }));
    expect(view.profiles).toHaveLength(1);
    const [profile] = view.profiles;
    expect(profile?.identifiers).toEqual([
      { type: 'email', value: 'alice@example.com' },
      { type: 'wechat', value: 'wc_alice' },
    ]);
    expect(profile?.conflictingProfileList).toHaveLength(1);
    expect(profile?.conflictingProfileList[0]).toMatchObject({
      source: 'WECHAT',
      accountId: '22232',
      firstName: 'Vic',
      mergedFrom: SECOND,
      userId: FIRST,
      identifiers: [
        { type: 'wechat', value: 'wc_vic' },
        { type: 'mobile', value: '919111111111' },
      ],
    });
  });

  it('MRG-3: the conflicting profile identifiers are never lost: lookup finds the survivor by them', () => {
    const { graph } = setup();
    expect(whoHolds(graph, 'wechat', 'wc_vic', 'WECHAT', '22232')).toBe(FIRST);
    expect(whoHolds(graph, 'mobile', '919111111111', 'WECHAT', '22232')).toBe(FIRST);
    expect(whoHolds(graph, 'wechat', 'wc_alice', 'WECHAT', '22232')).toBe(FIRST);
  });

  it('MRG-3: an explicit merge of two customers with profiles in the same source keeps both, one as conflicting', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'one@example.com' }], { firstName: 'One' }),
      registerCmd([{ type: 'email', value: 'two@example.com' }], { firstName: 'Two' }),
      mergeCmd(1, 2),
    ]);
    const [instore] = details(graph, FIRST).profiles;
    expect(instore?.firstName).toBe('One');
    expect(instore?.conflictingProfileList.map((c) => [c.firstName, c.mergedFrom, c.identifiers])).toEqual([
      ['Two', SECOND, [{ type: 'email', value: 'two@example.com' }]],
    ]);
    expect(whoHolds(graph, 'email', 'two@example.com', 'INSTORE')).toBe(FIRST);
  });

  it('MRG-3: conflicting profiles travel along when their survivor merges again', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'one@example.com' }]),
      registerCmd([{ type: 'email', value: 'two@example.com' }]),
      registerCmd([{ type: 'email', value: 'three@example.com' }]),
      mergeCmd(1, 2),
      mergeCmd(3, 1),
    ]);
    const [instore] = details(graph, THIRD).profiles;
    expect(instore?.conflictingProfileList.map((c) => c.mergedFrom).sort()).toEqual([FIRST, SECOND]);
    expect(whoHolds(graph, 'email', 'two@example.com', 'INSTORE')).toBe(THIRD);
  });
});

describe('MRG-4: a victim id resolves to its live survivor through any chain of merges', () => {
  // A (WECHAT) merges into B (INSTORE), then B merges into C (MARTJACK): A → B → C.
  const chain = () =>
    build([
      registerCmd([{ type: 'wechat', value: 'wc_a' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
      registerCmd([{ type: 'email', value: 'b@example.com' }]),
      registerCmd([{ type: 'mobile', value: '9333333333' }], { source: 'MARTJACK' }),
      changeCmd(1, 'WECHAT', { add: [{ type: 'email', value: 'b@example.com' }] }, '22232'),
      changeCmd(2, 'INSTORE', { add: [{ type: 'mobile', value: '9333333333' }] }),
    ]);

  it('MRG-4: A → B → C: getting A answers 8069 naming C, the live end of the chain', () => {
    const { graph } = chain();
    expect(refusal(getCustomer(graph, { customerId: FIRST, source: 'ALL' }))).toMatchObject({ code: 8069, survivorId: THIRD });
    expect(refusal(getCustomer(graph, { customerId: SECOND, source: 'ALL' }))).toMatchObject({ code: 8069, survivorId: THIRD });
  });

  it('MRG-4: A → B → C: identifiers of A and B are found on C', () => {
    const { graph } = chain();
    expect(whoHolds(graph, 'wechat', 'wc_a', 'WECHAT', '22232')).toBe(THIRD);
    expect(whoHolds(graph, 'email', 'b@example.com')).toBe(THIRD);
    expect(details(graph, THIRD).profiles.map((p) => p.source).sort()).toEqual(['INSTORE', 'MARTJACK', 'WECHAT']);
  });

  it('MRG-4: A → B → C: changeIdentifier on A answers 8067 naming C', () => {
    const { graph } = chain();
    expect(refusal(execute(graph, changeCmd(FIRST, 'WECHAT', { add: [{ type: 'wechat', value: 'x' }] }, '22232')))).toMatchObject({
      code: 8067,
      survivorId: THIRD,
    });
  });

  it('MRG-4: a chain of explicit merges resolves the first victim to the last survivor', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'one@example.com' }]),
      registerCmd([{ type: 'email', value: 'two@example.com' }], { source: 'MARTJACK' }),
      registerCmd([{ type: 'email', value: 'three@example.com' }], { source: 'TMALL' }),
      registerCmd([{ type: 'email', value: 'four@example.com' }], { source: 'JD' }),
      mergeCmd(2, 1),
      mergeCmd(3, 2),
      mergeCmd(4, 3),
    ]);
    expect(refusal(getCustomer(graph, { customerId: FIRST, source: 'ALL' }))).toMatchObject({ code: 8069, survivorId: FOURTH });
    expect(whoHolds(graph, 'email', 'one@example.com')).toBe(FOURTH);
  });

  it('MRG-4: no chain can loop: merging a survivor into its own victim is refused (9023)', () => {
    const { events, graph } = build([
      registerCmd([{ type: 'email', value: 'one@example.com' }]),
      registerCmd([{ type: 'email', value: 'two@example.com' }], { source: 'MARTJACK' }),
      mergeCmd(2, 1),
    ]);
    given(events).when(mergeCmd(1, 2)).fails(9023);
    expect(refusal(getCustomer(graph, { customerId: FIRST, source: 'ALL' }))).toMatchObject({ code: 8069, survivorId: SECOND });
  });
});

describe('MRG-4: folding merge events directly cannot make a chain loop', () => {
  const oneIntoTwo = () =>
    build([
      registerCmd([{ type: 'email', value: 'one@example.com' }]),
      registerCmd([{ type: 'email', value: 'two@example.com' }], { source: 'MARTJACK' }),
      mergeCmd(2, 1),
    ]);

  it('MRG-4, ARC-2: an event merging a survivor into its own victim is refused as a misfit, and the graph stays as it is', () => {
    const { graph } = oneIntoTwo();
    const looped = evolve(graph, {
      kind: 'CustomersMerged',
      seq: graph.eventCount + 1,
      survivorId: FIRST,
      victimId: SECOND,
      cause: null,
      at: META.at,
      till: tillCode(META.till),
    });
    expect(refusal(looped)).toMatchObject({ code: 400, reason: 'eventMisfit', index: 0, misfit: { misfit: 'notLive', customerId: FIRST, status: 'merged' } });
    expect(refusal(getCustomer(graph, { customerId: FIRST, source: 'ALL' }))).toMatchObject({ code: 8069, survivorId: SECOND });
    expect(whoHolds(graph, 'email', 'one@example.com')).toBe(SECOND);
  });

  it('MRG-4, ARC-2: an event merging an existing victim again is refused as a misfit, and the victim still points at its survivor', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'one@example.com' }]),
      registerCmd([{ type: 'email', value: 'two@example.com' }], { source: 'MARTJACK' }),
      registerCmd([{ type: 'email', value: 'three@example.com' }], { source: 'TMALL' }),
      mergeCmd(2, 1),
    ]);
    const again = evolve(graph, {
      kind: 'CustomersMerged',
      seq: graph.eventCount + 1,
      survivorId: THIRD,
      victimId: FIRST,
      cause: null,
      at: META.at,
      till: tillCode(META.till),
    });
    expect(refusal(again)).toMatchObject({ code: 400, reason: 'eventMisfit', index: 0, misfit: { misfit: 'notLive', customerId: FIRST } });
    expect(refusal(getCustomer(graph, { customerId: FIRST, source: 'ALL' }))).toMatchObject({ code: 8069, survivorId: SECOND });
  });
});

describe('MRG-5: a victim answers 8069 on get and update, 8067 on changeIdentifier, naming its survivor', () => {
  const merged = () => build([ALICE, WECHAT_BOB, BOB_TAKES_ALICES_EMAIL]);

  it('MRG-5: get of a victim is 8069 naming the survivor, for ALL and for its former source', () => {
    const { graph } = merged();
    const all = refusal(getCustomer(graph, { customerId: SECOND, source: 'ALL' }));
    expect(all).toMatchObject({ code: 8069, survivorId: FIRST });
    expect(all.message).toContain(String(FIRST));
    expect(refusal(getCustomer(graph, { customerId: SECOND, source: 'WECHAT', accountId: '22232' }))).toMatchObject({
      code: 8069,
      survivorId: FIRST,
    });
  });

  it('MRG-5: update of a victim is 8069 naming the survivor', () => {
    const { graph } = merged();
    expect(refusal(execute(graph, renameCmd(SECOND, 'WECHAT', 'Robert', '22232')))).toMatchObject({ code: 8069, survivorId: FIRST });
  });

  it('MRG-5: changeIdentifier on a victim is 8067 naming the survivor', () => {
    const { graph } = merged();
    const error = refusal(execute(graph, changeCmd(SECOND, 'WECHAT', { remove: [{ type: 'wechat', value: 'wc_bob' }] }, '22232')));
    expect(error).toMatchObject({ code: 8067, survivorId: FIRST });
    expect(error.message).toContain(`user id ${FIRST}`);
  });
});

describe('MRG-6: an explicit merge needs two different live customers', () => {
  const two = () => build([ALICE, WECHAT_BOB]);

  it('MRG-6: survivor and victim the same customer is 9029', () => {
    given(two().events).when(mergeCmd(1, 1)).fails(9029);
  });

  it('MRG-6: a survivor that is itself a merge victim is 9023', () => {
    const { events } = build([ALICE, WECHAT_BOB, registerCmd([{ type: 'email', value: 'carol@example.com' }], { source: 'TMALL' }), mergeCmd(1, 2)]);
    given(events).when(mergeCmd(2, 3)).fails(9023);
  });

  it('MRG-6: a victim already merged is 9027', () => {
    const { events } = build([ALICE, WECHAT_BOB, registerCmd([{ type: 'email', value: 'carol@example.com' }], { source: 'TMALL' }), mergeCmd(1, 2)]);
    given(events).when(mergeCmd(3, 2)).fails(9027);
  });

  it('MRG-6: an unknown survivor is 8015', () => {
    given(two().events).when(mergeCmd(99, 2)).fails(8015);
  });

  it('MRG-6: an unknown victim is 8015', () => {
    given(two().events).when(mergeCmd(1, 99)).fails(8015);
  });

  it('MRG-6: a refused merge merges nothing: both customers stay live with their own profiles', () => {
    const { graph } = build([ALICE, WECHAT_BOB]);
    expect(codeOf(execute(graph, mergeCmd(FIRST, FIRST)))).toBe(9029);
    expect(codeOf(execute(graph, mergeCmd(FIRST, 99)))).toBe(8015);
    expect(details(graph, FIRST).profiles.map((p) => p.source)).toEqual(['INSTORE']);
    expect(details(graph, SECOND).profiles.map((p) => p.source)).toEqual(['WECHAT']);
  });
});

describe('MRG-7: each merge is one event naming survivor, victim, cause, time and till', () => {
  it('MRG-7: a merge through changeIdentifier names the identifier and source account that caused it, and the command time and till', () => {
    const meta = { at: '2025-02-03T04:05:06+08:00', till: 'rr.till' };
    const events = given(build([ALICE, WECHAT_BOB]).events)
      .when({ ...BOB_TAKES_ALICES_EMAIL, meta })
      .accepted();
    expect(events.filter((e) => e.kind === 'CustomersMerged')).toEqual([
      {
        kind: 'CustomersMerged',
        seq: 4,
        survivorId: FIRST,
        victimId: SECOND,
        cause: { source: 'WECHAT', accountId: '22232', identifier: { type: 'email', value: 'alice@example.com' } },
        priorStamp: { modifiedDate: META.at, modifiedBy: tillCode(META.till) },
        at: meta.at,
        till: tillCode('rr.till'),
      },
    ]);
  });

  it('MRG-7: an explicit merge is one event with no cause', () => {
    given(build([ALICE, WECHAT_BOB]).events)
      .when(mergeCmd(1, 2))
      .then({ kind: 'CustomersMerged', survivorId: FIRST, victimId: SECOND, cause: null, at: META.at, till: tillCode(META.till) });
  });

  it('MRG-7: the merge time and till become the survivor modification attribution', () => {
    const { graph } = build([ALICE, WECHAT_BOB]);
    const done = must(execute(graph, { ...mergeCmd(FIRST, SECOND), meta: { at: '2025-02-03T04:05:06+08:00', till: 'rr.till' } }));
    expect(details(done.graph, FIRST).loyaltyInfo.attributionV2.modifiedDate).toBe('2025-02-03T04:05:06+08:00');
    expect(details(done.graph, FIRST).loyaltyInfo.attributionV2.modifiedBy.code).toBe('rr.till');
  });
});

describe('MRG-8: on a merge the survivor extended fields win and the victim ones fill the gaps', () => {
  it('MRG-8: a field both have keeps the survivor value; a field only the victim has is added', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'sam@example.com' }], { extendedFields: { city: 'Pune' } }),
      registerCmd([{ type: 'email', value: 'vic@example.com' }], {
        source: 'WECHAT',
        accountId: '22232',
        extendedFields: { city: 'Delhi', gender: 'female' },
      }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'sam@example.com' }] }, '22232'),
    ]);
    expect({ ...details(graph, FIRST).extendedFields }).toEqual({ city: 'Pune', gender: 'Female' });
  });

  it('MRG-8: an explicit merge combines extended fields the same way', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'sam@example.com' }], { extendedFields: { nationality: 'Indian' } }),
      registerCmd([{ type: 'email', value: 'vic@example.com' }], { source: 'TMALL', extendedFields: { nationality: 'Thai', city: 'Bangkok' } }),
      mergeCmd(1, 2),
    ]);
    expect({ ...details(graph, FIRST).extendedFields }).toEqual({ nationality: 'Indian', city: 'Bangkok' });
  });
});
