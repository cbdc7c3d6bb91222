import { describe, expect, it } from 'vitest';
import {
  customerCoupons,
  emptyGraph,
  execute,
  goodwillRequests,
  type CustomerGraph,
  type RequestGoodwillCommand,
  type ResolveGoodwillCommand,
} from '../../src/index';
import { build, given, META } from '../support/given';
import { at, balanceOf, member, offer, orgWith, pointsGoodwill, standing, step } from '../support/loyalty';
import { run } from '../support/requests';
import { FIRST, mergeCmd, must, refusal, SECOND } from '../support/scenario';

/** Tom, enrolled in 1016 with no points, and a second customer enrolled nowhere. */
const MEMBERS = [member('tom@example.com', [{ programId: 1016 }]), member('plain@example.com')];

/** An org that approves every goodwill request as it is raised. */
const AUTO = orgWith({ goodwill: { autoApprove: true } });

function resolveCmd(customerId: number, requestId: number, decision: 'APPROVED' | 'REJECTED', comments?: string): ResolveGoodwillCommand {
  return { kind: 'resolveGoodwill', customerId, requestId, decision, ...(comments === undefined ? {} : { comments }), meta: at('2024-05-02T11:00:00+05:30', 'rr.till') };
}

function couponGoodwill(customerId: number, extra: { oneStep?: boolean } = {}): RequestGoodwillCommand {
  return { kind: 'requestGoodwill', customerId, goodwillType: 'COUPON', series: offer('Sorry coupon'), ...extra, meta: META };
}

/** Raises a request and answers the graph after it and the request's id. */
function raise(graph: CustomerGraph, command: RequestGoodwillCommand): { graph: CustomerGraph; id: number } {
  const done = step(graph, command);
  return { graph: done.graph, id: done.response.request.id };
}

