/**
 * `customer-graph/msw`: request handlers for MSW 2 that answer the documented Customer API (and the
 * `/_emulator/` setup endpoints) from an in-process emulator, for suites that intercept `fetch` instead of
 * opening ports (EMU-28).
 * @module customer-graph/msw
 */
import { http, type HttpHandler } from 'msw';
import type { Emulator } from './emulator';
import { answerInProcess } from './testing/fetch-bridge';

/** Where the handlers answer. */
export interface CustomerApiHandlerOptions {
  /**
   * The origin (and optional path prefix) the code under test calls, e.g. `https://eu.api.capillarytech.com`;
   * default: any origin.
   */
  readonly baseUrl?: string;
}

/** The API's own path prefixes: other requests fall through to the suite's other handlers. */
const SERVED = /^\/(v2\/customers|v1\.1\/customer|_emulator)(\/|$)/;

function served(url: URL, base: URL | undefined): string | undefined {
  if (base === undefined) return SERVED.test(url.pathname) ? url.pathname : undefined;
  if (url.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/$/, '');
  if (prefix !== '' && !url.pathname.startsWith(`${prefix}/`)) return undefined;
  const path = url.pathname.slice(prefix.length);
  return SERVED.test(path) ? path : undefined;
}

/**
 * MSW handlers that send each matching request through `emulator.request`, with its own credentials, body
 * and query, and answer with the emulator's status, headers and body (EMU-28).
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createEmulator } from 'customer-graph/emulator';
 * import { customerApiHandlers } from 'customer-graph/msw';
 *
 * const emulator = await createEmulator();
 * const server = setupServer(...customerApiHandlers(emulator, { baseUrl: 'https://api.example.test' }));
 * server.listen();
 * const res = await fetch('https://api.example.test/v2/customers/search?q=ann', {
 *   headers: { authorization: 'Basic ' + Buffer.from('demo.till:demo').toString('base64') },
 * });
 * // res.status === 200
 * server.close();
 * await emulator.close();
 * ```
 */
export function customerApiHandlers(emulator: Emulator, options: CustomerApiHandlerOptions = {}): HttpHandler[] {
  const base = options.baseUrl === undefined ? undefined : new URL(options.baseUrl);
  return [
    http.all('*', async ({ request }) => {
      const url = new URL(request.url);
      const path = served(url, base);
      // Undefined lets the request go on to the suite's other handlers.
      if (path === undefined) return undefined;
      return answerInProcess(emulator, request, path);
    }),
  ];
}
