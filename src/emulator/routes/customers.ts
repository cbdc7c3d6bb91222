// Register Customer, Update Customer Details and Fetch Customer Details (C Register Customer, Update
// Customer Details, Fetch Customer Details). The body goes to the library as it came, and the library
// reads it once, naming a bad field `body.…` (EMU-4).
import { EMBEDS, getCustomer, type Embed } from '../../index';
import { errorReply, invalid } from '../http/reply';
import { customerPathSchema, parseInput, parseQuery } from '../http/params';
import { getCustomerHttpQuerySchema, registerQuerySchema, sourceQuerySchema } from '../http/query-schemas';
import { commitCommand, optional, replyOf, type ApiRoute, API_TAG } from './types';
import { registerBodySchema, updateBodySchema } from '../../schemas';
import { customerDetailsSchema, registerResponseSchema, updateResponseSchema } from '../http/response-schemas';

/** `embed=points,mlp`, `embed="points"` or `embed=points&...`: the names, quotes and spaces dropped. */
function embedsOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim().replace(/^["'\u201c\u201d]+|["'\u201c\u201d]+$/g, ''))
    .filter((s) => s !== '');
  return names.length === 0 ? undefined : names;
}

function isEmbed(name: string): name is Embed {
  return (EMBEDS as readonly string[]).includes(name);
}

export const customerRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/v2/customers',
    summary: 'Register Customer',
    dryRun: true,
    doc: { query: registerQuerySchema, body: registerBodySchema, response: registerResponseSchema, tags: API_TAG },
    handle(ctx) {
      const query = parseQuery(registerQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return commitCommand(ctx, { kind: 'register', source: query.value.source, ...optional('accountId', query.value.accountId), body: ctx.body, meta: ctx.meta });
    },
  },
  {
    method: 'PUT',
    url: '/v2/customers/:customerId',
    summary: 'Update Customer Details',
    dryRun: true,
    doc: { params: customerPathSchema, query: sourceQuerySchema, body: updateBodySchema, response: updateResponseSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(sourceQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      return commitCommand(ctx, {
        kind: 'update',
        customerId: path.value.customerId,
        source: query.value.source,
        ...optional('accountId', query.value.accountId),
        body: ctx.body,
        meta: ctx.meta,
      });
    },
  },
  {
    method: 'GET',
    url: '/v2/customers/:customerId',
    summary: 'Fetch Customer Details',
    doc: { params: customerPathSchema, query: getCustomerHttpQuerySchema, response: customerDetailsSchema, tags: API_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const query = parseQuery(getCustomerHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const embed = embedsOf(query.value.embed);
      const unknown = embed?.find((name) => !isEmbed(name));
      if (unknown !== undefined) return errorReply(invalid('query.embed', `unknown embed ${JSON.stringify(unknown)}: expected ${EMBEDS.join(', ')}`));
      return replyOf(
        getCustomer(ctx.org.graph, {
          customerId: path.value.customerId,
          source: query.value.source,
          ...optional('accountId', query.value.accountId),
          ...optional('embed', embed?.filter(isEmbed)),
        }),
      );
    },
  },
];
