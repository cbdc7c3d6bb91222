// Register Customer, Update Customer Details and Fetch Customer Details (C Register Customer, Update
// Customer Details, Fetch Customer Details).
import {
  getCustomer,
  registerBodySchema,
  updateBodySchema,
  type Embed,
  type RegisterBody,
  type UpdateBody,
} from '../../index';
import { errorReply } from '../reply';
import { customerPathSchema, getCustomerHttpQuerySchema, parseInput, parseQuery, registerQuerySchema, sourceQuerySchema } from '../schemas';
import { optional, replyOf, type ApiRoute } from './types';

/** `embed=points,mlp`, `embed="points"` or `embed=points&...`: the names, quotes and spaces dropped. */
function embedsOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim().replace(/^["'\u201c\u201d]+|["'\u201c\u201d]+$/g, ''))
    .filter((s) => s !== '');
  return names.length === 0 ? undefined : names;
}

export const customerRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/v2/customers',
    summary: 'Register Customer',
    async handle(ctx) {
      const query = parseQuery(registerQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const body = parseInput(registerBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const done = await ctx.org.commit({
        kind: 'register',
        source: query.value.source,
        ...optional('accountId', query.value.accountId),
        body: ctx.body as RegisterBody,
        meta: ctx.meta,
      });
      return replyOf(done.map((d) => d.response));
    },
  },
  {
    method: 'PUT',
    url: '/v2/customers/:customerId',
    summary: 'Update Customer Details',
    async handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(sourceQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const body = parseInput(updateBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const done = await ctx.org.commit({
        kind: 'update',
        customerId: path.value.customerId,
        source: query.value.source,
        ...optional('accountId', query.value.accountId),
        body: ctx.body as UpdateBody,
        meta: ctx.meta,
      });
      return replyOf(done.map((d) => d.response));
    },
  },
  {
    method: 'GET',
    url: '/v2/customers/:customerId',
    summary: 'Fetch Customer Details',
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(getCustomerHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const embed = embedsOf(query.value.embed);
      return replyOf(
        getCustomer(ctx.org.graph, {
          customerId: path.value.customerId,
          source: query.value.source,
          ...optional('accountId', query.value.accountId),
          // The library validates the names (400 naming `embed` for an unknown one).
          ...optional('embed', embed as Embed[] | undefined),
        }),
      );
    },
  },
];
