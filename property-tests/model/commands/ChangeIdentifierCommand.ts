import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type ChangeIdentifierCommand as ChangeIdentifier } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameCustomers, expectSameOutcome, noteDeleted, outcomes, resolveSpec, type RealSystem, type Spec } from '../system';

/**
 * Update Customer Identifiers on both systems: the same additions, removals and merge into the same
 * survivor (warning 8051), or the same refusal (CHG-1..CHG-8).
 */
export class ChangeIdentifierCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: ChangeIdentifier | undefined;

  constructor(readonly spec: Spec<ChangeIdentifier>) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const command = resolveSpec(model, this.spec);
    this.last = command;
    noteDeleted(model, 'changeIdentifier', command.customerId);
    const expected = model.changeIdentifier(command);
    const actual = execute(real.graph, command);
    if (expected.ok && expected.value.mergedInto !== null) outcomes.add('changeIdentifier:merged');
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      const merged = r.events.flatMap((e) => (e.kind === 'CustomersMerged' ? [e.survivorId] : []));
      expect(merged).toEqual(m.mergedInto === null ? [] : [m.mergedInto]);
      expect(r.response.warnings.map((w) => w.code)).toEqual(m.mergedInto === null ? [] : [8051]);
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    return `changeIdentifier ${describeCommand(this.last ?? this.spec)}`;
  }
}
