// A typed client of the emulator's HTTP API (EMU-26): one method per route of the table, the documented
// endpoints and the setup endpoints. Requests are typed by the zod schemas the routes read (`z.input`),
// answers by the library's response types; every method answers a Result and never throws (a request that
// got no answer is a ClientError with status 0 and code 0).
import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import type {
  ChangeIdentifierResponse,
  ChangeRequestView,
  CouponResponse,
  CouponView,
  CustomerDetails,
  DomainError,
  DomainWarning,
  GoodwillResponse,
  GraphEvent,
  GoodwillView,
  GraphSnapshot,
  LookupResponse,
  LoyaltyDetailsResponse,
  MergeResponse,
  UnmergeResponse,
  Paged,
  PiiResponse,
  PointsResponse,
  Provenance,
  RegisterResponse,
  SearchResponse,
  SubscriptionsResponse,
  SubscriptionsView,
  TransferResponse,
  TransferView,
  UpdateResponse,
  V11Response,
} from '../index';
import type { changeIdentifierBodySchema, registerBodySchema, subscriptionRequestSchema, updateBodySchema } from '../schemas';
import type { OpenApiDocument } from '../emulator/http/openapi';
import type * as Q from '../emulator/http/query-schemas';
import type * as S from '../emulator/http/setup-schemas';
import type { unmergeBodySchema } from '../emulator/http/unmerge-schemas';
import type { eventsImportResponseSchema, orgSummarySchema, resetResponseSchema, snapshotImportResponseSchema } from '../emulator/http/setup-response-schemas';
import type { FaultRule, faultRuleSchema } from '../emulator/runtime/faults';
import type { JournalEntry } from '../emulator/runtime/journal';
import type { advanceClockResponseSchema, clockBodySchema, clockResponseSchema } from '../emulator/http/clock-schemas';
import type { OrgCredentials } from '../emulator/runtime/org-registry';
import { clientErrorOf, networkErrorOf, type ClientError } from './client-error';

/** Options of `createClient` (EMU-26). */
export interface ClientOptions {
  /** Where the emulator listens; default `http://127.0.0.1:8080`. */
  readonly baseUrl?: string;
  /** The fetch to send with, e.g. one that answers in-process; default the global fetch. */
  readonly fetch?: typeof fetch;
  /** The Authorization header of the till to act as, e.g. `basicHeader('demo.till', 'demo')`. */
  readonly authorization: string;
}

/** A query as a route reads it, each value also given as a number or boolean (sent as its text) (EMU-26). */
export type QueryOf<S extends z.ZodType> = { [K in keyof z.input<S>]: z.input<S>[K] | number | boolean };

/** A customer id as the path takes it (EMU-26). */
export type Id = number | string;
/** The answer of a call (EMU-26). */
export type Call<T> = Promise<Result<T, ClientError>>;
/** A listed answer: its items, warnings and errors (EMU-26). */
export type Listed<T> = { readonly data: readonly T[]; readonly warnings: readonly DomainWarning[]; readonly errors: readonly DomainError[] };

/** Options of a write that commits a command: `dryRun: true` decides it and commits nothing (EMU-30). */
export interface WriteOptions {
  readonly dryRun?: boolean;
}
/** A write's answer: its documented response, with the events it would log on a dry run (EMU-26, EMU-30). */
export type Written<R> = R & { readonly dryRun?: { readonly events: readonly GraphEvent[] } };

