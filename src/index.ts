/**
 * The public API of customer-graph, listed by name: what a host embedding the rules uses. Everything not
 * listed here is internal; the zod schemas of commands, events, bodies and queries are the
 * `customer-graph/schemas` subpath.
 *
 * @module customer-graph
 */

// Orgs: the configuration the rules run against (ORG-1, ORG-2).
export type { Org, ExtendedFieldDef, CustomFieldDef, Till, MergeLimits } from './org/org';
export type { OrgConfig } from './org/org-config';
export type { ProgramDef, TierDef } from './org/programs';
export type { Source } from './org/sources';
export type { IdentifierType, IdentifierRules, Blocklist } from './org/identifiers';
export { defineOrg, isOrg, DEFAULT_BLOCKED_VALUES, DEFAULT_BLOCKED_PATTERNS, DEFAULT_MERGE_LIMITS } from './org/org';
export { defaultOrg, DEFAULT_ORG_CONFIG } from './org/default-org';
export { SOURCES, MULTI_ACCOUNT_SOURCES } from './org/sources';
export { IDENTIFIER_TYPES } from './org/identifiers';

// The graph (ARC-2, ARC-3).
export type { CustomerGraph, GraphClock } from './graph/graph';
export type { HistoryEntry } from './graph/history';
export type { GraphSnapshot, SnapshotEntry, SnapshotHistory, SnapshotParts } from './graph/snapshot';
export type { SnapshotHeader, SnapshotRestorer } from './graph/restore';
export { emptyGraph, isCustomerGraph } from './graph/graph';
export { graphSnapshot, graphFromSnapshot, snapshotParts, snapshotSteps } from './graph/snapshot';
export { restoreSnapshot } from './graph/restore';

// Writing: decide, fold, execute (ARC-2).
export type { Command, ParsedCommand, IdentityCommand, LoyaltyCommand, CommandKind } from './decider/commands';
export type { CommandMeta } from './decider/meta';
export type { GraphEvent, EventKind } from './decider/events';
export type { ResponseByKind } from './decider/decide';
export type { Executed, ExecutedAll, Decided } from './decider/execute';
export { decide, execute, executeAll } from './decider/execute';
export { parseCommand } from './decider/decide';
export { evolve, evolveAll } from './decider/replay';

// The commands, their events and their responses, slice by slice.
export type { RegisterCommand, RegisterBody, RegisterResponse, SideEffect, CustomerRegistered, SourceProfileCombined } from './identity/register';
export type { UpdateCommand, UpdateBody, UpdateResponse, CustomerUpdated } from './identity/update';
export type { ChangeIdentifierCommand, ChangeIdentifierResponse, IdentifierAdded, IdentifierRemoved } from './identity/change-identifier';
export type { MergeCommand, MergeResponse, CustomersMerged, MergeCause } from './identity/merge';
export type { UnmergeCommand, UnmergeResponse, CustomerUnmerged } from './identity/unmerge';
export type { Premerge, PremergeRecord } from './records/premerge';
export type { ProfileInput, IdentifierInput, CommChannelInput } from './identity/profile-input';
export type { ProgramEnrolled } from './loyalty/enrollment';
export type { PointsCommand, ExpirePointsCommand, PointsResponse, PointsMoved, PointsExpired } from './loyalty/points';
export type { AdvanceClockCommand, AdvanceClockResponse, ClockAdvanced } from './loyalty/clock';
export type { TierReviewed } from './loyalty/tier-review';
export type { TierReviewPolicy, RenewalCondition, DowngradeStrategy } from './org/programs';
export type { TransferPointsCommand, TransferResponse, PointsTransferred } from './loyalty/transfers';
export type { UpdateSubscriptionsCommand, SubscriptionRequest, SubscriptionsResponse, SubscriptionsChanged } from './loyalty/subscriptions';
export type { IssueCouponCommand, RedeemCouponCommand, CouponSeriesInput, CouponResponse, CouponIssued, CouponRedeemed } from './loyalty/coupons';
export type { RequestGoodwillCommand, ResolveGoodwillCommand, GoodwillResponse, GoodwillRequested, GoodwillResolved } from './loyalty/goodwill';
export type { DeletePiiCommand, PiiResponse, PiiDeleted } from './loyalty/pii';

