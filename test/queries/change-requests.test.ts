import { describe, expect, it } from 'vitest';
import {
  changeRequests,
  type ChangeRequestView,
  type ChangeRequestsQuery,
  type Command,
  type CustomerGraph,
} from '../../src/index';
import { historyOf } from '../../src/graph/history';
import { customerId } from '../../src/kernel/ids';
import { CHANGE_EVENT_KINDS } from '../../src/queries/change-requests';
import { changeCmd, registerCmd } from '../support/given';
import { at, issue, issueCoupon, redeem, registerEnrolled } from '../support/loyalty-state';
import { FIRST, mergeCmd, must, refusal, SECOND, timeline } from '../support/scenario';

function lines(graph: CustomerGraph, query: Omit<ChangeRequestsQuery, 'customerId'> = {}, customerId: number = FIRST): readonly ChangeRequestView[] {
  return must(changeRequests(graph, { customerId, limit: 100, ...query })).data;
}

const DAY1 = at('2024-03-01T09:00:00+05:30');
const DAY2 = at('2024-03-02T09:00:00+05:30');
const DAY3 = at('2024-03-03T09:00:00+05:30');
const DAY4 = at('2024-03-04T09:00:00+05:30');
const DAY5 = at('2024-03-05T09:00:00+05:30');

const withMeta = (command: Command, meta: Command['meta']): Command => ({ ...command, meta });

/** Alice's life: registered and enrolled, then one change of each kind, one day at a time. */
const ALICES_LIFE: readonly Command[] = [
  registerEnrolled({ firstName: 'Alice', identifiers: [{ type: 'email', value: 'alice@example.com' }] }, [{ programId: 1016 }], { meta: DAY1 }),
  withMeta(changeCmd(FIRST, 'INSTORE', { add: [{ type: 'mobile', value: '9111111111' }] }), DAY2),
  withMeta(changeCmd(FIRST, 'INSTORE', { add: [{ type: 'externalId', value: 'EXT-1' }] }), DAY2),
  withMeta(changeCmd(FIRST, 'INSTORE', { remove: [{ type: 'email', value: 'alice@example.com' }], add: [{ type: 'email', value: 'alice@new.example.com' }] }), DAY3),
  issue(FIRST, 1016, 100, DAY4),
  issueCoupon(FIRST, 'Welcome back', DAY5),
];

