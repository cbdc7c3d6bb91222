import { describe, expect, it } from 'vitest';
import { execute, provenance, PII_DELETED_MESSAGE, type Command, type CustomerGraph, type Provenance } from '../../src/index';
import { changeCmd, registerCmd } from '../support/given';
import { deletePii } from '../support/loyalty-state';
import { FIRST, mergeCmd, must, refusal, SECOND, THIRD, timeline } from '../support/scenario';

const T1 = { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' } as const;
const T2 = { at: '2024-05-02T10:00:00+05:30', till: 'bukl.till' } as const;
const T3 = { at: '2024-05-03T10:00:00+05:30', till: 'rr.till' } as const;

/** A command at a given time and till. */
const at = (command: Command, meta: { at: string; till: string }): Command => ({ ...command, meta });

/** Alice: INSTORE, an email and a mobile. */
const ALICE = registerCmd([
  { type: 'email', value: 'alice@example.com' },
  { type: 'mobile', value: '9111111111' },
]);
/** Alice again, in WECHAT account 22232 with her email: combined into her. */
const ALICE_IN_WECHAT = registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_alice' }], { source: 'WECHAT', accountId: '22232' });
/** Bob: WECHAT account 1234, non-loyalty. */
const BOB = registerCmd([{ type: 'wechat', value: 'wc_bob' }], { source: 'WECHAT', accountId: '1234', loyaltyType: 'non_loyalty' });

const of = (graph: CustomerGraph, id: number): Provenance => must(provenance(graph, id));

describe('PRV-1: provenance lists the profiles with the event that brought each and each identifier', () => {
  it('PRV-1: given a registration, then the profile was made by it, at its time and till, with every identifier', () => {
    const { graph } = timeline([at(ALICE, T1)]);
    expect(of(graph, FIRST)).toEqual({
      customerId: FIRST,
      path: [FIRST],
      profiles: [
        {
          source: 'INSTORE',
          accountId: '',
          brought: { seq: null, kind: 'registration', ...T1 },
          identifiers: [
            { type: 'email', value: 'alice@example.com', brought: { seq: null, kind: 'registration', ...T1 } },
            { type: 'mobile', value: '919111111111', brought: { seq: null, kind: 'registration', ...T1 } },
          ],
          conflictingProfiles: [],
        },
      ],
      merges: [],
      unmerges: [],
    });
  });

  it('PRV-1: given a second source profile combined into the customer, then it is listed with its own registration time and till', () => {
    const { graph } = timeline([at(ALICE, T1), at(ALICE_IN_WECHAT, T2)]);
    const p = of(graph, FIRST).profiles;
    expect(p.map((x) => [x.source, x.accountId, x.brought])).toEqual([
      ['INSTORE', '', { seq: null, kind: 'registration', ...T1 }],
      ['WECHAT', '22232', { seq: null, kind: 'registration', ...T2 }],
    ]);
    expect(of(graph, FIRST).merges).toEqual([]);
  });

  it('PRV-1: an identifier added by changeIdentifier names that event by its sequence number', () => {
    const { graph, seqAfter } = timeline([at(ALICE, T1), at(changeCmd(FIRST, 'INSTORE', { add: [{ type: 'externalId', value: 'ext-a' }] }), T2)]);
    expect(of(graph, FIRST).profiles[0]?.identifiers[2]).toEqual({ type: 'externalId', value: 'ext-a', brought: { seq: seqAfter[1], kind: 'IdentifierAdded', ...T2 } });
  });
});

describe('PRV-2: provenance lists every merge into the customer with its cause, time and till', () => {
  it('PRV-2: given an auto-merge through changeIdentifier, then the merge names the victim and the identifier that caused it', () => {
    const { graph, seqAfter } = timeline([at(ALICE, T1), at(BOB, T2), at(changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '1234'), T3)]);
    const p = of(graph, FIRST);
    expect(p.merges).toEqual([
      {
        seq: seqAfter[2],
        ...T3,
        survivorId: FIRST,
        victimId: SECOND,
        cause: { source: 'WECHAT', accountId: '1234', identifier: { type: 'email', value: 'alice@example.com' } },
        direct: true,
      },
    ]);
    // Bob's profile joined Alice's; its email came with the identifier change, its wechat id with his registration.
    expect(p.profiles[1]?.identifiers.map((i) => [i.value, i.brought.kind])).toEqual([
      ['wc_bob', 'registration'],
      ['alice@example.com', 'IdentifierAdded'],
    ]);
    expect(p.unmerges).toEqual([]);
  });

  it('PRV-2, MRG-16: an unmerge is listed in both customers\' provenance with its time, till and reason; the survivor still lists the merge it undid', () => {
    const undo: Command = { kind: 'unmerge', victimId: 2, reason: 'two people', meta: T3 };
    const { graph, seqAfter } = timeline([at(ALICE, T1), at(BOB, T1), at(mergeCmd(FIRST, SECOND), T2), undo]);
    const unmerge = { seq: seqAfter[3], ...T3, survivorId: FIRST, victimId: SECOND, reason: 'two people' };
    expect(of(graph, FIRST).unmerges).toEqual([unmerge]);
    expect(of(graph, FIRST).merges.map((m) => m.victimId)).toEqual([SECOND]);
    expect(of(graph, SECOND)).toMatchObject({ customerId: SECOND, path: [SECOND], merges: [], unmerges: [unmerge] });
  });

  it('PRV-2: an explicit merge has a null cause, and a profile in a source account the survivor has shows the merge that moved it', () => {
    const { graph, seqAfter } = timeline([at(ALICE, T1), at(registerCmd([{ type: 'email', value: 'dan@example.com' }]), T2), at(mergeCmd(FIRST, SECOND), T3)]);
    const p = of(graph, FIRST);
    const merge = { seq: seqAfter[2], ...T3, survivorId: FIRST, victimId: SECOND, cause: null, direct: true };
    expect(p.merges).toEqual([merge]);
    expect(p.profiles[0]?.conflictingProfiles).toEqual([
      {
        mergedFrom: SECOND,
        brought: { seq: null, kind: 'registration', ...T2 },
        merge,
        identifiers: [{ type: 'email', value: 'dan@example.com', brought: { seq: null, kind: 'registration', ...T2 } }],
      },
    ]);
  });
});

