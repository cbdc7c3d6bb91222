// Fetch Customer Details (GET-1..GET-5): the seed's view of a customer, for one source account or ALL,
// with the embeds of its loyalty state.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { CustomerId } from '../kernel/ids';
import { list, record, text, type FieldMap } from '../kernel/parse';
import type { DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import type { Org } from '../org/org';
import type { Source } from '../org/sources';
import { readSourceAccount } from '../org/source-account';
import type { Customer, LoyaltyType } from '../records/customer';
import type { Attribution, CommChannel, Identifier, ProfileData } from '../records/profile';
import type { Subscription } from '../records/subscriptions';
import { address, requireProfile } from '../decider/addressee';
import type { CustomerGraph } from '../graph/graph';
import { pointsSummaryOf, programDetails, subscriptionInfoOf, type PointsSummary, type ProgramDetails } from './loyalty-details';
import type { QueryReader } from '../graph/reader';
import { queryCustomerIdSchema, runQuery, tillView, type TillView } from './query';

/** What `embed` can add to Fetch Customer Details (GET-5). */
export const EMBEDS = Object.freeze(['points', 'subscriptions', 'mlp'] as const);

/** What `embed` can add to Fetch Customer Details (GET-5). */
export type Embed = (typeof EMBEDS)[number];

/** The query of Fetch Customer Details (GET-1, GET-5). */
export const getCustomerQuerySchema = record({
  customerId: queryCustomerIdSchema,
  /** A source, or `ALL` for every profile. */
  source: text(64),
  accountId: text(64).optional(),
  /** Loyalty points, subscriptions and per-program details to add. */
  embed: list(z.enum(EMBEDS), 3).optional(),
});

/** The query of Fetch Customer Details (GET-1, GET-5). */
export type GetCustomerQuery = z.input<typeof getCustomerQuerySchema>;

/** A profile's attribution as the API shows it. */
export interface AttributionView {
  readonly createDate: string;
  readonly createdBy: TillView;
  readonly modifiedBy: TillView;
  readonly modifiedDate: string;
}

/** A profile of Fetch Customer Details, in the seed's shape (GET-1). */
export interface ProfileView {
  readonly firstName: string;
  readonly lastName: string;
  readonly attribution: AttributionView;
  readonly fields: FieldMap;
  readonly identifiers: readonly Identifier[];
  readonly commChannels: readonly CommChannel[];
  readonly source: Source;
  readonly accountId: string;
  readonly userId: CustomerId;
  readonly conflictingProfileList: readonly ConflictingProfileView[];
  readonly autoUpdateTime: string;
}

/** A profile that merged into an account the survivor already had (MRG-3). */
export interface ConflictingProfileView extends Omit<ProfileView, 'conflictingProfileList' | 'userId'> {
  readonly userId: CustomerId;
  readonly mergedFrom: CustomerId;
}

/** The documented answer of Fetch Customer Details (GET-1). */
export interface CustomerDetails {
  readonly id: CustomerId;
  readonly profiles: readonly ProfileView[];
  readonly loyaltyInfo: {
    readonly loyaltyType: LoyaltyType;
    readonly attributionV2: {
      readonly createDate: string;
      readonly createdBy: { readonly code: string; readonly name: string };
      readonly modifiedBy: { readonly code: string; readonly name: string };
      readonly modifiedDate: string;
    };
    readonly lifetimePurchases: number;
  };
  readonly segments: Readonly<Record<string, never>>;
  readonly extendedFields: FieldMap;
  readonly pointsSummary?: PointsSummary;
  readonly subscriptionInfo?: { readonly subscriptions: readonly Subscription[] };
  readonly loyaltyProgramDetails?: readonly ProgramDetails[];
  readonly warnings: readonly DomainWarning[];
}

function attributionView(org: Org, a: Attribution): AttributionView {
  return { createDate: a.createDate, createdBy: tillView(org, a.createdBy), modifiedBy: tillView(org, a.modifiedBy), modifiedDate: a.modifiedDate };
}

function profileBody(org: Org, owner: CustomerId, p: ProfileData): Omit<ProfileView, 'conflictingProfileList'> {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    attribution: attributionView(org, p.attribution),
    // Records are frozen and their field maps null-prototype: the view can hand them out as they are.
    fields: p.fields,
    identifiers: p.identifiers,
    commChannels: p.commChannels,
    source: p.source,
    accountId: p.accountId,
    userId: owner,
    autoUpdateTime: p.attribution.modifiedDate,
  };
}

