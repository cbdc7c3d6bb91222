// What a route file provides. Each file under src/emulator/routes/ exports a list of `ApiRoute`s for one
// endpoint group; src/emulator/routes/index.ts lists the files. A route receives the authenticated till and
// its org, runs inside the org's serial queue, and returns a `Reply` value: it never throws to the
// framework (the wrapper turns an unexpected exception into a generic 500 all the same, EMU-5).
import type { Result } from 'neverthrow';
import type { ZodType } from 'zod';
import { execute, parseCommand, type CommandMeta, type DomainError } from '../../index';
import { errorReply, invalid, okReply, type ApiError, type Reply } from '../http/reply';
import type { RawQuery } from '../http/params';
import type { OrgRuntime } from '../runtime/org-runtime';

/** The HTTP methods the documented API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Everything a route may read about its request. */
export interface RouteContext {
  /** The org of the authenticated till: the only graph this request can see or change (EMU-11). */
  readonly org: OrgRuntime;
  /** The authenticated till: the `createdBy`/`modifiedBy` of what the request changes (EMU-1, ORG-5). */
  readonly till: string;
  /** The request's time from the emulator's clock, read when the request is applied (ARC-1). */
  readonly now: string;
  /** `{ at: now, till }`, ready to put in a command. */
  readonly meta: CommandMeta;
  /** Path parameters, undecoded beyond the framework's URL decoding: validate them with a schema. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string; a key given twice holds an array. */
  readonly query: RawQuery;
  /** The parsed JSON body (undefined when there was none); text for `application/x-ndjson`. */
  readonly body: unknown;
  /** `dryRun=true` on a route that takes it: decide, answer, commit nothing (EMU-30). */
  readonly dryRun?: boolean;
}

/** One endpoint: method, path (with `:param`s), and the handler. */
export interface ApiRoute {
  readonly method: HttpMethod;
  readonly url: string;
  /** A short name for the request log and the docs, e.g. `Register Customer`. */
  readonly summary: string;
  /** A larger body limit than the API's 1 MiB, for the setup imports only. */
  readonly bodyLimit?: number;
  handle(ctx: RouteContext): Promise<Reply> | Reply;
  /** What the OpenAPI document says of the route (EMU-25). */
  readonly doc?: RouteDoc;
  /** The route commits a library command through `commitCommand` and so takes `dryRun` (EMU-30). */
  readonly dryRun?: true;
}

/** A route's request and response schemas, read by src/emulator/http/openapi.ts (EMU-25). */
export interface RouteDoc {
  /** The query string's schema (its input side is documented). */
  readonly query?: ZodType;
  /** The path parameters' schema (an object, one key per `:param`). */
  readonly params?: ZodType;
  /** The JSON body's schema. */
  readonly body?: ZodType;
  /** The media type of the body and of a 200 answer when it is not JSON, e.g. `application/x-ndjson`. */
  readonly mediaType?: string;
  /** The success body's schema. */
  readonly response?: ZodType;
  /** The success status when it is not 200: 201 for what a request creates. */
  readonly status?: 201;
  /** The group in the document: `Customer API`, `v1.1`, or `Emulator setup`. */
  readonly tags?: readonly string[];
}

/** The OpenAPI groups of the routes: the documented v2 API, the v1.1 get and the setup endpoints (EMU-25). */
export const API_TAG = ['Customer API'] as const;
/** The OpenAPI group of the v1.1 bulk get (EMU-25). */
export const V11_TAG = ['v1.1'] as const;
/** The OpenAPI group of the setup endpoints under /_emulator/ (EMU-25). */
export const SETUP_TAG = ['Emulator setup'] as const;

/** The reply for a library or input result: 200 with the value, or the standard error body (EMU-2). */
export function replyOf<T>(result: Result<T, DomainError | ApiError>, status = 200): Reply {
  return result.match(
    (value) => okReply(value, status),
    (error) => errorReply(error),
  );
}

/** `{ [key]: value }` when the value is defined, `{}` otherwise (for exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/**
 * Commits one command: the library parses it once (a 400 names the field, `body.…` for the body) and
 * decides it; the answer is its documented response or its refusal (EMU-2, EMU-4). `underBody` names
 * command fields that the request carries in its body, so that their errors say `body.…` too. On a dry
 * run the command is decided on the org's current graph and nothing is committed or logged: the same
 * answer, plus `dryRun: { events }` on a success (EMU-30).
 */
export async function commitCommand(ctx: RouteContext, input: unknown, underBody: readonly string[] = []): Promise<Reply> {
  const command = parseCommand(input);
  if (command.isErr()) {
    const { path } = command.error;
    const first = path[0];
    return errorReply(typeof first === 'string' && underBody.includes(first) ? invalidAt(['body', ...path], command.error.problem) : command.error);
  }
  if (ctx.dryRun === true) {
    // `execute` is pure: the graph it makes is dropped, the org's graph stays the one it was.
    const decided = execute(ctx.org.graph, command.value);
    return replyOf(decided.map((d) => ({ ...(d.response as object), dryRun: { events: d.events } })));
  }
  const done = await ctx.org.commit(command.value);
  return replyOf(done.map((d) => d.response));
}

function invalidAt(path: readonly (string | number)[], problem: string): ApiError {
  return invalid(path.join('.'), problem);
}
