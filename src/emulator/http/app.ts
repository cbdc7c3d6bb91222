// The HTTP layer: fastify with its routing and body handling, configured so that every answer, refusal or
// accident, is the API's standard JSON body (EMU-2), bodies are JSON whatever their content type, `__proto__`
// and `constructor` keys stay data (ARC-4), bodies over 1 MiB are 413 (EMU-7), and no stack ever leaves the
// process (EMU-5).
import { Readable } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Principal, TillDirectory } from './auth';
import { errorReply, fileSystemErrorOf, INTERNAL_ERROR, invalid, storageErrorOf, type Reply } from './reply';
import type { ApiRoute, RouteContext } from '../routes/types';
import { catchUp, orgTime } from '../runtime/org-clock';
import { dryRunOf } from '../routes/dry-run';
import type { JournalEntry } from '../runtime/journal';
import type { FaultEffect, FaultRequest } from '../runtime/faults';
import { NOT_READY, type ControlRoute, type Controls } from '../routes/controls';
import { answerClientError } from './client-errors';
import type { RawQuery } from './params';

/** The largest body the documented API accepts: 1 MiB (EMU-7). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Content types whose bodies stay text (the event-log import); every other body is read as JSON. */
const TEXT_CONTENT_TYPES = /^\s*(application\/(x-)?ndjson|application\/jsonl(ines)?|application\/x-jsonlines)\s*(;|$)/i;

/** A clock: the current time as an ISO 8601 date-time. */
export type Clock = () => string;

/** What the HTTP layer needs from its host. */
export interface AppOptions {
  readonly directory: TillDirectory;
  readonly routes: readonly ApiRoute[];
  readonly clock: Clock;
  /** One line per request. */
  readonly log: (line: string) => void;
  /** Unexpected failures, for the operator; never sent to the client. */
  readonly onError: (error: unknown, where: string) => void;
  /** Where each org request and its answer are recorded once the answer is known (EMU-23). */
  readonly journal?: (orgId: string, entry: JournalEntry) => void;
  /** The fault rule that applies to an org request, if any; its count is spent (EMU-24). */
  readonly faults?: (orgId: string, request: FaultRequest) => FaultEffect | undefined;
  /** The emulator's own endpoints outside every org (health, run-time orgs), EMU-21 and EMU-22. */
  readonly controls?: {
    readonly routes: readonly ControlRoute[];
    readonly controls: Controls;
    /** `admin` for the admin credential, `till` for a till that is not an admin (403), undefined for neither (401). */
    access(header: string | undefined): 'admin' | 'till' | undefined;
  };
}

const FORBIDDEN = errorReply({ code: 403, status: 403, message: 'Forbidden: this endpoint needs the emulator admin credential.' });

const UNAUTHORIZED = errorReply(
  { code: 401, message: 'Authentication failed: send HTTP Basic credentials of a till of the org (till code and password).' },
  { 'www-authenticate': 'Basic realm="customer-graph", charset="UTF-8"' },
);

/** An error raised while reading a body, carrying the answer it should get. */
class BodyError extends Error {
  readonly statusCode = 400;
  constructor(readonly reply: Reply) {
    super('invalid body');
  }
}

function send(reply: FastifyReply, r: Reply): FastifyReply {
  let payload: string | Readable;
  try {
    // Text (the event-log export) is sent as it is, and so is a stream of it.
    payload = (typeof r.body === 'string' || r.body instanceof Readable) && r.contentType !== undefined ? r.body : JSON.stringify(r.body);
  } catch {
    return send(reply, errorReply(INTERNAL_ERROR));
  }
  reply.code(r.status);
  for (const [k, v] of Object.entries(r.headers ?? {})) reply.header(k, v);
  reply.type(r.contentType ?? 'application/json; charset=utf-8');
  return reply.send(payload);
}

