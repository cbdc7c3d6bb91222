import { err, ok, type Result } from 'neverthrow';
import type { ChangeIdentifierCommand } from './commands';
import type { Customer } from './customer';
import { domainError, type DomainError } from './errors';
import type { GraphEvent } from './events';
import { holderIn, type CustomerGraph } from './graph';
import { hasProfileIn, holdersElsewhere } from './register';
import { sourceAccountKey } from './sources';
import { readIdentifiers, type SourceAccount, type ValidMeta } from './validate';

function holds(customer: Customer, account: SourceAccount, type: string, value: string): boolean {
  return customer.profiles.some(
    (p) =>
      p.source === account.source &&
      p.accountId === account.accountId &&
      [p, ...p.conflictingProfiles].some((q) => q.identifiers.some((i) => i.type === type && i.value === value)),
  );
}

/**
 * Add and remove identifiers in one source account (CHG-1..CHG-8). An added identifier held by another
 * customer in the same account is 8008; held by exactly one other customer elsewhere, this customer
 * merges into that one as the victim (8051); held by several, nothing changes (8053).
 */
export function decideChangeIdentifier(
  graph: CustomerGraph,
  customer: Customer,
  command: ChangeIdentifierCommand,
  account: SourceAccount,
  meta: ValidMeta,
): Result<GraphEvent[], DomainError> {
  if ((command.add ?? []).length === 0 && (command.remove ?? []).length === 0) return err(domainError(1104));
  if (!hasProfileIn(customer, account)) return err(domainError(8065));
  const adds = readIdentifiers(graph.org, command.add ?? [], 'changeIdentifier');
  if (adds.isErr()) return err(adds.error);
  const removes = readIdentifiers(graph.org, command.remove ?? [], 'changeIdentifier');
  if (removes.isErr()) return err(removes.error);
  for (const id of removes.value) {
    if (!holds(customer, account, id.type, id.value)) {
      return err(domainError(1104, `${domainError(1104).message} ${id.type} is not held in ${account.key}.`));
    }
  }
  const removedKeys = new Set(removes.value.map((id) => `${id.type}\u0000${id.value}`));
  const fresh = adds.value.filter(
    (id) => removedKeys.has(`${id.type}\u0000${id.value}`) || !holds(customer, account, id.type, id.value),
  );
  for (const id of fresh) {
    const holder = holderIn(graph, id, account.source, account.accountId);
    if (holder !== undefined && holder !== customer.id) return err(domainError(8008));
  }
  const elsewhere = holdersElsewhere(graph, account, fresh, customer.id);
  if (elsewhere.size > 1) return err(domainError(8053));

  const base = { customerId: customer.id, source: account.source, accountId: account.accountId, at: meta.at, till: meta.till };
  const events: GraphEvent[] = [
    ...removes.value.map((identifier): GraphEvent => ({ kind: 'IdentifierRemoved', ...base, identifier })),
    ...fresh.map((identifier): GraphEvent => ({ kind: 'IdentifierAdded', ...base, identifier })),
  ];
  const [survivor] = elsewhere;
  if (survivor !== undefined) {
    const [survivorId, identifier] = survivor;
    events.push({
      kind: 'CustomersMerged',
      survivorId,
      victimId: customer.id,
      cause: { source: account.source, accountId: account.accountId, identifier },
      at: meta.at,
      till: meta.till,
    });
  }
  return ok(events);
}
