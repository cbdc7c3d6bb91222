// The values a source profile is made of, declared once as schemas: the events carry them, the records
// keep them, and the types are derived from the schemas (ARC-4).
import { z } from 'zod';
import type { CustomerId, TillCode } from '../kernel/ids';
import { fieldMapSchema, list, record, text } from '../kernel/parse';
import { identifierTypeSchema } from '../org/identifiers';
import { sourceSchema } from '../org/sources';

/** An identifier as the graph keeps it: its type and its normalised value (IDN-2). */
export const identifierSchema = record({ type: identifierTypeSchema, value: text(512).min(1) });

/** An identifier as the graph keeps it: its type and its normalised value (IDN-2). */
export type Identifier = z.output<typeof identifierSchema>;

/** The documented communication channel types (CHN-1). */
export const COMM_CHANNEL_TYPES = Object.freeze(['mobile', 'email', 'wechat', 'ios', 'android', 'line', 'mobilePush'] as const);

/** One of the documented communication channel types (CHN-1). */
export type CommChannelType = (typeof COMM_CHANNEL_TYPES)[number];

/** A way to reach the customer in one source profile (CHN-1). */
export const commChannelSchema = record({
  type: z.enum(COMM_CHANNEL_TYPES),
  value: text(4096).min(1),
  primary: z.boolean(),
  verified: z.boolean(),
  meta: record({ lastViewedDate: text(64), residence: z.boolean(), office: z.boolean() }),
});

/** A way to reach the customer in one source profile (CHN-1). */
export type CommChannel = z.output<typeof commChannelSchema>;

const MAX_LIST = 100;

/** What a registration says about a customer in one source account: the profile without its attribution (SRC-3). */
export const profileFactsSchema = record({
  source: sourceSchema,
  /** Empty for single-account sources (SRC-2). */
  accountId: text(64),
  firstName: text(256),
  lastName: text(256),
  identifiers: list(identifierSchema, MAX_LIST),
  commChannels: list(commChannelSchema, MAX_LIST),
  fields: fieldMapSchema,
});

/** What a registration says about a customer in one source account (SRC-3). */
export type ProfileFacts = z.output<typeof profileFactsSchema>;

/** Who created and who last changed a record, and when (ORG-5). */
export interface Attribution {
  readonly createDate: string;
  readonly createdBy: TillCode;
  readonly modifiedDate: string;
  readonly modifiedBy: TillCode;
}

/** What a customer is in one source account: names, identifiers, channels, custom fields, attribution (SRC-3). */
export interface ProfileData extends ProfileFacts {
  readonly attribution: Attribution;
}

/** A victim's profile for a source account its survivor already had: kept beside it, never lost (MRG-3). */
export interface ConflictingProfile extends ProfileData {
  readonly mergedFrom: CustomerId;
}

/** A customer's profile in one source account, with any profiles that merged into the same account (SRC-3, MRG-3). */
export interface SourceProfile extends ProfileData {
  readonly conflictingProfiles: readonly ConflictingProfile[];
}

/** The profile's own data, without what merges put beside it (`conflictingProfiles`, `mergedFrom`): what moves between customers (MRG-3, MRG-14). */
export function profileData(p: ProfileData): ProfileData {
  return {
    source: p.source,
    accountId: p.accountId,
    firstName: p.firstName,
    lastName: p.lastName,
    identifiers: p.identifiers,
    commChannels: p.commChannels,
    fields: p.fields,
    attribution: p.attribution,
  };
}
