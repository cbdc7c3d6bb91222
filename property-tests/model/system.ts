// What the model-based test's commands share: the two systems under comparison and how they are compared.

import type { Result } from 'neverthrow';
import { expect } from 'vitest';
import {
  getCustomer,
  type Command,
  type CustomerDetails,
  type CustomerGraph,
  type DomainError,
} from '../../src/index';
import { resolveTargeted, type TargetCustomer, type TargetedCommand } from '../support/arbitraries';
import { Tally } from '../support/tally';
import type { ModelCustomerView, Outcome, ReferenceModel } from './reference-model';

/** The real system: the immutable graph, replaced by each accepted command. */
export interface RealSystem {
  graph: CustomerGraph;
}

/** A command as a model-based command holds it: literal, or targeted and resolved against the model when it runs. */
export type Spec<C extends Command> = C | TargetedCommand;

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

/** The literal command a spec stands for now. */
export function resolveSpec<C extends Command>(model: ReferenceModel, spec: Spec<C>): C {
  return (spec.kind === 'targeted' ? resolveTargeted(modelTargetView(model), spec) : spec) as C;
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

/** A customer view with every list in a canonical order: the rules fix contents, not order. */
export function canonicalView(view: ModelCustomerView): ModelCustomerView {
  return {
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
  });
}

/** After every write: the same customers, each with the same loyalty, profiles and identifiers, the same victims. */
export function expectSameCustomers(model: ReferenceModel, graph: CustomerGraph): void {
  expect(graph.nextCustomerId, 'the next customer id').toBe(model.nextId);
  for (let id = graph.org.firstCustomerId; id < model.nextId; id++) {
    expectSameOutcome(`get ${id} ALL`, model.get({ customerId: id, source: 'ALL' }), getCustomer(graph, { customerId: id, source: 'ALL' }), (m, r) =>
      expect(realView(r)).toEqual(canonicalView(m)),
    );
  }
}

/** A short text of a command for counterexamples. */
export function describeCommand(command: unknown): string {
  return JSON.stringify(command, (key, value: unknown) =>
    key === 'meta' && typeof value === 'object' && value !== null && 'till' in value ? `till=${String(value.till)}` : value,
  );
}
