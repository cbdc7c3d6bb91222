// Documented endpoints (and setup writes) that the emulator does not serve yet: each answers 501 with the
// standard error body naming what is missing (EMU-14). To serve one, write its route file beside this one,
// list it in ./index.ts, and delete its entry here.
import { errorReply } from '../reply';
import type { ApiRoute, HttpMethod } from './types';

/** A documented endpoint waiting for its route file, and the library functions it needs. */
export interface PendingEndpoint {
  readonly method: HttpMethod;
  readonly url: string;
  readonly summary: string;
  /** What the route needs from the library. */
  readonly needs: string;
}

/** The endpoints that answer 501 for now (EMU-14). */
export const PENDING_ENDPOINTS: readonly PendingEndpoint[] = [
  { method: 'GET', url: '/v2/customers/:customerId/loyaltyDetails', summary: 'Fetch Customer Loyalty Details', needs: 'loyaltyDetails(graph, query)' },
  { method: 'POST', url: '/v2/customers/:customerId/subscriptions', summary: 'Update Subscription Details', needs: "execute(graph, { kind: 'updateSubscriptions' })" },
  { method: 'GET', url: '/v2/customers/:customerId/subscriptions', summary: 'Retrieve Subscription Details', needs: 'getSubscriptions(graph, query)' },
  { method: 'GET', url: '/v2/customers/:customerId/pointsTransfers', summary: 'Get Points Transfer Summary of Customer', needs: 'pointsTransfers(graph, query)' },
  { method: 'GET', url: '/v2/customers/:customerId/retroRequest', summary: 'Get Change Requests', needs: 'changeRequests(graph, query)' },
  { method: 'GET', url: '/v2/customers/:customerId/goodwillRequest', summary: 'Get Customer Goodwill Requests', needs: 'goodwillRequests(graph, query)' },
  { method: 'GET', url: '/v2/customers/:customerId/coupons', summary: 'Get Customer Coupons', needs: 'customerCoupons(graph, query)' },
  { method: 'GET', url: '/v1.1/customer/get', summary: 'v1.1 Get Customer', needs: 'customerGetV11(graph, query)' },
  { method: 'POST', url: '/_emulator/points', summary: 'Emulator: issue, redeem, return, adjust or expire points', needs: "execute(graph, { kind: 'issuePoints' | 'redeemPoints' | 'returnPoints' | 'adjustPoints' | 'expirePoints' })" },
  { method: 'POST', url: '/_emulator/pointsTransfers', summary: 'Emulator: transfer points', needs: "execute(graph, { kind: 'transferPoints' })" },
  { method: 'POST', url: '/_emulator/goodwill', summary: 'Emulator: raise a goodwill request', needs: "execute(graph, { kind: 'requestGoodwill' })" },
  { method: 'POST', url: '/_emulator/goodwill/:requestId/resolve', summary: 'Emulator: approve or reject a goodwill request', needs: "execute(graph, { kind: 'resolveGoodwill' })" },
  { method: 'POST', url: '/_emulator/coupons', summary: 'Emulator: issue a coupon', needs: "execute(graph, { kind: 'issueCoupon' })" },
  { method: 'POST', url: '/_emulator/coupons/redeem', summary: 'Emulator: redeem a coupon', needs: "execute(graph, { kind: 'redeemCoupon' })" },
  { method: 'POST', url: '/_emulator/customers/:customerId/deletePii', summary: 'Emulator: delete a customer\'s PII', needs: "execute(graph, { kind: 'deletePii' })" },
  { method: 'PUT', url: '/_emulator/snapshot', summary: 'Emulator: import a snapshot', needs: 'a graph built from a GraphSnapshot (e.g. graphFromSnapshot(org, snapshot))' },
];

/** The 501 routes of the pending endpoints (EMU-14). */
export const pendingRoutes: readonly ApiRoute[] = PENDING_ENDPOINTS.map((p) => ({
  method: p.method,
  url: p.url,
  summary: `${p.summary} (not implemented)`,
  handle: () =>
    errorReply({
      code: 501,
      message: `Not implemented in this emulator yet: ${p.method} ${p.url} (${p.summary}) needs ${p.needs} from the library.`,
    }),
}));
