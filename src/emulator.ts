/**
 * The public API of `customer-graph/emulator`: the documented HTTP API over the library, for test suites
 * that want it in-process, plus the HTTP-level schemas so that embedding services validate the same input.
 *
 * @module customer-graph/emulator
 */
export type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse } from './emulator/runtime/emulator';
export { createEmulator, startServer, systemClock, steppingClock } from './emulator/runtime/emulator';
export { DataDirectoryInUse, LOCK_FILE } from './emulator/runtime/data-lock';
export type { Clock } from './emulator/http/app';
export { MAX_BODY_BYTES } from './emulator/http/app';
export type { ApiError, ErrorBody, Reply } from './emulator/http/reply';
export { errorBodySchema, errorItemSchema, warningSchema, statusForCode, errorReply, okReply } from './emulator/http/reply';
export { idParamSchema, intQuerySchema, boolQuerySchema, customerPathSchema, goodwillPathSchema, parseInput, parseQuery } from './emulator/http/params';
export type { RawQuery } from './emulator/http/params';
export {
  registerQuerySchema,
  sourceQuerySchema,
  getCustomerHttpQuerySchema,
  lookupHttpQuerySchema,
  searchHttpQuerySchema,
  customerReadQuerySchema,
  loyaltyDetailsHttpQuerySchema,
  changeRequestsHttpQuerySchema,
  goodwillRequestsHttpQuerySchema,
  v11GetHttpQuerySchema,
  v11FlagQuerySchema,
} from './emulator/http/query-schemas';
export {
  mergeSetupBodySchema,
  pointsSetupBodySchema,
  transferSetupBodySchema,
  goodwillSetupBodySchema,
  goodwillResolveBodySchema,
  couponIssueSetupBodySchema,
  couponRedeemSetupBodySchema,
  deletePiiSetupBodySchema,
  POINTS_MOVEMENTS,
} from './emulator/http/setup-schemas';
export { MAX_PAGE_LIMIT } from './index';
export type { LogEntry } from './emulator/runtime/log-format';
export { logEntrySchema, LOG_FORMAT_VERSION } from './emulator/runtime/log-format';
export { readLogText } from './emulator/runtime/log-reader';
export type { ReadLog } from './emulator/runtime/log-reader';
export type { OrgRuntime } from './emulator/runtime/org-runtime';
export type { LogCompacted } from './emulator/runtime/event-log';
export type { LogMisfit } from './emulator/runtime/log-replay';
export type { ApiRoute, HttpMethod, RouteContext, PendingEndpoint } from './emulator/routes/index';
export type { RouteDoc } from './emulator/routes/types';
export { ROUTES, PENDING_ENDPOINTS, replyOf } from './emulator/routes/index';
export { basicHeader } from './emulator/http/auth';
export { replayScenario, scenarioLineSchema, type ReplayedLine, type ScenarioLine, type ReplayOptions } from './emulator/cli/replay';
// The library's body schemas, for validating the documented request bodies.
export { registerBodySchema, updateBodySchema, changeIdentifierBodySchema, subscriptionRequestSchema, couponSeriesInputSchema } from './schemas';
// The OpenAPI 3.1 document of the routes (EMU-25).
export { documentedRoutes, openApiDocument, openApiPath, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter, type JsonSchema } from './emulator/http/openapi';
// Health and run-time orgs (EMU-21, EMU-22).
export { startServerEarly } from './emulator/runtime/emulator';
export type { OrgCredentials } from './emulator/runtime/org-registry';
export { RequestJournal, JOURNAL_LIMIT, type JournalEntry } from './emulator/runtime/journal';
export { journalQuerySchema } from './emulator/routes/journal';
export { CONTROL_ROUTES, type ControlRoute, type Controls } from './emulator/routes/controls';
// Faults and latency (EMU-24).
export { FaultRules, FAULT_RULE_LIMIT, faultRuleSchema, mulberry32, type FaultRule, type FaultRuleInput, type FaultEffect, type FaultRequest } from './emulator/runtime/faults';
export { faultRoutes, FAULTS_PATH } from './emulator/routes/faults';