describe('HST-1: Get Change Requests lists identifier, merge, points and coupon changes', () => {
  it('HST-1: adding a mobile, an external id and changing an email give MOBILE, EXTERNAL_ID and EMAIL lines with old and new values', () => {
    const { graph } = timeline(ALICES_LIFE);
    const identifierLines = lines(graph).filter((l) => ['EMAIL', 'MOBILE', 'EXTERNAL_ID'].includes(l.baseType));
    expect(identifierLines.map((l) => ({ baseType: l.baseType, oldValue: l.oldValue, newValue: l.newValue, reqAdd: l.reqAdd }))).toEqual(
      expect.arrayContaining([
        { baseType: 'MOBILE', oldValue: '', newValue: '919111111111', reqAdd: true },
        { baseType: 'EXTERNAL_ID', oldValue: '', newValue: 'EXT-1', reqAdd: true },
        { baseType: 'EMAIL', oldValue: 'alice@example.com', newValue: '', reqAdd: false },
        { baseType: 'EMAIL', oldValue: '', newValue: 'alice@new.example.com', reqAdd: true },
      ]),
    );
    expect(identifierLines).toHaveLength(4);
  });

  it('HST-1: points and coupon changes are listed as POINTS and COUPON lines', () => {
    const { graph } = timeline(ALICES_LIFE);
    const kinds = lines(graph).map((l) => l.baseType);
    expect(kinds.filter((k) => k === 'POINTS')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'COUPON')).toHaveLength(1);
  });

  it('HST-1: a merge is a MERGE line from the victim id to the survivor id', () => {
    const { graph } = timeline([
      registerCmd([{ type: 'email', value: 'sam@example.com' }]),
      registerCmd([{ type: 'email', value: 'vic@example.com' }], { source: 'WECHAT', accountId: '22232' }),
      mergeCmd(FIRST, SECOND),
    ]);
    expect(lines(graph, { changeType: 'MERGE' }).map((l) => ({ oldValue: l.oldValue, newValue: l.newValue, userId: l.userId }))).toEqual([
      { oldValue: String(SECOND), newValue: String(FIRST), userId: FIRST },
    ]);
  });

  it('HST-1: every line is APPROVED and one-step, attributed to the till that made the change', () => {
    const { graph } = timeline([...ALICES_LIFE, withMeta(changeCmd(FIRST, 'INSTORE', { add: [{ type: 'externalId', value: 'EXT-2' }] }), at('2024-03-06T09:00:00+05:30', 'rr.till'))]);
    const [newest] = lines(graph);
    expect(newest).toMatchObject({
      status: 'APPROVED',
      oneStep: true,
      baseType: 'EXTERNAL_ID',
      addedBy: { code: 'rr.till', type: 'TILL' },
      addedOn: '2024-03-06T09:00:00+05:30',
      userId: FIRST,
    });
    expect(lines(graph).every((l) => l.status === 'APPROVED' && l.oneStep)).toBe(true);
  });

  it('HST-1: the list is newest first', () => {
    const { graph } = timeline(ALICES_LIFE);
    const ids = lines(graph).map((l) => l.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(lines(graph)[0]?.baseType).toBe('COUPON');
  });

  it('HST-1: changeType keeps only lines of that type', () => {
    const { graph } = timeline(ALICES_LIFE);
    const emails = lines(graph, { changeType: 'EMAIL' });
    expect(emails).toHaveLength(2);
    expect(emails.every((l) => l.baseType === 'EMAIL')).toBe(true);
    expect(lines(graph, { changeType: 'ADDRESS' })).toEqual([]);
  });

  it('HST-1: an undocumented changeType is 400', () => {
    const { graph } = timeline(ALICES_LIFE);
    expect(refusal(changeRequests(graph, { customerId: FIRST, changeType: 'NAME' as never })).code).toBe(400);
  });

  it('HST-1: startDate and endDate keep the lines of those days, both ends included', () => {
    const { graph } = timeline(ALICES_LIFE);
    const kept = lines(graph, { startDate: '2024-03-02', endDate: '2024-03-03' });
    expect(kept.map((l) => l.baseType).sort()).toEqual(['EMAIL', 'EMAIL', 'EXTERNAL_ID', 'MOBILE']);
    expect(lines(graph, { startDate: '2024-03-05' }).map((l) => l.baseType)).toEqual(['COUPON']);
    expect(lines(graph, { endDate: '2024-03-01' }).every((l) => l.addedOn.startsWith('2024-03-01'))).toBe(true);
  });

  it('HST-1: a date not in YYYY-MM-DD form is 400', () => {
    const { graph } = timeline(ALICES_LIFE);
    expect(refusal(changeRequests(graph, { customerId: FIRST, startDate: '01/03/2024' })).code).toBe(400);
  });

  it('HST-1: startId and endId keep the lines whose sequence ids lie between them, both ends included', () => {
    const { graph, seqAfter } = timeline(ALICES_LIFE);
    const mobileSeq = seqAfter[1] ?? 0;
    const pointsSeq = seqAfter[4] ?? 0;
    const kept = lines(graph, { startId: mobileSeq, endId: pointsSeq });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((l) => l.id >= mobileSeq && l.id <= pointsSeq)).toBe(true);
    expect(kept.map((l) => l.baseType)).toContain('MOBILE');
    expect(kept.map((l) => l.baseType)).toContain('POINTS');
    expect(kept.map((l) => l.baseType)).not.toContain('COUPON');
  });

  it('HST-1: offset and limit page the newest-first list; total counts every line that matches', () => {
    const { graph } = timeline(ALICES_LIFE);
    const all = lines(graph);
    const page = must(changeRequests(graph, { customerId: FIRST, offset: 1, limit: 2 }));
    expect(page.pagination).toEqual({ limit: 2, offset: 1, total: all.length });
    expect(page.data).toEqual(all.slice(1, 3));
  });

  it('HST-1: without offset and limit the first ten lines are answered', () => {
    const commands = [registerCmd([{ type: 'email', value: 'a@example.com' }]), ...Array.from({ length: 12 }, (_, i) => changeCmd(FIRST, 'INSTORE', { add: [{ type: 'externalId', value: `X${i}` }] }))];
    const { graph } = timeline(commands);
    const page = must(changeRequests(graph, { customerId: FIRST }));
    expect(page.pagination).toEqual({ limit: 10, offset: 0, total: 12 });
    expect(page.data).toHaveLength(10);
  });

  it('HST-1: after a merge the survivor lists the victim changes made before the merge, under the survivor id', () => {
    const { graph, seqAfter } = timeline([
      registerCmd([{ type: 'email', value: 'sam@example.com' }]),
      registerCmd([{ type: 'email', value: 'vic@example.com' }], { source: 'WECHAT', accountId: '22232' }),
      changeCmd(SECOND, 'WECHAT', { add: [{ type: 'externalId', value: 'VIC-EXT' }] }, '22232'),
      mergeCmd(FIRST, SECOND),
    ]);
    const victimChange = lines(graph, { changeType: 'EXTERNAL_ID' });
    expect(victimChange).toEqual([expect.objectContaining({ id: seqAfter[2], newValue: 'VIC-EXT', userId: FIRST })]);
  });

  it('HST-1: a victim of a victim is included too, and the merge lines are listed once each', () => {
    const { graph } = timeline([
      registerCmd([{ type: 'email', value: 'a@example.com' }]),
      registerCmd([{ type: 'email', value: 'b@example.com' }], { source: 'WECHAT', accountId: '22232' }),
      registerCmd([{ type: 'email', value: 'c@example.com' }], { source: 'WECHAT', accountId: '1234' }),
      changeCmd(3, 'WECHAT', { add: [{ type: 'mobile', value: '9333333333' }] }, '1234'),
      mergeCmd(SECOND, 3),
      mergeCmd(FIRST, SECOND),
    ]);
    expect(lines(graph, { changeType: 'MOBILE' }).map((l) => l.newValue)).toEqual(['919333333333']);
    expect(lines(graph, { changeType: 'MERGE' }).map((l) => [l.oldValue, l.newValue])).toEqual([
      [String(SECOND), String(FIRST)],
      ['3', String(SECOND)],
    ]);
  });

  it('HST-1: each customer sees only its own changes before any merge', () => {
    const { graph } = timeline([
      registerCmd([{ type: 'email', value: 'a@example.com' }]),
      registerCmd([{ type: 'email', value: 'b@example.com' }], { source: 'WECHAT', accountId: '22232' }),
      changeCmd(SECOND, 'WECHAT', { add: [{ type: 'externalId', value: 'B-EXT' }] }, '22232'),
    ]);
    expect(lines(graph, {}, FIRST)).toEqual([]);
    expect(lines(graph, {}, SECOND).map((l) => l.newValue)).toEqual(['B-EXT']);
  });
});

