import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type UpdateCommand } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameCustomers, expectSameOutcome, noteDeleted, resolveSpec, type RealSystem, type Spec } from '../system';

/**
 * Update Customer Details on both systems, as far as loyalty goes: loyalty only upgrades (1046), the
 * profile must exist (8065), victims answer 8069, identifiers in the body are ignored (UPD-2, UPD-3, UPD-5).
 */
export class UpdateLoyaltyCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: UpdateCommand | undefined;

  constructor(readonly spec: Spec<UpdateCommand>) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const command = resolveSpec(model, this.spec);
    this.last = command;
    noteDeleted(model, 'update', command.customerId);
    const expected = model.update(command);
    const actual = execute(real.graph, command);
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      expect(r.response.createdId).toBe(m.createdId);
      expect(r.response.warnings).toEqual([]);
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    return `update ${describeCommand(this.last ?? this.spec)}`;
  }
}
