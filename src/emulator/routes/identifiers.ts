// Update Customer Identifiers (C Update Customer Identifiers).
import { changeIdentifierBodySchema, type IdentifierInput } from '../../index';
import { errorReply } from '../reply';
import { customerPathSchema, parseInput, parseQuery, sourceQuerySchema } from '../schemas';
import { optional, replyOf, type ApiRoute } from './types';

export const identifierRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/v2/customers/:customerId/changeIdentifier',
    summary: 'Update Customer Identifiers',
    async handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(sourceQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const body = parseInput(changeIdentifierBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const raw = ctx.body as { add?: readonly IdentifierInput[]; remove?: readonly IdentifierInput[] };
      const done = await ctx.org.commit({
        kind: 'changeIdentifier',
        customerId: path.value.customerId,
        source: query.value.source,
        ...optional('accountId', query.value.accountId),
        ...optional('add', raw.add),
        ...optional('remove', raw.remove),
        meta: ctx.meta,
      });
      return replyOf(done.map((d) => d.response));
    },
  },
];