function tooLarge(limit: number): Reply {
  const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`;
  return errorReply({ code: 413, message: `Request body is larger than ${size}.` });
}

/** The answer to an error the framework raised before or around a route (bad body, bad URL, …). */
function frameworkReply(error: FastifyError | BodyError, bodyLimit: number): Reply | undefined {
  if (error instanceof BodyError) return error.reply;
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return tooLarge(bodyLimit);
  if (status === 400) return errorReply(invalid('request', error.message));
  // The code is the HTTP status for the framework's own refusals (414 a too-long path segment), EMU-2.
  if (status >= 400 && status < 500) return errorReply({ code: status, status, message: error.message });
  return undefined;
}

/** The answer to a request that arrives while the server is stopping (EMU-2). */
export const STOPPING = errorReply({ code: 503, status: 503, message: 'The emulator is stopping: send the request to a running server.' }, { connection: 'close' });

/** Builds the fastify app that serves the routes: every answer the standard body, no stack ever sent, an unexpected exception a generic 500 (EMU-2, EMU-5). It is not listening yet. */
export function buildApp(options: AppOptions): FastifyInstance {
  const { directory, clock, log, onError } = options;
  const principals = new WeakMap<FastifyRequest, Principal>();
  // The body as it came, for the fault rules' `bodyContains` (EMU-24): a re-serialised body could differ.
  const rawBodies = new WeakMap<FastifyRequest, string>();
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Keys named __proto__ or constructor are user data (custom and extended field names): kept, never
    // refused, and never a prototype. The body parser below uses JSON.parse, which makes them own keys.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    // fastify's own 503 while closing is not the standard body: the onRequest hook below answers instead.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, _request, reply) => {
      send(reply, frameworkReply(error, MAX_BODY_BYTES) ?? errorReply(invalid('request', 'malformed request')));
    },
  });

  // Every body is JSON, whatever its content type (curl -d sends form-encoded by default), except the
  // event-log import's ndjson. An empty body is no body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(request, text);
    if (TEXT_CONTENT_TYPES.test(request.headers['content-type'] ?? '')) {
      done(null, text);
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : 'unreadable';
      done(new BodyError(errorReply(invalid('body', `malformed JSON (${detail})`))), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const limit = request.routeOptions.bodyLimit ?? MAX_BODY_BYTES;
    const known = frameworkReply(error, limit);
    if (known !== undefined) return send(reply, known);
    onError(error, `${request.method} ${request.url}`);
    return send(reply, errorReply(INTERNAL_ERROR));
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, errorReply({ code: 404, message: `No such endpoint: ${request.method} ${request.url.split('?')[0] ?? ''}` })),
  );

  let stopping = false;
  // The connections of the answers under way when the stop began go idle after it, and fastify closes idle
  // connections only once, at the start: without this sweep the stop waits out the keep-alive timeout (72 s).
  // The sweep leaves a moment for a request already sent on such a connection to get its 503 (EMU-2, EMU-15).
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    stopping = true;
    sweep = setInterval(() => app.server.closeIdleConnections(), 250);
    sweep.unref();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweep);
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (stopping) {
      send(reply, STOPPING);
      return;
    }
    // While the logs replay, only the health check answers (EMU-21): the orgs are not there yet.
    if (options.controls !== undefined && !options.controls.controls.ready() && request.url.split('?')[0] !== '/_emulator/health') {
      send(reply, NOT_READY);
      return;
    }
    done();
  });

  const { routes: controlRoutes, controls, access } = options.controls ?? { routes: [], controls: undefined, access: () => undefined };
  for (const route of controlRoutes) {
    app.route({
      method: route.method,
      url: route.url,
      onRequest: (request, reply, done) => {
        if (route.access === 'admin') {
          const who = access(request.headers.authorization);
          if (who === undefined) return void send(reply, UNAUTHORIZED);
          if (who === 'till') return void send(reply, FORBIDDEN);
        }
        done();
      },
      handler: async (request, reply) => {
        const dryRun = dryRunOf(route, (request.query ?? {}) as RawQuery); // no command here, so no dry run (EMU-31)
        if (dryRun.isErr()) return send(reply, errorReply(dryRun.error));
        try {
          return send(reply, await route.handle({ params: (request.params ?? {}) as Record<string, string>, body: request.body, controls: controls as Controls }));
        } catch (error) {
          onError(error, `${route.method} ${route.url}`);
          return send(reply, errorReply(INTERNAL_ERROR));
        }
      },
    });
  }

  app.addHook('onResponse', (request, reply, done) => {
    const who = principals.get(request);
    const actor = who === undefined ? '-' : `${who.org.org.id}/${who.till}`;
    log(`${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms ${actor}`);
    done();
  });

  for (const route of options.routes) {
    app.route({
      method: route.method,
      url: route.url,
      bodyLimit: route.bodyLimit ?? MAX_BODY_BYTES,
      // Credentials are checked before the body is read: an unauthenticated request reads nothing (EMU-1).
      onRequest: (request, reply, done) => {
        const principal = directory.authenticate(request.headers.authorization);
        if (principal === undefined) {
          send(reply, UNAUTHORIZED);
          return;
        }
        principals.set(request, principal);
        done();
      },
      handler: async (request, reply) => {
        const principal = principals.get(request);
        if (principal === undefined) return send(reply, UNAUTHORIZED);
        const org = principal.org;
        const path = request.url.split('?')[0] ?? '';
        // Recorded once the answer is known; the journal's own requests are left out (EMU-23).
        const record = (status: number, response: unknown, time: string): void => {
          if (options.journal === undefined || route.url.startsWith('/_emulator/requests')) return;
          options.journal(org.org.id, { method: request.method, path, query: request.query ?? {}, body: request.body, status, response, time });
        };
        // After authentication, before the route, never on the emulator's own endpoints (EMU-24); a drop
        // answers nothing at all (a real client sees a reset, `Emulator.request` status 0).
        const fault = route.url.startsWith('/_emulator/') ? undefined : options.faults?.(org.org.id, { method: request.method, path, body: rawBodies.get(request) ?? '' });
        if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        if (fault?.kind === 'drop') {
          record(0, undefined, clock());
          reply.hijack();
          return void reply.raw.destroy();
        }
        if (fault?.kind === 'status') {
          record(fault.reply.status, fault.reply.body, clock());
          return send(reply, fault.reply);
        }
        let now = '';
        const { answer, kept } = await org.serial(async (): Promise<{ answer: Reply; kept: Promise<void> }> => {
          try {
            // The org's own time: its set clock, or the wall clock, with what is due by then run first (CLK-4).
            now = orgTime(org.graph, clock());
            const query = (request.query ?? {}) as RawQuery;
            const dryRun = dryRunOf(route, query); // a bad value, or a dry run where there is none: 400 (EMU-30, EMU-31)
            if (dryRun.isErr()) return { answer: errorReply(dryRun.error), kept: org.kept };
            const due = await catchUp(org, now, principal.till);
            if (due.isErr()) return { answer: errorReply(due.error), kept: org.kept };
            const ctx: RouteContext = {
              org,
              till: principal.till,
              now,
              meta: { at: now, till: principal.till },
              params: (request.params ?? {}) as Record<string, string>,
              query,
              body: request.body,
              dryRun: dryRun.value,
            };
            return { answer: await route.handle(ctx), kept: org.kept };
          } catch (error) {
            onError(error, `${route.method} ${route.url}`);
            return { answer: errorReply(fileSystemErrorOf(error) ?? INTERNAL_ERROR), kept: org.kept };
          }
        });
        // The answer leaves once every write it may show is in the log (EMU-8, group commit).
        try {
          await kept;
        } catch (error) {
          onError(error, `${route.method} ${route.url}`);
          return send(reply, errorReply(storageErrorOf(error)));
        }
        record(answer.status, answer.body, now); // the request's own time: another reading would move a stepping clock
        return send(reply, answer);
      },
    });
  }
  return app;
}
