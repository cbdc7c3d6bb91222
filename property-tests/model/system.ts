// What the model-based test's commands share: the two systems under comparison and how they are compared.

import type { Result } from 'neverthrow';
import { expect } from 'vitest';
import {
  getCustomer,
  loyaltyDetails,
  type Command,
  type CustomerDetails,
  type CustomerGraph,
  type DomainError,
  type ProgramDetails,
} from '../../src/index';
import {
  resolveTargeted,
  resolveTargetedLoyalty,
  type LoyaltyTarget,
  type TargetCustomer,
  type TargetedCommand,
  type TargetedLoyaltyCommand,
} from '../support/arbitraries';
import { Tally } from '../support/tally';
import type { ModelCustomerView, ModelProgramView, ModelSubscription, Outcome, ReferenceModel } from './reference-model';

/** The real system: the immutable graph, replaced by each accepted command. */
export interface RealSystem {
  graph: CustomerGraph;
}

/** A command as a model-based command holds it: literal, or targeted and resolved against the model when it runs. */
export type Spec<C extends Command> = C | TargetedCommand | TargetedLoyaltyCommand;

/** The model's customers as targeted commands see them. */
export function modelTargetView(model: ReferenceModel): TargetCustomer[] {
  return model.ids().flatMap((id) => {
    const c = model.customers.get(id);
    if (c === undefined) return [];
    return [
      {
        id,
        live: c.live,
        profiles: [...c.profiles.values()].map((p) => ({
          source: p.source,
          accountId: p.accountId,
          identifiers: [...p.identifiers, ...p.conflicting.flatMap((q) => q.identifiers)],
        })),
      },
    ];
  });
}

/** The model's customers as targeted loyalty commands see them: status, programs and balances (no coupons or goodwill). */
export function modelLoyaltyTargetView(model: ReferenceModel): LoyaltyTarget[] {
  return model.ids().flatMap((id) => {
    const c = model.customers.get(id);
    if (c === undefined) return [];
    return [
      {
        id,
        status: c.live ? ('live' as const) : c.deleted ? ('deleted' as const) : ('merged' as const),
        profiles: [...c.profiles.values()].map((p) => ({ source: p.source, accountId: p.accountId })),
        programs: c.programs.map((l) => ({ programId: l.programId, balance: l.issued - l.redeemed - l.returned + l.adjusted, expiring: 0 })),
        couponCodes: [],
        pendingGoodwill: [],
      },
    ];
  });
}

/** The literal command a spec stands for now. */
export function resolveSpec<C extends Command>(model: ReferenceModel, spec: Spec<C>): C {
  switch (spec.kind) {
    case 'targeted':
      return resolveTargeted(modelTargetView(model), spec) as C;
    case 'targetedLoyalty':
      return resolveTargetedLoyalty(modelLoyaltyTargetView(model), spec) as C;
    default:
      return spec;
  }
}

/** Counts `kind:deleted` when a command addresses a customer the model has deleted (PII-2). */
export function noteDeleted(model: ReferenceModel, kind: string, ...ids: number[]): void {
  if (ids.some((id) => model.customers.get(id)?.deleted === true)) outcomes.add(`${kind}:deleted`);
}

/** What the model answered, by command and outcome (`merge:ok`, `register:1014`...), over all runs. */
export const outcomes = new Tally();

/** The model and the graph agree: both accept (and `same` compares the answers) or both refuse with the same code. */
export function expectSameOutcome<T, R>(
  what: string,
  expected: Outcome<T>,
  actual: Result<R, DomainError>,
  same: (model: T, real: R) => void,
): void {
  const kind = what.split(' ')[0] ?? what;
  outcomes.add(expected.ok ? `${kind}:ok` : `${kind}:${expected.code}`);
  if (expected.ok) {
    if (actual.isErr()) expect.fail(`${what}: the model accepts, the graph refuses with ${actual.error.code} (${actual.error.message})`);
    same(expected.value, actual._unsafeUnwrap());
    return;
  }
  if (actual.isOk()) expect.fail(`${what}: the model refuses with ${expected.code}, the graph accepts`);
  const error = actual._unsafeUnwrapErr();
  expect(error.code, `${what}: error code`).toBe(expected.code);
  if (expected.survivorId !== undefined) {
    expect('survivorId' in error ? error.survivorId : undefined, `${what}: survivor named by ${error.code}`).toBe(expected.survivorId);
  }
}