// The records (what snapshots and views are made of).
export type { CustomerId, TillCode, SourceAccountKey } from './kernel/ids';
export type { FieldMap } from './kernel/parse';
export type { Customer, LoyaltyType } from './records/customer';
export type { Attribution, CommChannel, CommChannelType, ConflictingProfile, Identifier, ProfileData, ProfileFacts, SourceProfile } from './records/profile';
export type { ProgramLedger, PointsLot, TierChange, ReviewBase } from './records/ledger';
export type { Subscription, SubscriptionChannel, SubscriptionPriority, SubscriptionStatus } from './records/subscriptions';
export type { Coupon, CouponSeries } from './records/coupons';
export type { GoodwillRequest, GoodwillStatus, GoodwillType } from './records/goodwill';
export type { PointsTransfer } from './records/transfers';
export { COMM_CHANNEL_TYPES } from './records/profile';
export { SUBSCRIPTION_CHANNELS, DEFAULT_SUBSCRIPTIONS } from './records/subscriptions';

// Refusals and warnings (ERR-1..ERR-3).
export type { ErrorCode } from './kernel/codes';
export type { DomainError, RefusalFacts, WithMessage, Refusal, InvalidInputError, MergedCustomerError, InputPath, IdentifierContext } from './kernel/refusals';
export type { Misfit, IdCounter, SnapshotCounter } from './kernel/misfits';
export type { DomainWarning, WarningCode } from './kernel/warnings';
export { ERROR_MESSAGES, PII_DELETED_MESSAGE } from './kernel/codes';

// Queries.
export type { LookupQuery, LookupResponse } from './queries/lookup';
export type { GetCustomerQuery, CustomerDetails, ProfileView, ConflictingProfileView, AttributionView, Embed } from './queries/get-customer';
export type { SearchQuery, SearchResponse, SearchHit, MatchedIdentifier } from './queries/search';
export type { ProgramDetails, PointsSummary, LoyaltyDetailsQuery, LoyaltyDetailsResponse, SubscriptionsView } from './queries/loyalty-details';
export type { TransferView, TransferParty } from './queries/transfers';
export type { CouponView } from './queries/coupons';
export type { GoodwillQuery, GoodwillView } from './queries/goodwill-requests';
export type { ChangeType, ChangeRequestView, ChangeRequestsQuery } from './queries/change-requests';
export type { Paged, TillView } from './queries/query';
export type {
  Provenance,
  ProvenanceEvent,
  ProfileProvenance,
  ConflictingProfileProvenance,
  IdentifierProvenance,
  MergeProvenance,
  UnmergeProvenance,
} from './queries/provenance';
export type { V11Query, V11Response, V11Customer, V11Status, V11Option } from './queries/v11';
export { lookup } from './queries/lookup';
export { getCustomer, EMBEDS } from './queries/get-customer';
export { search, MAX_SEARCH_LIMIT, SEARCH_WINDOW } from './queries/search';
export { loyaltyDetails, getSubscriptions } from './queries/loyalty-details';
export { pointsTransfers } from './queries/transfers';
export { clockOf, type ClockView, type DueView } from './queries/clock';
export type { DueKind } from './graph/due-index';
export { addDuration, type Duration } from './kernel/durations';
export { customerCoupons } from './queries/coupons';
export { goodwillRequests } from './queries/goodwill-requests';
export { changeRequests, CHANGE_TYPES, UNRECORDED_CHANGE_TYPES } from './queries/change-requests';
export { provenance } from './queries/provenance';
export { MAX_PAGE_LIMIT } from './queries/query';
export { customerGetV11, V11_OPTIONS } from './queries/v11';
