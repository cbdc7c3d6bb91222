// The model-based test's commands as one table: each row says how a step is drawn, what the reference
// model answers, what the graph answers, and how the two answers are compared. One command class runs
// any row, so adding a command to the model is one row.

import fc from 'fast-check';
import type { Result } from 'neverthrow';
import { expect } from 'vitest';
import {
  execute,
  getCustomer,
  lookup,
  loyaltyDetails,
  type ChangeIdentifierCommand,
  type Command,
  type CustomerGraph,
  type DeletePiiCommand,
  type DomainError,
  type Executed,
  type GetCustomerQuery,
  type LookupQuery,
  type LoyaltyDetailsQuery,
  type MergeCommand,
  type PointsCommand,
  type RegisterCommand,
  type ResponseByKind,
  type TransferPointsCommand,
  type UpdateCommand,
  type UpdateSubscriptionsCommand,
} from '../../src/index';
import type { Outcome, ReferenceModel } from './reference-model';
import {
  canonicalSubscriptions,
  canonicalView,
  describeCommand,
  expectSameCustomers,
  expectSameOutcome,
  modelTargetView,
  noteDeleted,
  outcomes,
  realProgram,
  realView,
  resolveSpec,
  type RealSystem,
  type Spec,
} from './system';

/** One row of the table: a kind of step, in the model and in the graph. */
interface Row<S, Q, M, R> {
  /** The literal input the drawn step stands for in the model's state now. */
  resolve(model: ReferenceModel, spec: S): Q;
  /** The name of the step in the outcomes tally and in counterexamples (`register`, `issuePoints`, …). */
  name(input: Q): string;
  /** The customers the step addresses, counted as `name:deleted` when the model has deleted one (PII-2). */
  addressed(input: Q): readonly number[];
  model(model: ReferenceModel, input: Q): Outcome<M>;
  real(graph: CustomerGraph, input: Q): Result<R, DomainError>;
  /** Both accepted: the answers agree (`before` is the graph the step ran on). */
  same(model: M, real: R, input: Q, before: CustomerGraph): void;
  /** For writes: the graph after an accepted step. */
  readonly after?: (real: R) => CustomerGraph;
  /** Further tallies of the model's answer. */
  readonly note?: (expected: Outcome<M>) => void;
}

/** A drawn step of any row: what the command class runs. */
interface Step {
  run(model: ReferenceModel, real: RealSystem): void;
  toString(): string;
}

/** A drawn step of a row: its types end here, so that rows of different types share one table. */
function stepOf<S, Q, M, R>(row: Row<S, Q, M, R>, spec: S): Step {
  {
    let last: Q | undefined;
    return {
      run(model, real) {
        const input = row.resolve(model, spec);
        last = input;
        const name = row.name(input);
        noteDeleted(model, name, ...row.addressed(input));
        const expected = row.model(model, input);
        row.note?.(expected);
        const before = real.graph;
        const actual = row.real(before, input);
        expectSameOutcome(`${name} ${describeCommand(input)}`, expected, actual, (m, r) => row.same(m, r, input, before));
        if (row.after === undefined) return;
        if (actual.isOk()) real.graph = row.after(actual.value);
        expectSameCustomers(model, real.graph);
      },
      toString: () => `${last === undefined ? 'step' : row.name(last)} ${describeCommand(last ?? spec)}`,
    };
  }
}

/** The steps of a row, drawn from an arbitrary of its specs (literal, or targeted at the model's customers). */
function steps<S, Q, M, R>(row: Row<S, Q, M, R>, arbitrary: fc.Arbitrary<S>): fc.Arbitrary<Step> {
  return arbitrary.map((spec) => stepOf(row, spec));
}

/** The one command class of the model-based test: it runs whatever row its step came from. */
export class DifferentialCommand implements fc.Command<ReferenceModel, RealSystem> {
  constructor(private readonly step: Step) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, real: RealSystem): void {
    this.step.run(model, real);
  }

  toString(): string {
    return this.step.toString();
  }
}