describe('GDW-1: a goodwill request is PENDING until APPROVED (which grants it) or REJECTED', () => {
  it('GDW-1: a points request waits as PENDING and grants nothing yet', () => {
    const raised = step(run(MEMBERS), pointsGoodwill(FIRST, 1016, 450, { comments: 'late delivery' }));
    expect(raised.response.request).toMatchObject({ goodwillType: 'POINTS', goodwillStatus: 'PENDING', programId: 1016, points: 450, approvedValue: null });
    expect(balanceOf(raised.graph, FIRST, 1016)).toBe(0);
  });

  it('GDW-1: approving grants the points as issued points, and the request shows the approved value', () => {
    const { graph, id } = raise(run(MEMBERS), pointsGoodwill(FIRST, 1016, 450));
    const approved = step(graph, resolveCmd(FIRST, id, 'APPROVED', 'ok'));
    expect(approved.response.request).toMatchObject({
      goodwillStatus: 'APPROVED',
      approvedValue: '450',
      updatedComments: 'ok',
      updatedOn: '2024-05-02T11:00:00+05:30',
      updatedBy: 'rr.till',
    });
    expect(standing(approved.graph, FIRST, 1016)).toMatchObject({ loyaltyPoints: 450, lifetimePoints: 450 });
  });

  it('GDW-1: rejecting grants nothing', () => {
    const { graph, id } = raise(run(MEMBERS), pointsGoodwill(FIRST, 1016, 450));
    const rejected = step(graph, resolveCmd(FIRST, id, 'REJECTED'));
    expect(rejected.response.request).toMatchObject({ goodwillStatus: 'REJECTED', approvedValue: null });
    expect(balanceOf(rejected.graph, FIRST, 1016)).toBe(0);
  });

  it('GDW-1: approving a coupon request issues a coupon of the offer to the customer', () => {
    const { graph, id } = raise(run(MEMBERS), couponGoodwill(SECOND));
    expect(must(customerCoupons(graph, SECOND)).data).toEqual([]);
    const approved = step(graph, resolveCmd(SECOND, id, 'APPROVED'));
    expect(approved.response.request).toMatchObject({ goodwillType: 'COUPON', goodwillStatus: 'APPROVED', approvedValue: 'Sorry coupon' });
    expect(must(customerCoupons(approved.graph, SECOND)).data.map((c) => c.description)).toEqual(['Sorry coupon']);
  });

  it('GDW-1, CPN-2: a coupon granted on approval is named, like every coupon, by the next id of the graph’s coupon counter', () => {
    const { graph, id } = raise(run(MEMBERS), couponGoodwill(SECOND));
    const approved = must(execute(graph, resolveCmd(SECOND, id, 'APPROVED')));
    const issued = approved.events.find((e) => e.kind === 'CouponIssued');
    expect(issued).toMatchObject({ couponId: graph.nextCouponId });
    expect(must(customerCoupons(approved.graph, SECOND)).data[0]?.id).toBe(graph.nextCouponId);
    expect(approved.graph.nextCouponId).toBe(graph.nextCouponId + 1);
  });

  it('GDW-1: only a PENDING request can be decided: deciding it again is 400 naming requestId', () => {
    const { graph, id } = raise(run(MEMBERS), pointsGoodwill(FIRST, 1016, 10));
    const approved = step(graph, resolveCmd(FIRST, id, 'APPROVED')).graph;
    expect(refusal(execute(approved, resolveCmd(FIRST, id, 'REJECTED')))).toMatchObject({ code: 400, path: ['requestId'] });
    const rejected = step(graph, resolveCmd(FIRST, id, 'REJECTED')).graph;
    expect(refusal(execute(rejected, resolveCmd(FIRST, id, 'APPROVED')))).toMatchObject({ code: 400, path: ['requestId'] });
  });

  it('GDW-1: an unknown request id, or another customer’s, is 400 naming requestId', () => {
    const { graph, id } = raise(run(MEMBERS), pointsGoodwill(FIRST, 1016, 10));
    expect(refusal(execute(graph, resolveCmd(FIRST, id + 100, 'APPROVED')))).toMatchObject({ code: 400, path: ['requestId'] });
    expect(refusal(execute(graph, resolveCmd(SECOND, id, 'APPROVED')))).toMatchObject({ code: 400, path: ['requestId'] });
  });

  it('GDW-1: a points request names an enrolled program (400 without one, 1013 when not enrolled) and positive points', () => {
    const { events, graph } = build(MEMBERS);
    const noProgram: RequestGoodwillCommand = { kind: 'requestGoodwill', customerId: FIRST, goodwillType: 'POINTS', points: 5, meta: META };
    expect(refusal(execute(graph, noProgram))).toMatchObject({ code: 400, path: ['programId'] });
    given(events).when(pointsGoodwill(SECOND, 1016, 5)).fails(1013);
    expect(refusal(execute(graph, pointsGoodwill(FIRST, 4242, 5)))).toMatchObject({ code: 400, path: ['programId'] });
    expect(refusal(execute(graph, pointsGoodwill(FIRST, 1016, 0)))).toMatchObject({ code: 400, path: ['points'] });
  });

  it('GDW-1: a coupon request needs its offer: 400 naming series', () => {
    const graph = run(MEMBERS);
    const noSeries: RequestGoodwillCommand = { kind: 'requestGoodwill', customerId: FIRST, goodwillType: 'COUPON', meta: META };
    expect(refusal(execute(graph, noSeries))).toMatchObject({ code: 400, path: ['series'] });
  });

  it('GDW-1: goodwill is for live customers: unknown 8015, merge victim 8069', () => {
    const { events, graph } = build([...MEMBERS, mergeCmd(FIRST, SECOND)]);
    given(events).when(pointsGoodwill(9, 1016, 5)).fails(8015);
    expect(refusal(execute(graph, couponGoodwill(SECOND)))).toMatchObject({ code: 8069, survivorId: FIRST });
  });
});

