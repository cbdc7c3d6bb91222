// Every route of the emulator, one file per endpoint group. To add an endpoint group, write its file and
// list it here (and remove its entries from pending.ts).
import { clockRoutes } from './clock';
import { customerRoutes } from './customers';
import { historyRoutes } from './history';
import { identifierRoutes } from './identifiers';
import { lookupRoutes } from './lookup';
import { loyaltyRoutes } from './loyalty';
import { pendingRoutes } from './pending';
import { provenanceRoutes } from './provenance';
import { searchRoutes } from './search';
import { setupRoutes } from './setup';
import { snapshotRoutes } from './snapshot';
import { loyaltySetupRoutes } from './setup-loyalty';
import { subscriptionRoutes } from './subscriptions';
import type { ApiRoute } from './types';
import { unmergeRoutes } from './unmerge';
import { v11Routes } from './v11';

/** Every endpoint of the seeds and the setup endpoints, one file per group (EMU-6, EMU-13, EMU-14). */
export const ROUTES: readonly ApiRoute[] = [
  ...customerRoutes,
  ...identifierRoutes,
  ...lookupRoutes,
  ...searchRoutes,
  ...loyaltyRoutes,
  ...subscriptionRoutes,
  ...historyRoutes,
  ...v11Routes,
  ...setupRoutes,
  ...snapshotRoutes,
  ...loyaltySetupRoutes,
  ...clockRoutes,
  ...provenanceRoutes,
  ...unmergeRoutes,
  ...pendingRoutes,
];

export type { ApiRoute, HttpMethod, RouteContext } from './types';
export { replyOf, optional } from './types';
export { PENDING_ENDPOINTS, type PendingEndpoint } from './pending';
