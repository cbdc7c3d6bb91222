// The naive contender: "the same graph kept in flat Maps under produce, which is what most people would
// write first". The state is three Maps (customers, identifier index, search terms) and every write is one
// `produce(state, draft => …)` on a private Immer instance with Map and Set support. Immer copies a Map
// whole the first time a draft of it is written, so every write costs O(N); search scans every term.
//
// The rules kept are the essential ones: source accounts (8012, 8045, 8011), identifier normalisation
// (shared with customer-graph, as the reference model does), uniqueness within a source account (1014,
// 1032, 1016, 1033, 8008), combine into the one customer holding an identifier in another source (REG-6,
// 8066, 8053), merge on changeIdentifier (CHG-4: profiles, conflicting profiles, loyalty, points, OPTOUT
// wins), loyalty only upgrades (1046), subscriptions per channel and priority (1101, 1102, 1106), points
// issue and transfer with enrollment (1013) and balance (1010). Names, fields and dates are stored, not
// validated; there is no event log, change history, tier history or attribution.
import { current, enableMapSet, freeze, Immer, isDraft, type Draft } from 'immer';
import { isIdentifierType, normaliseIdentifier } from '../../src/org/identifiers';
import {
  defaultOrg,
  MULTI_ACCOUNT_SOURCES,
  type ChangeIdentifierCommand,
  type GetCustomerQuery,
  type IdentifierInput,
  type LookupQuery,
  type Org,
  type PointsCommand,
  type RegisterCommand,
  type Source,
  type TransferPointsCommand,
  type UpdateCommand,
  type UpdateSubscriptionsCommand,
} from '../../src/index';
import { fail } from '../harness';
import type {
  CombineItem,
  Contender,
  GetItem,
  LookupItem,
  MergeItem,
  OpName,
  SearchItem,
  UpdateItem,
  V11Item,
} from './types';

// Map and Set drafts are a plugin that immer loads once per process; the settings (auto-freeze) are the
// private instance's own.
enableMapSet();
const immer = new Immer({ autoFreeze: true });

// ---------------------------------------------------------------------------------------------------
// The state

type Loyalty = 'loyalty' | 'non_loyalty';

interface NIdentifier {
  type: string;
  value: string;
}

interface NConflicting {
  mergedFrom: number;
  source: string;
  accountId: string;
  firstName: string;
  lastName: string;
  identifiers: NIdentifier[];
}

interface NProfile {
  source: string;
  accountId: string;
  firstName: string;
  lastName: string;
  identifiers: NIdentifier[];
  conflicting: NConflicting[];
}

interface NLedger {
  programId: number;
  issued: number;
  redeemed: number;
  adjusted: number;
  tier: number;
}

interface NCustomer {
  id: number;
  status: 'live' | 'merged';
  mergedInto: number | null;
  loyaltyType: Loyalty;
  profiles: NProfile[];
  programs: NLedger[];
  /** `CHANNEL|PRIORITY|account` to OPTIN or OPTOUT, the defaults included. */
  subscriptions: Record<string, 'OPTIN' | 'OPTOUT'>;
  extendedFields: Record<string, unknown>;
  createdAt: string;
  modifiedAt: string;
  createdBy: string;
}

export interface NState {
  customers: Map<number, NCustomer>;
  /** `type\0value` to the holder in each source account (`SOURCE/account`). */
  identifierIndex: Map<string, Map<string, number>>;
  /** Lower-cased first name, last name or identifier value to the live customers that have it. */
  search: Map<string, Set<number>>;
  nextId: number;
}

/** An answer: a value, or a documented error code. */
type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: number };

function no(code: number): { ok: false; code: number } {
  return { ok: false, code };
}

const SUBSCRIPTION_CHANNELS: ReadonlySet<string> = new Set(['EMAIL', 'SMS', 'WECHAT', 'ANDROID', 'IOS', 'LINE']);
const PRIORITIES: ReadonlySet<string> = new Set(['TRANS', 'BULK']);
const PRIMARY: ReadonlySet<string> = new Set(['mobile', 'email', 'externalId']);
const REGISTER_BAD_VALUE: Readonly<Record<string, number>> = { mobile: 1001, email: 1002, externalId: 1003 };
const CHANGE_BAD_VALUE: Readonly<Record<string, number>> = { mobile: 8056, email: 8055, externalId: 8064 };
const COLLISION: Readonly<Record<string, number>> = { mobile: 1032, email: 1016, externalId: 1033 };