const byText = <T>(text: (x: T) => string) => (a: T, b: T): number => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0);
const idText = (i: { type: string; value: string }): string => `${i.type}:${i.value}`;

const subscriptionText = (s: ModelSubscription): string => `${s.channel}|${s.priority}|${s.accountId}`;

/** Subscriptions in a canonical order, as plain data. */
export function canonicalSubscriptions(list: readonly ModelSubscription[]): ModelSubscription[] {
  return list.map((s) => ({ channel: s.channel, priority: s.priority, accountId: s.accountId, type: s.type })).sort(byText(subscriptionText));
}

/** A program of Fetch Customer Loyalty Details (or embed=mlp) cut down to what the model knows. */
export function realProgram(d: ProgramDetails): ModelProgramView {
  return {
    programId: d.programId,
    loyaltyPoints: d.loyaltyPoints,
    lifetimePoints: d.lifetimePoints,
    redeemed: d.redeemed,
    returned: d.returned,
    adjusted: d.adjusted,
    expired: d.expired,
    slabSNo: d.slabSNo,
    currentSlab: d.currentSlab,
    nextSlabSerialNumber: d.nextSlabSerialNumber,
  };
}

/**
 * A customer view with every list in a canonical order: the rules fix contents, not order. Programs keep
 * their order, which is observable (the first is the main program, PTS-1).
 */
export function canonicalView(view: ModelCustomerView): ModelCustomerView {
  return {
    ...(view.programs === undefined ? {} : { programs: view.programs.map((p) => ({ ...p })) }),
    ...(view.subscriptions === undefined ? {} : { subscriptions: canonicalSubscriptions(view.subscriptions) }),
    id: view.id,
    loyaltyType: view.loyaltyType,
    profiles: view.profiles
      .map((p) => ({
        source: p.source,
        accountId: p.accountId,
        identifiers: [...p.identifiers].map((i) => ({ type: i.type, value: i.value })).sort(byText(idText)),
        conflicting: p.conflicting
          .map((c) => ({ mergedFrom: c.mergedFrom, identifiers: [...c.identifiers].map((i) => ({ type: i.type, value: i.value })).sort(byText(idText)) }))
          .sort(byText((c) => `${c.mergedFrom} ${c.identifiers.map(idText).join(',')}`)),
      }))
      .sort(byText((p) => `${p.source}/${p.accountId}`)),
  };
}

/** Fetch Customer Details cut down to what the model knows. */
export function realView(details: CustomerDetails): ModelCustomerView {
  return canonicalView({
    id: details.id,
    loyaltyType: details.loyaltyInfo.loyaltyType,
    profiles: details.profiles.map((p) => ({
      source: p.source,
      accountId: p.accountId,
      identifiers: p.identifiers,
      conflicting: p.conflictingProfileList.map((c) => ({ mergedFrom: c.mergedFrom, identifiers: c.identifiers })),
    })),
    ...(details.loyaltyProgramDetails === undefined ? {} : { programs: details.loyaltyProgramDetails.map(realProgram) }),
    ...(details.subscriptionInfo === undefined ? {} : { subscriptions: details.subscriptionInfo.subscriptions }),
  });
}

/**
 * After every write: the same customers, each with the same loyalty, profiles and identifiers, programs
 * (balances, counters, tiers) and subscriptions; the same victims and deleted customers, whose points
 * stay readable.
 */
export function expectSameCustomers(model: ReferenceModel, graph: CustomerGraph): void {
  expect(graph.nextCustomerId, 'the next customer id').toBe(model.nextId);
  for (let id = graph.org.firstCustomerId; id < model.nextId; id++) {
    const query = { customerId: id, source: 'ALL', embed: ['mlp', 'subscriptions'] } as const;
    noteDeleted(model, 'get', id);
    expectSameOutcome(`get ${id} ALL`, model.get(query), getCustomer(graph, query), (m, r) => expect(realView(r)).toEqual(canonicalView(m)));
    expectSameOutcome(`loyaltyDetails ${id}`, model.loyaltyDetails({ customerId: id }), loyaltyDetails(graph, { customerId: id }), (m, r) =>
      expect(r.data.map(realProgram)).toEqual(m),
    );
  }
}

/** A short text of a command for counterexamples. */
export function describeCommand(command: unknown): string {
  return JSON.stringify(command, (key, value: unknown) =>
    key === 'meta' && typeof value === 'object' && value !== null && 'till' in value ? `till=${String(value.till)}` : value,
  );
}