describe('HST-2: TIER lines come from the tier history, and every id is the sequence number of its event', () => {
  it('HST-2: enrollment and an upgrade by points give TIER lines whose ids are the sequence numbers of their events', () => {
    const { graph, seqAfter } = timeline([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'alice@example.com' }] }, [{ programId: 1016 }]),
      issue(FIRST, 1016, 400),
      issue(FIRST, 1016, 700),
    ]);
    const tiers = lines(graph, { changeType: 'TIER' });
    expect(tiers.map((l) => ({ id: l.id, oldValue: l.oldValue, newValue: l.newValue }))).toEqual([
      { id: seqAfter[2], oldValue: 'Bronze', newValue: 'Silver' },
      { id: seqAfter[0], oldValue: '', newValue: 'Bronze' },
    ]);
  });

  it('HST-2: the POINTS line and the TIER line of one issue carry the same sequence id', () => {
    const { graph, seqAfter } = timeline([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'alice@example.com' }] }, [{ programId: 1219 }]),
      issue(FIRST, 1219, 2500),
    ]);
    const issueSeq = seqAfter[1] ?? expect.fail('no issue');
    const ofIssue = lines(graph, { startId: issueSeq, endId: issueSeq });
    expect(ofIssue.map((l) => l.baseType).sort()).toEqual(['POINTS', 'TIER']);
  });

  it('HST-2: every line id, of every type, is the sequence number of the command event that caused it', () => {
    const { graph, seqAfter } = timeline(ALICES_LIFE);
    const ids = new Set(lines(graph).map((l) => l.id));
    // Each command after the registration emits one event, so its sequence number is the count after it.
    for (const seq of seqAfter.slice(1)) expect(ids.has(seq), `seq ${seq}`).toBe(true);
    for (const id of ids) expect(id).toBeLessThanOrEqual(graph.eventCount);
  });

  it('HST-2: a merge that lifts the survivor tier adds a TIER line with the merge sequence id, and the victim tier lines keep theirs', () => {
    const { graph, seqAfter } = timeline([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'sam@example.com' }] }, [{ programId: 1016 }]),
      registerEnrolled({ identifiers: [{ type: 'email', value: 'vic@example.com' }] }, [{ programId: 1016, tierNumber: 3 }], { source: 'WECHAT', accountId: '22232' }),
      mergeCmd(FIRST, SECOND),
    ]);
    const tiers = lines(graph, { changeType: 'TIER' });
    expect(tiers.map((l) => [l.id, l.oldValue, l.newValue])).toEqual([
      [seqAfter[2], 'Bronze', 'Gold'],
      [seqAfter[1], '', 'Gold'],
      [seqAfter[0], '', 'Bronze'],
    ]);
  });

  it('HST-2: a redemption that leaves the tier as it was adds no TIER line', () => {
    const { graph } = timeline([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'alice@example.com' }] }, [{ programId: 1016, loyaltyPoints: 1500 }]),
      redeem(FIRST, 1016, 1000),
    ]);
    const before = lines(graph, { changeType: 'TIER', endId: graph.eventCount - 1 });
    expect(lines(graph, { changeType: 'TIER' })).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe('HST-1: two changes caused by one event are newest first as well', () => {
  it('HST-1: an enrollment whose points reach a higher tier lists the upgrade before the entry into the lowest tier', () => {
    const { graph } = timeline([
      registerEnrolled({ identifiers: [{ type: 'email', value: 'alice@example.com' }] }, [{ programId: 1016, loyaltyPoints: 1500 }]),
    ]);
    const tiers = lines(graph, { changeType: 'TIER' });
    expect(tiers.map((l) => [l.oldValue, l.newValue])).toEqual([
      ['Bronze', 'Silver'],
      ['', 'Bronze'],
    ]);
    expect(tiers[0]?.id).toBe(tiers[1]?.id);
  });
});