describe('PRV-3: a victim answers its survivor\'s provenance with the path of merges', () => {
  // A chain A -> B -> C: A merges into B, then B into C.
  const CHAIN = [
    at(registerCmd([{ type: 'email', value: 'a@example.com' }]), T1),
    at(registerCmd([{ type: 'wechat', value: 'wc_b' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }), T1),
    at(registerCmd([{ type: 'line', value: 'ln_c' }], { source: 'LINE', accountId: 'line-main', loyaltyType: 'non_loyalty' }), T1),
    at(mergeCmd(SECOND, FIRST), T2),
    at(mergeCmd(THIRD, SECOND), T3),
  ];

  it('PRV-3: given A merged into B and B into C, then A\'s provenance is C\'s with the path [A, B, C]', () => {
    const { graph } = timeline(CHAIN);
    const c = of(graph, THIRD);
    expect(c.path).toEqual([THIRD]);
    expect(of(graph, FIRST)).toEqual({ ...c, path: [FIRST, SECOND, THIRD] });
    expect(of(graph, SECOND).path).toEqual([SECOND, THIRD]);
  });

  it('PRV-3: C\'s merges list both, the one into B through the chain as not direct', () => {
    const { graph, seqAfter } = timeline(CHAIN);
    expect(of(graph, THIRD).merges.map((m) => [m.seq, m.survivorId, m.victimId, m.direct])).toEqual([
      [seqAfter[3], SECOND, FIRST, false],
      [seqAfter[4], THIRD, SECOND, true],
    ]);
  });

  it('PRV-3: an unknown id is 8015; a customer deleted on a PII request is 8015 with the PII message, through a victim too', () => {
    const { graph } = timeline(CHAIN);
    expect(refusal(provenance(graph, 99))).toMatchObject({ code: 8015, reason: 'unknownCustomer' });
    const deleted = must(execute(graph, deletePii(THIRD))).graph;
    expect(refusal(provenance(deleted, THIRD))).toMatchObject({ code: 8015, message: PII_DELETED_MESSAGE });
    expect(refusal(provenance(deleted, FIRST))).toMatchObject({ code: 8015, message: PII_DELETED_MESSAGE });
  });

  it('PRV-3: a value that is not a graph, or an id that is not an integer, is a 400, never an exception', () => {
    expect(refusal(provenance({} as CustomerGraph, 1)).code).toBe(400);
    expect(refusal(provenance(timeline(CHAIN).graph, 1.5 as number)).code).toBe(400);
  });
});

describe('PRV-4: provenance reads the customer and the customers merged into it, nobody else', () => {
  it('PRV-4: merges among other customers leave a customer\'s provenance as it was', () => {
    const { graph } = timeline([ALICE, BOB, changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '1234')]);
    let crowded = graph;
    for (let i = 0; i < 20; i++) {
      crowded = must(execute(crowded, registerCmd([{ type: 'email', value: `s${i}@example.com` }]))).graph;
      crowded = must(execute(crowded, registerCmd([{ type: 'wechat', value: `wc_${i}` }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }))).graph;
      crowded = must(execute(crowded, mergeCmd(crowded.nextCustomerId - 2, crowded.nextCustomerId - 1))).graph;
    }
    expect(of(crowded, FIRST)).toEqual(of(graph, FIRST));
  });
});
