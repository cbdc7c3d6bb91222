import { describe, expect, it } from 'vitest';
import { execute, pointsTransfers, type CustomerGraph } from '../../src/index';
import { tillCode } from '../../src/kernel/ids';
import { build, given, META } from '../support/given';
import { balanceOf, member, pointsCmd, standing, step, transferCmd } from '../support/loyalty';
import { run } from '../support/requests';
import { FIRST, mergeCmd, must, refusal, SECOND, THIRD } from '../support/scenario';

/** Tom (1) holds 100 points of 1016, James (2) holds 20; both are enrolled in 1016 only. */
const TOM = member('tom@example.com', [{ programId: 1016, loyaltyPoints: 100 }], { firstName: 'Tom', lastName: 'Sawyer' });
const JAMES = member('james@example.com', [{ programId: 1016, loyaltyPoints: 20 }], { firstName: 'James', lastName: 'Thomas' });

/** The keys of one line of the seed's Get Points Transfer Summary. */
const LINE_KEYS = [
  'notes',
  'pointsTransferDate',
  'pointsTransferred',
  'programName',
  'transferId',
  'transferType',
  'transferredFrom',
  'transferredTo',
].sort();

function total(graph: CustomerGraph, ids: readonly number[]): number {
  return ids.reduce((sum, id) => sum + balanceOf(graph, id, 1016), 0);
}

describe('TRF-1: a transfer moves points between two live customers: a DEDUCTION and an ADDITION', () => {
  it('TRF-1: the sender loses and the receiver gains the points, and the answer names the transfer', () => {
    const done = must(execute(run([TOM, JAMES]), transferCmd(FIRST, SECOND, 1016, 15, 'birthday')));
    expect(done.response).toEqual({ success: true, transferId: expect.any(Number), warnings: [] });
    expect(balanceOf(done.graph, FIRST, 1016)).toBe(85);
    expect(balanceOf(done.graph, SECOND, 1016)).toBe(35);
  });

  it('TRF-1: Get Points Transfer Summary lists a DEDUCTION for the sender and an ADDITION for the receiver, in the seed’s fields', () => {
    const done = step(run([TOM, JAMES]), transferCmd(FIRST, SECOND, 1016, 15, 'birthday'));
    const tom = must(pointsTransfers(done.graph, FIRST));
    const james = must(pointsTransfers(done.graph, SECOND));
    const line = {
      pointsTransferDate: '2024-05-01 10:00:00',
      pointsTransferred: 15,
      transferId: done.response.transferId,
      transferredFrom: { userId: FIRST, firstName: 'Tom', lastName: 'Sawyer' },
      transferredTo: { userId: SECOND, firstName: 'James', lastName: 'Thomas' },
      notes: 'birthday',
      programName: 'Nightly_ApiAutoDefaultProgram',
    };
    expect(tom).toEqual({ data: [{ ...line, transferType: 'DEDUCTION' }], warnings: [], errors: [] });
    expect(james).toEqual({ data: [{ ...line, transferType: 'ADDITION' }], warnings: [], errors: [] });
    for (const l of [...tom.data, ...james.data]) expect(Object.keys(l).sort()).toEqual(LINE_KEYS);
  });

  it('TRF-1: a customer’s summary lists what it sent and what it received, oldest first', () => {
    const graph = run([TOM, JAMES, transferCmd(FIRST, SECOND, 1016, 15), transferCmd(SECOND, FIRST, 1016, 5)]);
    const lines = must(pointsTransfers(graph, FIRST)).data;
    expect(lines.map((l) => [l.transferType, l.pointsTransferred, l.transferredFrom.userId, l.transferredTo.userId])).toEqual([
      ['DEDUCTION', 15, FIRST, SECOND],
      ['ADDITION', 5, SECOND, FIRST],
    ]);
    expect(new Set(lines.map((l) => l.transferId)).size).toBe(2);
  });

  it('TRF-1: the decision is one PointsTransferred event', () => {
    const { events } = build([TOM, JAMES]);
    given(events)
      .when(transferCmd(FIRST, SECOND, 1016, 15))
      .then(
      {
        kind: 'PointsTransferred',
        transferId: 1,
        fromId: FIRST,
        toId: SECOND,
        programId: 1016,
        points: 15,
        notes: '',
        at: META.at,
        till: tillCode(META.till),
      },
    );
  });

  it('TRF-1: a customer that never transferred has an empty summary; an unknown one is 8015', () => {
    const graph = run([TOM]);
    expect(must(pointsTransfers(graph, FIRST)).data).toEqual([]);
    expect(refusal(pointsTransfers(graph, 42)).code).toBe(8015);
  });
});