describe('GDW-2: one-step requests, and every request in an auto-approving org, are APPROVED as raised', () => {
  it('GDW-2: a one-step request is APPROVED and granted at once, without the AUTO_APPROVED note', () => {
    const done = step(run(MEMBERS), pointsGoodwill(FIRST, 1016, 450, { comments: 'sample', oneStep: true }));
    expect(done.response.request).toMatchObject({ goodwillStatus: 'APPROVED', approvedValue: '450', oneStep: true, updatedComments: 'sample' });
    expect(balanceOf(done.graph, FIRST, 1016)).toBe(450);
  });

  it('GDW-2: in an org with goodwill.autoApprove, a request is APPROVED as raised with "; AUTO_APPROVED" appended, as the seed’s sample', () => {
    const done = step(run(MEMBERS, AUTO), pointsGoodwill(FIRST, 1016, 450, { comments: 'sample' }));
    expect(done.response.request).toMatchObject({
      goodwillStatus: 'APPROVED',
      approvedValue: '450',
      comments: 'sample',
      updatedComments: 'sample; AUTO_APPROVED',
      oneStep: false,
    });
    expect(balanceOf(done.graph, FIRST, 1016)).toBe(450);
  });

  it('GDW-2: an auto-approved coupon request issues its coupon at once', () => {
    const done = step(run(MEMBERS, AUTO), couponGoodwill(SECOND));
    expect(done.response.request.goodwillStatus).toBe('APPROVED');
    expect(must(customerCoupons(done.graph, SECOND)).data).toHaveLength(1);
  });

  it('GDW-2: a one-step request in an auto-approving org is one-step, not auto-approved', () => {
    const done = step(run(MEMBERS, AUTO), pointsGoodwill(FIRST, 1016, 5, { comments: 'c', oneStep: true }));
    expect(done.response.request).toMatchObject({ goodwillStatus: 'APPROVED', oneStep: true, updatedComments: 'c' });
    expect(must(goodwillRequests(done.graph, { customerId: FIRST, autoApprove: true })).data).toEqual([]);
  });

  it('GDW-2: a request approved as it was raised cannot be decided again (400)', () => {
    const { graph, id } = raise(run(MEMBERS, AUTO), pointsGoodwill(FIRST, 1016, 5));
    expect(refusal(execute(graph, resolveCmd(FIRST, id, 'REJECTED')))).toMatchObject({ code: 400, path: ['requestId'] });
  });
});