/** The seed's view of a customer, restricted to some profiles, its `lifetimePurchases` the first program's (GET-1, MRG-3, FID-1). */
export function customerDetails(org: Org, customer: Customer, include: (p: ProfileData) => boolean): CustomerDetails {
  return {
    id: customer.id,
    profiles: customer.profiles.filter(include).map((p) => ({
      ...profileBody(org, customer.id, p),
      conflictingProfileList: p.conflictingProfiles.map((c) => ({ ...profileBody(org, customer.id, c), mergedFrom: c.mergedFrom })),
    })),
    loyaltyInfo: {
      loyaltyType: customer.loyaltyType,
      attributionV2: {
        createDate: customer.attribution.createDate,
        createdBy: { code: customer.attribution.createdBy, name: tillView(org, customer.attribution.createdBy).name },
        modifiedBy: { code: customer.attribution.modifiedBy, name: tillView(org, customer.attribution.modifiedBy).name },
        modifiedDate: customer.attribution.modifiedDate,
      },
      // The first program's purchases, as v1.1 `lifetime_purchases` and `pointsSummary` show them (FID-1).
      lifetimePurchases: customer.programs[0]?.cumulativePurchases ?? 0,
    },
    segments: {},
    extendedFields: customer.extendedFields,
    warnings: [],
  };
}

const everyProfile = (): boolean => true;

/**
 * The view with its embeds (GET-5), added to the fresh view rather than spread into a new literal: V8 builds
 * literals with conditional spreads on a slow path, which made embeds cost more than the rest of the view.
 */
function withEmbeds(org: Org, customer: Customer, embed: readonly Embed[], details: CustomerDetails): CustomerDetails {
  const out = details as { -readonly [K in keyof CustomerDetails]: CustomerDetails[K] };
  const summary = embed.includes('points') ? pointsSummaryOf(org, customer) : undefined;
  if (summary !== undefined) out.pointsSummary = summary;
  if (embed.includes('subscriptions')) out.subscriptionInfo = subscriptionInfoOf(customer);
  if (embed.includes('mlp')) out.loyaltyProgramDetails = customer.programs.map((l) => programDetails(org, customer.id, l));
  return out;
}

/**
 * Fetch Customer Details (GET-1..GET-5): one source account or ALL. An unknown id is 8015; a merge
 * victim is 8069 naming its survivor; a deleted customer 8015 with the PII message; a customer with no
 * profile in the source 8065.
 * @example
 * getCustomer(graph, { customerId: 1, source: 'ALL', embed: ['points', 'mlp'] });
 */
export function getCustomer(graph: CustomerGraph, query: GetCustomerQuery): Result<CustomerDetails, DomainError> {
  return runQuery(graph, query, getCustomerQuerySchema, answerGetCustomer);
}

// A module function, not a closure made per call: V8 keeps optimized code only while a function that
// uses it lives, and closures made per call all die at a full GC, their code with them.
function answerGetCustomer(reader: QueryReader, q: z.output<typeof getCustomerQuerySchema>): Result<CustomerDetails, DomainError> {
  const addressed = address(reader, 'getCustomer', q.customerId);
  if (addressed.isErr()) return err(addressed.error);
  const customer = addressed.value;
  const embed = q.embed ?? [];
  if (q.source === 'ALL') return ok(withEmbeds(reader.org, customer, embed, customerDetails(reader.org, customer, everyProfile)));
  return readSourceAccount(reader.org, q.source, q.accountId)
    .andThen((account) => requireProfile(customer, account).map(() => account))
    .map(({ source, accountId }) => withEmbeds(reader.org, customer, embed, customerDetails(reader.org, customer, (p) => p.source === source && p.accountId === accountId)));
}
