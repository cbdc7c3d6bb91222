import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type PointsCommand } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameCustomers, expectSameOutcome, noteDeleted, resolveSpec, type RealSystem, type Spec } from '../system';

/**
 * Issue or adjust points on both systems: the same balance after, or the same refusal (unknown program
 * 400, not enrolled 1013, a negative adjustment beyond the balance 1010, victim 8069, deleted 8015)
 * (PTS-2, PTS-4, PTS-5, PII-2).
 */
export class IssuePointsCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: PointsCommand | undefined;

  constructor(readonly spec: Spec<PointsCommand>) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const command = resolveSpec(model, this.spec);
    this.last = command;
    noteDeleted(model, command.kind, command.customerId);
    const expected = model.points(command);
    const actual = execute(real.graph, command);
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      expect(r.response.loyaltyPoints, 'balance after').toBe(m.loyaltyPoints);
      expect({ customerId: r.response.customerId, programId: r.response.programId }).toEqual({ customerId: command.customerId, programId: command.programId });
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    const command = this.last ?? this.spec;
    return `${command.kind === 'targetedLoyalty' ? 'issuePoints' : command.kind} ${describeCommand(command)}`;
  }
}
