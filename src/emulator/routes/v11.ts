// The v1.1 bulk customer get (B): `GET /v1.1/customer/get`. Each requested value is an item with its own
// `item_status` (816 unknown id, 1012 unknown identifier, 8015 deleted on a PII request); the overall status
// in the body is 200, 201 or 500 (V11-2). Those are statuses of the v1.1 body, not of HTTP: whenever the
// library answers, the HTTP status is 200 with the v1.1 body. Refusals of the request as a whole (no
// identifier 400, more than 100 values 1060, a bad parameter) are the standard error body with status 400
// (EMU-2, EMU-3).
import { customerGetV11, V11_OPTIONS } from '../../index';
import { errorReply } from '../http/reply';
import { parseQuery } from '../http/params';
import { v11GetHttpQuerySchema } from '../http/query-schemas';
import { optional, replyOf, type ApiRoute, V11_TAG } from './types';
import { v11ResponseSchema } from '../http/response-schemas';

export const v11Routes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/v1.1/customer/get',
    summary: 'v1.1 Get Customer',
    doc: { query: v11GetHttpQuerySchema, response: v11ResponseSchema, tags: V11_TAG },
    handle(ctx) {
      const query = parseQuery(v11GetHttpQuerySchema, ctx.query);
      if (query.isErr()) return errorReply(query.error);
      const q = query.value;
      return replyOf(
        customerGetV11(ctx.org.graph, {
          ...optional('id', q.id),
          ...optional('mobile', q.mobile),
          ...optional('email', q.email),
          ...optional('external_id', q.external_id),
          options: V11_OPTIONS.filter((o) => q[o] === true),
          ...optional('gap_to_upgrade_for', q.gap_to_upgrade_for),
          ...optional('gap_to_renew_for', q.gap_to_renew_for),
        }),
      );
    },
  },
];
