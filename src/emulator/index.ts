// The public API of `customer-graph/emulator`: the documented HTTP API over the library, for test suites
// that want it in-process, plus the HTTP-level schemas so that embedding services validate the same input.
export type { Emulator, EmulatorOptions, EmulatorRequest, EmulatorResponse } from './emulator';
export { createEmulator, startServer, systemClock, steppingClock } from './emulator';
export type { Clock } from './app';
export { MAX_BODY_BYTES } from './app';
export type { ApiError, ErrorBody, Reply } from './reply';
export { errorBodySchema, errorItemSchema, warningSchema, statusForCode, errorReply, okReply } from './reply';
export {
  idParamSchema,
  intQuerySchema,
  boolQuerySchema,
  customerPathSchema,
  registerQuerySchema,
  sourceQuerySchema,
  getCustomerHttpQuerySchema,
  lookupHttpQuerySchema,
  searchHttpQuerySchema,
  mergeSetupBodySchema,
  customerReadQuerySchema,
  loyaltyDetailsHttpQuerySchema,
  changeRequestsHttpQuerySchema,
  goodwillRequestsHttpQuerySchema,
  v11GetHttpQuerySchema,
  v11FlagQuerySchema,
  dayQuerySchema,
  pointsSetupBodySchema,
  transferSetupBodySchema,
  goodwillSetupBodySchema,
  goodwillPathSchema,
  goodwillResolveBodySchema,
  couponIssueSetupBodySchema,
  couponRedeemSetupBodySchema,
  deletePiiSetupBodySchema,
  POINTS_MOVEMENTS,
  MAX_PAGE_LIMIT,
  scenarioLineSchema,
  parseInput,
  parseQuery,
} from './schemas';
export type { ScenarioLine, RawQuery } from './schemas';
export type { LogEntry } from './event-log';
export { logEntrySchema, readLogText, LOG_FORMAT_VERSION } from './event-log';
export type { ApiRoute, HttpMethod, RouteContext, PendingEndpoint } from './routes/index';
export { ROUTES, PENDING_ENDPOINTS, replyOf } from './routes/index';
export { basicHeader } from './auth';
export { replayScenario, type ReplayedLine } from './replay';
// The library's body schemas, for validating the documented request bodies.
export { registerBodySchema, updateBodySchema, changeIdentifierBodySchema, subscriptionRequestSchema, couponSeriesInputSchema } from '../index';
