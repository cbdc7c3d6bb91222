// The emulator as a value a host can hold: orgs, their state, the HTTP app, and the means to listen, send
// requests in-process and close. The CLI (src/cli.ts) and test suites both build on `createEmulator`.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Result } from 'neverthrow';
import { defineOrg, DEFAULT_ORG_CONFIG, type CustomerGraph, type Org, type OrgConfig } from '../../index';
import { buildApp, STOPPING, type Clock } from '../http/app';
import { parseBasic, TillDirectory } from '../http/auth';
import type { ApiError } from '../http/reply';
import { CONTROL_ROUTES } from '../routes/controls';
import { RequestJournal } from './journal';
import { journalRoutes } from '../routes/journal';
import { FaultRules } from './faults';
import { faultRoutes } from '../routes/faults';
import { OrgRegistry, type OrgCredentials } from './org-registry';
import { DataLock } from './data-lock';
import { OrgRuntime } from './org-runtime';
import { ROUTES } from '../routes/index';
import type { EmulatorOptions, EmulatorRequest, EmulatorResponse } from './emulator-options';

// The options and in-process request shapes live beside this file; they are re-exported here, where they were first declared.
export type { EmulatorOptions, EmulatorRequest, EmulatorResponse };

/** The emulator's default clock: the wall clock, to the second, in UTC. The only clock of the project (EMU-18, ARC-1). */
export const systemClock: Clock = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A clock that starts at `start` and moves `stepSeconds` on each reading: deterministic replays and tests. */
export function steppingClock(start: string, stepSeconds = 1): Clock {
  const base = Date.parse(start);
  if (Number.isNaN(base)) throw new Error(`not a date-time: ${start}`);
  let readings = 0;
  return () => new Date(base + stepSeconds * 1000 * readings++).toISOString().replace(/\.000Z$/, 'Z');
}

/** A running emulator. */
export interface Emulator {
  /** The orgs served: the configured ones in configuration order, then those created at run time (EMU-22). */
  readonly orgs: readonly Org[];
  /** The admin credential of `/_emulator/orgs`, for the CLI to print (EMU-22). */
  readonly admin: { readonly code: string; readonly password: string };
  /** Adds an org at run time, in memory only: a copy of the default org with fresh ids and passwords, or a validated configuration (EMU-22). */
  createOrg(config?: unknown): Promise<Result<OrgCredentials, ApiError>>;
  /** Removes an org added at start or at run time; 404 when unknown (EMU-22). */
  deleteOrg(orgId: string): Promise<Result<void, ApiError>>;
  /** The current graph of an org: an immutable value. */
  graph(orgId: string): CustomerGraph | undefined;
  /** Sends one request through the HTTP stack in-process (no socket). */
  request(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** Starts listening; resolves with the base URL (`http://host:port`). Port 0 picks a free port. */
  listen(options?: { readonly port?: number; readonly host?: string }): Promise<string>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  /** Stops listening, lets the queued requests finish, and closes the event logs. */
  close(): Promise<void>;
}

function isOrg(value: OrgConfig | Org): value is Org {
  return (value as Org).tills instanceof Map;
}

function buildOrgs(inputs: readonly (OrgConfig | Org)[]): Org[] {
  const orgs: Org[] = [];
  for (const input of inputs) {
    if (isOrg(input)) {
      orgs.push(input);
      continue;
    }
    const built = defineOrg(input);
    if (built.isErr()) throw new Error(`org configuration${typeof input.id === 'string' ? ` ${input.id}` : ''}: ${built.error.message}`);
    orgs.push(built.value);
  }
  if (orgs.length === 0) throw new Error('at least one org is needed');
  const ids = new Set<string>();
  for (const org of orgs) {
    if (ids.has(org.id)) throw new Error(`org ${org.id} is configured twice`);
    ids.add(org.id);
  }
  return orgs;
}

function queryString(query: Readonly<Record<string, string | number | boolean>> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) params.append(k, String(v));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Builds an emulator, the main export of the `customer-graph/emulator` subpath (EMU-17): validates the orgs, opens and replays their event logs when `dataDir` is given, and
 * prepares the HTTP app. Throws (at startup only) for a bad org configuration a corrupt event log, or a data directory another emulator holds (`DataDirectoryInUse`, EMU-19).
 * @example
 * ```ts
 * import { createEmulator } from 'customer-graph/emulator';
 *
 * const emulator = await createEmulator(); // the default org, in memory
 * const res = await emulator.request({
 *   method: 'POST',
 *   path: '/v2/customers',
 *   query: { source: 'INSTORE' },
 *   till: 'demo.till',
 *   body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Ann', identifiers: [{ type: 'email', value: 'ann@example.com' }] }] },
 * });
 * res.status; // 200, res.body is { createdId: 1, warnings: [], sideEffects: [] }
 * await emulator.close();
 * ```
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { emulator, replay } = await prepareEmulator(options);
  await replay();
  return emulator;
}

/** The same string, compared in constant time. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Builds the emulator and its app without replaying the logs yet, so that a server can listen first and
 * answer its health check with 503 until `replay` has finished (EMU-21). `replay` closes everything and
 * throws when a log cannot be replayed.
 */
