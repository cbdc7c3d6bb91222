import { z } from 'zod';
import { ERROR_MESSAGES, type DomainError, type DomainWarning } from '../../index';

/**
 * What a route answers: an HTTP status and a JSON body (or, for the event-log export, text or a readable
 * stream of text, with its `contentType`). Routes return values; they never throw to the framework (EMU-5).
 */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Defaults to `application/json; charset=utf-8`. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal of the HTTP layer or of the library: the documented code and its message. */
export interface ApiError {
  readonly code: number;
  readonly message: string;
  /** The HTTP status, when it is not the one `statusForCode` gives. */
  readonly status?: number;
}

/** One entry of `errors` in every error answer (EMU-2). */
export const errorItemSchema = z.object({
  status: z.literal(false),
  code: z.number().int(),
  message: z.string(),
});

/** A warning as the API reports it beside a success (ERR-3). */
export const warningSchema = z.object({
  status: z.literal(false),
  code: z.number().int(),
  message: z.string(),
});

/** The body of every error answer: `{"errors":[{status:false, code, message}], "warnings":[]}` (EMU-2). */
export const errorBodySchema = z.object({
  errors: z.array(errorItemSchema).min(1),
  warnings: z.array(warningSchema),
});

/** The body of every error answer (EMU-2). */
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * Codes answered 404: the addressed customer (or its profile in the source account) does not exist, or was
 * deleted on a PII request (8015 with the PII message) (EMU-3). The v1.1 get reports 816, 1012 and 8015 per
 * item inside a 200 instead: they are statuses of its body there, not of HTTP.
 */
const NOT_FOUND_CODES: ReadonlySet<number> = new Set([816, 1012, 8009, 8015, 8065]);

/**
 * Codes answered 409: the request is well-formed but conflicts with the graph's state: an identifier
 * already held, a merge that cannot happen, an org's bound against over-merging (9041, 9043), an id that
 * has merged into another (EMU-3).
 */
const CONFLICT_CODES: ReadonlySet<number> = new Set([1014, 1016, 1032, 1033, 8008, 8053, 8066, 8067, 8069, 9023, 9027, 9029, 9031, 9032, 9033, 9034, 9035, 9041, 9043]);

/** Codes that are HTTP statuses of the emulator itself (no documented code applies). */
const HTTP_CODES: ReadonlySet<number> = new Set([401, 404, 405, 413, 415, 500, 501, 503]);

/**
 * The HTTP status of a documented code (EMU-3): 404 for "not found" codes, 409 for conflicts with the
 * graph's state, the code itself for the emulator's own HTTP-level codes, and 400 for everything else
 * (malformed input, unknown values, invalid identifiers, rule violations of the request itself). The
 * loyalty codes are in that last group: 1010 (more points than held), 1013 (not enrolled in the program),
 * 1060 (more than 100 v1.1 values) and 1101–1106 (a bad subscription channel, priority, scope, identifier,
 * several scopes, status) are refusals of the request as the seed words them (docs/decisions.md, Emulator).
 */
export function statusForCode(code: number): number {
  if (HTTP_CODES.has(code)) return code;
  if (NOT_FOUND_CODES.has(code)) return 404;
  if (CONFLICT_CODES.has(code)) return 409;
  return 400;
}

/** The standard error answer for a documented code (EMU-2, EMU-3). */
export function errorReply(error: ApiError | DomainError, headers?: Readonly<Record<string, string>>): Reply {
  const status = 'status' in error && typeof error.status === 'number' ? error.status : statusForCode(error.code);
  const body: ErrorBody = { errors: [{ status: false, code: error.code, message: error.message }], warnings: [] };
  return headers === undefined ? { status, body } : { status, body, headers };
}

/** A success answer. */
export function okReply(body: unknown, status = 200): Reply {
  return { status, body };
}

/** A 400 naming the field, in the library's wording (ERR-2, EMU-4). */
export function invalid(path: string, problem: string): ApiError {
  return { code: 400, message: `${ERROR_MESSAGES[400]}: ${path}: ${problem}` };
}

/** The generic answer to an unexpected failure: no stack, no detail (EMU-5). */
export const INTERNAL_ERROR: ApiError = { code: 500, message: 'All requests failed due to errors. (internal error)' };

/** Warnings type re-exported for route modules. */
export type { DomainWarning };

/**
 * The answer to a request whose write (or a write it would show) the event log could not keep: the write
 * was taken back and nothing changed, so the request may be sent again (EMU-8).
 */
export const STORAGE_ERROR: ApiError = { code: 503, status: 503, message: 'The event log could not keep this change; nothing was changed. Try again.' };

/** The answer when the event log's disk is full (ENOSPC, EDQUOT): nothing was changed; retry once space is freed (EMU-8). */
export const DISK_FULL_ERROR: ApiError = { code: 507, status: 507, message: 'The event log has no space left on its disk; nothing was changed. Free space and try again.' };

/** The storage answer for a write the log could not keep: 507 when its disk is full, else 503 (EMU-8). */
export function storageErrorOf(error: unknown): ApiError {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return DISK_FULL_ERROR;
  }
  return STORAGE_ERROR;
}

/**
 * The storage answer for an exception a handler met, if it came from the file system (a reset or an import
 * whose new log could not be written: nothing changed); undefined for any other exception (EMU-8).
 */
export function fileSystemErrorOf(error: unknown): ApiError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (typeof (e as { syscall?: unknown }).syscall === 'string') return storageErrorOf(error);
  }
  return undefined;
}
