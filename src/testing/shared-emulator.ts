// One in-process emulator per test process, and a fresh isolated org for each test on it: a suite pays for
// one start, and no test sees another's customers (EMU-29). The org is made at run time (`createOrg`,
// EMU-22), so parallel suites on one emulator stay apart the way LocalStack namespaces by account.
import { err, ok, type Result } from 'neverthrow';
import type { CustomerGraph } from '../index';
import { createEmulator, type ApiError, type Emulator, type EmulatorOptions, type EmulatorRequest, type EmulatorResponse, type OrgCredentials } from '../emulator';
import { createClient, type Client } from './client';
import { inProcessFetch } from './fetch-bridge';

/** A fresh org of its own for one test: its credentials, a typed client acting as its first till, and in-process access (EMU-29). */
export interface TestOrg {
  readonly orgId: string;
  /** Every till of the org, with its password and Basic header. */
  readonly tills: OrgCredentials['tills'];
  /** The Basic header of the org's first till. */
  readonly authorization: string;
  /** A typed client of every endpoint, answered in-process as the first till. */
  readonly client: Client;
  /** Sends one request in-process, as the first till unless `headers.authorization` says otherwise. */
  request(request: Omit<EmulatorRequest, 'till'>): Promise<EmulatorResponse>;
  /** The org's current graph, an immutable value for the library's queries. */
  graph(): CustomerGraph | undefined;
  /** Empties the org's state (`POST /_emulator/reset`). */
  reset(): Promise<Result<void, ApiError>>;
  /** Removes the org from the emulator. */
  dispose(): Promise<Result<void, ApiError>>;
}

/** A lazily started emulator shared by a suite, and its fresh orgs (EMU-29). */
export interface SharedEmulator {
  /** The emulator, started on first use. */
  emulator(): Promise<Emulator>;
  /** A fresh isolated org: a copy of the default org, or one made from `config` (an org configuration). */
  freshOrg(config?: unknown): Promise<Result<TestOrg, ApiError>>;
  /** Closes the emulator, if it was started. */
  close(): Promise<void>;
}

/** The `TestOrg` of an org `createOrg` made on `emulator` (EMU-29). */
export function testOrgOn(emulator: Emulator, credentials: OrgCredentials): Result<TestOrg, ApiError> {
  const first = credentials.tills[0];
  if (first === undefined) return err({ code: 400, message: `org ${credentials.orgId} has no till to act as` });
  const authorization = first.authorization;
  return ok({
    orgId: credentials.orgId,
    tills: credentials.tills,
    authorization,
    client: createClient({ baseUrl: 'http://customer-graph.in-process', fetch: inProcessFetch(emulator), authorization }),
    request: (request) => emulator.request({ ...request, headers: { authorization, ...(request.headers ?? {}) } }),
    graph: () => emulator.graph(credentials.orgId),
    async reset() {
      const answer = await emulator.request({ method: 'POST', path: '/_emulator/reset', headers: { authorization } });
      return answer.status === 200 ? ok(undefined) : err({ code: answer.status, message: `reset of org ${credentials.orgId} answered ${answer.status}` });
    },
    dispose: () => emulator.deleteOrg(credentials.orgId),
  });
}

/**
 * A shared emulator for jest, node's test runner or any other: start it once, take a fresh org per test (EMU-29).
 * @example
 * ```ts
 * import { after, beforeEach, test } from 'node:test';
 * import assert from 'node:assert/strict';
 * import { withEmulator, type TestOrg } from 'customer-graph/testing';
 *
 * const shared = withEmulator();
 * let org: TestOrg;
 * beforeEach(async () => {
 *   const made = await shared.freshOrg();
 *   assert.ok(made.isOk());
 *   org = made.value;
 * });
 * after(() => shared.close());
 *
 * test('a registered customer is found by email', async () => {
 *   await org.client.registerCustomer({ source: 'INSTORE' }, { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'a@b.co' }] }] });
 *   const found = await org.client.lookup({ source: 'INSTORE', identifierName: 'email', identifierValue: 'a@b.co' });
 *   assert.ok(found.isOk());
 * });
 * ```
 */
export function withEmulator(options: EmulatorOptions = {}): SharedEmulator {
  let started: Promise<Emulator> | undefined;
  const emulator = (): Promise<Emulator> => (started ??= createEmulator(options));
  return {
    emulator,
    async freshOrg(config) {
      let running: Emulator;
      try {
        running = await emulator();
      } catch (error) {
        started = undefined;
        return err({ code: 500, message: `the emulator did not start: ${error instanceof Error ? error.message : String(error)}` });
      }
      const made = await running.createOrg(config);
      return made.andThen((credentials) => testOrgOn(running, credentials));
    },
    async close() {
      const running = started;
      started = undefined;
      // A start that failed has nothing to close.
      if (running !== undefined) await running.then((e) => e.close(), () => undefined);
    },
  };
}
