// Register Customer (REG-1..REG-9, RWD-1): a new customer in a source account, or a new source profile
// combined into the one customer that holds the identifiers elsewhere. The events are
// `CustomerRegistered` and `SourceProfileCombined`, then any enrollments and the registration reward.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { customerId, customerIdSchema, tillCodeSchema, type CustomerId } from '../kernel/ids';
import { fieldMapSchema, list, record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import { COMBINED_WARNING, NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { readSourceAccount } from '../org/source-account';
import { higherLoyalty, loyaltyTypeSchema, profileIn, type Customer } from '../records/customer';
import { fieldMap } from '../records/field-map';
import { EMPTY_LIST, freezeDeep, produce } from '../records/freeze';
import { profileFactsSchema, type Attribution, type ProfileFacts, type SourceProfile } from '../records/profile';
import { firstMisfit, freeFor, knownAccount, liveCustomer } from '../decider/fit';
import { commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, type CommandSlice, type DecisionContext, type Decision, type EventHandler, type EventStamp } from '../decider/slice';
import { couponOf, type CouponIssued } from '../loyalty/coupons';
import { enrollableAs, enrollmentEvents, enrollmentsInputSchema, readEnrollments, REGISTRATION_REWARD, rewardEvents, type ProgramEnrolled } from '../loyalty/enrollment';
import type { PointsMoved } from '../loyalty/points';
import { heldByOthers, holdersElsewhere, sameSourceCollision } from './holders';
import { identifierCount, withinIdentifierLimit } from './merge-limits';
import { profileFor, profileInputSchema, readCommChannels, readCustomFields, readExtendedFields, readIdentifiers, readLoyaltyType, userFieldsSchema } from './profile-input';

const MAX_LIST = 100;

/** The body of Register Customer, as the seed documents it (REG-1). */
export const registerBodySchema = record({
  loyaltyInfo: record({ loyaltyType: text(64) }),
  associatedWith: text(64).optional(),
  profiles: list(profileInputSchema, MAX_LIST, 1),
  extendedFields: userFieldsSchema.optional(),
  loyaltyProgramEnrollments: enrollmentsInputSchema.optional(),
});

/** The body of Register Customer (REG-1). */
export type RegisterBody = z.input<typeof registerBodySchema>;

/** Register a customer in a source account, or combine into the existing customer (REG-1..REG-9). */
export const registerCommandSchema = record({
  kind: z.literal('register'),
  source: text(64),
  accountId: text(64).optional(),
  body: registerBodySchema,
  meta: commandMetaSchema,
});

/** Register a customer in a source account (REG-1..REG-9). */
export type RegisterCommand = z.input<typeof registerCommandSchema>;

/** A new customer with its first source profile (REG-1). */
export const customerRegisteredSchema = record({
  kind: z.literal('CustomerRegistered'),
  ...eventStampShape,
  customerId: customerIdSchema,
  profile: profileFactsSchema,
  loyaltyType: loyaltyTypeSchema,
  extendedFields: fieldMapSchema,
  associatedWith: tillCodeSchema.nullable(),
});

/** A new customer with its first source profile (REG-1). */
export type CustomerRegistered = z.output<typeof customerRegisteredSchema>;

/** A registration in a new source account joined an existing customer (REG-6, warning 8050). */
export const sourceProfileCombinedSchema = record({
  kind: z.literal('SourceProfileCombined'),
  ...eventStampShape,
  customerId: customerIdSchema,
  profile: profileFactsSchema,
  /** The loyalty type after the combine: the higher of the two (LOY-1, REG-8). */
  loyaltyType: loyaltyTypeSchema,
  /** Extended fields the customer did not have yet; existing ones are never overwritten (REG-8). */
  extendedFields: fieldMapSchema,
});

/** A registration in a new source account joined an existing customer (REG-6). */
export type SourceProfileCombined = z.output<typeof sourceProfileCombinedSchema>;

/** A registration side effect, in the seed's shape (RWD-1). */
export type SideEffect =
  | { readonly type: 'points'; readonly awardedPoints: number }
  | {
      readonly type: 'coupon';
      readonly id: number;
      readonly couponType: string;
      readonly couponCode: string;
      readonly validTill: string;
      readonly description: string;
      readonly discountCode: string;
      readonly trimmedCouponCode: string;
    };

/** The documented answer of Register Customer: the new or existing customer's id (REG-1, REG-6). */
export interface RegisterResponse {
  readonly createdId: CustomerId;
  readonly warnings: readonly DomainWarning[];
  readonly sideEffects: readonly SideEffect[];
}

type RegisterEvents = readonly [CustomerRegistered | SourceProfileCombined, ...(ProgramEnrolled | PointsMoved | CouponIssued)[]];

const PRIMARY_TYPES: ReadonlySet<string> = new Set(['mobile', 'email', 'externalId']);

/**
 * Register in a source account (REG-1..REG-9, ORG-4): validate, refuse same-source duplicates (REG-3),
 * and either create a customer or combine the new source profile into the one customer that holds the
 * identifiers elsewhere (REG-6), never into one that already has a profile there: one profile per
 * source account (REG-5, SRC-3, 8066); a customer that would hold more identifiers than the org allows,
 * the new one or the one combined into, is 9041 (MRG-22).
 */
export function decideRegister(reader: GraphReader, cmd: z.output<typeof registerCommandSchema>, ctx: DecisionContext): Result<Decision<RegisterEvents>, DomainError> {
  const { org } = reader;
  const { body } = cmd;
  const account = readSourceAccount(org, cmd.source, cmd.accountId);
  if (account.isErr()) return err(account.error);
  const loyaltyType = readLoyaltyType(body.loyaltyInfo.loyaltyType);
  if (loyaltyType.isErr()) return err(loyaltyType.error);
  const associated = body.associatedWith === undefined ? undefined : org.tills.get(body.associatedWith);
  if (body.associatedWith !== undefined && associated === undefined) return err(refuse({ reason: 'unknownAssociatedTill', code: 91020, till: body.associatedWith }));
  const input = profileFor(body.profiles, account.value.source);
  if (input === undefined) return err(refuse({ reason: 'noProfileForSource', code: 400, path: ['body', 'profiles'], source: account.value.source }));
  const identifiers = readIdentifiers(org, input.identifiers ?? [], 'register');
  if (identifiers.isErr()) return err(identifiers.error);
  if (loyaltyType.value === 'loyalty' && !identifiers.value.some((id) => PRIMARY_TYPES.has(id.type))) return err(refuse({ reason: 'noPrimaryIdentifier', code: 1007 }));
  if (identifiers.value.length === 0) return err(refuse({ reason: 'noIdentifier', code: 1045 }));
  const channels = readCommChannels(org, input.commChannels ?? []);
  if (channels.isErr()) return err(channels.error);
  const fields = readCustomFields(org, input.fields);
  if (fields.isErr()) return err(fields.error);
  const extendedFields = readExtendedFields(org, body.extendedFields);
  if (extendedFields.isErr()) return err(extendedFields.error);

  const collision = sameSourceCollision(reader, account.value, identifiers.value);
  if (collision !== undefined) return err(collision);
  const elsewhere = holdersElsewhere(reader, account.value, identifiers.value);
  const several = heldByOthers(elsewhere);
  if (several !== undefined) return err(several);
  const [existingId] = elsewhere.keys();
  const existing = existingId === undefined ? undefined : reader.customer(existingId);
  if (existing !== undefined && profileIn(existing, account.value.source, account.value.accountId) !== undefined) {
    return err(refuse({ reason: 'sourceTaken', code: 8066, customerId: existing.id, source: account.value.source, accountId: account.value.accountId }));
  }
  const bounded = withinIdentifierLimit(
    org,
    existing?.id ?? customerId(reader.counters.nextCustomerId),
    (existing === undefined ? 0 : identifierCount(existing)) + identifiers.value.length,
  );
  if (bounded.isErr()) return err(bounded.error);
  const after = existing === undefined ? loyaltyType.value : higherLoyalty(existing.loyaltyType, loyaltyType.value);
  const enrollments = readEnrollments(reader, body.loyaltyProgramEnrollments, existing, ['body', 'loyaltyProgramEnrollments']).andThen((a) =>
    enrollableAs(after, a, ['body', 'loyaltyProgramEnrollments']),
  );
  if (enrollments.isErr()) return err(enrollments.error);

  const profile: ProfileFacts = Object.freeze({
    source: account.value.source,
    accountId: account.value.accountId,
    firstName: input.firstName?.trim() ?? '',
    lastName: input.lastName?.trim() ?? '',
    identifiers: Object.freeze(identifiers.value),
    commChannels: Object.freeze(channels.value),
    fields: fields.value,
  });
  const target = existing?.id ?? customerId(ctx.take('customer'));
  const first: CustomerRegistered | SourceProfileCombined =
    existing === undefined
      ? {
          kind: 'CustomerRegistered',
          ...ctx.stamp(),
          customerId: target,
          profile,
          loyaltyType: loyaltyType.value,
          extendedFields: extendedFields.value,
          associatedWith: associated?.code ?? null,
        }
      : {
          kind: 'SourceProfileCombined',
          ...ctx.stamp(),
          customerId: existing.id,
          profile,
          loyaltyType: higherLoyalty(existing.loyaltyType, loyaltyType.value),
          extendedFields: Object.freeze(fieldMap(Object.entries(extendedFields.value).filter(([k]) => !Object.hasOwn(existing.extendedFields, k)))),
        };
  const enrolled = enrollmentEvents(target, enrollments.value, ctx);
  return ok({ events: [first, ...enrolled, ...rewardEvents(reader, target, existing, enrolled, after, ctx)] });
}

/** Register Customer (REG-1..REG-9, RWD-1). */
export const registerSlice: CommandSlice<z.output<typeof registerCommandSchema>, Decision<RegisterEvents>, RegisterResponse> = {
  decide: decideRegister,
  respond({ events }) {
    const [first, ...rest] = events;
    const sideEffects: SideEffect[] = [];
    for (const e of rest) {
      if (e.kind === 'PointsMoved' && e.reason === REGISTRATION_REWARD) sideEffects.push({ type: 'points', awardedPoints: e.points });
      if (e.kind === 'CouponIssued') {
        const c = couponOf(e);
        sideEffects.push({
          type: 'coupon',
          id: c.id,
          couponType: c.couponType,
          couponCode: c.couponCode,
          validTill: c.validTill,
          description: c.description,
          discountCode: c.discountCode,
          trimmedCouponCode: c.trimmedCouponCode,
        });
      }
    }
    return { createdId: first.customerId, warnings: first.kind === 'SourceProfileCombined' ? [COMBINED_WARNING] : NO_WARNINGS, sideEffects };
  },
};

/** Who created a record and when: the event's till and time (ORG-5). */
export function attributionOf(stamp: EventStamp): Attribution {
  return Object.freeze({ createDate: stamp.at, createdBy: stamp.till, modifiedDate: stamp.at, modifiedBy: stamp.till });
}

/** A profile as a registration makes it: the event's facts, attributed to its time and till (SRC-3, ORG-5). */
export function newProfile(facts: ProfileFacts, attribution: Attribution): SourceProfile {
  return { ...facts, attribution, conflictingProfiles: EMPTY_LIST };
}

/** Folding `CustomerRegistered`: a new live customer (REG-1); its id is the graph's next (ARC-1). */
export const customerRegisteredHandler: EventHandler<CustomerRegistered> = {
  misfit: (reader, e) =>
    firstMisfit(
      () => knownAccount(reader, e.profile.source, e.profile.accountId).andThen((account) => freeFor(reader, e.profile.identifiers, account, undefined, true)),
      () => (e.associatedWith === null || reader.org.tills.has(e.associatedWith) ? ok(e) : err({ misfit: 'unknownTill' as const, till: e.associatedWith })),
    ),
  creates: (e) => [{ counter: 'customer', id: e.customerId }],
  apply(_reader, e) {
    const attribution = attributionOf(e);
    const customer: Customer = {
      id: e.customerId,
      status: 'live',
      mergedInto: null,
      loyaltyType: e.loyaltyType,
      profiles: [newProfile(e.profile, attribution)],
      extendedFields: e.extendedFields,
      associatedWith: e.associatedWith,
      attribution,
      programs: EMPTY_LIST,
      subscriptions: EMPTY_LIST,
      coupons: EMPTY_LIST,
      goodwill: EMPTY_LIST,
      transfers: EMPTY_LIST,
      victims: EMPTY_LIST,
      piiDeletedOn: null,
      premerge: null,
    };
    return { records: [freezeDeep(customer)], history: [] };
  },
};

/** Folding `SourceProfileCombined`: the existing customer gains the new source profile (REG-6, REG-8). */
export const sourceProfileCombinedHandler: EventHandler<SourceProfileCombined> = {
  misfit: (reader, e) =>
    firstMisfit(() =>
      liveCustomer(reader, e.customerId).andThen((c) =>
        knownAccount(reader, e.profile.source, e.profile.accountId).andThen((account) =>
          profileIn(c, account.source, account.accountId) !== undefined
            ? err({ misfit: 'profileExists' as const, customerId: c.id, source: account.source, accountId: account.accountId })
            : freeFor(reader, e.profile.identifiers, account, c.id, true),
        ),
      ),
    ),
  apply(reader, e) {
    const customer = reader.customer(e.customerId);
    const profile = newProfile(e.profile, attributionOf(e));
    const combined = produce(customer, (draft) => {
      draft.profiles.push(profile as never);
      draft.loyaltyType = e.loyaltyType;
      Object.assign(draft.extendedFields, e.extendedFields);
      draft.attribution.modifiedDate = e.at;
      draft.attribution.modifiedBy = e.till;
    });
    return { records: [combined], history: [] };
  },
};
