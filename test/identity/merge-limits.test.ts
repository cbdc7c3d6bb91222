import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, defaultOrg, defineOrg, execute, type Command, type CustomerGraph, type Org } from '../../src/index';
import { build, changeCmd, given, registerCmd } from '../support/given';
import { details, FIRST, mergeCmd, refusal, SECOND, THIRD } from '../support/scenario';

/** The default org with small bounds: 3 identifiers per customer, 2 customers merged into one. */
function boundedOrg(limits: { maxIdentifiersPerCustomer?: number; maxMergesInto?: number }): Org {
  return defineOrg({ ...DEFAULT_ORG_CONFIG, limits })._unsafeUnwrap();
}
const SMALL = boundedOrg({ maxIdentifiersPerCustomer: 3, maxMergesInto: 2 });

/** Alice: INSTORE, an email and a mobile. */
const ALICE = registerCmd([
  { type: 'email', value: 'alice@example.com' },
  { type: 'mobile', value: '9111111111' },
]);
/** Bob: WECHAT account 22232, one wechat id. */
const BOB = registerCmd([{ type: 'wechat', value: 'wc_bob' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' });
/** Carol: FACEBOOK, one facebook id. */
const CAROL = registerCmd([{ type: 'fbId', value: 'fb_carol' }], { source: 'FACEBOOK', accountId: 'fb-main', loyaltyType: 'non_loyalty' });

/** The command is refused with these facts, and executing it leaves the graph as it was. */
function refusedWith(graph: CustomerGraph, command: Command, facts: Record<string, unknown>): void {
  const before = JSON.stringify([details(graph, FIRST), graph.eventCount]);
  const result = execute(graph, command);
  expect(refusal(result)).toMatchObject(facts);
  expect(JSON.stringify([details(graph, FIRST), graph.eventCount])).toBe(before);
}

describe('MRG-21: the org configuration bounds identifiers per customer and merges into one', () => {
  it('MRG-21: the default org allows 50 identifiers per customer and 100 merges into one', () => {
    expect(defaultOrg().limits).toEqual({ maxIdentifiersPerCustomer: 50, maxMergesInto: 100 });
  });

  it('MRG-21: an org configuration sets its own bounds, and a bound left out keeps its default', () => {
    expect(SMALL.limits).toEqual({ maxIdentifiersPerCustomer: 3, maxMergesInto: 2 });
    expect(boundedOrg({ maxMergesInto: 7 }).limits).toEqual({ maxIdentifiersPerCustomer: 50, maxMergesInto: 7 });
  });

  it('MRG-21: a bound of no identifiers at all is a 400 naming the field', () => {
    const bad = defineOrg({ ...DEFAULT_ORG_CONFIG, limits: { maxIdentifiersPerCustomer: 0 } });
    expect(bad._unsafeUnwrapErr()).toMatchObject({ code: 400, path: ['org', 'limits', 'maxIdentifiersPerCustomer'] });
  });
});

describe('MRG-22: a command that would leave a customer holding more identifiers than the org allows is refused with 9041', () => {
  it('MRG-22: given Alice, when a registration brings 4 new identifiers under a bound of 3, then 9041 names the id the new customer would have had', () => {
    const four = registerCmd([
      { type: 'email', value: 'zed@example.com' },
      { type: 'mobile', value: '9222222222' },
      { type: 'externalId', value: 'ext-z' },
      { type: 'wechat', value: 'wc_z' },
    ]);
    given([], SMALL).when(four).fails(9041);
    refusedWith(build([ALICE], SMALL).graph, four, { code: 9041, customerId: SECOND, limit: 3, wouldHold: 4 });
  });

  it('MRG-22: given a bound of 3, when a registration brings exactly 3 identifiers, then it is accepted', () => {
    given([], SMALL)
      .when(registerCmd([{ type: 'email', value: 'a@example.com' }, { type: 'mobile', value: '9111111111' }, { type: 'externalId', value: 'ext-1' }]))
      .accepted();
  });

  it('MRG-22: given Alice with 2 identifiers, when a registration in WECHAT would combine 2 more into her, then 9041 and nothing is combined', () => {
    const { graph } = build([ALICE], SMALL);
    const combine = registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'wechat', value: 'wc_alice' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' });
    refusedWith(graph, combine, { code: 9041, customerId: FIRST, limit: 3, wouldHold: 4 });
    expect(details(graph, FIRST).profiles).toHaveLength(1);
  });

  it('MRG-22: given Alice with 2 identifiers, when changeIdentifier adds 2, then 9041; when it removes one and adds two, then it is accepted', () => {
    const { graph } = build([ALICE], SMALL);
    const add2 = changeCmd(FIRST, 'INSTORE', { add: [{ type: 'externalId', value: 'ext-a' }, { type: 'wechat', value: 'wc_a' }] });
    refusedWith(graph, add2, { code: 9041, customerId: FIRST, limit: 3, wouldHold: 4 });
    const swap = changeCmd(FIRST, 'INSTORE', { remove: [{ type: 'email', value: 'alice@example.com' }], add: [{ type: 'externalId', value: 'ext-a' }, { type: 'wechat', value: 'wc_a' }] });
    expect(execute(graph, swap).isOk()).toBe(true);
  });

  it('MRG-22: given Alice (2) and Bob (1), when Bob takes Alice\'s email, then the merge would leave Alice with 4: 9041 naming her, and nobody merges', () => {
    const { graph } = build([ALICE, BOB], SMALL);
    refusedWith(graph, changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232'), { code: 9041, customerId: FIRST, limit: 3, wouldHold: 4 });
    expect(details(graph, SECOND).id).toBe(SECOND);
  });

  it('MRG-22: given Alice (2) and Bob (1) under a bound of 3, when Bob takes Alice\'s email and drops his wechat id, then the merge is accepted', () => {
    const { graph } = build([ALICE, BOB], SMALL);
    const cmd = changeCmd(SECOND, 'WECHAT', { remove: [{ type: 'wechat', value: 'wc_bob' }], add: [{ type: 'email', value: 'alice@example.com' }] }, '22232');
    expect(execute(graph, cmd).map((r) => r.events.map((e) => e.kind))._unsafeUnwrap()).toEqual(['IdentifierRemoved', 'IdentifierAdded', 'CustomersMerged']);
  });

  it('MRG-22: given Alice (2) and a second INSTORE customer (2), when they are merged explicitly, then 9041 and nothing merges', () => {
    const { graph } = build([ALICE, registerCmd([{ type: 'email', value: 'dan@example.com' }, { type: 'mobile', value: '9333333333' }])], SMALL);
    refusedWith(graph, mergeCmd(FIRST, SECOND), { code: 9041, customerId: FIRST, limit: 3, wouldHold: 4 });
  });

  it('MRG-22: conflicting profiles count: a victim profile in an account the survivor has adds its identifiers to the survivor', () => {
    const org = boundedOrg({ maxIdentifiersPerCustomer: 4 });
    const { graph } = build([ALICE, registerCmd([{ type: 'email', value: 'dan@example.com' }]), mergeCmd(FIRST, SECOND)], org);
    expect(details(graph, FIRST).profiles[0]?.conflictingProfileList).toHaveLength(1);
    // Alice holds 3 now (2 of hers, 1 in the conflicting profile): 2 more would be 5.
    refusedWith(graph, changeCmd(FIRST, 'INSTORE', { add: [{ type: 'externalId', value: 'ext-a' }, { type: 'wechat', value: 'wc_a' }] }), { code: 9041, wouldHold: 5, limit: 4 });
  });
});

describe('MRG-23: a merge that would take the survivor past the org\'s bound on merges is refused with 9043', () => {
  const MERGES = boundedOrg({ maxMergesInto: 2 });
  const DAN = registerCmd([{ type: 'line', value: 'ln_dan' }], { source: 'LINE', accountId: 'line-main', loyaltyType: 'non_loyalty' });

  it('MRG-23: given Bob and Carol merged into Alice under a bound of 2, when Dan merges into her explicitly, then 9043 and nothing merges', () => {
    const { graph } = build([ALICE, BOB, CAROL, DAN, mergeCmd(FIRST, SECOND), mergeCmd(FIRST, THIRD)], MERGES);
    refusedWith(graph, mergeCmd(FIRST, 4), { code: 9043, customerId: FIRST, limit: 2 });
  });

  it('MRG-23: given the same, when Dan takes Alice\'s email through changeIdentifier, then 9043 and Dan stays himself', () => {
    const { graph } = build([ALICE, BOB, CAROL, DAN, mergeCmd(FIRST, SECOND), mergeCmd(FIRST, THIRD)], MERGES);
    refusedWith(graph, changeCmd(4, 'LINE', { add: [{ type: 'email', value: 'alice@example.com' }] }, 'line-main'), { code: 9043, customerId: FIRST, limit: 2 });
    expect(details(graph, 4).id).toBe(4);
  });

  it('MRG-23: a victim brings its own victims: Carol merged into Bob counts twice when Bob merges into Alice', () => {
    const { graph } = build([ALICE, BOB, CAROL, mergeCmd(SECOND, THIRD)], boundedOrg({ maxMergesInto: 1 }));
    refusedWith(graph, mergeCmd(FIRST, SECOND), { code: 9043, customerId: FIRST, limit: 1 });
    expect(execute(build([ALICE, BOB, CAROL, mergeCmd(SECOND, THIRD)], MERGES).graph, mergeCmd(FIRST, SECOND)).isOk()).toBe(true);
  });
});

describe('MRG-24: the bounds are decision rules, which folding and replay never check', () => {
  it('MRG-24: events decided under the default bounds replay into an org with smaller ones, leaving a customer past them', () => {
    const { events } = build([ALICE, BOB, CAROL, mergeCmd(FIRST, SECOND), mergeCmd(FIRST, THIRD)]);
    const replayed = given(events, boundedOrg({ maxIdentifiersPerCustomer: 2, maxMergesInto: 1 })).graph;
    expect(details(replayed, FIRST).profiles).toHaveLength(3);
  });
});
