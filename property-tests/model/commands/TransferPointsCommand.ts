import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type TransferPointsCommand as TransferPoints } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameCustomers, expectSameOutcome, noteDeleted, resolveSpec, type RealSystem, type Spec } from '../system';

/**
 * A points transfer on both systems: the same sender and receiver (balances are compared after every
 * write), or the same refusal (to itself 400, a victim 8069, deleted or unknown 8015, not enrolled 1013,
 * more than the sender holds 1010) (TRF-1..TRF-3).
 */
export class TransferPointsCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: TransferPoints | undefined;

  constructor(readonly spec: Spec<TransferPoints>) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const command = resolveSpec(model, this.spec);
    this.last = command;
    noteDeleted(model, command.kind, command.fromId, command.toId);
    const expected = model.transfer(command);
    const actual = execute(real.graph, command);
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      const moved = r.events.flatMap((e) => (e.kind === 'PointsTransferred' ? [{ fromId: e.fromId, toId: e.toId, points: e.points }] : []));
      expect(moved).toEqual([{ ...m, points: command.points }]);
      expect(r.response.transferId, 'the next id of the transfer counter').toBe(real.graph.nextTransferId);
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    return `transferPoints ${describeCommand(this.last ?? this.spec)}`;
  }
}
