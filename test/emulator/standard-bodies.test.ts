// The standard error body on every answer the server gives (EMU-2), including the refusals Node's HTTP
// parser and fastify make before a route runs, with the code equal to the HTTP status for those.
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, okReply, startServer, type Emulator } from '../../src/emulator';
import { DEMO_AUTH } from './support/http';

let server: Emulator & { readonly url: string };
let port: number;

beforeAll(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
});

/** Sends raw bytes and reads the whole answer, status line, headers and body. */
function raw(bytes: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1]);
      const text = out.slice(out.indexOf('\r\n\r\n') + 4);
      resolve({ status, body: JSON.parse(text) as unknown });
    });
  });
}

function expectStandard(answer: { status: number; body: unknown }, status: number, message: RegExp): void {
  expect(answer.status).toBe(status);
  expect(errorBodySchema.safeParse(answer.body).success).toBe(true);
  const [error] = (answer.body as { errors: { code: number; message: string }[] }).errors;
  expect(error?.code).toBe(status);
  expect(error?.message).toMatch(message);
}

describe("EMU-2: Node's and fastify's own refusals carry the standard error body", () => {
  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400, /Malformed HTTP request \(HPE_INVALID_METHOD\)/],
    ['a NUL in the path', 'GET /v2/cus\0tomers HTTP/1.1\r\nHost: x\r\n\r\n', 400, /HPE_INVALID_URL/],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 400, /HPE_INVALID_VERSION/],
    ['a space in a header name', 'GET / HTTP/1.1\r\nHo st: x\r\n\r\n', 400, /HPE_INVALID_HEADER_TOKEN/],
    ['headers over 16 KiB', `GET /v2/customers/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, /header fields too large/],
    [
      'a path segment over 256 characters, under its own status 414',
      `GET /v2/customers/${'1'.repeat(300)}?source=INSTORE HTTP/1.1\r\nHost: x\r\nAuthorization: ${DEMO_AUTH}\r\nConnection: close\r\n\r\n`,
      414,
      /1{100}/,
    ],
  ])('EMU-2: %s', async (_name, bytes, status, message) => {
    expectStandard(await raw(bytes), status, message);
  });

  it('EMU-2: a request that arrives while the server is stopping is 503 with the standard body, after the one in flight is answered', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = await startServer({
      routes: [{ method: 'GET', url: '/_test/slow', summary: 'held until released', handle: async () => (await gate, okReply({ held: true })) }],
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string): Promise<{ status: number; body: unknown }> =>
      new Promise((resolve, reject) => {
        const req = httpRequest(`${slow.url}${path}`, { agent, headers: { authorization: DEMO_AUTH } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
        });
        req.on('error', reject);
        req.end();
      });
    const inFlight = get('/_test/slow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Queued on the same kept-alive socket: it reaches the server once the first is answered, while stopping.
    const next = get('/_emulator/org');
    const closing = slow.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const inProcess = await slow.request({ method: 'GET', path: '/_emulator/org', till: 'demo.till' });
    release();
    expect(await inFlight).toEqual({ status: 200, body: { held: true } });
    expectStandard(await next, 503, /stopping/);
    expectStandard(inProcess, 503, /stopping/);
    await closing;
    agent.destroy();
  });
});
