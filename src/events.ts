import type { CommChannel, FieldMap, LoyaltyType, SourceProfile } from './customer';
import type { CustomerId, TillCode } from './ids';
import type { Identifier } from './identifiers';
import type { Coupon } from './coupons';
import type { GoodwillRequest } from './goodwill';
import type { Source } from './sources';
import type { Subscription } from './subscriptions';

/** When and by whom: every event carries the command's time and till (ORG-5). */
interface EventMeta {
  readonly at: string;
  readonly till: TillCode;
}

/** A new customer with its first source profile (REG-1). */
export interface CustomerRegistered extends EventMeta {
  readonly kind: 'CustomerRegistered';
  readonly customerId: CustomerId;
  readonly profile: SourceProfile;
  readonly loyaltyType: LoyaltyType;
  readonly extendedFields: FieldMap;
  readonly associatedWith: TillCode | null;
}

/** A registration in a new source account joined an existing customer (REG-6, warning 8050). */
export interface SourceProfileCombined extends EventMeta {
  readonly kind: 'SourceProfileCombined';
  readonly customerId: CustomerId;
  readonly profile: SourceProfile;
  /** The loyalty type after the combine: the higher of the two (LOY-1). */
  readonly loyaltyType: LoyaltyType;
  /** Extended fields the customer did not have yet; existing ones are never overwritten (REG-6). */
  readonly extendedFields: FieldMap;
}

/** Profile, channel, field and loyalty changes to one source profile (UPD-1). */
export interface CustomerUpdated extends EventMeta {
  readonly kind: 'CustomerUpdated';
  readonly customerId: CustomerId;
  readonly source: Source;
  readonly accountId: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Channels that replace the channels of the same type (UPD-4). */
  readonly commChannels: readonly CommChannel[];
  /** Custom fields set on the profile, key by key. */
  readonly fields: FieldMap;
  /** Extended fields set on the customer, key by key. */
  readonly extendedFields: FieldMap;
  readonly loyaltyType: LoyaltyType;
}

/** An identifier joined a source profile (CHG-1). */
export interface IdentifierAdded extends EventMeta {
  readonly kind: 'IdentifierAdded';
  readonly customerId: CustomerId;
  readonly source: Source;
  readonly accountId: string;
  readonly identifier: Identifier;
}

/** An identifier left a source profile: the only way an identifier is ever lost (CHG-2). */
export interface IdentifierRemoved extends EventMeta {
  readonly kind: 'IdentifierRemoved';
  readonly customerId: CustomerId;
  readonly source: Source;
  readonly accountId: string;
  readonly identifier: Identifier;
}

/** What linked two customers: the identifier added in a source account, or null for an explicit merge request. */
export interface MergeCause {
  readonly source: Source;
  readonly accountId: string;
  readonly identifier: Identifier;
}

/** The victim's profiles joined the survivor, which keeps its id (MRG-1..MRG-4). */
export interface CustomersMerged extends EventMeta {
  readonly kind: 'CustomersMerged';
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  readonly cause: MergeCause | null;
}

/** A customer joined a loyalty program, with a starting tier and points (PRG-2). */
export interface ProgramEnrolled extends EventMeta {
  readonly kind: 'ProgramEnrolled';
  readonly customerId: CustomerId;
  readonly programId: number;
  /** The tier given at enrollment; null for the program's lowest. */
  readonly tierNumber: number | null;
  readonly points: number;
  readonly tierExpiryDate: string | null;
  readonly pointsExpiryDate: string | null;
}

/** Points issued, redeemed, returned or adjusted in one program (PTS-2). */
export interface PointsMoved extends EventMeta {
  readonly kind: 'PointsMoved';
  readonly customerId: CustomerId;
  readonly programId: number;
  readonly movement: 'issue' | 'redeem' | 'return' | 'adjust';
  /** Positive, except a negative adjustment. */
  readonly points: number;
  readonly expiresOn: string | null;
  readonly purchase: number;
  readonly reason: string;
}

/** Every lot of the program that expires at or before the event's time expired (PTS-3). */
export interface PointsExpired extends EventMeta {
  readonly kind: 'PointsExpired';
  readonly customerId: CustomerId;
  readonly programId: number;
}

/** Points moved from one live customer to another in one program (TRF-1). */
export interface PointsTransferred extends EventMeta {
  readonly kind: 'PointsTransferred';
  readonly transferId: number;
  readonly fromId: CustomerId;
  readonly toId: CustomerId;
  readonly programId: number;
  readonly points: number;
  readonly notes: string;
}

/** Subscription states set by Update Subscription Details (SUB-1). */
export interface SubscriptionsChanged extends EventMeta {
  readonly kind: 'SubscriptionsChanged';
  readonly customerId: CustomerId;
  readonly subscriptions: readonly Subscription[];
}

/** A coupon issued to a customer (CPN-1). */
export interface CouponIssued extends EventMeta {
  readonly kind: 'CouponIssued';
  readonly customerId: CustomerId;
  readonly coupon: Coupon;
}

/** A coupon of the customer redeemed (CPN-3). */
export interface CouponRedeemed extends EventMeta {
  readonly kind: 'CouponRedeemed';
  readonly customerId: CustomerId;
  readonly couponId: number;
}

/** A goodwill request raised; one-step and auto-approved ones are raised APPROVED (GDW-1, GDW-2). */
export interface GoodwillRequested extends EventMeta {
  readonly kind: 'GoodwillRequested';
  readonly customerId: CustomerId;
  readonly request: GoodwillRequest;
}

/** A pending goodwill request approved or rejected (GDW-1). */
export interface GoodwillResolved extends EventMeta {
  readonly kind: 'GoodwillResolved';
  readonly customerId: CustomerId;
  readonly requestId: number;
  readonly status: 'APPROVED' | 'REJECTED';
  readonly approvedValue: string | null;
  readonly comments: string;
}

/** The customer's personal data deleted: names, identifiers, channels, fields, identifier history (PII-1). */
export interface PiiDeleted extends EventMeta {
  readonly kind: 'PiiDeleted';
  readonly customerId: CustomerId;
}

/** Everything that can happen to the graph; `evolve` folds these (ARC-2). */
export type GraphEvent =
  | CustomerRegistered
  | SourceProfileCombined
  | CustomerUpdated
  | IdentifierAdded
  | IdentifierRemoved
  | CustomersMerged
  | ProgramEnrolled
  | PointsMoved
  | PointsExpired
  | PointsTransferred
  | SubscriptionsChanged
  | CouponIssued
  | CouponRedeemed
  | GoodwillRequested
  | GoodwillResolved
  | PiiDeleted;

/**
 * The events Get Change Requests derives its lines from (HST-1): identifier changes, merges, points and
 * coupons. A customer's history keeps only these; registrations, updates, enrollments, subscriptions and
 * goodwill leave no line, so keeping them would cost memory for every customer and answer nothing.
 */
export const CHANGE_EVENT_KINDS: ReadonlySet<GraphEvent['kind']> = new Set<GraphEvent['kind']>([
  'IdentifierAdded',
  'IdentifierRemoved',
  'CustomersMerged',
  'PointsMoved',
  'PointsExpired',
  'PointsTransferred',
  'CouponIssued',
  'CouponRedeemed',
]);
