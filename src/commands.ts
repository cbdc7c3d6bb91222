/** An identifier as a request carries it: the value is read and normalised by the rules (IDN-2). */
export interface IdentifierInput {
  readonly type: string;
  readonly value: string | number;
}

/** A communication channel as a request carries it; the seeds send booleans both as JSON and as strings. */
export interface CommChannelInput {
  readonly type: string;
  readonly value: string | number;
  readonly primary?: boolean | 'true' | 'false';
  readonly verified?: boolean | 'true' | 'false';
  readonly meta?: {
    readonly lastViewedDate?: string;
    readonly residence?: boolean | 'true' | 'false';
    readonly office?: boolean | 'true' | 'false';
  };
}

/** A source profile as Register and Update carry it. */
export interface ProfileInput {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly identifiers?: readonly IdentifierInput[];
  readonly commChannels?: readonly CommChannelInput[];
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly source?: string;
  readonly accountId?: string;
}

/** The body of Register Customer (REG-1). */
export interface RegisterBody {
  readonly loyaltyInfo: { readonly loyaltyType: string };
  readonly associatedWith?: string;
  readonly profiles: readonly ProfileInput[];
  readonly extendedFields?: Readonly<Record<string, unknown>>;
  /** Accepted for compatibility with the seed's sample; enrollment is modelled with loyalty programs. */
  readonly loyaltyProgramEnrollments?: readonly unknown[];
}

/** The body of Update Customer Details (UPD-1). */
export interface UpdateBody {
  readonly loyaltyInfo?: { readonly loyaltyType: string };
  readonly profiles?: readonly ProfileInput[];
  readonly extendedFields?: Readonly<Record<string, unknown>>;
  readonly loyaltyProgramEnrollments?: readonly unknown[];
}

/** When and by which till a write happens: the core reads no clock (ARC-1, ORG-5). */
export interface CommandMeta {
  /** An ISO 8601 date-time with offset, e.g. `2024-05-01T10:00:00+05:30`. */
  readonly at: string;
  /** The code of the till that acts. */
  readonly till: string;
}

/** Register a customer in a source account, or combine into the existing customer (REG-1..REG-9). */
export interface RegisterCommand {
  readonly kind: 'register';
  readonly source: string;
  readonly accountId?: string;
  readonly body: RegisterBody;
  readonly meta: CommandMeta;
}

/** Update profile, channels, fields and loyalty of one source profile (UPD-1..UPD-5). */
export interface UpdateCommand {
  readonly kind: 'update';
  readonly customerId: number;
  readonly source: string;
  readonly accountId?: string;
  readonly body: UpdateBody;
  readonly meta: CommandMeta;
}

/** Add and remove identifiers in one source account, merging where the seed says so (CHG-1..CHG-8). */
export interface ChangeIdentifierCommand {
  readonly kind: 'changeIdentifier';
  readonly customerId: number;
  readonly source: string;
  readonly accountId?: string;
  readonly add?: readonly IdentifierInput[];
  readonly remove?: readonly IdentifierInput[];
  readonly meta: CommandMeta;
}

/** Merge one customer into another explicitly, as the platform's merge request does (MRG-1..MRG-7). */
export interface MergeCommand {
  readonly kind: 'merge';
  readonly survivorId: number;
  readonly victimId: number;
  readonly meta: CommandMeta;
}

/** Issue, redeem, return or adjust points in one program (PTS-2). */
export interface PointsCommand {
  readonly kind: 'issuePoints' | 'redeemPoints' | 'returnPoints' | 'adjustPoints';
  readonly customerId: number;
  readonly programId: number;
  /** Positive; an adjustment may be negative. */
  readonly points: number;
  /** When issued points expire (ISO date-time); none for points that never do. */
  readonly expiresOn?: string;
  /** The purchase amount behind issued points, added to `cumulativePurchases`. */
  readonly purchase?: number;
  readonly reason?: string;
  readonly meta: CommandMeta;
}

/** Expire the points of one program that are due at the command's time (PTS-3). */
export interface ExpirePointsCommand {
  readonly kind: 'expirePoints';
  readonly customerId: number;
  readonly programId: number;
  readonly meta: CommandMeta;
}

/** Transfer points between two live customers in one program (TRF-1..TRF-3). */
export interface TransferPointsCommand {
  readonly kind: 'transferPoints';
  readonly fromId: number;
  readonly toId: number;
  readonly programId: number;
  readonly points: number;
  readonly notes?: string;
  readonly meta: CommandMeta;
}

/** Update Subscription Details (SUB-1..SUB-5). */
export interface UpdateSubscriptionsCommand {
  readonly kind: 'updateSubscriptions';
  readonly customerId: number;
  readonly body: {
    readonly communicationId?: number;
    readonly campaignId?: number;
    readonly reason?: string;
    readonly scope?: unknown;
    readonly subscriptions: readonly { readonly channel: string; readonly accountId?: string; readonly priority: string; readonly type: string }[];
  };
  readonly meta: CommandMeta;
}

/** Issue a coupon from an offer (CPN-1). */
export interface IssueCouponCommand {
  readonly kind: 'issueCoupon';
  readonly customerId: number;
  readonly series: { readonly description: string; readonly couponType?: string; readonly discountCode?: string; readonly validTill: string };
  readonly meta: CommandMeta;
}

/** Redeem a coupon the customer holds (CPN-3). */
export interface RedeemCouponCommand {
  readonly kind: 'redeemCoupon';
  readonly customerId: number;
  readonly couponCode: string;
  readonly meta: CommandMeta;
}

/** Raise a goodwill request for points or a coupon (GDW-1, GDW-2). */
export interface RequestGoodwillCommand {
  readonly kind: 'requestGoodwill';
  readonly customerId: number;
  readonly goodwillType: 'POINTS' | 'COUPON';
  readonly programId?: number;
  readonly points?: number;
  readonly series?: IssueCouponCommand['series'];
  readonly reason?: string;
  readonly comments?: string;
  readonly oneStep?: boolean;
  readonly meta: CommandMeta;
}

/** Approve or reject a pending goodwill request (GDW-1). */
export interface ResolveGoodwillCommand {
  readonly kind: 'resolveGoodwill';
  readonly customerId: number;
  readonly requestId: number;
  readonly decision: 'APPROVED' | 'REJECTED';
  readonly comments?: string;
  readonly meta: CommandMeta;
}

/** Delete a customer's personal data (PII-1, PII-2). */
export interface DeletePiiCommand {
  readonly kind: 'deletePii';
  readonly customerId: number;
  readonly meta: CommandMeta;
}

/** The identity commands. */
export type IdentityCommand = RegisterCommand | UpdateCommand | ChangeIdentifierCommand | MergeCommand;

/** The loyalty and communication commands. */
export type LoyaltyCommand =
  | PointsCommand
  | ExpirePointsCommand
  | TransferPointsCommand
  | UpdateSubscriptionsCommand
  | IssueCouponCommand
  | RedeemCouponCommand
  | RequestGoodwillCommand
  | ResolveGoodwillCommand
  | DeletePiiCommand;

/** Every write the graph decides on. */
export type Command = IdentityCommand | LoyaltyCommand;
