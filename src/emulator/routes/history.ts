// Get Change Requests (`retroRequest`) and Get Customer Goodwill Requests (C): the customer's history as the
// library derives it, newest first, filtered and paged (HST-1, HST-2, GDW-3).
import { changeRequests, goodwillRequests } from '../../index';
import { errorReply } from '../http/reply';
import { customerPathSchema, parseInput, parseQuery } from '../http/params';
import { changeRequestsHttpQuerySchema, goodwillRequestsHttpQuerySchema } from '../http/query-schemas';
import { optional, replyOf, type ApiRoute, API_TAG } from './types';
import { changeRequestsResponseSchema, goodwillRequestsResponseSchema } from '../http/response-schemas';

export const historyRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/v2/customers/:customerId/retroRequest',
    summary: 'Get Change Requests',
    doc: { params: customerPathSchema, query: changeRequestsHttpQuerySchema, response: changeRequestsResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(changeRequestsHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const q = query.value;
      return replyOf(
        changeRequests(ctx.org.graph, {
          customerId: path.value.customerId,
          // ADDRESS, MOBILE_REALLOC and RETRO are valid filters that the model never records: they list nothing.
          ...optional('changeType', q.changeType),
          ...optional('startDate', q.startDate),
          ...optional('endDate', q.endDate),
          ...optional('startId', q.startId),
          ...optional('endId', q.endId),
          ...optional('offset', q.offset),
          ...optional('limit', q.limit),
        }),
      );
    },
  },
  {
    method: 'GET',
    url: '/v2/customers/:customerId/goodwillRequest',
    summary: 'Get Customer Goodwill Requests',
    doc: { params: customerPathSchema, query: goodwillRequestsHttpQuerySchema, response: goodwillRequestsResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(goodwillRequestsHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const q = query.value;
      // `currencyId` (the seed's slip for the customer id) is read and ignored.
      return replyOf(
        goodwillRequests(ctx.org.graph, {
          customerId: path.value.customerId,
          ...optional('requestId', q.requestId),
          ...optional('oneStep', q.is_one_step_change),
          ...optional('programId', q.programId),
          ...optional('autoApprove', q.autoApprove),
          ...optional('limit', q.limit),
          ...optional('offset', q.offset),
        }),
      );
    },
  },
];
