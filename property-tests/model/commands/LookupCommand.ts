import type fc from 'fast-check';
import { expect } from 'vitest';
import { lookup, type LookupQuery } from '../../../src/index';
import type { ReferenceModel } from '../reference-model';
import { describeCommand, expectSameOutcome, modelTargetView, type RealSystem } from '../system';

/** A lookup by a value someone holds now: the `pick`-th held identifier, in its own source account or ALL. */
export interface HeldLookup {
  readonly kind: 'held';
  readonly pick: number;
  readonly all: boolean;
}

/** Fetch Customer ID on both systems: the same live customer, or the same refusal (LKP-1..LKP-5). */
export class LookupCommand implements fc.Command<ReferenceModel, RealSystem> {
  private last: LookupQuery | undefined;

  constructor(readonly spec: LookupQuery | HeldLookup) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    const query = this.resolve(model);
    this.last = query;
    expectSameOutcome(this.toString(), model.lookup(query), lookup(real.graph, query), (m, r) => {
      expect(r.entity).toBe(m.entity);
    });
  }

  toString(): string {
    return `lookup ${describeCommand(this.last ?? this.spec)}`;
  }

  private resolve(model: ReferenceModel): LookupQuery {
    if (!('kind' in this.spec)) return this.spec;
    const held = modelTargetView(model).flatMap((c) =>
      c.profiles.flatMap((p) => p.identifiers.map((i) => ({ ...i, source: p.source, accountId: p.accountId }))),
    );
    const hit = held[this.spec.pick % Math.max(held.length, 1)];
    if (hit === undefined) return { source: 'ALL', identifierName: 'mobile', identifierValue: '9111111111' };
    const where = this.spec.all ? { source: 'ALL' } : hit.accountId === '' ? { source: hit.source } : { source: hit.source, accountId: hit.accountId };
    return { ...where, identifierName: hit.type, identifierValue: hit.value };
  }
}
