// Fetch Customer ID (C Fetch Customer ID).
import { lookup } from '../../index';
import { errorReply } from '../http/reply';
import { parseQuery } from '../http/params';
import { lookupHttpQuerySchema } from '../http/query-schemas';
import { optional, replyOf, type ApiRoute, API_TAG } from './types';
import { lookupResponseSchema } from '../http/response-schemas';

export const lookupRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/v2/customers/lookup',
    summary: 'Fetch Customer ID',
    doc: { query: lookupHttpQuerySchema, response: lookupResponseSchema, tags: API_TAG },
    handle(ctx) {
      const query = parseQuery(lookupHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const q = query.value;
      return replyOf(
        lookup(ctx.org.graph, {
          source: q.source,
          ...optional('accountId', q.accountId),
          identifierName: q.identifierName,
          identifierValue: q.identifierValue,
        }),
      );
    },
  },
];
