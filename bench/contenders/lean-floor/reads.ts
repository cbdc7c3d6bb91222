// The lean floor's reads: Fetch Customer ID (LKP-1..LKP-5) and Fetch Customer Details with its embeds
// (GET-1..GET-4), answered from the mutable records as plain views.
import type { GetCustomerQuery, LookupQuery } from '../../../src/index';
import { isIdentifierType, normaliseIdentifier } from '../../../src/org/identifiers';
import { nextTierOf, tierOf } from '../../../src/org/programs';
import { balance } from './ledger';
import { DEFAULT_SUBSCRIPTIONS, subscriptionKey, VICTIM, type LeanCustomer, type LeanIdentifier, type LeanLot, type LeanSubscription } from './records';
import { refuse, type LeanOutcome, type LeanStore } from './store';

/** One program of a customer, as Fetch Customer Details with embed=mlp shows it. */
export interface LeanProgramView {
  readonly programId: number;
  readonly loyaltyPoints: number;
  readonly lifetimePoints: number;
  readonly slabSNo: number;
  readonly currentSlab: string;
  readonly nextSlabSerialNumber: number;
  readonly lots: readonly LeanLot[];
}

export interface LeanCustomerView {
  readonly id: number;
  readonly loyaltyType: 'loyalty' | 'non_loyalty';
  readonly profiles: readonly {
    readonly source: string;
    readonly accountId: string;
    readonly firstName: string;
    readonly lastName: string;
    readonly identifiers: readonly LeanIdentifier[];
    readonly conflicting: readonly { readonly mergedFrom: number; readonly identifiers: readonly LeanIdentifier[] }[];
  }[];
  readonly extendedFields: Readonly<Record<string, unknown>>;
  readonly programs?: readonly LeanProgramView[];
  readonly subscriptions?: readonly LeanSubscription[];
}

/** Fetch Customer ID: the live customer holding the identifier in the account (or any account for ALL). */
export function lookup(store: LeanStore, q: LookupQuery): LeanOutcome<{ entity: number }> {
  const all = q.source === 'ALL';
  let account = undefined;
  if (!all) {
    const a = store.account(q.source, q.accountId);
    if (typeof a === 'number') return refuse(a === 8045 ? 8045 : 8011);
    account = a;
  }
  if (!isIdentifierType(q.identifierName)) return refuse(8013);
  const read = normaliseIdentifier(q.identifierName, q.identifierValue, store.org.identifierRules, store.org.blocklist);
  if (!read.ok) return refuse(8013);
  const holders = store.holders({ type: q.identifierName, value: read.value });
  let holder: number | undefined;
  if (holders !== undefined) for (const h of holders) if (account === undefined || h.account === account) holder ??= h.id;
  if (holder === undefined) return refuse(all ? 8015 : 8065);
  return { ok: true, value: { entity: store.resolve(holder) } };
}

function subscriptionsOf(c: LeanCustomer): LeanSubscription[] {
  const set = c.subscriptions;
  if (set === null) return [...DEFAULT_SUBSCRIPTIONS];
  const out = DEFAULT_SUBSCRIPTIONS.map((d) => set.get(subscriptionKey(d)) ?? d);
  for (const [key, s] of set) if (!DEFAULT_SUBSCRIPTIONS.some((d) => subscriptionKey(d) === key)) out.push(s);
  return out;
}

function programsOf(store: LeanStore, c: LeanCustomer): LeanProgramView[] {
  return c.programs.map((l) => {
    const program = store.org.programs.get(l.programId);
    return {
      programId: l.programId,
      loyaltyPoints: balance(l),
      lifetimePoints: l.issued,
      slabSNo: l.tier,
      currentSlab: program === undefined ? '' : (tierOf(program, l.tier)?.name ?? ''),
      nextSlabSerialNumber: program === undefined ? -1 : (nextTierOf(program, l.tier)?.serialNumber ?? -1),
      lots: l.lots.map((x) => ({ ...x })),
    };
  });
}

/** Fetch Customer Details: profiles (one account, or ALL), with programs and subscriptions when embedded. */
export function getCustomer(store: LeanStore, q: GetCustomerQuery): LeanOutcome<LeanCustomerView> {
  const c = store.customer(q.customerId);
  if (c === undefined) return refuse(8015);
  if (c.state === VICTIM) return refuse(8069);
  let only = undefined;
  if (q.source !== 'ALL') {
    const a = store.account(q.source, q.accountId);
    if (typeof a === 'number') return refuse(a);
    if (!c.profiles.some((p) => p.account === a)) return refuse(8065);
    only = a;
  }
  const profiles = [];
  for (const p of c.profiles) {
    if (only !== undefined && p.account !== only) continue;
    profiles.push({
      source: p.account.source,
      accountId: p.account.accountId,
      firstName: p.firstName,
      lastName: p.lastName,
      identifiers: p.identifiers.slice(),
      conflicting: p.conflicting.map((x) => ({ mergedFrom: x.mergedFrom, identifiers: x.identifiers.slice() })),
    });
  }
  const embed = q.embed ?? [];
  return {
    ok: true,
    value: {
      id: c.id,
      loyaltyType: c.loyalty,
      profiles,
      extendedFields: c.extendedFields,
      ...(embed.includes('mlp') || embed.includes('points') ? { programs: programsOf(store, c) } : {}),
      ...(embed.includes('subscriptions') ? { subscriptions: subscriptionsOf(c) } : {}),
    },
  };
}
