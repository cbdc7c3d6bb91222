import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { Attribution, CommChannel, Customer, FieldMap, LoyaltyType, ProfileData } from './customer';
import { fieldMap } from './customer';
import { domainError, mergedCustomer, type DomainError, type DomainWarning } from './errors';
import { chainEnd, customerById, type CustomerGraph } from './graph';
import type { CustomerId } from './ids';
import type { Identifier } from './identifiers';
import type { Org } from './org';
import { PII_DELETED_MESSAGE } from './loyalty';
import {
  pointsSummaryOf,
  programDetails,
  subscriptionInfoOf,
  type PointsSummary,
  type ProgramDetails,
} from './loyalty-queries';
import type { Source } from './sources';
import type { Subscription } from './subscriptions';
import { parseWith, readSourceAccount } from './validate';

/** What `embed` can add to Fetch Customer Details (GET-5). */
export type Embed = 'points' | 'subscriptions' | 'mlp';

/** The query of Fetch Customer Details (GET-1, GET-5). */
export interface GetCustomerQuery {
  readonly customerId: number;
  /** A source, or `ALL` for every profile. */
  readonly source: string;
  readonly accountId?: string;
  /** Loyalty points, subscriptions and per-program details to add. */
  readonly embed?: readonly Embed[];
}

/** A till as the API shows it in attributions. */
export interface TillView {
  readonly code: string;
  readonly description: string;
  readonly name: string;
  readonly type: 'TILL';
}

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

/** The schema of a get-customer query (ARC-4). */
export const getCustomerQuerySchema = z.object({
  customerId: z.number().int().safe(),
  source: z.string().max(64),
  accountId: z.string().max(64).optional(),
  embed: z.array(z.enum(['points', 'subscriptions', 'mlp'])).max(3).optional(),
});

function till(org: Org, code: string): TillView {
  return { code, description: '', name: org.tills.get(code)?.name ?? code, type: 'TILL' };
}

function attributionView(org: Org, a: Attribution): AttributionView {
  return {
    createDate: a.createDate,
    createdBy: till(org, a.createdBy),
    modifiedBy: till(org, a.modifiedBy),
    modifiedDate: a.modifiedDate,
  };
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

/** The seed's view of a customer, restricted to some profiles. */
export function customerDetails(org: Org, customer: Customer, include: (p: ProfileData) => boolean): CustomerDetails {
  return {
    id: customer.id,
    profiles: customer.profiles.filter(include).map((p) => ({
      ...profileBody(org, customer.id, p),
      conflictingProfileList: p.conflictingProfiles.map((c) => ({
        ...profileBody(org, customer.id, c),
        mergedFrom: c.mergedFrom,
      })),
    })),
    loyaltyInfo: {
      loyaltyType: customer.loyaltyType,
      attributionV2: {
        createDate: customer.attribution.createDate,
        createdBy: { code: customer.attribution.createdBy, name: till(org, customer.attribution.createdBy).name },
        modifiedBy: { code: customer.attribution.modifiedBy, name: till(org, customer.attribution.modifiedBy).name },
        modifiedDate: customer.attribution.modifiedDate,
      },
      lifetimePurchases: 0,
    },
    segments: {},
    extendedFields: customer.extendedFields,
    warnings: [],
  };
}

/**
 * Fetch Customer Details (GET-1..GET-4): one source account or ALL. An unknown id is 8015; a merge
 * victim is 8069 naming its survivor; a customer with no profile in the source is 8065.
 */
export function getCustomer(graph: CustomerGraph, query: GetCustomerQuery): Result<CustomerDetails, DomainError> {
  const parsed = parseWith<GetCustomerQuery>(getCustomerQuerySchema, query);
  if (parsed.isErr()) return err(parsed.error);
  const q = parsed.value;
  const customer = customerById(graph, q.customerId);
  if (customer === undefined) return err(domainError(8015));
  if (customer.status === 'merged') {
    const survivor = chainEnd(graph, customer.id);
    return err(mergedCustomer(8069, survivor?.id ?? customer.id));
  }
  if (customer.status === 'deleted') return err(domainError(8015, PII_DELETED_MESSAGE));
  const embed = new Set(q.embed ?? []);
  // The embeds are added to the fresh view rather than spread into a new literal: V8 builds literals with
  // conditional spreads on a slow path, which made embeds cost more than the rest of the view.
  const withEmbeds = (details: CustomerDetails): CustomerDetails => {
    const out = details as { -readonly [K in keyof CustomerDetails]: CustomerDetails[K] };
    const summary = embed.has('points') ? pointsSummaryOf(graph.org, customer) : undefined;
    if (summary !== undefined) out.pointsSummary = summary;
    if (embed.has('subscriptions')) out.subscriptionInfo = subscriptionInfoOf(customer);
    if (embed.has('mlp')) out.loyaltyProgramDetails = customer.programs.map((l) => programDetails(graph.org, customer.id, l));
    return out;
  };
  if (q.source === 'ALL') return ok(withEmbeds(customerDetails(graph.org, customer, () => true)));
  const account = readSourceAccount(graph.org, q.source, q.accountId);
  if (account.isErr()) return err(account.error);
  const { source, accountId } = account.value;
  if (!customer.profiles.some((p) => p.source === source && p.accountId === accountId)) return err(domainError(8065));
  return ok(withEmbeds(customerDetails(graph.org, customer, (p) => p.source === source && p.accountId === accountId)));
}
