import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type MergeCommand as Merge } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameCustomers, expectSameOutcome, noteDeleted, resolveSpec, type RealSystem, type Spec } from '../system';

/** An explicit merge on both systems: the same survivor and victim, or the same refusal (MRG-1..MRG-6). */
export class MergeCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: Merge | undefined;

  constructor(readonly spec: Spec<Merge>) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const command = resolveSpec(model, this.spec);
    this.last = command;
    noteDeleted(model, 'merge', command.survivorId, command.victimId);
    const expected = model.merge(command);
    const actual = execute(real.graph, command);
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      expect({ survivorId: r.response.survivorId, victimId: r.response.victimId }).toEqual(m);
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    return `merge ${describeCommand(this.last ?? this.spec)}`;
  }
}