async function prepareEmulator(options: EmulatorOptions): Promise<{ emulator: Emulator; replay: () => Promise<void> }> {
  const orgs = buildOrgs(options.orgs ?? [DEFAULT_ORG_CONFIG]);
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  // One owner per data directory, taken before any log is opened and held until close (EMU-19).
  const lock = options.dataDir === undefined ? undefined : await DataLock.acquire(options.dataDir);
  const directory = new TillDirectory();
  const journal = new RequestJournal();
  const faults = new FaultRules(options.faultSeed);
  // A deleted org's journal and fault rules go with it (EMU-23, EMU-24).
  const registry = new OrgRegistry(directory, (orgId) => {
    journal.clear(orgId);
    faults.clear(orgId);
  });
  const admin = options.admin ?? { code: 'admin', password: randomBytes(12).toString('hex') };
  // With the default org alone, its demo till may manage orgs too: the zero-configuration path (EMU-22).
  const demoIsAdmin = options.orgs === undefined;
  let ready = false;
  const app = buildApp({
    directory,
    routes: [...ROUTES, ...journalRoutes(journal), ...faultRoutes(faults), ...(options.routes ?? [])],
    journal: (orgId, entry) => journal.record(orgId, entry),
    faults: (orgId, request) => faults.take(orgId, request),
    clock: options.clock ?? systemClock,
    log: options.log ?? (() => undefined),
    onError: (error, where) => {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      warn(`unexpected error in ${where}: ${detail}`);
    },
    controls: {
      routes: CONTROL_ROUTES,
      controls: {
        ready: () => ready,
        orgs: () => registry.orgs,
        createOrg: (config) => registry.create(config),
        deleteOrg: (orgId) => registry.delete(orgId),
      },
      access(header) {
        const basic = parseBasic(header);
        if (basic !== undefined && same(basic.username, admin.code) && same(basic.password, admin.password)) return 'admin';
        const principal = directory.authenticate(header);
        if (principal === undefined) return undefined;
        return demoIsAdmin && principal.till === 'demo.till' ? 'admin' : 'till';
      },
    },
  });
  let url: string | undefined;
  let closed = false;

  async function replay(): Promise<void> {
    const runtimes: OrgRuntime[] = [];
    try {
      for (const org of orgs) {
        const refused = directory.refusal(org);
        if (refused !== undefined) throw new Error(refused);
        const runtime = options.dataDir === undefined ? OrgRuntime.inMemory(org) : await OrgRuntime.durable(org, options.dataDir, warn, options.snapshotAfterBytes);
        runtimes.push(runtime);
        directory.add(runtime);
        registry.adopt(runtime);
      }
    } catch (error) {
      closed = true;
      await app.close();
      await Promise.all(runtimes.map((r) => r.close()));
      await lock?.release();
      throw error;
    }
    ready = true;
  }

  const emulator: Emulator = {
    get orgs() {
      return registry.orgs;
    },
    admin,
    createOrg: async (config) => registry.create(config),
    deleteOrg: (orgId) => registry.delete(orgId),
    graph: (orgId) => registry.get(orgId)?.graph,
    get url() {
      return url;
    },
    async request(req) {
      // Once closing, the app takes nothing more: the answer a socket would get (EMU-2).
      if (closed) return { status: STOPPING.status, headers: { 'content-type': 'application/json; charset=utf-8', ...STOPPING.headers }, body: STOPPING.body };
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      if (req.till !== undefined && headers['authorization'] === undefined) {
        const auth = directory.headerFor(req.till);
        if (auth !== undefined) headers['authorization'] = auth;
      }
      const hasBody = req.body !== undefined;
      if (hasBody && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
      let res: Awaited<ReturnType<typeof app.inject>>;
      try {
        res = await app.inject({
          method: req.method.toUpperCase() as 'GET',
          url: `${req.path}${queryString(req.query)}`,
          headers,
          ...(hasBody ? { payload: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) } : {}),
        });
      } catch {
        // No answer came (a dropped connection, EMU-24): status 0, as a client that got none reports it (EMU-26).
        return { status: 0, headers: {}, body: undefined };
      }
      let body: unknown = res.body;
      if (String(res.headers['content-type'] ?? '').startsWith('application/json')) {
        try {
          body = JSON.parse(res.body) as unknown;
        } catch {
          body = res.body;
        }
      }
      const outHeaders: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) outHeaders[k] = String(v);
      return { status: res.statusCode, headers: outHeaders, body };
    },
    async listen(listenOptions = {}) {
      await app.listen({ port: listenOptions.port ?? 0, host: listenOptions.host ?? '127.0.0.1' });
      const address = app.server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await Promise.all(registry.runtimes.map((r) => r.close()));
      await lock?.release();
    },
  };
  return { emulator, replay };
}

/**
 * Builds an emulator and starts listening (default `127.0.0.1`, a free port): what the README's in-process example and curl examples run (EMU-16).
 * @example
 * ```ts
 * import { startServer } from 'customer-graph/emulator';
 *
 * const emulator = await startServer({ port: 0 }); // a free port
 * const res = await fetch(`${emulator.url}/v2/customers/search?q=ann`, {
 *   headers: { authorization: `Basic ${Buffer.from('demo.till:demo').toString('base64')}` },
 * });
 * res.status; // 200
 * await emulator.close();
 * ```
 */
export async function startServer(
  options: EmulatorOptions & { readonly port?: number; readonly host?: string } = {},
): Promise<Emulator & { readonly url: string }> {
  // Listening first lets a client poll the health check while the logs replay (EMU-21).
  const { emulator, ready } = await startServerEarly(options);
  await ready;
  return emulator;
}

/** Builds an emulator and starts listening before its logs are replayed; `ready` settles once they are, and rejects (the emulator closed) when one cannot be (EMU-21). */
export async function startServerEarly(
  options: EmulatorOptions & { readonly port?: number; readonly host?: string } = {},
): Promise<{ readonly emulator: Emulator & { readonly url: string }; readonly ready: Promise<void> }> {
  const { emulator, replay } = await prepareEmulator(options);
  try {
    await emulator.listen({
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return { emulator: emulator as Emulator & { readonly url: string }, ready: replay() };
}