/** The typed client: one method per route of the emulator (EMU-26). */
export interface Client {
  registerCustomer(query: QueryOf<typeof Q.registerQuerySchema>, body: z.input<typeof registerBodySchema>, options?: WriteOptions): Call<Written<RegisterResponse>>;
  updateCustomer(customerId: Id, query: QueryOf<typeof Q.sourceQuerySchema>, body: z.input<typeof updateBodySchema>, options?: WriteOptions): Call<Written<UpdateResponse>>;
  getCustomer(customerId: Id, query: QueryOf<typeof Q.getCustomerHttpQuerySchema>): Call<CustomerDetails>;
  changeIdentifiers(customerId: Id, query: QueryOf<typeof Q.sourceQuerySchema>, body: z.input<typeof changeIdentifierBodySchema>, options?: WriteOptions): Call<Written<ChangeIdentifierResponse>>;
  lookup(query: QueryOf<typeof Q.lookupHttpQuerySchema>): Call<LookupResponse>;
  search(query: QueryOf<typeof Q.searchHttpQuerySchema>): Call<SearchResponse>;
  loyaltyDetails(customerId: Id, query?: QueryOf<typeof Q.loyaltyDetailsHttpQuerySchema>): Call<LoyaltyDetailsResponse>;
  pointsTransfers(customerId: Id): Call<Listed<TransferView>>;
  coupons(customerId: Id): Call<Listed<CouponView>>;
  updateSubscriptions(customerId: Id, body: z.input<typeof subscriptionRequestSchema>, options?: WriteOptions): Call<Written<SubscriptionsResponse>>;
  subscriptions(customerId: Id): Call<SubscriptionsView>;
  changeRequests(customerId: Id, query?: QueryOf<typeof Q.changeRequestsHttpQuerySchema>): Call<Paged<ChangeRequestView>>;
  goodwillRequests(customerId: Id, query?: QueryOf<typeof Q.goodwillRequestsHttpQuerySchema>): Call<Paged<GoodwillView>>;
  v11Get(query: QueryOf<typeof Q.v11GetHttpQuerySchema>): Call<V11Response>;
  org(): Call<z.output<typeof orgSummarySchema>>;
  reset(): Call<z.output<typeof resetResponseSchema>>;
  exportEvents(): Call<string>;
  /** The event log as NDJSON text, or as a JSON array of entries. */
  importEvents(log: string | readonly unknown[]): Call<z.output<typeof eventsImportResponseSchema>>;
  exportSnapshot(): Call<GraphSnapshot>;
  importSnapshot(snapshot: GraphSnapshot | unknown): Call<z.output<typeof snapshotImportResponseSchema>>;
  merge(body: z.input<typeof S.mergeSetupBodySchema>, options?: WriteOptions): Call<Written<MergeResponse>>;
  /** Splits a merge victim back out of its survivor (MRG-11, MRG-16). */
  unmerge(body: z.input<typeof unmergeBodySchema>, options?: WriteOptions): Call<Written<UnmergeResponse>>;
  points(body: z.input<typeof S.pointsSetupBodySchema>, options?: WriteOptions): Call<Written<PointsResponse>>;
  transferPoints(body: z.input<typeof S.transferSetupBodySchema>, options?: WriteOptions): Call<Written<TransferResponse>>;
  requestGoodwill(body: z.input<typeof S.goodwillSetupBodySchema>, options?: WriteOptions): Call<Written<GoodwillResponse>>;
  resolveGoodwill(requestId: Id, body: z.input<typeof S.goodwillResolveBodySchema>, options?: WriteOptions): Call<Written<GoodwillResponse>>;
  issueCoupon(body: z.input<typeof S.couponIssueSetupBodySchema>, options?: WriteOptions): Call<Written<CouponResponse>>;
  redeemCoupon(body: z.input<typeof S.couponRedeemSetupBodySchema>, options?: WriteOptions): Call<Written<CouponResponse>>;
  deletePii(customerId: Id, options?: WriteOptions): Call<Written<PiiResponse>>;
  /** Why the customer is what it is: profiles, merges and unmerges, a victim answered by its survivor (PRV-5). */
  provenance(customerId: Id): Call<Provenance>;
  openApi(): Call<OpenApiDocument>;
  /** The readiness probe: needs no credentials (EMU-21). */
  health(): Call<{ readonly status: 'ok'; readonly version: string; readonly orgs: readonly string[] }>;
  /** A fresh org made at run time, with its tills' credentials; the client's credential must be an admin's (EMU-22). */
  createOrg(config?: unknown): Call<OrgCredentials>;
  deleteOrg(orgId: string): Call<{ readonly success: true; readonly org: string }>;
  /** The org's request journal, newest last (EMU-23). */
  requests(query?: { readonly method?: string; readonly path?: string; readonly status?: number }): Call<{ readonly count: number; readonly requests: readonly JournalEntry[] }>;
  clearRequests(): Call<{ readonly success: true }>;
  /** Adds a fault or latency rule for the org (EMU-24). */
  addFault(rule: z.input<typeof faultRuleSchema>): Call<FaultRule>;
  faults(): Call<{ readonly count: number; readonly rules: readonly FaultRule[] }>;
  clearFaults(): Call<{ readonly success: true }>;
  /** The org's clock: its time, whether it was set, and what falls due next (CLK-4). */
  clock(): Call<z.output<typeof clockResponseSchema>>;
  /** Sets the org's clock at an instant (`{ set }`) or moves it by an ISO 8601 duration (`{ advance: 'P31D' }`), running what is due (CLK-4). */
  moveClock(body: z.input<typeof clockBodySchema>): Call<z.output<typeof advanceClockResponseSchema>>;
}

type QueryValues = Readonly<Record<string, string | number | boolean | undefined>>;

interface Send {
  readonly query?: QueryValues | undefined;
  readonly body?: unknown;
  /** Send the body as this media type, as text. */
  readonly contentType?: string;
  /** The answer is text, not JSON. */
  readonly text?: boolean;
}

