// Every route of the emulator, one file per endpoint group. To add an endpoint group, write its file and
// list it here (and remove its entries from pending.ts).
import { customerRoutes } from './customers';
import { identifierRoutes } from './identifiers';
import { lookupRoutes } from './lookup';
import { pendingRoutes } from './pending';
import { searchRoutes } from './search';
import { setupRoutes } from './setup';
import type { ApiRoute } from './types';

export const ROUTES: readonly ApiRoute[] = [
  ...customerRoutes,
  ...identifierRoutes,
  ...lookupRoutes,
  ...searchRoutes,
  ...setupRoutes,
  ...pendingRoutes,
];

export type { ApiRoute, HttpMethod, RouteContext } from './types';
export { replyOf, optional } from './types';
export { PENDING_ENDPOINTS, type PendingEndpoint } from './pending';
