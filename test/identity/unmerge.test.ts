import { describe, expect, it } from 'vitest';
import { changeRequests, evolve, execute, graphSnapshot, type Command, type CustomerGraph, type UnmergeCommand } from '../../src/index';
import { customerId, tillCode } from '../../src/kernel/ids';
import { build, changeCmd, given, META, registerCmd } from '../support/given';
import { balanceOf, issueCouponCmd, member, offer, pointsCmd, step } from '../support/loyalty';
import { details, FIRST, mergeCmd, must, refusal, SECOND, THIRD, whoHolds } from '../support/scenario';

const ALICE = registerCmd([{ type: 'email', value: 'alice@example.com' }], { firstName: 'Alice' });
const WECHAT_BOB = registerCmd([{ type: 'wechat', value: 'wc_bob' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty', firstName: 'Bob' });
const BOB_TAKES_ALICES_EMAIL = changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232');

function unmergeCmd(victimId: number, reason = 'merged by mistake'): UnmergeCommand {
  return { kind: 'unmerge', victimId, reason, meta: META };
}

const recordsOf = (graph: CustomerGraph) => graphSnapshot(graph)._unsafeUnwrap().customers;

describe('MRG-11: an unmerge splits the victim back out of its survivor', () => {
  it('MRG-11: right after an explicit merge, unmerge gives back every record as it was before the merge', () => {
    const before = build([member('alice@example.com', [{ programId: 1219, loyaltyPoints: 50 }]), member('bob@example.com', [{ programId: 1219, loyaltyPoints: 100 }])]).graph;
    const merged = must(execute(before, mergeCmd(FIRST, SECOND))).graph;
    const after = must(execute(merged, unmergeCmd(SECOND))).graph;
    expect(recordsOf(after)).toEqual(recordsOf(before));
    expect(whoHolds(after, 'email', 'bob@example.com')).toBe(SECOND);
  });

  it('MRG-11, MRG-16: the decision is one CustomerUnmerged event with the reason and the till', () => {
    const { events } = build([ALICE, WECHAT_BOB, mergeCmd(FIRST, SECOND)]);
    given(events)
      .when(unmergeCmd(SECOND, 'two people'))
      .then({ kind: 'CustomerUnmerged', survivorId: FIRST, victimId: SECOND, reason: 'two people', released: null, at: META.at, till: tillCode(META.till) });
  });
});

describe('MRG-12: only a recorded merge into a live survivor can be undone', () => {
  it('MRG-12: an unknown id is 8015, a live customer 9031', () => {
    const { events } = build([ALICE]);
    given(events).when(unmergeCmd(99)).fails(8015);
    given(events).when(unmergeCmd(1)).fails(9031);
  });

  it('MRG-12: in a chain A into B into C, A waits for B (9033); unmerging B brings A out with it, and then A can be split from B', () => {
    const start = build([member('a@example.com'), member('b@example.com'), member('c@example.com'), mergeCmd(SECOND, FIRST), mergeCmd(THIRD, SECOND)]).graph;
    expect(refusal(execute(start, unmergeCmd(FIRST)))).toMatchObject({ code: 9033, victimId: FIRST, survivorId: SECOND, status: 'merged' });
    const middle = step(start, unmergeCmd(SECOND)).graph;
    expect(whoHolds(middle, 'email', 'a@example.com')).toBe(SECOND);
    expect(whoHolds(middle, 'email', 'c@example.com')).toBe(THIRD);
    const apart = step(middle, unmergeCmd(FIRST)).graph;
    expect(['a', 'b', 'c'].map((n) => whoHolds(apart, 'email', `${n}@example.com`))).toEqual([FIRST, SECOND, THIRD]);
  });

  it('MRG-12, PII-1: a customer unmerged and then deleted leaves no copy behind: a merge into its old survivor made while it was inside is 9032 since', () => {
    const graph = build([
      member('ann@example.com'),
      member('bob@example.com'),
      member('cy@example.com'),
      mergeCmd(FIRST, SECOND),
      mergeCmd(FIRST, THIRD),
      unmergeCmd(SECOND),
      { kind: 'deletePii', customerId: 2, meta: META },
    ]).graph;
    expect(JSON.stringify(graphSnapshot(graph)._unsafeUnwrap())).not.toContain('bob@example.com');
    expect(refusal(execute(graph, unmergeCmd(THIRD))).code).toBe(9032);
  });

  it('MRG-12: after a PII deletion of the survivor the merge cannot be undone (9032): the copies were personal data', () => {
    const merged = build([ALICE, WECHAT_BOB, mergeCmd(FIRST, SECOND), { kind: 'deletePii', customerId: 1, meta: META }]).graph;
    expect(refusal(execute(merged, unmergeCmd(SECOND))).code).toBe(9032);
  });
});

describe('MRG-13: points are conserved across an unmerge and no balance goes below zero', () => {
  const pair = [member('alice@example.com', [{ programId: 1219, loyaltyPoints: 50 }]), member('bob@example.com', [{ programId: 1219, loyaltyPoints: 100 }]), mergeCmd(FIRST, SECOND)];

  it('MRG-13: points earned after the merge stay with the survivor; the victim gets back what it brought', () => {
    const graph = build([...pair, pointsCmd('issuePoints', 1, 1219, 40), unmergeCmd(SECOND)]).graph;
    expect([balanceOf(graph, 1, 1219), balanceOf(graph, 2, 1219)]).toEqual([90, 100]);
  });

  it('MRG-13: points spent after the merge come from the survivor first; what is left is the victim\'s, at most what it brought', () => {
    const graph = build([...pair, pointsCmd('redeemPoints', 1, 1219, 120), unmergeCmd(SECOND)]).graph;
    expect([balanceOf(graph, 1, 1219), balanceOf(graph, 2, 1219)]).toEqual([0, 30]);
  });
});

describe('MRG-14: the victim gets back its profiles, identifiers and coupons as they are now', () => {
  it('MRG-14: a name changed after the merge in the victim\'s own source account goes back with the victim', () => {
    const rename: Command = { kind: 'update', customerId: 1, source: 'WECHAT', accountId: '22232', body: { profiles: [{ firstName: 'Robert' }] }, meta: META };
    const graph = build([ALICE, WECHAT_BOB, mergeCmd(FIRST, SECOND), rename, unmergeCmd(SECOND)]).graph;
    expect(details(graph, SECOND).profiles.map((p) => [p.source, p.firstName])).toEqual([['WECHAT', 'Robert']]);
    expect(details(graph, FIRST).profiles.map((p) => p.source)).toEqual(['INSTORE']);
  });

  it('MRG-14: a coupon the victim brought goes back with it; one issued to the survivor after the merge stays', () => {
    const graph = build([ALICE, WECHAT_BOB, issueCouponCmd(2, offer('bob’s')), mergeCmd(FIRST, SECOND), issueCouponCmd(1, offer('after')), unmergeCmd(SECOND)]).graph;
    const records = recordsOf(graph);
    expect(records[0]?.coupons.map((c) => c.description)).toEqual(['after']);
    expect(records[1]?.coupons.map((c) => c.description)).toEqual(['bob’s']);
  });
});

describe('MRG-15: a merge through changeIdentifier is undone with the identifier that caused it', () => {
  it('MRG-15: both read back as they were before the changeIdentifier; the 9030 warning names the released email', () => {
    const before = build([ALICE, WECHAT_BOB]).graph;
    const merged = must(execute(before, BOB_TAKES_ALICES_EMAIL)).graph;
    const done = must(execute(merged, unmergeCmd(SECOND)));
    expect(done.response).toMatchObject({ success: true, survivorId: FIRST, victimId: SECOND, released: { type: 'email', value: 'alice@example.com' } });
    expect(done.response.warnings.map((w) => w.code)).toEqual([9030]);
    expect(recordsOf(done.graph)).toEqual(recordsOf(before));
    expect(whoHolds(done.graph, 'email', 'alice@example.com')).toBe(FIRST);
  });
});

describe('MRG-12, ID-2: a split that would leave one value with both customers is refused', () => {
  it('MRG-12: a value the victim brought, registered since in another account and so combined into the survivor, makes the unmerge 9034', () => {
    const bob = registerCmd([{ type: 'email', value: 'bob@example.com' }], { source: 'MOBILE_APP', accountId: '400' });
    const since = registerCmd([{ type: 'email', value: 'bob@example.com' }], { source: 'WEBSITE' });
    const graph = build([ALICE, bob, mergeCmd(FIRST, SECOND), since]).graph;
    expect(refusal(execute(graph, unmergeCmd(SECOND)))).toMatchObject({ code: 9034, survivorId: FIRST, victimId: SECOND, identifierType: 'email', value: 'bob@example.com' });
  });
});

describe('MRG-12: a later merge into a profile the victim brought is undone first', () => {
  it('MRG-12: C merged after B into a profile B brought whole makes the unmerge of B 9035 naming C; after C is split out, B can be', () => {
    const inWechat = (value: string, loyaltyType = 'non_loyalty') => registerCmd([{ type: 'wechat', value }], { source: 'WECHAT', accountId: '22232', loyaltyType, firstName: value });
    const start = build([ALICE, inWechat('wc_b'), inWechat('wc_c'), mergeCmd(FIRST, SECOND), mergeCmd(FIRST, THIRD)]).graph;
    expect(refusal(execute(start, unmergeCmd(SECOND)))).toMatchObject({ code: 9035, victimId: SECOND, survivorId: FIRST, laterVictimId: THIRD });
    const apart = step(step(start, unmergeCmd(THIRD)).graph, unmergeCmd(SECOND)).graph;
    expect(['wc_b', 'wc_c'].map((v) => whoHolds(apart, 'wechat', v, 'WECHAT', '22232'))).toEqual([SECOND, THIRD]);
  });
});

describe('MRG-15: the causing identifier is released only while the survivor still holds it', () => {
  it('MRG-15: when the survivor removed its own copy after the merge, the victim keeps the identifier, so somebody still holds it', () => {
    const dropped = changeCmd(1, 'INSTORE', { remove: [{ type: 'email', value: 'alice@example.com' }] });
    const done = step(build([ALICE, WECHAT_BOB, BOB_TAKES_ALICES_EMAIL, dropped]).graph, unmergeCmd(SECOND));
    expect(done.response.released).toBeNull();
    expect(whoHolds(done.graph, 'email', 'alice@example.com', 'WECHAT', '22232')).toBe(SECOND);
  });
});

describe('MRG-16: change requests show the unmerge', () => {
  it('MRG-16: both customers list a MERGE line from the survivor back to the victim, with the reason', () => {
    const graph = build([ALICE, WECHAT_BOB, mergeCmd(FIRST, SECOND), unmergeCmd(SECOND, 'two people')]).graph;
    for (const id of [FIRST, SECOND]) {
      const lines = must(changeRequests(graph, { customerId: id, changeType: 'MERGE' })).data;
      expect(lines).toHaveLength(2);
      expect(lines.find((l) => !l.reqAdd)).toMatchObject({ baseType: 'MERGE', oldValue: String(FIRST), newValue: String(SECOND), reason: 'two people', reqAdd: false });
    }
  });
});

describe('MRG-17: an unmerge from outside is checked before it is folded', () => {
  it('MRG-17: a CustomerUnmerged for a live customer is refused by index and reason, and the graph is unchanged', () => {
    const { graph } = build([ALICE, WECHAT_BOB]);
    const event = { kind: 'CustomerUnmerged', seq: graph.eventCount + 1, at: META.at, till: META.till, survivorId: 1, victimId: 2, reason: '', released: null };
    const error = refusal(evolve(graph, event));
    expect(error).toMatchObject({ code: 400, reason: 'eventMisfit', misfit: { misfit: 'mergeLink', victimId: customerId(2) } });
  });
});