function queryString(query: QueryValues | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.append(k, String(v));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Builds a typed client of the emulator's API and setup endpoints (EMU-26): each method sends one request
 * as the given till and answers `ok` with the documented body on 200, `err` with a ClientError otherwise.
 */
export function createClient(options: ClientOptions): Client {
  const base = (options.baseUrl ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function send<T>(method: string, path: string, how: Send = {}): Call<T> {
    const headers: Record<string, string> = { authorization: options.authorization };
    let payload: string | undefined;
    if (how.body !== undefined) {
      payload = how.contentType === undefined ? JSON.stringify(how.body) : String(how.body);
      headers['content-type'] = how.contentType ?? 'application/json';
    }
    let status: number;
    let text: string;
    try {
      const res = await doFetch(`${base}${path}${queryString(how.query)}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
      status = res.status;
      text = await res.text();
    } catch (cause) {
      return err(networkErrorOf(cause));
    }
    let body: unknown = undefined;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
    // 201 for what the control endpoints create (an org, a fault rule).
    if (status !== 200 && status !== 201) return err(clientErrorOf(status, body, text));
    if (how.text === true) return ok(text as T);
    if (body === undefined) return err({ status, code: status, message: 'the answer is not JSON', errors: [] });
    return ok(body as T);
  }

  const customer = (id: Id, rest = '') => `/v2/customers/${encodeURIComponent(String(id))}${rest}`;
  const q = (query: object | undefined) => query as QueryValues | undefined;
  // `dryRun` only when the caller set it, so that a plain write sends the request it always did (EMU-30).
  const dry = (o: WriteOptions | undefined): QueryValues | undefined => (o?.dryRun === undefined ? undefined : { dryRun: o.dryRun });
  return {
    registerCustomer: (query, body, o) => send('POST', '/v2/customers', { query: { ...q(query), ...dry(o) }, body }),
    updateCustomer: (id, query, body, o) => send('PUT', customer(id), { query: { ...q(query), ...dry(o) }, body }),
    getCustomer: (id, query) => send('GET', customer(id), { query: q(query) }),
    changeIdentifiers: (id, query, body, o) => send('POST', customer(id, '/changeIdentifier'), { query: { ...q(query), ...dry(o) }, body }),
    lookup: (query) => send('GET', '/v2/customers/lookup', { query: q(query) }),
    search: (query) => send('GET', '/v2/customers/search', { query: q(query) }),
    loyaltyDetails: (id, query) => send('GET', customer(id, '/loyaltyDetails'), { query: q(query) }),
    pointsTransfers: (id) => send('GET', customer(id, '/pointsTransfers')),
    coupons: (id) => send('GET', customer(id, '/coupons')),
    updateSubscriptions: (id, body, o) => send('POST', customer(id, '/subscriptions'), { query: dry(o), body }),
    subscriptions: (id) => send('GET', customer(id, '/subscriptions')),
    changeRequests: (id, query) => send('GET', customer(id, '/retroRequest'), { query: q(query) }),
    goodwillRequests: (id, query) => send('GET', customer(id, '/goodwillRequest'), { query: q(query) }),
    v11Get: (query) => send('GET', '/v1.1/customer/get', { query: q(query) }),
    org: () => send('GET', '/_emulator/org'),
    reset: () => send('POST', '/_emulator/reset'),
    exportEvents: () => send('GET', '/_emulator/events', { text: true }),
    importEvents: (log) => send('PUT', '/_emulator/events', typeof log === 'string' ? { body: log, contentType: 'application/x-ndjson' } : { body: log }),
    exportSnapshot: () => send('GET', '/_emulator/snapshot'),
    importSnapshot: (snapshot) => send('PUT', '/_emulator/snapshot', { body: snapshot }),
    merge: (body, o) => send('POST', '/_emulator/merge', { query: dry(o), body }),
    unmerge: (body, o) => send('POST', '/_emulator/unmerge', { query: dry(o), body }),
    points: (body, o) => send('POST', '/_emulator/points', { query: dry(o), body }),
    transferPoints: (body, o) => send('POST', '/_emulator/pointsTransfers', { query: dry(o), body }),
    requestGoodwill: (body, o) => send('POST', '/_emulator/goodwill', { query: dry(o), body }),
    resolveGoodwill: (requestId, body, o) => send('POST', `/_emulator/goodwill/${encodeURIComponent(String(requestId))}/resolve`, { query: dry(o), body }),
    issueCoupon: (body, o) => send('POST', '/_emulator/coupons', { query: dry(o), body }),
    redeemCoupon: (body, o) => send('POST', '/_emulator/coupons/redeem', { query: dry(o), body }),
    deletePii: (id, o) => send('POST', `/_emulator/customers/${encodeURIComponent(String(id))}/deletePii`, { query: dry(o) }),
    provenance: (id) => send('GET', `/_emulator/customers/${encodeURIComponent(String(id))}/provenance`),
    openApi: () => send('GET', '/_emulator/openapi.json'),
    health: () => send('GET', '/_emulator/health'),
    createOrg: (config) => send('POST', '/_emulator/orgs', config === undefined ? {} : { body: config }),
    deleteOrg: (orgId) => send('DELETE', `/_emulator/orgs/${encodeURIComponent(orgId)}`),
    requests: (query) => send('GET', '/_emulator/requests', { query: q(query) }),
    clearRequests: () => send('DELETE', '/_emulator/requests'),
    addFault: (rule) => send('POST', '/_emulator/faults', { body: rule }),
    faults: () => send('GET', '/_emulator/faults'),
    clearFaults: () => send('DELETE', '/_emulator/faults'),
    clock: () => send('GET', '/_emulator/clock'),
    moveClock: (body) => send('POST', '/_emulator/clock', { body }),
  };
}

export type { ClientError } from './client-error';
