import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type RegisterCommand as Register } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameCustomers, expectSameOutcome, type RealSystem } from '../system';

/** Register Customer on both systems: the same new or combined customer, or the same refusal (REG-1..REG-7, REG-9). */
export class RegisterCommand implements fc.Command<ReferenceModel, RealSystem> {
  constructor(readonly command: Register) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const expected = model.register(this.command);
    const actual = execute(real.graph, this.command);
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      expect(r.response.createdId).toBe(m.createdId);
      expect(r.response.warnings.map((w) => w.code)).toEqual(m.combined ? [8050] : []);
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    return `register ${describeCommand(this.command)}`;
  }
}
