// Update Subscription Details and Retrieve Subscription Details (C). The body is read with the library's
// own `subscriptionRequestSchema` (400 naming the field); the library then answers the documented codes of
// a bad channel (1101), priority (1102), scope (1103, 1105) or status (1106) (SUB-4).
import { getSubscriptions, subscriptionRequestSchema, type UpdateSubscriptionsCommand } from '../../index';
import { errorReply } from '../reply';
import { customerPathSchema, customerReadQuerySchema, parseInput, parseQuery } from '../schemas';
import { replyOf, type ApiRoute } from './types';

export const subscriptionRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/v2/customers/:customerId/subscriptions',
    summary: 'Update Subscription Details',
    async handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(customerReadQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const body = parseInput(subscriptionRequestSchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const done = await ctx.org.commit({
        kind: 'updateSubscriptions',
        customerId: path.value.customerId,
        // Validated above; the library reads it again with the same schema.
        body: ctx.body as UpdateSubscriptionsCommand['body'],
        meta: ctx.meta,
      });
      return replyOf(done.map((d) => d.response));
    },
  },
  {
    method: 'GET',
    url: '/v2/customers/:customerId/subscriptions',
    summary: 'Retrieve Subscription Details',
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(customerReadQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return replyOf(getSubscriptions(ctx.org.graph, path.value.customerId));
    },
  },
];
