// What a call of the typed client answers when it does not succeed (EMU-26): the HTTP status, the documented
// code and message of the first error, and every error of the standard body (EMU-2). A request that got no
// answer at all (refused connection, DNS, abort) is status 0 and code 0.
import { errorBodySchema, type ErrorBody } from '../emulator/http/reply';

/** A refusal or a failure of a typed-client call; status 0 and code 0 when no answer came (EMU-26). */
export interface ClientError {
  /** The HTTP status; 0 when the request got no answer. */
  readonly status: number;
  /** The documented code of the first error; the HTTP status when the body is not the standard one; 0 when no answer came. */
  readonly code: number;
  /** The first error's message, or what went wrong. */
  readonly message: string;
  /** Every error of the standard body; empty when there was none. */
  readonly errors: ErrorBody['errors'] | readonly [];
}

/** The ClientError of an answer that is not a success: the standard body's first error, else the status (EMU-26). */
export function clientErrorOf(status: number, body: unknown, text: string): ClientError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const [first] = parsed.data.errors;
    return { status, code: first?.code ?? status, message: first?.message ?? '', errors: parsed.data.errors };
  }
  return { status, code: status, message: text === '' ? `HTTP ${status}` : text.slice(0, 1000), errors: [] };
}

/** The ClientError of a request that got no answer: status 0, code 0, the cause's message (EMU-26). */
export function networkErrorOf(cause: unknown): ClientError {
  return { status: 0, code: 0, message: `no answer: ${cause instanceof Error ? cause.message : String(cause)}`, errors: [] };
}
