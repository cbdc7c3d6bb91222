import type fc from 'fast-check';
import { expect } from 'vitest';
import { getCustomer, type GetCustomerQuery } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { canonicalView, describeCommand, expectSameOutcome, noteDeleted, realView, type RealSystem } from '../system';

/** Fetch Customer Details on both systems, for ALL or one source account: the same view, or the same refusal (GET-1..GET-4, MRG-5). */
export class GetCustomerCommand implements fc.Command<ReferenceModel, RealSystem> {
  constructor(readonly query: GetCustomerQuery) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    noteDeleted(model, 'get', this.query.customerId);
    expectSameOutcome(this.toString(), model.get(this.query), getCustomer(real.graph, this.query), (m, r) => {
      expect(realView(r)).toEqual(canonicalView(m));
    });
  }

  toString(): string {
    return `get ${describeCommand(this.query)}`;
  }
}