describe('HST-1: change requests of customers that are not live', () => {
  it('HST-1: an unknown customer is 8015 and a merge victim is 8069 naming its survivor', () => {
    const { graph } = timeline([
      registerCmd([{ type: 'email', value: 'sam@example.com' }]),
      registerCmd([{ type: 'email', value: 'vic@example.com' }], { source: 'WECHAT', accountId: '22232' }),
      mergeCmd(FIRST, SECOND),
    ]);
    expect(refusal(changeRequests(graph, { customerId: 42 })).code).toBe(8015);
    expect(refusal(changeRequests(graph, { customerId: SECOND }))).toMatchObject({ code: 8069, survivorId: FIRST });
  });
});

describe('HST-1: the history keeps only the events change requests are made of', () => {
  it('HST-1: after registration, enrollment, identifier changes, points and a coupon, the history holds exactly the events of the listed kinds, and every one of them gives a line', () => {
    const { graph } = timeline(ALICES_LIFE);
    const kinds = historyOf(graph, customerId(FIRST)).map((e) => e.event.kind);
    expect(kinds.length).toBeGreaterThan(3);
    for (const kind of kinds) expect(CHANGE_EVENT_KINDS.has(kind), kind).toBe(true);
    expect(kinds).not.toContain('CustomerRegistered');
    expect(kinds).not.toContain('ProgramEnrolled');
    // Lines come only from those events (plus the tier history of the ledgers): nothing was lost by not keeping the rest.
    const fromEvents = lines(graph).filter((l) => l.baseType !== 'TIER');
    expect(fromEvents).toHaveLength(kinds.length);
  });
});
