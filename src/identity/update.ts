// Update Customer Details (UPD-1..UPD-5, LOY-1): names, channels and custom fields of one source
// profile, the customer's extended fields, and loyalty, which only upgrades. The event is
// `CustomerUpdated`, then any enrollments.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { fieldMapSchema, list, record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { readSourceAccount } from '../org/source-account';
import { sourceSchema } from '../org/sources';
import { higherLoyalty, loyaltyTypeSchema } from '../records/customer';
import { produce } from '../records/freeze';
import { commChannelSchema, type CommChannel } from '../records/profile';
import { address, requireProfile } from '../decider/addressee';
import { firstMisfit, hasProfile, knownAccount, liveCustomer } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, FoldPreconditionError, type CommandSlice, type DecisionContext, type Decision, type EventHandler } from '../decider/slice';
import { enrollableAs, enrollmentEvents, enrollmentsInputSchema, readEnrollments, type ProgramEnrolled } from '../loyalty/enrollment';
import { profileFor, profileInputSchema, readCommChannels, readCustomFields, readExtendedFields, readLoyaltyType, userFieldsSchema } from './profile-input';

/** The body of Update Customer Details (UPD-1). */
export const updateBodySchema = record({
  loyaltyInfo: record({ loyaltyType: text(64) }).optional(),
  profiles: list(profileInputSchema, 100).optional(),
  extendedFields: userFieldsSchema.optional(),
  loyaltyProgramEnrollments: enrollmentsInputSchema.optional(),
});

/** The body of Update Customer Details (UPD-1). */
export type UpdateBody = z.input<typeof updateBodySchema>;

/** Update profile, channels, fields and loyalty of one source profile (UPD-1..UPD-5). */
export const updateCommandSchema = record({
  kind: z.literal('update'),
  customerId: commandCustomerIdSchema,
  source: text(64),
  accountId: text(64).optional(),
  body: updateBodySchema,
  meta: commandMetaSchema,
});

/** Update profile, channels, fields and loyalty of one source profile (UPD-1..UPD-5). */
export type UpdateCommand = z.input<typeof updateCommandSchema>;

/** Profile, channel, field and loyalty changes to one source profile (UPD-1). */
export const customerUpdatedSchema = record({
  kind: z.literal('CustomerUpdated'),
  ...eventStampShape,
  customerId: customerIdSchema,
  source: sourceSchema,
  accountId: text(64),
  firstName: text(256).optional(),
  lastName: text(256).optional(),
  /** Channels that replace the channels of the same type (UPD-4). */
  commChannels: list(commChannelSchema, 100),
  /** Custom fields set on the profile, key by key. */
  fields: fieldMapSchema,
  /** Extended fields set on the customer, key by key. */
  extendedFields: fieldMapSchema,
  loyaltyType: loyaltyTypeSchema,
});

/** Profile, channel, field and loyalty changes to one source profile (UPD-1). */
export type CustomerUpdated = z.output<typeof customerUpdatedSchema>;

