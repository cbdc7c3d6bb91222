// What a host gives to build an emulator and the shapes of an in-process request, apart from the
// emulator itself so that each file stays short enough to read whole.
import type { OrgConfig, Org } from '../../index';
import type { Clock } from '../http/app';
import type { ApiRoute } from '../routes/types';

/** How to build an emulator. */
export interface EmulatorOptions {
  /** Org configurations (validated with `defineOrg`) or built orgs; default: the default org alone. */
  readonly orgs?: readonly (OrgConfig | Org)[];
  /**
   * Keep each org's event log in `DIR/<orgId>.events.jsonl` and replay it now; default: memory only (EMU-8).
   * The directory is locked for this emulator until `close` (EMU-19).
   */
  readonly dataDir?: string;
  /**
   * With `dataDir`: the size in bytes of an org's newest log segment past which the org is compacted (a
   * snapshot beside the log, and a fresh segment after it, EMU-20); default 64 MiB.
   */
  readonly snapshotAfterBytes?: number;
  /** The time of each request; default: the wall clock. */
  readonly clock?: Clock;
  /** One line per request; default: nothing. */
  readonly log?: (line: string) => void;
  /** Warnings (a dropped torn log line) and unexpected failures; default: stderr. */
  readonly warn?: (line: string) => void;
  /** The credential of the admin endpoints (`/_emulator/orgs`); default: code `admin` with a random password (EMU-22). */
  readonly admin?: { readonly code: string; readonly password: string };
  /** The seed of the PRNG that draws the fault rules' `probability`, for a repeatable pattern; default: `Math.random` (EMU-24). */
  readonly faultSeed?: number;
  /** Extra routes, e.g. for endpoints a host adds itself (listed after the built-in ones). */
  readonly routes?: readonly ApiRoute[];
}

/** A request sent in-process, without a socket (the replay CLI uses this). */
export interface EmulatorRequest {
  readonly method: string;
  /** The path, optionally with a query string. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  /** JSON-serialisable; sent as JSON. */
  readonly body?: unknown;
  /** The till to authenticate as (its password is taken from the org); default: none. */
  readonly till?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The answer to an in-process request: the body parsed as JSON where it is JSON. */
export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

