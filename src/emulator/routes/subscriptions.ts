// Update Subscription Details and Retrieve Subscription Details (C). The body goes to the library as it
// came; the library reads it once (400 naming `body.…`) and answers the documented codes of a bad channel
// (1101), priority (1102), scope (1103, 1105) or status (1106) (SUB-4).
import { getSubscriptions } from '../../index';
import { errorReply } from '../http/reply';
import { customerPathSchema, parseInput, parseQuery } from '../http/params';
import { customerReadQuerySchema } from '../http/query-schemas';
import { commitCommand, replyOf, type ApiRoute, API_TAG } from './types';
import { subscriptionRequestSchema } from '../../schemas';
import { subscriptionsResponseSchema, subscriptionsViewSchema } from '../http/response-schemas';

export const subscriptionRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/v2/customers/:customerId/subscriptions',
    summary: 'Update Subscription Details',
    dryRun: true,
    doc: { params: customerPathSchema, query: customerReadQuerySchema, body: subscriptionRequestSchema, response: subscriptionsResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(customerReadQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return commitCommand(ctx, { kind: 'updateSubscriptions', customerId: path.value.customerId, body: ctx.body, meta: ctx.meta });
    },
  },
  {
    method: 'GET',
    url: '/v2/customers/:customerId/subscriptions',
    summary: 'Retrieve Subscription Details',
    doc: { params: customerPathSchema, query: customerReadQuerySchema, response: subscriptionsViewSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(customerReadQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return replyOf(getSubscriptions(ctx.org.graph, path.value.customerId));
    },
  },
];
