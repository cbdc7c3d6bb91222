import { expect } from 'vitest';
import type { Result } from 'neverthrow';
import {
  execute,
  getCustomer,
  lookup,
  type Command,
  type CustomerDetails,
  type CustomerGraph,
  type CustomerId,
  type DomainError,
  type MergeCommand,
} from '../../src/index';
import { customerId } from '../../src/kernel/ids';
import { build, META } from './given';

/** The default org numbers customers from 1 in the order they are registered (ARC-1). */
export const FIRST = customerId(1);
export const SECOND = customerId(2);
export const THIRD = customerId(3);
export const FOURTH = customerId(4);

/** The value of an accepted result; fails the test with the documented code otherwise. */
export function must<T>(result: Result<T, DomainError>): T {
  if (result.isErr()) expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result._unsafeUnwrap();
}

/** The documented code of a refused result, or `'accepted'`. */
export function codeOf(result: Result<unknown, DomainError>): number | 'accepted' {
  return result.isErr() ? result.error.code : 'accepted';
}

/** The error of a refused result; fails the test when it was accepted. */
export function refusal(result: Result<unknown, DomainError>): DomainError {
  if (result.isOk()) expect.fail('expected a refusal, got success');
  return result._unsafeUnwrapErr();
}

/** The entity a lookup answers, or the documented code it is refused with. */
export function whoHolds(
  graph: CustomerGraph,
  identifierName: string,
  identifierValue: string | number,
  source = 'ALL',
  accountId?: string,
): CustomerId | number {
  const result = lookup(graph, {
    source,
    identifierName,
    identifierValue,
    ...(accountId === undefined ? {} : { accountId }),
  });
  return result.isOk() ? result.value.entity : result.error.code;
}

/** Fetch Customer Details over every source account; fails the test on a refusal. */
export function details(graph: CustomerGraph, id: number): CustomerDetails {
  return must(getCustomer(graph, { customerId: id, source: 'ALL' }));
}

/** An explicit merge command at the default meta. */
export function mergeCmd(survivorId: number, victimId: number): MergeCommand {
  return { kind: 'merge', survivorId, victimId, meta: META };
}

/** An update command that changes nothing but the first name. */
export function renameCmd(id: number, source: string, firstName: string, accountId?: string): Command {
  return {
    kind: 'update',
    customerId: id,
    source,
    ...(accountId === undefined ? {} : { accountId }),
    body: { profiles: [{ firstName }] },
    meta: META,
  };
}

/** Narrows a command built by a helper to its kind, so that `execute` answers that kind's response type. */
export function asKind<K extends Command['kind']>(command: Command, kind: K): Extract<Command, { kind: K }> {
  if (command.kind !== kind) expect.fail(`expected a ${kind} command, got ${command.kind}`);
  return command as Extract<Command, { kind: K }>;
}

/** Runs commands one by one from the empty graph and notes the graph's event count after each: the sequence number of its last event. */
export function timeline(commands: readonly Command[]): { graph: CustomerGraph; seqAfter: number[] } {
  let graph = build([]).graph;
  const seqAfter: number[] = [];
  for (const command of commands) {
    graph = must(execute(graph, command)).graph;
    seqAfter.push(graph.eventCount);
  }
  return { graph, seqAfter };
}