/** The documented answer of Update Customer Details (UPD-1). */
export interface UpdateResponse {
  readonly createdId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

type UpdateEvents = readonly [CustomerUpdated, ...ProgramEnrolled[]];

/**
 * Update one source profile (UPD-1..UPD-5): names, channels, custom and extended fields, and loyalty,
 * which only upgrades (UPD-3, LOY-1: 1046). Identifiers and the source are never changed here (UPD-2).
 */
export function decideUpdate(reader: GraphReader, cmd: z.output<typeof updateCommandSchema>, ctx: DecisionContext): Result<Decision<UpdateEvents>, DomainError> {
  const { org } = reader;
  const { body } = cmd;
  const addressed = address(reader, 'update', cmd.customerId).andThen((customer) =>
    readSourceAccount(org, cmd.source, cmd.accountId).andThen((account) => requireProfile(customer, account).map(() => ({ customer, account }))),
  );
  if (addressed.isErr()) return err(addressed.error);
  const { customer, account } = addressed.value;
  let loyaltyType = customer.loyaltyType;
  if (body.loyaltyInfo !== undefined) {
    const requested = readLoyaltyType(body.loyaltyInfo.loyaltyType);
    if (requested.isErr()) return err(requested.error);
    if (customer.loyaltyType === 'loyalty' && requested.value === 'non_loyalty') return err(refuse({ reason: 'loyaltyDowngrade', code: 1046, customerId: customer.id }));
    loyaltyType = higherLoyalty(customer.loyaltyType, requested.value);
  }
  const input = profileFor(body.profiles, account.source);
  const channels = readCommChannels(org, input?.commChannels ?? []);
  if (channels.isErr()) return err(channels.error);
  const fields = readCustomFields(org, input?.fields);
  if (fields.isErr()) return err(fields.error);
  const extendedFields = readExtendedFields(org, body.extendedFields);
  if (extendedFields.isErr()) return err(extendedFields.error);
  const enrollments = readEnrollments(reader, body.loyaltyProgramEnrollments, customer, ['body', 'loyaltyProgramEnrollments']).andThen((a) =>
    enrollableAs(loyaltyType, a, ['body', 'loyaltyProgramEnrollments']),
  );
  if (enrollments.isErr()) return err(enrollments.error);
  const firstName = input?.firstName?.trim();
  const lastName = input?.lastName?.trim();
  const updated: CustomerUpdated = {
    kind: 'CustomerUpdated',
    ...ctx.stamp(),
    customerId: customer.id,
    source: account.source,
    accountId: account.accountId,
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    commChannels: Object.freeze(channels.value),
    fields: fields.value,
    extendedFields: extendedFields.value,
    loyaltyType,
  };
  return ok({ events: [updated, ...enrollmentEvents(customer.id, enrollments.value, ctx)] });
}

/** Update Customer Details (UPD-1..UPD-5). */
export const updateSlice: CommandSlice<z.output<typeof updateCommandSchema>, Decision<UpdateEvents>, UpdateResponse> = {
  decide: decideUpdate,
  respond: ({ events: [e] }) => ({ createdId: e.customerId, warnings: NO_WARNINGS }),
};

function withChannels(current: readonly CommChannel[], incoming: readonly CommChannel[]): CommChannel[] {
  const replaced = new Set(incoming.map((c) => c.type));
  return [...current.filter((c) => !replaced.has(c.type)), ...incoming];
}

/** Folding `CustomerUpdated`: channels of the same type replaced, fields set key by key (UPD-1, UPD-4). */
export const customerUpdatedHandler: EventHandler<CustomerUpdated> = {
  misfit: (reader, e) =>
    firstMisfit(() =>
      knownAccount(reader, e.source, e.accountId).andThen(() => liveCustomer(reader, e.customerId).andThen((c) => hasProfile(c, e.source, e.accountId))),
    ),
  apply(reader, e) {
    const customer = reader.customer(e.customerId);
    const updated = produce(customer, (draft) => {
      const p = draft.profiles.find((x) => x.source === e.source && x.accountId === e.accountId);
      if (p === undefined) throw new FoldPreconditionError(`customer ${e.customerId} has no profile in ${e.source}/${e.accountId}`);
      if (e.firstName !== undefined) p.firstName = e.firstName;
      if (e.lastName !== undefined) p.lastName = e.lastName;
      p.commChannels = withChannels(p.commChannels, e.commChannels) as never;
      Object.assign(p.fields, e.fields);
      p.attribution.modifiedDate = e.at;
      p.attribution.modifiedBy = e.till;
      draft.loyaltyType = e.loyaltyType;
      Object.assign(draft.extendedFields, e.extendedFields);
      draft.attribution.modifiedDate = e.at;
      draft.attribution.modifiedBy = e.till;
    });
    return { records: [updated], history: [] };
  },
};
