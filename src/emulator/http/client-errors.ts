// Node's own refusals of a request before fastify sees it (a malformed request line or header, a NUL in
// the path, headers over 16 KiB, a timeout), answered with the standard error body (EMU-2).
import type { Socket } from 'node:net';
import { errorReply } from './reply';

/** Node's own refusals before a request exists, by the parser's error code: the status and what was wrong. */
function clientErrorAnswer(error: NodeJS.ErrnoException): { readonly status: number; readonly message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'Request header fields too large (the request line and headers together may be at most 16 KiB).' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADER_TIMEOUT':
      return { status: 408, message: 'Request timeout: the request was not received in time.' };
    default:
      // HPE_INVALID_METHOD, HPE_INVALID_URL (a NUL or space in the path), HPE_INVALID_VERSION, HPE_INVALID_HEADER_TOKEN, …
      return { status: 400, message: `Malformed HTTP request (${error.code ?? 'unreadable'}): the request line and headers must be HTTP/1.1 as RFC 9112 writes them.` };
  }
}

/**
 * Answers a request Node's parser refused (it never reaches fastify) with the standard error body, the
 * code equal to the status (EMU-2); a socket that can no longer be written is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const { status, message } = clientErrorAnswer(error);
  const body = JSON.stringify(errorReply({ code: status, status, message }).body);
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
