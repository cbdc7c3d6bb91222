// The emulator's own control endpoints that belong to no org: the health check (unauthenticated, EMU-21) and
// the run-time orgs (an admin credential, EMU-22). They run outside every org's serial queue, since they act
// on the emulator rather than on one org's graph.
import type { Result } from 'neverthrow';
import type { Org } from '../../index';
import { errorReply, okReply, type ApiError, type Reply } from '../http/reply';
import type { OrgCredentials } from '../runtime/org-registry';
import { VERSION } from '../version';
import { openApiRoute } from './openapi';
import { SETUP_TAG, type HttpMethod, type RouteDoc } from './types';
import { z } from 'zod';

/** What a control route may reach: the emulator's readiness and orgs (EMU-21, EMU-22). */
export interface Controls {
  ready(): boolean;
  orgs(): readonly Org[];
  createOrg(config?: unknown): Result<OrgCredentials, ApiError>;
  deleteOrg(orgId: string): Promise<Result<void, ApiError>>;
}

/** A control endpoint: `public` needs no credentials, `admin` needs the admin credential (EMU-21, EMU-22). */
export interface ControlRoute {
  readonly method: HttpMethod;
  readonly url: string;
  readonly summary: string;
  readonly access: 'public' | 'admin';
  /** Answered before the emulator is ready too (the health check says it is not). */
  readonly beforeReady?: true;
  /** Its schemas for the OpenAPI document (EMU-25). */
  readonly doc?: RouteDoc;
  handle(ctx: { readonly params: Readonly<Record<string, string>>; readonly body: unknown; readonly controls: Controls }): Promise<Reply> | Reply;
}

/** The answer to every request but the health check while the org logs are still being replayed (EMU-21). */
export const NOT_READY = errorReply({ code: 503, status: 503, message: 'The emulator is starting: its event logs are being replayed. Try again shortly.' }, { 'retry-after': '1' });

/** `GET /_emulator/health`: 200 with the version and org names once every org's log is replayed, 503 before (EMU-21). */
export const healthRoute: ControlRoute = {
  method: 'GET',
  url: '/_emulator/health',
  summary: 'Emulator: health',
  access: 'public',
  beforeReady: true,
  doc: { response: z.object({ status: z.literal('ok'), version: z.string(), orgs: z.array(z.string()) }), tags: SETUP_TAG },
  handle: ({ controls }) => (controls.ready() ? okReply({ status: 'ok', version: VERSION, orgs: controls.orgs().map((o) => o.name) }) : NOT_READY),
};

const describeOrg = (o: Org): unknown => ({ id: o.id, name: o.name, tills: [...o.tills.values()].map((t) => t.code) });

/** Run-time orgs: create (201 with credentials), list and delete, under the admin credential (EMU-22). */
export const orgRoutes: readonly ControlRoute[] = [
  {
    method: 'GET',
    url: '/_emulator/orgs',
    summary: 'Emulator: list the orgs',
    access: 'admin',
    handle: ({ controls }) => okReply({ orgs: controls.orgs().map(describeOrg), warnings: [] }),
  },
  {
    method: 'POST',
    url: '/_emulator/orgs',
    summary: 'Emulator: create an org',
    access: 'admin',
    handle: ({ controls, body }) =>
      controls.createOrg(body).match(
        (credentials) => okReply(credentials, 201),
        (error) => errorReply(error),
      ),
  },
  {
    method: 'DELETE',
    url: '/_emulator/orgs/:orgId',
    summary: 'Emulator: delete an org',
    access: 'admin',
    async handle({ controls, params }) {
      const done = await controls.deleteOrg(params['orgId'] ?? '');
      return done.match(
        () => okReply({ success: true, org: params['orgId'], warnings: [] }),
        (error) => errorReply(error),
      );
    },
  },
];

/** Every control route (EMU-21, EMU-22). */
export const CONTROL_ROUTES: readonly ControlRoute[] = [healthRoute, openApiRoute, ...orgRoutes];