function defaultSubscriptions(): Record<string, 'OPTIN' | 'OPTOUT'> {
  const out: Record<string, 'OPTIN' | 'OPTOUT'> = {};
  for (const priority of ['TRANS', 'BULK']) for (const channel of ['EMAIL', 'SMS', 'ANDROID', 'IOS']) out[`${channel}|${priority}|`] = 'OPTIN';
  return out;
}

function idKey(i: NIdentifier): string {
  return `${i.type}\u0000${i.value}`;
}

/** A plain copy of a value that may be a draft (to move it to another place in the tree). */
function plain<T>(x: T): T {
  return isDraft(x) ? (current(x as Draft<T>) as T) : x;
}

function balance(l: NLedger): number {
  return l.issued - l.redeemed + l.adjusted;
}

// ---------------------------------------------------------------------------------------------------
// The rules, on a mutable state: a draft under produce, or plain Maps while bulk-loading

class Rules {
  constructor(readonly org: Org) {}

  account(source: string, accountId: string | undefined): Outcome<{ source: string; accountId: string; key: string }> {
    if (!this.org.sources.has(source as Source)) return no(8012);
    const id = accountId ?? '';
    if (MULTI_ACCOUNT_SOURCES.has(source as Source)) {
      if (id === '') return no(8045);
      if (!(this.org.accounts.get(source as Source)?.has(id) ?? false)) return no(8011);
    } else if (id !== '') {
      return no(8011);
    }
    return { ok: true, value: { source, accountId: id, key: `${source}/${id}` } };
  }

  identifiers(inputs: readonly IdentifierInput[], bad: Readonly<Record<string, number>>): Outcome<NIdentifier[]> {
    const out: NIdentifier[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      if (!isIdentifierType(input.type)) return no(1104);
      const read = normaliseIdentifier(input.type, input.value, this.org.identifierRules, this.org.blocklist);
      if (!read.ok) return no(bad[input.type] ?? 1104);
      const id = { type: input.type, value: read.value };
      if (seen.has(idKey(id))) continue;
      seen.add(idKey(id));
      out.push(id);
    }
    return { ok: true, value: out };
  }

  resolve(s: NState, id: number): NCustomer | undefined {
    let c = s.customers.get(id);
    for (let steps = 0; c !== undefined && c.status === 'merged' && c.mergedInto !== null && steps < 64; steps++) c = s.customers.get(c.mergedInto);
    return c;
  }

  holdersElsewhere(s: NState, ids: readonly NIdentifier[], sak: string, self: number | undefined): Set<number> {
    const found = new Set<number>();
    for (const id of ids) {
      for (const [where, holder] of s.identifierIndex.get(idKey(id)) ?? []) {
        if (where === sak) continue;
        const live = this.resolve(s, holder)?.id;
        if (live !== undefined && live !== self) found.add(live);
      }
    }
    return found;
  }

  index(s: NState, ids: readonly NIdentifier[], sak: string, owner: number): void {
    for (const id of ids) {
      const k = idKey(id);
      const holders = s.identifierIndex.get(k);
      if (holders === undefined) s.identifierIndex.set(k, new Map([[sak, owner]]));
      else holders.set(sak, owner);
    }
  }

  unindex(s: NState, id: NIdentifier, sak: string): void {
    const k = idKey(id);
    const holders = s.identifierIndex.get(k);
    if (holders === undefined) return;
    holders.delete(sak);
    if (holders.size === 0) s.identifierIndex.delete(k);
  }

  termsOf(c: NCustomer): Set<string> {
    const out = new Set<string>();
    if (c.status !== 'live') return out;
    const add = (v: string): void => {
      if (v !== '') out.add(v.toLowerCase());
    };
    for (const p of c.profiles) {
      for (const x of [p, ...p.conflicting]) {
        add(x.firstName);
        add(x.lastName);
        for (const i of x.identifiers) add(i.value);
      }
    }
    return out;
  }

