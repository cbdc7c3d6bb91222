// Test helpers: a real emulator listening on a free port, and fetch calls against it.
import { expect } from 'vitest';
import { basicHeader, startServer, type EmulatorOptions } from '../../../src/emulator';
import { expectMatchesOpenApi } from './openapi';

export const DEMO_AUTH = basicHeader('demo.till', 'demo');

/** A fixed time for tests that compare whole answers. */
export const FIXED_AT = '2024-05-01T10:00:00Z';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly body: unknown;
}

export interface CallOptions {
  readonly body?: unknown;
  /** A raw body, sent as is. */
  readonly raw?: string | Uint8Array;
  /** The Authorization header; DEMO_AUTH by default, null for none. */
  readonly auth?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One HTTP request with fetch; the body is parsed when it is JSON. */
export async function call(url: string, method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const auth = options.auth === undefined ? DEMO_AUTH : options.auth;
  if (auth !== null) headers['authorization'] = auth;
  let payload: string | Uint8Array | undefined;
  if (options.raw !== undefined) payload = options.raw;
  else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  // EMU-25: every JSON answer the suites receive is checked against the OpenAPI document (CHECK_OPENAPI=0 turns it off).
  if (process.env['CHECK_OPENAPI'] !== '0' && body !== undefined) expectMatchesOpenApi(method, path, res.status, body);
  return { status: res.status, headers: res.headers, text, body };
}

/** A running emulator on 127.0.0.1 and a free port. */
export interface TestServer {
  readonly url: string;
  call(method: string, path: string, options?: CallOptions): Promise<HttpAnswer>;
  close(): Promise<void>;
  readonly emulator: Awaited<ReturnType<typeof startServer>>;
}

export async function serve(options: EmulatorOptions = {}): Promise<TestServer> {
  const emulator = await startServer({ port: 0, host: '127.0.0.1', warn: () => undefined, ...options });
  return {
    url: emulator.url,
    emulator,
    call: (method, path, callOptions) => call(emulator.url, method, path, callOptions),
    close: () => emulator.close(),
  };
}

/** A Register Customer body with one profile. */
export function registerBody(
  identifiers: readonly { type: string; value: string }[],
  extra: { firstName?: string; lastName?: string; loyaltyType?: string } = {},
): unknown {
  return {
    loyaltyInfo: { loyaltyType: extra.loyaltyType ?? 'loyalty' },
    profiles: [{ firstName: extra.firstName ?? 'Tom', lastName: extra.lastName ?? 'Sawyer', identifiers }],
  };
}

/** Asserts the standard error body with one error of this code, and returns its message (EMU-2). */
export function expectError(answer: HttpAnswer, status: number, code: number): string {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body).toEqual({ errors: [{ status: false, code, message: expect.any(String) }], warnings: [] });
  expect(answer.text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+|node_modules/);
  return (answer.body as { errors: { message: string }[] }).errors[0]?.message ?? '';
}

/** Fields whose keys are data (custom and extended fields), compared as objects only. */
const DATA_KEYED = new Set(['fields', 'extendedFields', 'segments', 'meta']);

/**
 * Asserts that `actual` has the documented shape: every key of the documented sample, with a value of the
 * same JSON type, recursively; array elements are compared with the sample of the same `type`, or the first (EMU-6).
 */
export function expectShape(actual: unknown, documented: unknown, path = '$'): void {
  if (Array.isArray(documented)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    if (documented.length === 0) return;
    // A mixed list (sideEffects) is matched by each element's `type`; otherwise with the first sample.
    const typeOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (v as { type?: unknown }).type : undefined);
    for (const [i, item] of (actual as unknown[]).entries()) {
      const sample = documented.find((d) => typeOf(d) !== undefined && typeOf(d) === typeOf(item)) ?? documented[0];
      expectShape(item, sample, `${path}[${i}]`);
    }
    return;
  }
  if (documented !== null && typeof documented === 'object') {
    expect(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${path} is an object`).toBe(true);
    const key = path.split('.').at(-1) ?? '';
    if (DATA_KEYED.has(key)) return;
    for (const [k, v] of Object.entries(documented)) {
      expect(Object.hasOwn(actual as object, k), `${path}.${k} is present`).toBe(true);
      expectShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
    return;
  }
  expect(typeof actual, `${path} is a ${typeof documented}`).toBe(typeof documented);
}
