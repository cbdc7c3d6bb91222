import { err, ok, type Result } from 'neverthrow';
import type { UpdateCommand } from './commands';
import { higherLoyalty, type Customer } from './customer';
import { domainError, type DomainError } from './errors';
import { enrollmentEvents } from './enrollment';
import type { GraphEvent } from './events';
import type { Org } from './org';
import { hasProfileIn, profileFor } from './register';
import {
  readCommChannels,
  readCustomFields,
  readExtendedFields,
  readLoyaltyType,
  type SourceAccount,
  type ValidMeta,
} from './validate';

/**
 * Update one source profile (UPD-1..UPD-5): names, channels, custom and extended fields, and loyalty,
 * which only upgrades (1046). Identifiers and the source are never changed here (UPD-2).
 */
export function decideUpdate(
  org: Org,
  customer: Customer,
  command: UpdateCommand,
  account: SourceAccount,
  meta: ValidMeta,
): Result<GraphEvent[], DomainError> {
  if (!hasProfileIn(customer, account)) return err(domainError(8065));
  const { body } = command;
  let loyaltyType = customer.loyaltyType;
  if (body.loyaltyInfo !== undefined) {
    const requested = readLoyaltyType(body.loyaltyInfo.loyaltyType);
    if (requested.isErr()) return err(requested.error);
    if (customer.loyaltyType === 'loyalty' && requested.value === 'non_loyalty') return err(domainError(1046));
    loyaltyType = higherLoyalty(customer.loyaltyType, requested.value);
  }
  const input = profileFor(body.profiles, account);
  const channels = readCommChannels(org, input?.commChannels ?? []);
  if (channels.isErr()) return err(channels.error);
  const fields = readCustomFields(org, input?.fields);
  if (fields.isErr()) return err(fields.error);
  const extendedFields = readExtendedFields(org, body.extendedFields);
  if (extendedFields.isErr()) return err(extendedFields.error);
  const enrollments = enrollmentEvents(org, body.loyaltyProgramEnrollments, customer.id, customer, meta);
  if (enrollments.isErr()) return err(enrollments.error);
  const firstName = input?.firstName?.trim();
  const lastName = input?.lastName?.trim();
  return ok([
    {
      kind: 'CustomerUpdated',
      customerId: customer.id,
      source: account.source,
      accountId: account.accountId,
      ...(firstName === undefined ? {} : { firstName }),
      ...(lastName === undefined ? {} : { lastName }),
      commChannels: channels.value,
      fields: fields.value,
      extendedFields: extendedFields.value,
      loyaltyType,
      at: meta.at,
      till: meta.till,
    },
    ...enrollments.value,
  ]);
}
