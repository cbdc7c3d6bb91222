// The lean floor's records: plain mutable objects, arrays and Maps, changed in place. Nothing is frozen,
// validated by a schema or copied for persistence: this is the cheapest shape that keeps what the rules
// need (issue 11's "honest floor").
import type { Org } from '../../../src/index';
import { MULTI_ACCOUNT_SOURCES, sourceAccountKey, type Source } from '../../../src/org/sources';

/** One source account, made once per org, so that profiles compare accounts by reference. */
export interface LeanAccount {
  readonly source: Source;
  readonly accountId: string;
  /** The library's source account key (SRC-2), used in search postings. */
  readonly key: string;
}

/** A stored identifier: type and normalised value (IDN-2). */
export interface LeanIdentifier {
  readonly type: string;
  readonly value: string;
}

/** A profile of a customer in one source account (SRC-3), names included. */
export interface LeanProfile {
  readonly account: LeanAccount;
  firstName: string;
  lastName: string;
  identifiers: LeanIdentifier[];
  /** Profiles merged into an account the survivor already had (MRG-3). */
  conflicting: LeanConflict[];
  commChannels: readonly unknown[];
}

export interface LeanConflict {
  readonly mergedFrom: number;
  readonly firstName: string;
  readonly lastName: string;
  identifiers: LeanIdentifier[];
}

/** Points issued together, consumed earliest first (PTS-3). */
export interface LeanLot {
  readonly issuedOn: string;
  readonly expiresOn: string | null;
  remaining: number;
}

/** A member's standing in one program: counters, tier floor and tier, lots (PTS-2, PTS-5). */
export interface LeanLedger {
  readonly programId: number;
  issued: number;
  redeemed: number;
  returned: number;
  adjusted: number;
  floor: number;
  tier: number;
  lots: LeanLot[];
}

/** One side of a transfer (TRF-1). */
export interface LeanTransferLine {
  readonly transferId: number;
  readonly programId: number;
  readonly points: number;
  readonly transferType: 'DEDUCTION' | 'ADDITION';
  readonly fromId: number;
  readonly toId: number;
  readonly notes: string;
  readonly at: string;
}

export interface LeanSubscription {
  readonly channel: string;
  readonly priority: string;
  readonly accountId: string;
  readonly type: 'OPTIN' | 'OPTOUT';
}

export const LIVE = 0;
export const VICTIM = 1;

/** A customer: live, or a victim pointing at the customer it merged into (MRG-4). */
export interface LeanCustomer {
  readonly id: number;
  state: typeof LIVE | typeof VICTIM;
  mergedInto: number;
  loyalty: 'loyalty' | 'non_loyalty';
  profiles: LeanProfile[];
  programs: LeanLedger[];
  /** Only the states set by requests; the defaults (SUB-3) are implied. */
  subscriptions: Map<string, LeanSubscription> | null;
  transfers: LeanTransferLine[] | null;
  extendedFields: Readonly<Record<string, unknown>>;
}

/** SUB-3: opted in by default, in these channels and both priorities. */
export const DEFAULT_SUBSCRIPTIONS: readonly LeanSubscription[] = ['TRANS', 'BULK'].flatMap((priority) =>
  ['EMAIL', 'SMS', 'ANDROID', 'IOS'].map((channel) => ({ channel, priority, accountId: '', type: 'OPTIN' as const })),
);

export function subscriptionKey(s: { readonly channel: string; readonly priority: string; readonly accountId: string }): string {
  return `${s.channel}|${s.priority}|${s.accountId}`;
}

/** The org's source accounts by source and account id, made once (SRC-1, SRC-2). */
export function accountsOf(org: Org): Map<string, Map<string, LeanAccount>> {
  const out = new Map<string, Map<string, LeanAccount>>();
  for (const source of org.sources) {
    const byId = new Map<string, LeanAccount>();
    const ids = MULTI_ACCOUNT_SOURCES.has(source) ? [...(org.accounts.get(source) ?? [])] : [''];
    for (const accountId of ids) byId.set(accountId, { source, accountId, key: sourceAccountKey(source, accountId) });
    out.set(source, byId);
  }
  return out;
}
