/**
 * `customer-graph/schemas`: the zod schema of every command, event, request body and query, so that a
 * host validates the same payloads the library does (ARC-4, EMU-4). Each is declared once, in its slice
 * or query; this entry only names them.
 *
 * @module customer-graph/schemas
 */
export { commandSchema } from './decider/commands';
export { graphEventSchema } from './decider/events';
export { commandMetaSchema } from './decider/meta';
export { registerCommandSchema, registerBodySchema, customerRegisteredSchema, sourceProfileCombinedSchema } from './identity/register';
export { updateCommandSchema, updateBodySchema, customerUpdatedSchema } from './identity/update';
export { changeIdentifierCommandSchema, changeIdentifierBodySchema, identifierAddedSchema, identifierRemovedSchema } from './identity/change-identifier';
export { mergeCommandSchema, customersMergedSchema, mergeCauseSchema } from './identity/merge';
export { unmergeCommandSchema, customerUnmergedSchema } from './identity/unmerge';
export { profileInputSchema, identifierInputSchema, commChannelInputSchema } from './identity/profile-input';
export { enrollmentInputSchema, programEnrolledSchema } from './loyalty/enrollment';
export {
  issuePointsCommandSchema,
  redeemPointsCommandSchema,
  returnPointsCommandSchema,
  adjustPointsCommandSchema,
  expirePointsCommandSchema,
  pointsMovedSchema,
  pointsExpiredSchema,
} from './loyalty/points';
export type { PointsCommandSchema } from './loyalty/points';
export { transferPointsCommandSchema, pointsTransferredSchema } from './loyalty/transfers';
export { advanceClockCommandSchema, clockAdvancedSchema } from './loyalty/clock';
export { tierReviewedSchema } from './loyalty/tier-review';
export { isoDurationSchema } from './kernel/durations';
export { updateSubscriptionsCommandSchema, subscriptionRequestSchema, subscriptionsChangedSchema } from './loyalty/subscriptions';
export { issueCouponCommandSchema, redeemCouponCommandSchema, couponSeriesInputSchema, couponIssuedSchema, couponRedeemedSchema } from './loyalty/coupons';
export { requestGoodwillCommandSchema, resolveGoodwillCommandSchema, goodwillRequestedSchema, goodwillResolvedSchema } from './loyalty/goodwill';
export { deletePiiCommandSchema, piiDeletedSchema } from './loyalty/pii';
export { lookupQuerySchema } from './queries/lookup';
export { getCustomerQuerySchema } from './queries/get-customer';
export { searchQuerySchema } from './queries/search';
export { loyaltyDetailsQuerySchema } from './queries/loyalty-details';
export { goodwillQuerySchema } from './queries/goodwill-requests';
export { changeRequestsQuerySchema } from './queries/change-requests';
export { v11QuerySchema } from './queries/v11';
export { orgConfigSchema } from './org/org-config';
export { customerRecordSchema } from './records/record-schema';
export { loyaltyTypeSchema } from './records/customer';
export { identifierSchema, commChannelSchema, profileFactsSchema } from './records/profile';
export { subscriptionSchema } from './records/subscriptions';
export { couponSeriesSchema } from './records/coupons';
export { customerIdSchema, tillCodeSchema } from './kernel/ids';
export { sourceSchema } from './org/sources';
export { snapshotHeaderSchema, historySchema } from './graph/restore';
export { isoDateTimeSchema, daySchema } from './kernel/dates';
