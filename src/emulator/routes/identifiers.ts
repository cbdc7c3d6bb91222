// Update Customer Identifiers (C Update Customer Identifiers). `add` and `remove` come in the body and go
// into the command as they came; the library reads them once (EMU-4).
import { errorReply, invalid } from '../http/reply';
import { customerPathSchema, parseInput, parseQuery } from '../http/params';
import { sourceQuerySchema } from '../http/query-schemas';
import { commitCommand, optional, type ApiRoute, API_TAG } from './types';
import { changeIdentifierBodySchema } from '../../schemas';
import { changeIdentifierResponseSchema } from '../http/response-schemas';

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const identifierRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/v2/customers/:customerId/changeIdentifier',
    summary: 'Update Customer Identifiers',
    dryRun: true,
    doc: { params: customerPathSchema, query: sourceQuerySchema, body: changeIdentifierBodySchema, response: changeIdentifierResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(sourceQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const body = ctx.body ?? {};
      if (!isObject(body)) return errorReply(invalid('body', 'expected an object'));
      return commitCommand(
        ctx,
        {
          kind: 'changeIdentifier',
          customerId: path.value.customerId,
          source: query.value.source,
          ...optional('accountId', query.value.accountId),
          ...optional('add', body['add']),
          ...optional('remove', body['remove']),
          meta: ctx.meta,
        },
        ['add', 'remove'],
      );
    },
  },
];
