import { expect } from 'vitest';
import type { Result } from 'neverthrow';
import {
  defaultOrg,
  emptyGraph,
  execute,
  getCustomer,
  lookup,
  type ChangeIdentifierCommand,
  type Command,
  type CommandMeta,
  type CustomerDetails,
  type CustomerGraph,
  type DomainError,
  type MergeCommand,
  type Org,
  type ProfileInput,
  type ProfileView,
  type RegisterBody,
  type RegisterCommand,
  type UpdateBody,
  type UpdateCommand,
} from '../../src/index';
import { META } from './given';

/** Options of a register request beyond its one profile. */
export interface RegisterOptions {
  readonly accountId?: string;
  readonly loyaltyType?: string;
  readonly associatedWith?: string;
  readonly extendedFields?: Readonly<Record<string, unknown>>;
  readonly meta?: CommandMeta;
}

/** A Register Customer request with one profile, typed so that `execute` answers a RegisterResponse. */
export function register(source: string, profile: ProfileInput, options: RegisterOptions = {}): RegisterCommand {
  return {
    kind: 'register',
    source,
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    body: {
      loyaltyInfo: { loyaltyType: options.loyaltyType ?? 'loyalty' },
      profiles: [profile],
      ...(options.associatedWith === undefined ? {} : { associatedWith: options.associatedWith }),
      ...(options.extendedFields === undefined ? {} : { extendedFields: options.extendedFields }),
    },
    meta: options.meta ?? META,
  };
}

/** A Register Customer request with a whole body, as a host would pass it on. */
export function registerBody(source: string, body: RegisterBody, accountId?: string, meta: CommandMeta = META): RegisterCommand {
  return { kind: 'register', source, ...(accountId === undefined ? {} : { accountId }), body, meta };
}

/** An Update Customer Details request. */
export function update(
  customerId: number,
  source: string,
  body: UpdateBody,
  options: { readonly accountId?: string; readonly meta?: CommandMeta } = {},
): UpdateCommand {
  return {
    kind: 'update',
    customerId,
    source,
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    body,
    meta: options.meta ?? META,
  };
}

/** An Update Customer Identifiers request that adds identifiers. */
export function addIdentifiers(
  customerId: number,
  source: string,
  add: ChangeIdentifierCommand['add'],
  options: { readonly accountId?: string; readonly meta?: CommandMeta } = {},
): ChangeIdentifierCommand {
  return {
    kind: 'changeIdentifier',
    customerId,
    source,
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    ...(add === undefined ? {} : { add }),
    meta: options.meta ?? META,
  };
}

/** An explicit merge request. */
export function merge(survivorId: number, victimId: number, meta: CommandMeta = META): MergeCommand {
  return { kind: 'merge', survivorId, victimId, meta };
}

/** The value of an accepted result; fails the test with the documented code otherwise. */
export function accepted<T>(result: Result<T, DomainError>): T {
  if (result.isErr()) expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result._unsafeUnwrap();
}

/** The error of a refused result; fails the test when it was accepted. */
export function refused(result: Result<unknown, DomainError>): DomainError {
  if (result.isOk()) expect.fail('expected a refusal, got success');
  return result._unsafeUnwrapErr();
}

/** Executes commands in order from the given graph (the default org's empty graph by default). */
export function run(commands: readonly Command[], start: CustomerGraph | Org = defaultOrg()): CustomerGraph {
  let graph = 'customerCount' in start ? start : emptyGraph(start)._unsafeUnwrap();
  for (const command of commands) graph = accepted(execute(graph, command)).graph;
  return graph;
}

/** Fetch Customer Details over every source account. */
export function detailsOf(graph: CustomerGraph, id: number): CustomerDetails {
  return accepted(getCustomer(graph, { customerId: id, source: 'ALL' }));
}

/** The one profile a customer has in a source account. */
export function profileOf(graph: CustomerGraph, id: number, source: string, accountId?: string): ProfileView {
  const details = accepted(getCustomer(graph, { customerId: id, source, ...(accountId === undefined ? {} : { accountId }) }));
  expect(details.profiles).toHaveLength(1);
  const [profile] = details.profiles;
  if (profile === undefined) return expect.fail('no profile');
  return profile;
}

/** The customer lookup answers for an identifier, or the code it is refused with. */
export function holderOf(
  graph: CustomerGraph,
  identifierName: string,
  identifierValue: string | number,
  source = 'ALL',
  accountId?: string,
): number {
  const result = lookup(graph, {
    source,
    identifierName,
    identifierValue,
    ...(accountId === undefined ? {} : { accountId }),
  });
  return result.isOk() ? result.value.entity : result.error.code;
}