  /** Brings the search map in line with a customer's terms before and after a change. */
  retitle(s: NState, id: number, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
    for (const t of before) {
      if (after.has(t)) continue;
      const holders = s.search.get(t);
      if (holders === undefined) continue;
      holders.delete(id);
      if (holders.size === 0) s.search.delete(t);
    }
    for (const t of after) {
      if (before.has(t)) continue;
      const holders = s.search.get(t);
      if (holders === undefined) s.search.set(t, new Set([id]));
      else holders.add(id);
    }
  }

  enroll(c: NCustomer, items: readonly unknown[] | undefined): Outcome<null> {
    for (const raw of items ?? []) {
      const item = raw as { programId: number; tierNumber?: number; loyaltyPoints?: number };
      const program = this.org.programs.get(item.programId);
      if (program === undefined) return no(400);
      if (c.programs.some((l) => l.programId === item.programId)) continue;
      const ledger: NLedger = { programId: item.programId, issued: item.loyaltyPoints ?? 0, redeemed: 0, adjusted: 0, tier: item.tierNumber ?? program.tiers[0]?.serialNumber ?? 1 };
      this.retier(ledger);
      c.programs.push(ledger);
    }
    return { ok: true, value: null };
  }

  retier(l: NLedger): void {
    for (const t of this.org.programs.get(l.programId)?.tiers ?? []) if (t.upgradeThreshold <= l.issued && t.serialNumber > l.tier) l.tier = t.serialNumber;
  }

  register(s: NState, cmd: RegisterCommand): Outcome<{ createdId: number; combined: boolean }> {
    if (!this.org.tills.has(cmd.meta.till)) return no(91021);
    const account = this.account(cmd.source, cmd.accountId);
    if (!account.ok) return account;
    const loyalty = cmd.body.loyaltyInfo.loyaltyType;
    if (loyalty !== 'loyalty' && loyalty !== 'non_loyalty') return no(400);
    const input = cmd.body.profiles.find((p) => p.source === undefined || p.source === cmd.source);
    if (input === undefined) return no(400);
    const read = this.identifiers(input.identifiers ?? [], REGISTER_BAD_VALUE);
    if (!read.ok) return read;
    const ids = read.value;
    if (loyalty === 'loyalty' && !ids.some((i) => PRIMARY.has(i.type))) return no(1007);
    if (ids.length === 0) return no(1045);
    const sak = account.value.key;
    const here = ids.map((i) => s.identifierIndex.get(idKey(i))?.get(sak));
    const first = here.findIndex((h) => h !== undefined);
    if (first !== -1) return no(here.every((h) => h === here[0]) ? 1014 : (COLLISION[ids[first]?.type ?? ''] ?? 1014));
    const elsewhere = this.holdersElsewhere(s, ids, sak, undefined);
    if (elsewhere.size > 1) return no(8053);
    const profile: NProfile = {
      source: account.value.source,
      accountId: account.value.accountId,
      firstName: input.firstName?.trim() ?? '',
      lastName: input.lastName?.trim() ?? '',
      identifiers: ids,
      conflicting: [],
    };
    const [existingId] = elsewhere;
    if (existingId !== undefined) {
      const existing = s.customers.get(existingId);
      if (existing === undefined) return fail(`naive-immer: the index names unknown customer ${existingId}`);
      if (existing.profiles.some((p) => p.source === profile.source && p.accountId === profile.accountId)) return no(8066);
      const before = this.termsOf(existing);
      const enrolled = this.enroll(existing, cmd.body.loyaltyProgramEnrollments);
      if (!enrolled.ok) return enrolled;
      existing.profiles.push(profile);
      if (loyalty === 'loyalty') existing.loyaltyType = 'loyalty';
      existing.modifiedAt = cmd.meta.at;
      this.index(s, ids, sak, existingId);
      this.retitle(s, existingId, before, this.termsOf(existing));
      return { ok: true, value: { createdId: existingId, combined: true } };
    }
    const id = s.nextId;
    const customer: NCustomer = {
      id,
      status: 'live',
      mergedInto: null,
      loyaltyType: loyalty,
      profiles: [profile],
      programs: [],
      subscriptions: defaultSubscriptions(),
      extendedFields: { ...(cmd.body.extendedFields ?? {}) },
      createdAt: cmd.meta.at,
      modifiedAt: cmd.meta.at,
      createdBy: cmd.meta.till,
    };
    const enrolled = this.enroll(customer, cmd.body.loyaltyProgramEnrollments);
    if (!enrolled.ok) return enrolled;
    s.nextId = id + 1;
    s.customers.set(id, customer);
    this.index(s, ids, sak, id);
    this.retitle(s, id, new Set(), this.termsOf(customer));
    return { ok: true, value: { createdId: id, combined: false } };
  }

