// Provenance (PRV-5): why a customer is what it is, as the library reads it off the customer's histories;
// an emulator read under /_emulator/, since the seeds document no such endpoint.
import { provenance } from '../../index';
import { errorReply } from '../http/reply';
import { customerPathSchema, parseInput } from '../http/params';
import { provenanceResponseSchema } from '../http/provenance-schemas';
import { replyOf, type ApiRoute, SETUP_TAG } from './types';

/** `GET /_emulator/customers/{customerId}/provenance`: the library's provenance, 404 for an unknown or deleted customer (PRV-5). */
export const provenanceRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/_emulator/customers/:customerId/provenance',
    summary: 'Emulator: the provenance of a customer',
    doc: { params: customerPathSchema, response: provenanceResponseSchema, tags: SETUP_TAG },
    handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      return replyOf(provenance(ctx.org.graph, path.value.customerId));
    },
  },
];
