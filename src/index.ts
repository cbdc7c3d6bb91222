// The public API of customer-graph, listed by name. Everything not listed here is internal.

export type { Brand, CustomerId, SourceAccountKey, TillCode } from './ids';
export { customerId, tillCode } from './ids';

export type { Source } from './sources';
export { SOURCES, MULTI_ACCOUNT_SOURCES, isSource, sourceAccountKey } from './sources';

export type { Identifier, IdentifierType, IdentifierRules, IdentifierProblem, NormalisedValue, Blocklist } from './identifiers';
export { IDENTIFIER_TYPES, isIdentifierType, normaliseIdentifier, compileBlocklist } from './identifiers';

export type { Org, OrgConfig, ExtendedFieldDef, CustomFieldDef, Till } from './org';
export {
  defineOrg,
  defaultOrg,
  orgConfigSchema,
  DEFAULT_ORG_CONFIG,
  DEFAULT_BLOCKED_VALUES,
  DEFAULT_BLOCKED_PATTERNS,
} from './org';

export type {
  ErrorCode,
  DomainError,
  PlainError,
  InvalidInputError,
  MergedCustomerError,
  FieldError,
  DomainWarning,
  WarningCode,
} from './errors';
export { ERROR_MESSAGES } from './errors';

export type {
  Attribution,
  CommChannel,
  CommChannelType,
  ConflictingProfile,
  Customer,
  FieldMap,
  LoyaltyType,
  ProfileData,
  SourceProfile,
} from './customer';
export { COMM_CHANNEL_TYPES } from './customer';

export type {
  Command,
  IdentityCommand,
  LoyaltyCommand,
  PointsCommand,
  ExpirePointsCommand,
  TransferPointsCommand,
  UpdateSubscriptionsCommand,
  IssueCouponCommand,
  RedeemCouponCommand,
  RequestGoodwillCommand,
  ResolveGoodwillCommand,
  DeletePiiCommand,
  CommandMeta,
  RegisterCommand,
  UpdateCommand,
  ChangeIdentifierCommand,
  MergeCommand,
  RegisterBody,
  UpdateBody,
  ProfileInput,
  IdentifierInput,
  CommChannelInput,
} from './commands';

export type {
  GraphEvent,
  CustomerRegistered,
  SourceProfileCombined,
  CustomerUpdated,
  IdentifierAdded,
  IdentifierRemoved,
  CustomersMerged,
  MergeCause,
  ProgramEnrolled,
  PointsMoved,
  PointsExpired,
  PointsTransferred,
  SubscriptionsChanged,
  CouponIssued,
  CouponRedeemed,
  GoodwillRequested,
  GoodwillResolved,
  PiiDeleted,
} from './events';

export type { ProgramDef, TierDef, ProgramLedger, PointsLot, TierChange } from './ledger';
export { loyaltyPoints, lifetimePoints, tierFor } from './ledger';
export type {
  Subscription,
  SubscriptionChannel,
  SubscriptionPriority,
  SubscriptionStatus,
  SubscriptionRequest,
} from './subscriptions';
export { SUBSCRIPTION_CHANNELS, DEFAULT_SUBSCRIPTIONS, effectiveSubscriptions } from './subscriptions';
export type { Coupon, CouponSeries } from './coupons';
export type { GoodwillRequest, GoodwillStatus, GoodwillType } from './goodwill';
export type { PointsTransfer } from './transfers';
export { PII_DELETED_MESSAGE } from './loyalty';

export type { CustomerGraph, HistoryEntry } from './graph';
export { emptyGraph, resolveLive } from './graph';

export { decide } from './decide';
export { evolve, evolveAll } from './evolve';
export type {
  Executed,
  RegisterResponse,
  UpdateResponse,
  ChangeIdentifierResponse,
  MergeResponse,
  ResponseByKind,
  SideEffect,
  PointsResponse,
  TransferResponse,
  SubscriptionsResponse,
  CouponResponse,
  GoodwillResponse,
  PiiResponse,
} from './execute';
export { execute } from './execute';
export { warningsOf } from './warnings';

export type { LookupQuery, LookupResponse } from './lookup';
export { lookup, lookupQuerySchema } from './lookup';
export type {
  GetCustomerQuery,
  CustomerDetails,
  ProfileView,
  ConflictingProfileView,
  AttributionView,
  TillView,
} from './get-customer';
export { getCustomer, getCustomerQuerySchema } from './get-customer';
export type { SearchQuery, SearchResponse, SearchHit, MatchedIdentifier } from './search';
export { search, searchQuerySchema, MAX_SEARCH_LIMIT } from './search';

export type {
  ProgramDetails,
  PointsSummary,
  LoyaltyDetailsQuery,
  LoyaltyDetailsResponse,
  SubscriptionsView,
  TransferView,
  TransferParty,
  CouponView,
  ActorView,
  GoodwillQuery,
  GoodwillView,
  Paged,
  ChangeType,
  ChangeRequestView,
  ChangeRequestsQuery,
} from './loyalty-queries';
export {
  loyaltyDetails,
  getSubscriptions,
  pointsTransfers,
  customerCoupons,
  goodwillRequests,
  changeRequests,
  CHANGE_TYPES,
} from './loyalty-queries';
export type { Embed } from './get-customer';
export type { V11Query, V11Response, V11Customer, V11Status, V11Option } from './v11';
export { customerGetV11, V11_OPTIONS } from './v11';

export type { GraphSnapshot } from './snapshot';
export { graphSnapshot } from './snapshot';

export {
  commandSchema,
  registerBodySchema,
  updateBodySchema,
  changeIdentifierBodySchema,
  profileInputSchema,
  identifierInputSchema,
  commChannelInputSchema,
  couponSeriesInputSchema,
  subscriptionRequestSchema,
} from './schemas';
export { enrollmentSchema } from './enrollment';
