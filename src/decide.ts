import { err, type Result } from 'neverthrow';
import { decideChangeIdentifier } from './change-identifier';
import type { Command } from './commands';
import { mergedCustomer, type DomainError } from './errors';
import { actionable, decideLoyalty } from './loyalty';
import type { GraphEvent } from './events';
import { chainEnd, customerById, type CustomerGraph } from './graph';
import { decideMerge } from './merge';
import { decideRegister } from './register';
import { commandSchema } from './schemas';
import { decideUpdate } from './update';
import { customerId, type CustomerId } from './ids';
import { parseWith, readMeta, readSourceAccount } from './validate';

/**
 * The decider: what a command means against the graph, as events, or the documented error. It reads no
 * clock and makes no ids of its own: time and till come in the command's metadata (ARC-1, ARC-2).
 */
export function decide(graph: CustomerGraph, command: Command): Result<readonly GraphEvent[], DomainError> {
  const parsed = parseWith<Command>(commandSchema, command);
  if (parsed.isErr()) return err(parsed.error);
  const cmd = parsed.value;
  const meta = readMeta(graph.org, cmd.meta);
  if (meta.isErr()) return err(meta.error);
  switch (cmd.kind) {
    case 'register':
      return readSourceAccount(graph.org, cmd.source, cmd.accountId).andThen((account) =>
        decideRegister(graph, cmd, account, meta.value),
      );
    case 'update':
      return actionable(graph, cmd.customerId).andThen((customer) =>
        readSourceAccount(graph.org, cmd.source, cmd.accountId).andThen((account) =>
          decideUpdate(graph.org, customer, cmd, account, meta.value),
        ),
      );
    case 'changeIdentifier': {
      const customer = customerById(graph, cmd.customerId);
      if (customer?.status === 'merged') return err(mergedCustomer(8067, survivorOf(graph, cmd.customerId)));
      return actionable(graph, cmd.customerId, 8009).andThen((live) =>
        readSourceAccount(graph.org, cmd.source, cmd.accountId).andThen((account) =>
          decideChangeIdentifier(graph, live, cmd, account, meta.value),
        ),
      );
    }
    case 'merge':
      return decideMerge(graph, cmd, meta.value);
    case 'issuePoints':
    case 'redeemPoints':
    case 'returnPoints':
    case 'adjustPoints':
    case 'expirePoints':
    case 'transferPoints':
    case 'updateSubscriptions':
    case 'issueCoupon':
    case 'redeemCoupon':
    case 'requestGoodwill':
    case 'resolveGoodwill':
    case 'deletePii':
      return decideLoyalty(graph, cmd, meta.value);
    default: {
      const unreachable: never = cmd;
      return unreachable;
    }
  }
}

function survivorOf(graph: CustomerGraph, id: number): CustomerId {
  // A victim's chain ends at its survivor: live, or deleted since on a PII request (MRG-4, PII-2).
  return chainEnd(graph, id)?.id ?? customerId(id);
}