describe('GDW-3: Get Customer Goodwill Requests lists newest first, with filters and the seed’s pagination', () => {
  /** Four requests of Tom: points pending, points one-step, coupon pending, points approved later. */
  function fourRequests(): { graph: CustomerGraph; ids: number[] } {
    let graph = run(MEMBERS);
    const ids: number[] = [];
    for (const command of [
      pointsGoodwill(FIRST, 1016, 10, { meta: at('2024-05-01T10:00:00+05:30') }),
      pointsGoodwill(FIRST, 1016, 20, { oneStep: true, meta: at('2024-05-01T11:00:00+05:30') }),
      couponGoodwill(FIRST),
      pointsGoodwill(FIRST, 1016, 40, { comments: 'sample', meta: at('2024-05-01T12:00:00+05:30', 'rr.till') }),
    ]) {
      const raised = raise(graph, command);
      graph = raised.graph;
      ids.push(raised.id);
    }
    return { graph, ids };
  }

  it('GDW-3: the list answers pagination (limit 10, offset 0, total), data newest first, warnings and errors', () => {
    const { graph, ids } = fourRequests();
    const page = must(goodwillRequests(graph, { customerId: FIRST }));
    expect(page.pagination).toEqual({ limit: 10, offset: 0, total: 4 });
    expect(page.data.map((g) => g.requestId)).toEqual([...ids].reverse());
    expect(page.warnings).toEqual([]);
    expect(page.errors).toEqual([]);
  });

  it('GDW-3: each line has the seed’s fields, and approvedValue only once the request is approved', () => {
    const { graph, ids } = fourRequests();
    const [newest] = must(goodwillRequests(graph, { customerId: FIRST })).data;
    expect(newest).toEqual({
      id: ids[3],
      requestId: ids[3],
      addedBy: { code: 'rr.till', description: '', name: 'rr.till', type: 'TILL' },
      updatedBy: { code: 'rr.till', description: '', name: 'rr.till', type: 'TILL' },
      addedOn: '2024-05-01T12:00:00+05:30',
      updatedOn: '2024-05-01T12:00:00+05:30',
      userId: FIRST,
      goodwillType: 'POINTS',
      goodwillStatus: 'PENDING',
      programId: 1016,
      comments: 'sample',
      reason: '',
      updatedComments: 'sample',
      oneStep: false,
    });
    const oneStep = must(goodwillRequests(graph, { customerId: FIRST, requestId: ids[1] ?? -1 })).data[0];
    expect(oneStep).toMatchObject({ goodwillStatus: 'APPROVED', approvedValue: '20' });
  });

  it('GDW-3: requestId, oneStep and programId filter the list, and total counts what the filters keep', () => {
    const { graph, ids } = fourRequests();
    const byId = must(goodwillRequests(graph, { customerId: FIRST, requestId: ids[2] ?? -1 }));
    expect(byId.data.map((g) => g.goodwillType)).toEqual(['COUPON']);
    expect(byId.pagination.total).toBe(1);
    const oneStep = must(goodwillRequests(graph, { customerId: FIRST, oneStep: true }));
    expect(oneStep.data.map((g) => g.requestId)).toEqual([ids[1]]);
    const inProgram = must(goodwillRequests(graph, { customerId: FIRST, programId: 1016 }));
    expect(inProgram.data.map((g) => g.requestId)).toEqual([ids[3], ids[1], ids[0]]);
    expect(must(goodwillRequests(graph, { customerId: FIRST, programId: 1219 })).pagination.total).toBe(0);
  });

  it('GDW-3: autoApprove keeps the auto-approved requests (true) or the others (false)', () => {
    let graph = run(MEMBERS, AUTO);
    const auto = raise(graph, pointsGoodwill(FIRST, 1016, 5));
    const single = raise(auto.graph, pointsGoodwill(FIRST, 1016, 6, { oneStep: true }));
    graph = single.graph;
    expect(must(goodwillRequests(graph, { customerId: FIRST, autoApprove: true })).data.map((g) => g.requestId)).toEqual([auto.id]);
    expect(must(goodwillRequests(graph, { customerId: FIRST, autoApprove: false })).data.map((g) => g.requestId)).toEqual([single.id]);
  });

  it('GDW-3: limit and offset page through the list; total stays the number of matching requests', () => {
    const { graph, ids } = fourRequests();
    const page = must(goodwillRequests(graph, { customerId: FIRST, limit: 2, offset: 1 }));
    expect(page.pagination).toEqual({ limit: 2, offset: 1, total: 4 });
    expect(page.data.map((g) => g.requestId)).toEqual([ids[2], ids[1]]);
    expect(must(goodwillRequests(graph, { customerId: FIRST, offset: 10 })).data).toEqual([]);
  });

  it('GDW-3: a limit outside 1..100 or a negative offset is 400 naming the field; an unknown customer is 8015', () => {
    const graph = run(MEMBERS);
    expect(refusal(goodwillRequests(graph, { customerId: FIRST, limit: 0 }))).toMatchObject({ code: 400, path: ['limit'] });
    expect(refusal(goodwillRequests(graph, { customerId: FIRST, limit: 101 }))).toMatchObject({ code: 400, path: ['limit'] });
    expect(refusal(goodwillRequests(graph, { customerId: FIRST, offset: -1 }))).toMatchObject({ code: 400, path: ['offset'] });
    expect(refusal(goodwillRequests(emptyGraph(AUTO)._unsafeUnwrap(), { customerId: FIRST })).code).toBe(8015);
  });

  it('GDW-3: a decision updates the line in place: status, updatedOn and updatedBy change, addedOn stays', () => {
    const { graph, ids } = fourRequests();
    const decided = step(graph, resolveCmd(FIRST, ids[0] ?? -1, 'REJECTED', 'no')).graph;
    const line = must(goodwillRequests(decided, { customerId: FIRST, requestId: ids[0] ?? -1 })).data[0];
    expect(line).toMatchObject({
      goodwillStatus: 'REJECTED',
      addedOn: '2024-05-01T10:00:00+05:30',
      updatedOn: '2024-05-02T11:00:00+05:30',
      updatedBy: { code: 'rr.till' },
      updatedComments: 'no',
    });
    expect(line).not.toHaveProperty('approvedValue');
  });
});