/** What `execute` answers for a command of kind C. */
type Done<C extends Command> = Executed<ResponseByKind[C['kind']]>;

/** A write: the graph's answer is `execute`, and the graph goes on from its new graph. */
function write<C extends Command, M>(
  r: Omit<Row<Spec<C>, C, M, Done<C>>, 'resolve' | 'real' | 'after' | 'name'> & { readonly name?: (input: C) => string },
): Row<Spec<C>, C, M, Done<C>> {
  return {
    ...r,
    name: r.name ?? ((input) => input.kind),
    resolve: (model, spec) => resolveSpec(model, spec),
    real: (graph, input) => execute(graph, input),
    after: (done) => done.graph,
  };
}

/** A lookup by a value someone holds now: the `pick`-th held identifier, in its own source account or ALL. */
export interface HeldLookup {
  readonly kind: 'held';
  readonly pick: number;
  readonly all: boolean;
}

function resolveLookup(model: ReferenceModel, spec: LookupQuery | HeldLookup): LookupQuery {
  if (!('kind' in spec)) return spec;
  const held = modelTargetView(model).flatMap((c) => c.profiles.flatMap((p) => p.identifiers.map((i) => ({ ...i, source: p.source, accountId: p.accountId }))));
  const hit = held[spec.pick % Math.max(held.length, 1)];
  if (hit === undefined) return { source: 'ALL', identifierName: 'mobile', identifierValue: '9111111111' };
  const where = spec.all ? { source: 'ALL' } : hit.accountId === '' ? { source: hit.source } : { source: hit.source, accountId: hit.accountId };
  return { ...where, identifierName: hit.type, identifierValue: hit.value };
}

const points = (checkIds: boolean) =>
  write<PointsCommand, { loyaltyPoints: number }>({
    addressed: (c) => [c.customerId],
    model: (m, c) => m.points(c),
    same: (m, r, c) => {
      expect(r.response.loyaltyPoints, 'balance after').toBe(m.loyaltyPoints);
      if (checkIds) expect({ customerId: r.response.customerId, programId: r.response.programId }).toEqual({ customerId: c.customerId, programId: c.programId });
    },
  });