describe('TRF-2: a transfer never takes more than the sender holds, and conserves the total', () => {
  const { events } = build([TOM, JAMES]);

  it('TRF-2: transferring more than the sender holds is 1010, and nothing moves', () => {
    given(events).when(transferCmd(SECOND, FIRST, 1016, 21)).fails(1010);
  });

  it('TRF-2: the sender may transfer exactly its balance', () => {
    const graph = step(given(events).graph, transferCmd(SECOND, FIRST, 1016, 20)).graph;
    expect(balanceOf(graph, SECOND, 1016)).toBe(0);
    expect(balanceOf(graph, FIRST, 1016)).toBe(120);
  });

  it('TRF-2: the sum of the balances is the same after any sequence of transfers', () => {
    const start = run([TOM, JAMES, member('third@example.com', [{ programId: 1016, loyaltyPoints: 7 }])]);
    const before = total(start, [FIRST, SECOND, THIRD]);
    const after = run(
      [transferCmd(FIRST, SECOND, 1016, 60), transferCmd(SECOND, THIRD, 1016, 80), transferCmd(THIRD, FIRST, 1016, 87)],
      start,
    );
    expect(total(after, [FIRST, SECOND, THIRD])).toBe(before);
  });

  it('TRF-2: a transfer changes neither party’s lifetime points (transfers are adjustments)', () => {
    const graph = run([TOM, JAMES, transferCmd(FIRST, SECOND, 1016, 50)]);
    expect(standing(graph, FIRST, 1016)).toMatchObject({ lifetimePoints: 100, adjusted: -50 });
    expect(standing(graph, SECOND, 1016)).toMatchObject({ lifetimePoints: 20, adjusted: 50 });
  });

  it('TRF-2: points transferred are no longer the sender’s to redeem', () => {
    const graph = run([TOM, JAMES, transferCmd(FIRST, SECOND, 1016, 90)]);
    expect(refusal(execute(graph, pointsCmd('redeemPoints', FIRST, 1016, 11))).code).toBe(1010);
    expect(balanceOf(step(graph, pointsCmd('redeemPoints', SECOND, 1016, 110)).graph, SECOND, 1016)).toBe(0);
  });
});

describe('TRF-3: both parties must be live, different and enrolled in the program', () => {
  const { events } = build([TOM, JAMES, member('plain@example.com'), member('victim@example.com', [{ programId: 1016 }]), mergeCmd(SECOND, 4)]);

  it('TRF-3: a transfer to oneself is 400 naming toId', () => {
    expect(refusal(execute(given(events).graph, transferCmd(FIRST, FIRST, 1016, 1)))).toMatchObject({ code: 400, path: ['toId'] });
  });

  it('TRF-3: an unknown sender or receiver is 8015', () => {
    given(events).when(transferCmd(99, FIRST, 1016, 1)).fails(8015);
    given(events).when(transferCmd(FIRST, 99, 1016, 1)).fails(8015);
  });

  it('TRF-3: a merge victim as sender or receiver is 8069 naming its survivor', () => {
    expect(refusal(execute(given(events).graph, transferCmd(4, FIRST, 1016, 1)))).toMatchObject({ code: 8069, survivorId: SECOND });
    expect(refusal(execute(given(events).graph, transferCmd(FIRST, 4, 1016, 1)))).toMatchObject({ code: 8069, survivorId: SECOND });
  });

  it('TRF-3: a party not enrolled in the program is 1013, whichever side it is on', () => {
    given(events).when(transferCmd(FIRST, THIRD, 1016, 1)).fails(1013);
    given(events).when(transferCmd(THIRD, FIRST, 1016, 1)).fails(1013);
    given(events).when(transferCmd(FIRST, SECOND, 1219, 1)).fails(1013);
  });

  it('TRF-3: a program the org does not have is 400 naming programId; a non-positive amount is 400 naming points', () => {
    const graph = given(events).graph;
    expect(refusal(execute(graph, transferCmd(FIRST, SECOND, 4242, 1)))).toMatchObject({ code: 400, path: ['programId'] });
    expect(refusal(execute(graph, transferCmd(FIRST, SECOND, 1016, 0)))).toMatchObject({ code: 400, path: ['points'] });
  });

  it('TRF-3: a customer whose personal data was deleted is no longer live: 8015', () => {
    const graph = run([{ kind: 'deletePii', customerId: SECOND, meta: META }], given(events).graph);
    expect(refusal(execute(graph, transferCmd(FIRST, SECOND, 1016, 1))).code).toBe(8015);
    expect(refusal(execute(graph, transferCmd(SECOND, FIRST, 1016, 1))).code).toBe(8015);
  });
});
