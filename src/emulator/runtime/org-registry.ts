// The orgs an emulator serves, by id: those it started with and those a test suite adds or removes while it
// runs (EMU-22). Run-time orgs live in memory only, even with a data directory (docs/decisions.md): they are
// a test's throw-away tenants, and a restart starts from the configured orgs.
import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { defineOrg, DEFAULT_ORG_CONFIG, type Org, type OrgConfig } from '../../index';
import { basicHeader, type TillDirectory } from '../http/auth';
import type { ApiError } from '../http/reply';
import { OrgRuntime } from './org-runtime';

/** What `createOrg` answers: the new org's id and each till's code, password and ready Basic header (EMU-22). */
export interface OrgCredentials {
  readonly orgId: string;
  readonly tills: readonly { readonly code: string; readonly password: string; readonly authorization: string }[];
}

const conflict = (message: string): ApiError => ({ code: 409, status: 409, message: `Conflict: ${message}` });

/** The orgs of an emulator, by id, and the run-time creation and deletion of orgs (EMU-22). */
export class OrgRegistry {
  private readonly byId = new Map<string, OrgRuntime>();
  private copies = 0;

  constructor(
    private readonly directory: TillDirectory,
    /** Told of each removed org, so that its journal and fault rules go with it. */
    private readonly onRemove: (orgId: string) => void,
  ) {}

  /** Adds an org replayed at start (its tills were checked by the directory). */
  adopt(runtime: OrgRuntime): void {
    this.byId.set(runtime.org.id, runtime);
  }

  get(orgId: string): OrgRuntime | undefined {
    return this.byId.get(orgId);
  }

  get orgs(): Org[] {
    return [...this.byId.values()].map((r) => r.org);
  }

  get runtimes(): OrgRuntime[] {
    return [...this.byId.values()];
  }

  /** A copy of the default org under a fresh id and fresh till codes, each with a random password. */
  private defaultCopy(): OrgConfig {
    let n: number;
    let id: string;
    // A counter makes ids unique; skipping taken ones covers a configured org that happens to use one.
    do {
      n = ++this.copies;
      id = `org-${n}`;
    } while (this.byId.has(id));
    return {
      ...DEFAULT_ORG_CONFIG,
      id,
      name: `${DEFAULT_ORG_CONFIG.name ?? 'Org'} ${n}`,
      tills: (DEFAULT_ORG_CONFIG.tills ?? []).map((t) => ({ ...t, code: `${t.code}.${n}`, password: randomBytes(12).toString('hex') })),
    } as OrgConfig;
  }

  /** Creates an org from a configuration (validated, 400 naming the field; 409 for a taken id or till code), or a copy of the default one (EMU-22). */
  create(config?: unknown): Result<OrgCredentials, ApiError> {
    const input = config === undefined ? this.defaultCopy() : config;
    const built = defineOrg(input);
    if (built.isErr()) return err({ code: 400, message: built.error.message });
    const org = built.value;
    if (this.byId.has(org.id)) return err(conflict(`org ${org.id} already exists`));
    const runtime = OrgRuntime.inMemory(org);
    const refused = this.directory.add(runtime);
    if (refused !== undefined) return err(conflict(refused));
    this.byId.set(org.id, runtime);
    const tills = [...org.tills.values()].map((t) => ({ code: t.code, password: t.password, authorization: basicHeader(t.code, t.password) }));
    return ok({ orgId: org.id, tills });
  }

  /** Removes an org (404 when unknown): its tills are refused at once, and its queued requests finish first (EMU-22). */
  async delete(orgId: string): Promise<Result<void, ApiError>> {
    const runtime = this.byId.get(orgId);
    if (runtime === undefined) return err({ code: 404, status: 404, message: `No such org: ${orgId}` });
    this.byId.delete(orgId);
    this.directory.remove(orgId);
    this.onRemove(orgId);
    await runtime.close();
    return ok(undefined);
  }
}
