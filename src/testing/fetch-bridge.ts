// One Fetch request answered by an in-process emulator: what the MSW handlers and the fixture's in-process
// client both do, so that a suite that intercepts fetch and one that calls a client get the same answers.
import type { Emulator } from '../emulator';

/** Sends a Fetch `Request` through `emulator.request` under `path` (with its query) and answers a Fetch `Response` (EMU-28, EMU-29). */
export async function answerInProcess(emulator: Emulator, request: Request, path: string): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  const answer = await emulator.request({ method: request.method, path: `${path}${url.search}`, headers, ...(text === '' ? {} : { body: text }) });
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const outHeaders = new Headers();
  for (const [key, value] of Object.entries(answer.headers)) {
    // The body is re-encoded here, so its length and encoding are the Response's own.
    if (key !== 'content-length' && key !== 'transfer-encoding' && key !== 'connection') outHeaders.set(key, value);
  }
  return new Response(body, { status: answer.status, headers: outHeaders });
}

/** A `fetch` that answers every request from the emulator in-process, without a socket (EMU-29). */
export function inProcessFetch(emulator: Emulator): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    return answerInProcess(emulator, request, new URL(request.url).pathname);
  };
}