  changeIdentifier(s: NState, cmd: ChangeIdentifierCommand): Outcome<{ mergedInto: number | null }> {
    if (!this.org.tills.has(cmd.meta.till)) return no(91021);
    const c = s.customers.get(cmd.customerId);
    if (c === undefined) return no(8009);
    if (c.status !== 'live') return no(8067);
    const account = this.account(cmd.source, cmd.accountId);
    if (!account.ok) return account;
    const sak = account.value.key;
    const profile = c.profiles.find((p) => p.source === account.value.source && p.accountId === account.value.accountId);
    if (profile === undefined) return no(8065);
    if ((cmd.add ?? []).length === 0 && (cmd.remove ?? []).length === 0) return no(1104);
    const adds = this.identifiers(cmd.add ?? [], CHANGE_BAD_VALUE);
    if (!adds.ok) return adds;
    const removes = this.identifiers(cmd.remove ?? [], CHANGE_BAD_VALUE);
    if (!removes.ok) return removes;
    const held = new Set([profile, ...profile.conflicting].flatMap((p) => p.identifiers.map(idKey)));
    if (removes.value.some((i) => !held.has(idKey(i)))) return no(1104);
    const removed = new Set(removes.value.map(idKey));
    const fresh = adds.value.filter((i) => removed.has(idKey(i)) || !held.has(idKey(i)));
    for (const i of fresh) {
      const holder = s.identifierIndex.get(idKey(i))?.get(sak);
      if (holder !== undefined && holder !== c.id) return no(8008);
    }
    const elsewhere = this.holdersElsewhere(s, fresh, sak, c.id);
    if (elsewhere.size > 1) return no(8053);
    const before = this.termsOf(c);
    for (const i of removes.value) {
      const k = idKey(i);
      profile.identifiers = profile.identifiers.filter((x) => idKey(x) !== k);
      for (const x of profile.conflicting) x.identifiers = x.identifiers.filter((y) => idKey(y) !== k);
      this.unindex(s, i, sak);
    }
    for (const i of fresh) profile.identifiers.push(i);
    this.index(s, fresh, sak, c.id);
    c.modifiedAt = cmd.meta.at;
    const [survivorId] = elsewhere;
    if (survivorId === undefined) {
      this.retitle(s, c.id, before, this.termsOf(c));
      return { ok: true, value: { mergedInto: null } };
    }
    const survivor = s.customers.get(survivorId);
    if (survivor === undefined) return fail(`naive-immer: the index names unknown customer ${survivorId}`);
    const survivorBefore = this.termsOf(survivor);
    this.mergeInto(s, survivor, c, cmd.meta.at);
    this.retitle(s, c.id, before, new Set());
    this.retitle(s, survivor.id, survivorBefore, this.termsOf(survivor));
    return { ok: true, value: { mergedInto: survivorId } };
  }

