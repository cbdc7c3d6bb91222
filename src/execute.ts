import { ok, type Result } from 'neverthrow';
import type { Command } from './commands';
import { decide } from './decide';
import type { DomainError, DomainWarning } from './errors';
import type { GraphEvent } from './events';
import { evolveAll } from './evolve';
import type { CustomerGraph } from './graph';
import { customerId, type CustomerId } from './ids';
import { warningsOf } from './warnings';

/** The documented answer of Register Customer: the new or existing customer's id (REG-1, REG-6). */
export interface RegisterResponse {
  readonly createdId: CustomerId;
  readonly warnings: readonly DomainWarning[];
  readonly sideEffects: readonly unknown[];
}

/** The documented answer of Update Customer Details (UPD-1). */
export interface UpdateResponse {
  readonly createdId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/** The documented answer of Update Customer Identifiers (CHG-1). */
export interface ChangeIdentifierResponse {
  readonly success: true;
  readonly warnings: readonly DomainWarning[];
}

/** The answer of an explicit merge request (MRG-6). */
export interface MergeResponse {
  readonly success: true;
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/** The response type of each command kind. */
export interface ResponseByKind {
  readonly register: RegisterResponse;
  readonly update: UpdateResponse;
  readonly changeIdentifier: ChangeIdentifierResponse;
  readonly merge: MergeResponse;
}

/** What `execute` gives back: the new graph, the events that made it, and the documented response. */
export interface Executed<R> {
  readonly graph: CustomerGraph;
  readonly events: readonly GraphEvent[];
  readonly response: R;
}

function respond(command: Command, events: readonly GraphEvent[]): ResponseByKind[Command['kind']] {
  const warnings = warningsOf(events);
  switch (command.kind) {
    case 'register': {
      // A register decision is exactly one CustomerRegistered or SourceProfileCombined event.
      const first = events[0];
      const createdId = first !== undefined && 'customerId' in first ? first.customerId : customerId(0);
      return { createdId, warnings, sideEffects: [] };
    }
    case 'update':
      return { createdId: customerId(command.customerId), warnings };
    case 'changeIdentifier':
      return { success: true, warnings };
    case 'merge':
      return {
        success: true,
        survivorId: customerId(command.survivorId),
        victimId: customerId(command.victimId),
        warnings,
      };
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/**
 * Decides and folds in one step: the new graph, the events and the documented response, or the
 * documented error with the graph untouched (ARC-2, ARC-5).
 */
export function execute<C extends Command>(
  graph: CustomerGraph,
  command: C,
): Result<Executed<ResponseByKind[C['kind']]>, DomainError> {
  return decide(graph, command).andThen((events) => {
    const next = evolveAll(graph, events);
    return ok({ graph: next, events, response: respond(command, events) as ResponseByKind[C['kind']] });
  });
}
