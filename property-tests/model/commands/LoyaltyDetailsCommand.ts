import type fc from 'fast-check';
import { expect } from 'vitest';
import { loyaltyDetails, type LoyaltyDetailsQuery } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameOutcome, noteDeleted, realProgram, type RealSystem } from '../system';

/**
 * Fetch Customer Loyalty Details on both systems, for every program or the one `programId` names: the
 * same balances, counters and tiers, for deleted customers too, or the same refusal (unknown 8015, victim
 * 8069 naming the survivor) (PTS-1, PTS-2, PTS-5, PII-1).
 */
export class LoyaltyDetailsCommand implements fc.Command<ReferenceModel, RealSystem> {
  constructor(readonly query: LoyaltyDetailsQuery) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    noteDeleted(model, 'loyaltyDetails', this.query.customerId);
    expectSameOutcome(this.toString(), model.loyaltyDetails(this.query), loyaltyDetails(real.graph, this.query), (m, r) => {
      expect(r.data.map(realProgram)).toEqual(m);
    });
  }

  toString(): string {
    return `loyaltyDetails ${describeCommand(this.query)}`;
  }
}