  /** Profiles join the survivor (conflicting where it has the account), loyalty the higher, points added, OPTOUT wins. */
  mergeInto(s: NState, survivor: NCustomer, victim: NCustomer, at: string): void {
    for (const draftProfile of victim.profiles) {
      const p = plain(draftProfile);
      const sak = `${p.source}/${p.accountId}`;
      const target = survivor.profiles.find((x) => x.source === p.source && x.accountId === p.accountId);
      if (target === undefined) survivor.profiles.push(p);
      else target.conflicting.push({ mergedFrom: victim.id, source: p.source, accountId: p.accountId, firstName: p.firstName, lastName: p.lastName, identifiers: p.identifiers }, ...p.conflicting);
      for (const x of [p, ...p.conflicting]) this.index(s, x.identifiers, sak, survivor.id);
    }
    if (victim.loyaltyType === 'loyalty') survivor.loyaltyType = 'loyalty';
    for (const v of victim.programs) {
      const l = survivor.programs.find((x) => x.programId === v.programId);
      if (l === undefined) {
        survivor.programs.push({ ...plain(v) });
        continue;
      }
      l.issued += v.issued;
      l.redeemed += v.redeemed;
      l.adjusted += v.adjusted;
      l.tier = Math.max(l.tier, v.tier);
      this.retier(l);
    }
    for (const [k, type] of Object.entries(victim.subscriptions)) if (type === 'OPTOUT' || survivor.subscriptions[k] === undefined) survivor.subscriptions[k] = type;
    survivor.modifiedAt = at;
    victim.status = 'merged';
    victim.mergedInto = survivor.id;
    victim.profiles = [];
  }

  live(s: NState, id: number): Outcome<NCustomer> {
    const c = s.customers.get(id);
    if (c === undefined) return no(8015);
    if (c.status !== 'live') return no(8069);
    return { ok: true, value: c };
  }

  update(s: NState, cmd: UpdateCommand): Outcome<{ createdId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return no(91021);
    const found = this.live(s, cmd.customerId);
    if (!found.ok) return found;
    const c = found.value;
    const account = this.account(cmd.source, cmd.accountId);
    if (!account.ok) return account;
    const profile = c.profiles.find((p) => p.source === account.value.source && p.accountId === account.value.accountId);
    if (profile === undefined) return no(8065);
    const requested = cmd.body.loyaltyInfo?.loyaltyType;
    if (requested !== undefined && requested !== 'loyalty' && requested !== 'non_loyalty') return no(400);
    if (c.loyaltyType === 'loyalty' && requested === 'non_loyalty') return no(1046);
    const before = this.termsOf(c);
    const input = cmd.body.profiles?.find((p) => p.source === undefined || p.source === cmd.source);
    if (input?.firstName !== undefined) profile.firstName = input.firstName.trim();
    if (input?.lastName !== undefined) profile.lastName = input.lastName.trim();
    if (requested === 'loyalty') c.loyaltyType = 'loyalty';
    const enrolled = this.enroll(c, cmd.body.loyaltyProgramEnrollments);
    if (!enrolled.ok) return enrolled;
    c.modifiedAt = cmd.meta.at;
    this.retitle(s, c.id, before, this.termsOf(c));
    return { ok: true, value: { createdId: c.id } };
  }

  updateSubscriptions(s: NState, cmd: UpdateSubscriptionsCommand): Outcome<{ changed: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return no(91021);
    const found = this.live(s, cmd.customerId);
    if (!found.ok) return found;
    const read: [string, 'OPTIN' | 'OPTOUT'][] = [];
    for (const x of cmd.body.subscriptions) {
      const upper = x.channel.toUpperCase();
      const channel = upper === 'MOBILE' ? 'SMS' : upper;
      if (!SUBSCRIPTION_CHANNELS.has(channel)) return no(1101);
      const priority = x.priority.toUpperCase();
      if (!PRIORITIES.has(priority)) return no(1102);
      const type = x.type.toUpperCase();
      if (type !== 'OPTIN' && type !== 'OPTOUT') return no(1106);
      read.push([`${channel}|${priority}|${x.accountId ?? ''}`, type]);
    }
    for (const [k, type] of read) found.value.subscriptions[k] = type;
    found.value.modifiedAt = cmd.meta.at;
    return { ok: true, value: { changed: read.length } };
  }

  issuePoints(s: NState, cmd: PointsCommand): Outcome<{ loyaltyPoints: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return no(91021);
    const found = this.live(s, cmd.customerId);
    if (!found.ok) return found;
    if (!this.org.programs.has(cmd.programId)) return no(400);
    const ledger = found.value.programs.find((l) => l.programId === cmd.programId);
    if (ledger === undefined) return no(1013);
    if (!Number.isSafeInteger(cmd.points) || cmd.points <= 0) return no(400);
    ledger.issued += cmd.points;
    this.retier(ledger);
    return { ok: true, value: { loyaltyPoints: balance(ledger) } };
  }

