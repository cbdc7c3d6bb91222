// Endpoints that the emulator does not serve yet: each answers 501 with the standard error body naming what
// is missing (EMU-14). Every documented endpoint of the seeds and every setup endpoint is served, so the list
// is empty; it stays as the place where an endpoint is listed until its route file exists. To serve one,
// write its route file beside this one, list it in ./index.ts, and delete its entry here.
import { errorReply } from '../http/reply';
import type { ApiRoute, HttpMethod } from './types';

/** A documented endpoint waiting for its route file, and the library functions it needs. */
export interface PendingEndpoint {
  readonly method: HttpMethod;
  readonly url: string;
  readonly summary: string;
  /** What the route needs from the library. */
  readonly needs: string;
}

/** The endpoints that answer 501 for now (EMU-14). */
export const PENDING_ENDPOINTS: readonly PendingEndpoint[] = [];

/** The 501 routes of the pending endpoints (EMU-14). */
export const pendingRoutes: readonly ApiRoute[] = PENDING_ENDPOINTS.map((p) => ({
  method: p.method,
  url: p.url,
  summary: `${p.summary} (not implemented)`,
  handle: () =>
    errorReply({
      code: 501,
      message: `Not implemented in this emulator yet: ${p.method} ${p.url} (${p.summary}) needs ${p.needs} from the library.`,
    }),
}));
