// HTTP Basic authentication with a till's code and password from the org configuration (EMU-1). The till
// also names the org: each org has its own tills, so a till can only ever reach its own org's graph (EMU-11).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OrgRuntime } from '../runtime/org-runtime';

/** Who sent a request: the till and the org it belongs to. */
export interface Principal {
  readonly org: OrgRuntime;
  readonly till: string;
}

/** A till code and password as the Basic header carries them. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Reads `Authorization: Basic base64(code:password)`; undefined for anything else. */
export function parseBasic(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The header value for a till's credentials. */
export function basicHeader(till: string, password: string): string {
  return `Basic ${Buffer.from(`${till}:${password}`, 'utf8').toString('base64')}`;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** How many accepted Authorization headers are remembered (a test suite uses a handful of tills). */
const ACCEPTED_HEADERS = 256;

interface TillEntry {
  readonly org: OrgRuntime;
  /** The digests of the password and of its MD5 in hex, made once. */
  readonly password: Buffer;
  readonly passwordMd5: Buffer;
  /** The till's Basic header, for in-process requests. */
  readonly header: string;
}

function samePassword(given: string, till: TillEntry): boolean {
  // Compared as digests, so the time taken says nothing about the password. The platform's own clients send
  // the MD5 of the password in hex; that form is accepted too.
  return timingSafeEqual(digest(given), till.password) || timingSafeEqual(digest(given.toLowerCase()), till.passwordMd5);
}

/** Every till of every org, by code: a till reaches its own org alone, and till codes are unique across the emulator's orgs (EMU-11). */
export class TillDirectory {
  private readonly tills = new Map<string, TillEntry>();
  /**
   * Headers already checked and accepted, with their principal: a client sends the same header on every
   * request, and checking it again would cost two digests a request. Only a right header gets here; a
   * wrong one is checked every time.
   */
  private readonly accepted = new Map<string, Principal>();

  constructor(orgs: readonly OrgRuntime[] = []) {
    for (const org of orgs) {
      const refused = this.add(org);
      if (refused !== undefined) throw new Error(refused);
    }
  }

  /** Why an org's tills cannot join the directory (a `:` in a code, a code another org has), or undefined (EMU-11, EMU-22). */
  refusal(org: OrgRuntime['org']): string | undefined {
    for (const till of org.tills.values()) {
      // Basic credentials end the code at its first colon: such a till could never log in (EMU-1).
      if (till.code.includes(':')) return `till ${till.code} of org ${org.id} cannot log in: HTTP Basic credentials cannot carry a ':' in a till code`;
      const other = this.tills.get(till.code);
      if (other !== undefined) return `till ${till.code} is in both org ${other.org.org.id} and org ${org.id}: till codes must be unique across orgs`;
    }
    return undefined;
  }

  /** Adds an org's tills, at start or at run time; the refusal when one cannot join, nothing added then (EMU-11, EMU-22). */
  add(org: OrgRuntime): string | undefined {
    const refused = this.refusal(org.org);
    if (refused !== undefined) return refused;
    for (const till of org.org.tills.values()) {
      this.tills.set(till.code, { org, password: digest(till.password), passwordMd5: digest(md5(till.password)), header: basicHeader(till.code, till.password) });
    }
    return undefined;
  }

  /** Removes an org's tills and the accepted headers that named them, so a deleted org's till is refused at once (EMU-22). */
  remove(orgId: string): void {
    for (const [code, entry] of this.tills) if (entry.org.org.id === orgId) this.tills.delete(code);
    for (const [header, principal] of this.accepted) if (principal.org.org.id === orgId) this.accepted.delete(header);
  }

  /** The till and org named by a Basic header with the right password; undefined otherwise (EMU-1). */
  authenticate(header: string | undefined): Principal | undefined {
    if (header === undefined) return undefined;
    const known = this.accepted.get(header);
    if (known !== undefined) return known;
    const credentials = parseBasic(header);
    if (credentials === undefined) return undefined;
    const entry = this.tills.get(credentials.username);
    if (entry === undefined || !samePassword(credentials.password, entry)) return undefined;
    const principal: Principal = { org: entry.org, till: credentials.username };
    if (this.accepted.size >= ACCEPTED_HEADERS) this.accepted.clear();
    this.accepted.set(header, principal);
    return principal;
  }

  /** The Basic header of a till, for in-process requests (replay, `Emulator.request`). */
  headerFor(till: string): string | undefined {
    return this.tills.get(till)?.header;
  }
}