  transfer(s: NState, cmd: TransferPointsCommand): Outcome<{ fromId: number; toId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return no(91021);
    if (cmd.fromId === cmd.toId) return no(400);
    const from = this.live(s, cmd.fromId);
    if (!from.ok) return from;
    const to = this.live(s, cmd.toId);
    if (!to.ok) return to;
    if (!this.org.programs.has(cmd.programId)) return no(400);
    const sender = from.value.programs.find((l) => l.programId === cmd.programId);
    const receiver = to.value.programs.find((l) => l.programId === cmd.programId);
    if (sender === undefined || receiver === undefined) return no(1013);
    if (!Number.isSafeInteger(cmd.points) || cmd.points <= 0) return no(400);
    if (cmd.points > balance(sender)) return no(1010);
    sender.adjusted -= cmd.points;
    receiver.adjusted += cmd.points;
    return { ok: true, value: { fromId: cmd.fromId, toId: cmd.toId } };
  }
}

// ---------------------------------------------------------------------------------------------------
// Reads: plain functions of a state

export interface NCustomerView {
  readonly id: number;
  readonly loyaltyType: Loyalty;
  readonly profiles: readonly {
    readonly source: string;
    readonly accountId: string;
    readonly firstName: string;
    readonly lastName: string;
    readonly identifiers: readonly NIdentifier[];
  }[];
  readonly extendedFields: Readonly<Record<string, unknown>>;
  readonly pointsSummary?: { readonly loyaltyPoints: number; readonly lifetimePoints: number };
  readonly subscriptions?: readonly { readonly channel: string; readonly priority: string; readonly accountId: string; readonly type: string }[];
  readonly programs?: readonly { readonly programId: number; readonly loyaltyPoints: number; readonly lifetimePoints: number; readonly tier: string }[];
}

function lookupIn(org: Org, rules: Rules, s: NState, q: LookupQuery): Outcome<{ entity: number }> {
  let sak: string | undefined;
  if (q.source !== 'ALL') {
    const account = rules.account(q.source, q.accountId);
    if (!account.ok) return account;
    sak = account.value.key;
  }
  if (!isIdentifierType(q.identifierName)) return no(8013);
  const read = normaliseIdentifier(q.identifierName, q.identifierValue, org.identifierRules, org.blocklist);
  if (!read.ok) return no(8013);
  const holders = s.identifierIndex.get(`${q.identifierName}\u0000${read.value}`);
  let holder: number | undefined;
  if (sak !== undefined) holder = holders?.get(sak);
  else for (const h of holders?.values() ?? []) holder ??= h;
  if (holder === undefined) return no(sak === undefined ? 8015 : 8065);
  const live = rules.resolve(s, holder);
  return live === undefined ? no(8015) : { ok: true, value: { entity: live.id } };
}

function view(org: Org, c: NCustomer, embed: ReadonlySet<string>): NCustomerView {
  const tierName = (programId: number, serial: number): string =>
    org.programs.get(programId)?.tiers.find((t) => t.serialNumber === serial)?.name ?? '';
  const main = c.programs[0];
  return {
    id: c.id,
    loyaltyType: c.loyaltyType,
    profiles: c.profiles.map((p) => ({ source: p.source, accountId: p.accountId, firstName: p.firstName, lastName: p.lastName, identifiers: p.identifiers.map((i) => ({ ...i })) })),
    extendedFields: { ...c.extendedFields },
    ...(embed.has('points') ? { pointsSummary: { loyaltyPoints: main === undefined ? 0 : balance(main), lifetimePoints: main?.issued ?? 0 } } : {}),
    ...(embed.has('subscriptions')
      ? {
          subscriptions: Object.entries(c.subscriptions).map(([k, type]) => {
            const [channel = '', priority = '', accountId = ''] = k.split('|');
            return { channel, priority, accountId, type };
          }),
        }
      : {}),
    ...(embed.has('mlp')
      ? { programs: c.programs.map((l) => ({ programId: l.programId, loyaltyPoints: balance(l), lifetimePoints: l.issued, tier: tierName(l.programId, l.tier) })) }
      : {}),
  };
}

