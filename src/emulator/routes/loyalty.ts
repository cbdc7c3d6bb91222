// The loyalty ledger reads: Fetch Customer Loyalty Details, Get Points Transfer Summary of Customer and Get
// Customer Coupons (C). A merge victim is 8069 naming its survivor; a customer deleted on a PII request stays
// readable here, because points, transfers and coupons outlive the deletion (PII-1).
import { customerCoupons, loyaltyDetails, pointsTransfers } from '../../index';
import { errorReply } from '../http/reply';
import { customerPathSchema, parseInput, parseQuery } from '../http/params';
import { customerReadQuerySchema, loyaltyDetailsHttpQuerySchema } from '../http/query-schemas';
import { optional, replyOf, type ApiRoute, API_TAG } from './types';
import { couponsResponseSchema, loyaltyDetailsResponseSchema, pointsTransfersResponseSchema } from '../http/response-schemas';

export const loyaltyRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/v2/customers/:customerId/loyaltyDetails',
    summary: 'Fetch Customer Loyalty Details',
    doc: { params: customerPathSchema, query: loyaltyDetailsHttpQuerySchema, response: loyaltyDetailsResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(loyaltyDetailsHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return replyOf(loyaltyDetails(ctx.org.graph, { customerId: path.value.customerId, ...optional('programId', query.value.programId) }));
    },
  },
  {
    method: 'GET',
    url: '/v2/customers/:customerId/pointsTransfers',
    summary: 'Get Points Transfer Summary of Customer',
    doc: { params: customerPathSchema, query: customerReadQuerySchema, response: pointsTransfersResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(customerReadQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return replyOf(pointsTransfers(ctx.org.graph, path.value.customerId));
    },
  },
  {
    method: 'GET',
    url: '/v2/customers/:customerId/coupons',
    summary: 'Get Customer Coupons',
    doc: { params: customerPathSchema, query: customerReadQuerySchema, response: couponsResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(customerReadQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return replyOf(customerCoupons(ctx.org.graph, path.value.customerId));
    },
  },
];
