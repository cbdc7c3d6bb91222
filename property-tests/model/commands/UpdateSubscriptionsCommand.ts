import type fc from 'fast-check';
import { expect } from 'vitest';
import { execute, type UpdateSubscriptionsCommand as UpdateSubscriptions } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import {
  canonicalSubscriptions,
  describeCommand,
  expectSameCustomers,
  expectSameOutcome,
  noteDeleted,
  resolveSpec,
  type RealSystem,
  type Spec,
} from '../system';

/**
 * Update Subscription Details on both systems: the same states set (and, after every write, the same
 * subscriptions of every customer, OPTOUT winning on merges), or the same refusal (channel 1101, priority
 * 1102, scope 1103, several scopes 1105, status 1106, victim 8069, deleted 8015) (SUB-1..SUB-5, MRG-10).
 */
export class UpdateSubscriptionsCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: UpdateSubscriptions | undefined;

  constructor(readonly spec: Spec<UpdateSubscriptions>) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const command = resolveSpec(model, this.spec);
    this.last = command;
    noteDeleted(model, command.kind, command.customerId);
    const expected = model.updateSubscriptions(command);
    const actual = execute(real.graph, command);
    expectSameOutcome(this.toString(), expected, actual, (m, r) => {
      expect(canonicalSubscriptions(r.response.subscriptions)).toEqual(canonicalSubscriptions(m.subscriptions));
      expect(r.response.campaignId).toBe(command.body.campaignId ?? -1);
    });
    if (actual.isOk()) real.graph = actual.value.graph;
    expectSameCustomers(model, real.graph);
  }

  toString(): string {
    return `updateSubscriptions ${describeCommand(this.last ?? this.spec)}`;
  }
}