function getIn(org: Org, s: NState, q: GetCustomerQuery): Outcome<NCustomerView> {
  const c = s.customers.get(q.customerId);
  if (c === undefined) return no(8015);
  if (c.status !== 'live') return no(8069);
  return { ok: true, value: view(org, c, new Set(q.embed ?? [])) };
}

/** The naive search: every term of the search map is tested against the prefix. */
function searchIn(s: NState, q: string, limit: number, offset: number): { total: number; data: { userId: number; profiles: { source: string; firstName: string; lastName: string }[] }[] } {
  const low = q.trim().toLowerCase();
  const seen = new Set<number>();
  for (const [term, ids] of s.search) {
    if (!term.startsWith(low)) continue;
    for (const id of ids) seen.add(id);
  }
  const page = [...seen].sort((a, b) => a - b).slice(offset, offset + limit);
  const data = page.map((id) => ({
    userId: id,
    profiles: (s.customers.get(id)?.profiles ?? []).map((p) => ({ source: p.source, firstName: p.firstName, lastName: p.lastName })),
  }));
  return { total: seen.size, data };
}

// ---------------------------------------------------------------------------------------------------
// The contender

function emptyState(org: Org): NState {
  return { customers: new Map(), identifierIndex: new Map(), search: new Map(), nextId: org.firstCustomerId };
}

export class NaiveImmerContender implements Contender {
  readonly name = 'naive-immer' as const;
  private readonly rules: Rules;
  private base: NState;
  private staged: NState | undefined;

  constructor(private readonly org: Org = defaultOrg()) {
    this.rules = new Rules(org);
    this.base = freeze(emptyState(org), true);
  }

  /** One write: `produce` around a rule; a refusal leaves the state as it was. */
  private write<T>(state: NState, apply: (draft: NState) => Outcome<T>): { state: NState; outcome: Outcome<T> } {
    let outcome = no(0) as Outcome<T>;
    const next = immer.produce(state, (draft) => {
      outcome = apply(draft as NState);
    });
    return { state: outcome.ok ? next : state, outcome };
  }

  /**
   * Bulk constructor: the same register rule applied to plain Maps outside produce (loading one
   * `produce` at a time would cost O(N²)), then deep-frozen, as immer's auto-freeze leaves its results.
   */
  build(commands: Iterable<RegisterCommand>, n: number): void {
    const s = emptyState(this.org);
    let i = 0;
    for (const command of commands) {
      const r = this.rules.register(s, command);
      if (!r.ok) fail(`loading customer ${i}: ${r.code}`);
      if (r.value.createdId !== this.org.firstCustomerId + i || r.value.combined) fail(`customer ${i} got id ${r.value.createdId}`);
      i++;
    }
    if (i !== n) fail(`loaded ${i} customers, expected ${n}`);
    this.base = freeze(s, true);
    this.staged = undefined;
  }

  reset(): void {
    this.base = freeze(emptyState(this.org), true);
    this.staged = undefined;
  }

  private start(): NState {
    const s = this.staged ?? this.base;
    this.staged = undefined;
    return s;
  }

  stage(commands: readonly RegisterCommand[]): number[] {
    let s = this.staged ?? this.base;
    const ids: number[] = [];
    for (const command of commands) {
      const r = this.write(s, (d) => this.rules.register(d, command));
      if (!r.outcome.ok || r.outcome.value.combined) fail(`staging a registration: ${r.outcome.ok ? 'combined' : r.outcome.code}`);
      ids.push(r.outcome.value.createdId);
      s = r.state;
    }
    this.staged = s;
    return ids;
  }

  register(commands: readonly RegisterCommand[]): number {
    let s = this.start();
    let created = 0;
    for (const command of commands) {
      const r = this.write(s, (d) => this.rules.register(d, command));
      if (!r.outcome.ok) fail(`register: ${r.outcome.code}`);
      if (!r.outcome.value.combined && r.state.customers.has(r.outcome.value.createdId)) created++;
      s = r.state;
    }
    return created;
  }

