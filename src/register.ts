import { err, ok, type Result } from 'neverthrow';
import type { ProfileInput, RegisterCommand } from './commands';
import { fieldMap, higherLoyalty, type Customer, type SourceProfile } from './customer';
import { domainError, invalidInput, type DomainError } from './errors';
import type { GraphEvent } from './events';
import { holderIn, holdersOf, resolveLive, type CustomerGraph } from './graph';
import { customerId, tillCode, type CustomerId } from './ids';
import type { Identifier } from './identifiers';
import { enrollmentEvents, rewardEvents } from './enrollment';
import { EMPTY_LIST } from './internal/shared';
import {
  readCommChannels,
  readCustomFields,
  readExtendedFields,
  readIdentifiers,
  readLoyaltyType,
  type SourceAccount,
  type ValidMeta,
} from './validate';

const PRIMARY_TYPES: ReadonlySet<string> = new Set(['mobile', 'email', 'externalId']);

const SAME_SOURCE_CODE = { mobile: 1032, email: 1016, externalId: 1033 } as const;

/** The profile of a request that belongs to the addressed source: the first that names it or names none. */
export function profileFor(profiles: readonly ProfileInput[] | undefined, account: SourceAccount): ProfileInput | undefined {
  return profiles?.find((p) => p.source === undefined || p.source === account.source);
}

/** Same-source collisions: 1014 when one customer already holds them all, else the type's code (ID-2, REG-3). */
function sameSourceCollision(graph: CustomerGraph, account: SourceAccount, identifiers: readonly Identifier[]): DomainError | undefined {
  const holders = identifiers.map((id) => holderIn(graph, id, account.source, account.accountId));
  const first = holders.findIndex((h) => h !== undefined);
  if (first === -1) return undefined;
  if (holders.every((h) => h !== undefined && h === holders[0])) return domainError(1014);
  const type = identifiers[first]?.type;
  return domainError(type === 'mobile' || type === 'email' || type === 'externalId' ? SAME_SOURCE_CODE[type] : 1014);
}

/** The live customers, other than `self`, that hold any of the identifiers in another source account (REG-6, CHG-4). */
export function holdersElsewhere(
  graph: CustomerGraph,
  account: SourceAccount,
  identifiers: readonly Identifier[],
  self?: CustomerId,
): Map<CustomerId, Identifier> {
  const found = new Map<CustomerId, Identifier>();
  for (const id of identifiers) {
    for (const { sak, id: holder } of holdersOf(graph, id)) {
      if (sak === account.key) continue;
      const live = resolveLive(graph, holder);
      if (live === undefined || live.id === self || found.has(live.id)) continue;
      found.set(live.id, id);
    }
  }
  return found;
}

/**
 * Register in a source account (REG-1..REG-9): validate, refuse same-source duplicates, and either
 * create a customer or combine the new source profile into the one customer that holds the identifiers elsewhere.
 */
export function decideRegister(
  graph: CustomerGraph,
  command: RegisterCommand,
  account: SourceAccount,
  meta: ValidMeta,
): Result<GraphEvent[], DomainError> {
  const { org } = graph;
  const { body } = command;
  const loyaltyType = readLoyaltyType(body.loyaltyInfo.loyaltyType);
  if (loyaltyType.isErr()) return err(loyaltyType.error);
  if (body.associatedWith !== undefined && !org.tills.has(body.associatedWith)) return err(domainError(91020));
  const input = profileFor(body.profiles, account);
  if (input === undefined) return err(invalidInput(['profiles'], `no profile for source ${account.source}`));
  const identifiers = readIdentifiers(org, input.identifiers ?? [], 'register');
  if (identifiers.isErr()) return err(identifiers.error);
  if (loyaltyType.value === 'loyalty' && !identifiers.value.some((id) => PRIMARY_TYPES.has(id.type))) {
    return err(domainError(1007));
  }
  if (identifiers.value.length === 0) return err(domainError(1045));
  const channels = readCommChannels(org, input.commChannels ?? []);
  if (channels.isErr()) return err(channels.error);
  const fields = readCustomFields(org, input.fields);
  if (fields.isErr()) return err(fields.error);
  const extendedFields = readExtendedFields(org, body.extendedFields);
  if (extendedFields.isErr()) return err(extendedFields.error);

  const collision = sameSourceCollision(graph, account, identifiers.value);
  if (collision !== undefined) return err(collision);
  const elsewhere = holdersElsewhere(graph, account, identifiers.value);
  if (elsewhere.size > 1) return err(domainError(8053));

  const profile: SourceProfile = {
    source: account.source,
    accountId: account.accountId,
    firstName: input.firstName?.trim() ?? '',
    lastName: input.lastName?.trim() ?? '',
    identifiers: identifiers.value,
    commChannels: channels.value,
    fields: fields.value,
    attribution: { createDate: meta.at, createdBy: meta.till, modifiedDate: meta.at, modifiedBy: meta.till },
    conflictingProfiles: EMPTY_LIST,
  };
  const [existingId] = elsewhere.keys();
  const existing = existingId === undefined ? undefined : resolveLive(graph, existingId);
  const target = existing?.id ?? customerId(graph.nextCustomerId);
  if (existing !== undefined && hasProfileIn(existing, account)) return err(domainError(8066));
  const enrollments = enrollmentEvents(org, body.loyaltyProgramEnrollments, target, existing, meta);
  if (enrollments.isErr()) return err(enrollments.error);
  const first: GraphEvent =
    existing === undefined
      ? {
        kind: 'CustomerRegistered',
        customerId: target,
        profile,
        loyaltyType: loyaltyType.value,
        extendedFields: extendedFields.value,
        associatedWith: body.associatedWith === undefined ? null : tillCode(body.associatedWith),
        at: meta.at,
        till: meta.till,
      }
      : {
      kind: 'SourceProfileCombined',
      customerId: existing.id,
      profile,
      loyaltyType: higherLoyalty(existing.loyaltyType, loyaltyType.value),
      extendedFields: fieldMap(
        Object.entries(extendedFields.value).filter(([k]) => !Object.hasOwn(existing.extendedFields, k)),
      ),
      at: meta.at,
      till: meta.till,
    };
  const events: GraphEvent[] = [first, ...enrollments.value];
  return ok([...events, ...rewardEvents(graph, target, existing, events, meta)]);
}

/** True when the customer already has a profile in the source account. */
export function hasProfileIn(customer: Customer, account: SourceAccount): boolean {
  return customer.profiles.some((p) => p.source === account.source && p.accountId === account.accountId);
}
