// Fetch Customers, the advanced customer search (C Fetch Customers).
import { search } from '../../index';
import { errorReply } from '../http/reply';
import { parseQuery } from '../http/params';
import { searchHttpQuerySchema } from '../http/query-schemas';
import { optional, replyOf, type ApiRoute, API_TAG } from './types';
import { searchResponseSchema } from '../http/response-schemas';

export const searchRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/v2/customers/search',
    summary: 'Fetch Customers',
    doc: { query: searchHttpQuerySchema, response: searchResponseSchema, tags: API_TAG },
    handle(ctx) {
      const query = parseQuery(searchHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const q = query.value;
      return replyOf(search(ctx.org.graph, { q: q.q, ...optional('limit', q.limit), ...optional('offset', q.offset) }));
    },
  },
];