  registerCombine(items: readonly CombineItem[]): number {
    let s = this.start();
    let combined = 0;
    for (const { command, expected } of items) {
      const r = this.write(s, (d) => this.rules.register(d, command));
      if (!r.outcome.ok) fail(`registerCombine: ${r.outcome.code}`);
      if (r.outcome.value.combined && r.outcome.value.createdId === expected) combined++;
      s = r.state;
    }
    return combined;
  }

  changeIdentifierMerge(items: readonly MergeItem[]): number {
    let s = this.start();
    let merged = 0;
    for (const { command, survivor } of items) {
      const r = this.write(s, (d) => this.rules.changeIdentifier(d, command));
      if (!r.outcome.ok) fail(`changeIdentifier: ${r.outcome.code}`);
      if (r.outcome.value.mergedInto === survivor && r.state.customers.get(command.customerId)?.status === 'merged') merged++;
      s = r.state;
    }
    return merged;
  }

  update(items: readonly UpdateItem[]): number {
    let s = this.start();
    let updated = 0;
    for (const { command } of items) {
      const r = this.write(s, (d) => this.rules.update(d, command));
      if (!r.outcome.ok) fail(`update: ${r.outcome.code}`);
      if (r.outcome.value.createdId === command.customerId) updated++;
      s = r.state;
    }
    return updated;
  }

  lookup(items: readonly LookupItem[]): number {
    const s = this.base;
    let found = 0;
    for (const { query, expected } of items) {
      const r = lookupIn(this.org, this.rules, s, query);
      if (r.ok && r.value.entity === expected) found++;
    }
    return found;
  }

  getWithEmbeds(items: readonly GetItem[]): number {
    const s = this.base;
    let found = 0;
    for (const { query, expected } of items) {
      const r = getIn(this.org, s, query);
      if (r.ok && r.value.id === expected && r.value.pointsSummary !== undefined && r.value.subscriptions !== undefined && (r.value.programs?.length ?? 0) > 0) found++;
    }
    return found;
  }

  search(items: readonly SearchItem[]): number {
    const s = this.base;
    let answered = 0;
    for (const { query, expected } of items) {
      const r = searchIn(s, query.q, query.limit ?? 10, query.offset ?? 0);
      if (r.total >= 1 && r.total <= 10 && r.data.length === r.total && r.data.some((h) => h.userId === expected)) answered++;
    }
    return answered;
  }

  updateSubscriptions(commands: readonly UpdateSubscriptionsCommand[]): number {
    let s = this.start();
    let done = 0;
    for (const command of commands) {
      const r = this.write(s, (d) => this.rules.updateSubscriptions(d, command));
      if (!r.outcome.ok) fail(`updateSubscriptions: ${r.outcome.code}`);
      if (r.outcome.value.changed === command.body.subscriptions.length) done++;
      s = r.state;
    }
    return done;
  }

  issuePoints(commands: readonly PointsCommand[]): number {
    let s = this.start();
    let done = 0;
    for (const command of commands) {
      const r = this.write(s, (d) => this.rules.issuePoints(d, command));
      if (!r.outcome.ok) fail(`issuePoints: ${r.outcome.code}`);
      if (r.outcome.value.loyaltyPoints >= command.points) done++;
      s = r.state;
    }
    return done;
  }

  transferPoints(commands: readonly TransferPointsCommand[]): number {
    let s = this.start();
    let done = 0;
    for (const command of commands) {
      const r = this.write(s, (d) => this.rules.transfer(d, command));
      if (!r.outcome.ok) fail(`transferPoints: ${r.outcome.code}`);
      if (r.outcome.value.fromId === command.fromId) done++;
      s = r.state;
    }
    return done;
  }

  v11BulkGet10(items: readonly V11Item[]): number {
    const s = this.base;
    let answered = 0;
    for (const { ids } of items) {
      const out: NCustomerView[] = [];
      for (const customerId of ids) {
        const c = this.rules.resolve(s, customerId);
        if (c !== undefined && c.status === 'live') out.push(view(this.org, c, new Set(['mlp', 'subscriptions'])));
      }
      if (out.length === ids.length && out.every((c, k) => c.id === ids[k])) answered++;
    }
    return answered;
  }

  afterRound(_op: OpName): void {
    this.staged = undefined;
  }
}
