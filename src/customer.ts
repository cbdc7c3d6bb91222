import type { CustomerId, TillCode } from './ids';
import type { Identifier } from './identifiers';
import type { Coupon } from './coupons';
import type { GoodwillRequest } from './goodwill';
import type { ProgramLedger } from './ledger';
import type { Source } from './sources';
import type { Subscription } from './subscriptions';
import type { PointsTransfer } from './transfers';

/** `loyalty` customers are enrolled; `non_loyalty` are only subscribed (LOY-1). */
export type LoyaltyType = 'loyalty' | 'non_loyalty';

/** User-keyed string data on a null-prototype object, so that `__proto__` is a key like any other. */
export type FieldMap = Readonly<Record<string, string>>;

/** Who created and who last changed a record, and when (ORG-5). */
export interface Attribution {
  readonly createDate: string;
  readonly createdBy: TillCode;
  readonly modifiedDate: string;
  readonly modifiedBy: TillCode;
}

/** The documented communication channel types (CHN-1). */
export const COMM_CHANNEL_TYPES = ['mobile', 'email', 'wechat', 'ios', 'android', 'line', 'mobilePush'] as const;

/** One of the documented communication channel types (CHN-1). */
export type CommChannelType = (typeof COMM_CHANNEL_TYPES)[number];

/** A way to reach the customer in one source profile (CHN-1). */
export interface CommChannel {
  readonly type: CommChannelType;
  readonly value: string;
  readonly primary: boolean;
  readonly verified: boolean;
  readonly meta: {
    readonly lastViewedDate: string;
    readonly residence: boolean;
    readonly office: boolean;
  };
}

/** What a customer is in one source account: names, identifiers, channels, custom fields (SRC-3). */
export interface ProfileData {
  readonly source: Source;
  /** Empty for single-account sources (SRC-2). */
  readonly accountId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly identifiers: readonly Identifier[];
  readonly commChannels: readonly CommChannel[];
  readonly fields: FieldMap;
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

/**
 * A customer: live; a merge victim that points to the customer it merged into (MRG-4); or deleted on a
 * PII request, keeping only its id, points, coupons and transfers (PII-1).
 */
export interface Customer {
  readonly id: CustomerId;
  readonly status: 'live' | 'merged' | 'deleted';
  /** The customer this one merged into; null while live (MRG-4). */
  readonly mergedInto: CustomerId | null;
  readonly loyaltyType: LoyaltyType;
  readonly profiles: readonly SourceProfile[];
  readonly extendedFields: FieldMap;
  /** The till the customer was associated with at registration, if any. */
  readonly associatedWith: TillCode | null;
  /** Attribution of the customer-level (loyalty) record. */
  readonly attribution: Attribution;
  /** One ledger per loyalty program the customer is enrolled in (PRG-2, PTS-1). */
  readonly programs: readonly ProgramLedger[];
  /** Explicit subscription changes, laid over the defaults (SUB-1, SUB-3). */
  readonly subscriptions: readonly Subscription[];
  readonly coupons: readonly Coupon[];
  readonly goodwill: readonly GoodwillRequest[];
  readonly transfers: readonly PointsTransfer[];
  /** Every customer merged into this one, directly or through a chain (MRG-4, HST-1). */
  readonly victims: readonly CustomerId[];
  /** When the customer's personal data was deleted; null while it is kept (PII-1). */
  readonly piiDeletedOn: string | null;
}

/** The higher of two loyalty types: loyalty only ever upgrades (LOY-1). */
export function higherLoyalty(a: LoyaltyType, b: LoyaltyType): LoyaltyType {
  return a === 'loyalty' || b === 'loyalty' ? 'loyalty' : 'non_loyalty';
}

/** A fresh null-prototype field map holding the given entries. */
export function fieldMap(entries: Iterable<readonly [string, string]> = []): FieldMap {
  const map: Record<string, string> = Object.create(null);
  for (const [k, v] of entries) map[k] = v;
  return map;
}
