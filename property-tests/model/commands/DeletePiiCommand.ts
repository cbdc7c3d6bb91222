import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type DeletePiiCommand as DeletePii } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameCustomers, expectSameOutcome, noteDeleted, resolveSpec, type RealSystem, type Spec } from '../system';

/**
 * A PII deletion on both systems: the same customer deleted (afterwards get, update and points answer
 * 8015, its identifiers are free and its points stay, as the comparison after every write and the later
 * commands check), or the same refusal (victim 8069, unknown or already deleted 8015) (PII-1, PII-2).
 */
export class DeletePiiCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: DeletePii | undefined;

  constructor(readonly spec: Spec<DeletePii>) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const command = resolveSpec(model, this.spec);
    this.last = command;
    noteDeleted(model, command.kind, command.customerId);
    const expected = model.deletePii(command);
    const actual = execute(real.graph, command);
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      expect(r.response.customerId).toBe(m.customerId);
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    return `deletePii ${describeCommand(this.last ?? this.spec)}`;
  }
}