/** The rows (REG, CHG, UPD, MRG, LKP, GET, PTS, TRF, SUB, PII): how the model and the graph answer each. */
const ROWS = {
  register: write<RegisterCommand, { createdId: number; combined: boolean }>({
    addressed: () => [],
    model: (m, c) => m.register(c),
    same: (m, r) => {
      expect(r.response.createdId).toBe(m.createdId);
      expect(r.response.warnings.map((w) => w.code)).toEqual(m.combined ? [8050] : []);
    },
  }),
  changeIdentifier: write<ChangeIdentifierCommand, { mergedInto: number | null }>({
    name: () => 'changeIdentifier',
    addressed: (c) => [c.customerId],
    model: (m, c) => m.changeIdentifier(c),
    note: (expected) => {
      if (expected.ok && expected.value.mergedInto !== null) outcomes.add('changeIdentifier:merged');
    },
    same: (m, r) => {
      expect(r.events.flatMap((e) => (e.kind === 'CustomersMerged' ? [e.survivorId] : []))).toEqual(m.mergedInto === null ? [] : [m.mergedInto]);
      expect(r.response.warnings.map((w) => w.code)).toEqual(m.mergedInto === null ? [] : [8051]);
    },
  }),
  update: write<UpdateCommand, { createdId: number }>({
    name: () => 'update',
    addressed: (c) => [c.customerId],
    model: (m, c) => m.update(c),
    same: (m, r) => {
      expect(r.response.createdId).toBe(m.createdId);
      expect(r.response.warnings).toEqual([]);
    },
  }),
  merge: write<MergeCommand, { survivorId: number; victimId: number }>({
    name: () => 'merge',
    addressed: (c) => [c.survivorId, c.victimId],
    model: (m, c) => m.merge(c),
    same: (m, r) => expect({ survivorId: r.response.survivorId, victimId: r.response.victimId }).toEqual(m),
  }),
  lookup: {
    resolve: resolveLookup,
    name: () => 'lookup',
    addressed: () => [],
    model: (m, q) => m.lookup(q),
    real: (graph, q) => lookup(graph, q),
    same: (m, r) => expect(r.entity).toBe(m.entity),
  } satisfies Row<LookupQuery | HeldLookup, LookupQuery, { entity: number }, { entity: number }>,
  get: {
    resolve: (_m, q) => q,
    name: () => 'get',
    addressed: (q) => [q.customerId],
    model: (m, q) => m.get(q),
    real: (graph, q) => getCustomer(graph, q),
    same: (m, r) => expect(realView(r)).toEqual(canonicalView(m)),
  } satisfies Row<GetCustomerQuery, GetCustomerQuery, Parameters<typeof canonicalView>[0], Parameters<typeof realView>[0]>,
  credit: points(true),
  debit: points(false),
  transfer: write<TransferPointsCommand, { fromId: number; toId: number }>({
    addressed: (c) => [c.fromId, c.toId],
    model: (m, c) => m.transfer(c),
    same: (m, r, c, before) => {
      expect(r.events.flatMap((e) => (e.kind === 'PointsTransferred' ? [{ fromId: e.fromId, toId: e.toId, points: e.points }] : []))).toEqual([{ ...m, points: c.points }]);
      expect(r.response.transferId, 'the next id of the transfer counter').toBe(before.nextTransferId);
    },
  }),
  subscribe: write<UpdateSubscriptionsCommand, { subscriptions: Parameters<typeof canonicalSubscriptions>[0] }>({
    addressed: (c) => [c.customerId],
    model: (m, c) => m.updateSubscriptions(c),
    same: (m, r, c) => {
      expect(canonicalSubscriptions(r.response.subscriptions)).toEqual(canonicalSubscriptions(m.subscriptions));
      expect(r.response.campaignId).toBe(c.body.campaignId ?? -1);
    },
  }),
  deletePii: write<DeletePiiCommand, { customerId: number }>({
    addressed: (c) => [c.customerId],
    model: (m, c) => m.deletePii(c),
    same: (m, r) => expect(r.response.customerId).toBe(m.customerId),
  }),
  loyaltyDetails: {
    resolve: (_m, q) => q,
    name: () => 'loyaltyDetails',
    addressed: (q) => [q.customerId],
    model: (m, q) => m.loyaltyDetails(q),
    real: (graph, q) => loyaltyDetails(graph, q),
    same: (m, r) => expect(r.data.map(realProgram)).toEqual(m),
  } satisfies Row<LoyaltyDetailsQuery, LoyaltyDetailsQuery, ReturnType<typeof realProgram>[], { readonly data: readonly Parameters<typeof realProgram>[0][] }>,
};

type Rows = typeof ROWS;

/** The spec a row's steps are drawn as. */
type SpecOf<K extends keyof Rows> = Parameters<Rows[K]['resolve']>[1];

/** How often each row is drawn, and from which arbitrary of its specs. */
export type RowDraws = { readonly [K in keyof Rows]: readonly [weight: number, arbitrary: fc.Arbitrary<SpecOf<K>>] };

/** The model-based test's commands: one weighted choice over the rows of the table. */
export function differentialCommands(draws: RowDraws): fc.Arbitrary<DifferentialCommand> {
  const choices = (Object.keys(draws) as (keyof Rows)[]).map((key) => {
    const [weight, arbitrary] = draws[key];
    const row = ROWS[key] as Row<unknown, unknown, unknown, unknown>;
    return { weight, arbitrary: steps(row, arbitrary as fc.Arbitrary<unknown>) };
  });
  return fc.oneof(...choices).map((step) => new DifferentialCommand(step));
}

/** A registration as a step of the model-based test (the registrations each run starts with). */
export function registration(command: RegisterCommand): DifferentialCommand {
  return new DifferentialCommand(stepOf(ROWS.register, command));
}
