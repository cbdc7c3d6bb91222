// A small, mutable reference model of the identity rules of docs/rules.md, written independently of the
// graph in src/: plain Maps and objects, changed in place. It answers register, changeIdentifier,
// update (loyalty), merge, lookup and get with the same outcomes and error codes, in the same order of
// checks, as the rules say. The property tests compare the real graph against it; benchmarks can use it
// as the mutable floor (no test-runner imports).
//
// Only value reading is shared with src: `normaliseIdentifier` (IDN-2, IDN-3) and the org's configuration
// data. Source accounts, identifier types, uniqueness, combine, merge, resolution and loyalty are
// re-implemented here.
//
// Out of scope: names, communication channels, custom and extended fields, `at` validation and schema
// (400) checks of malformed shapes. Commands given to the model must be well-typed and carry none of
// channels or fields; names and identifiers in an update body are accepted and ignored.

import {
  normaliseIdentifier,
  type ChangeIdentifierCommand,
  type GetCustomerQuery,
  type IdentifierInput,
  type LookupQuery,
  type MergeCommand,
  type Org,
  type RegisterCommand,
  type UpdateCommand,
} from '../../src/index';

/** An answer of the model: a value, or a documented error code (with the survivor for 8067 and 8069). */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: number; readonly survivorId?: number };

export type Loyalty = 'loyalty' | 'non_loyalty';

/** An identifier as the model keeps it: type and normalised value. */
export interface ModelIdentifier {
  readonly type: string;
  readonly value: string;
}

/** A profile that merged into a source account its survivor already had (MRG-3). */
export interface ModelConflictingProfile {
  readonly mergedFrom: number;
  readonly source: string;
  readonly accountId: string;
  identifiers: ModelIdentifier[];
}

/** A customer's profile in one source account (SRC-3). */
export interface ModelProfile {
  readonly source: string;
  readonly accountId: string;
  identifiers: ModelIdentifier[];
  conflicting: ModelConflictingProfile[];
}

/** A customer: live, or a victim pointing at the customer it merged into (MRG-4). */
export interface ModelCustomer {
  readonly id: number;
  live: boolean;
  mergedInto: number | null;
  loyalty: Loyalty;
  /** By source account key. */
  profiles: Map<string, ModelProfile>;
}

/** What `get` answers: the customer's loyalty and profiles, with identifiers. */
export interface ModelCustomerView {
  readonly id: number;
  readonly loyaltyType: Loyalty;
  readonly profiles: readonly {
    readonly source: string;
    readonly accountId: string;
    readonly identifiers: readonly ModelIdentifier[];
    readonly conflicting: readonly { readonly mergedFrom: number; readonly identifiers: readonly ModelIdentifier[] }[];
  }[];
}

// The seed's vocabulary, written out here rather than imported, so that the model checks src's lists too.
const SOURCES: ReadonlySet<string> = new Set([
  'FACEBOOK',
  'WEB_ENGAGE',
  'WECHAT',
  'INSTORE',
  'MARTJACK',
  'TMALL',
  'TAOBAO',
  'JD',
  'ECOMMERCE',
  'WEBSITE',
  'LINE',
  'MOBILE_APP',
]);
const MULTI_ACCOUNT: ReadonlySet<string> = new Set(['WECHAT', 'FACEBOOK', 'LINE', 'MOBILE_APP', 'WEB_ENGAGE']);
const IDENTIFIER_TYPES: ReadonlySet<string> = new Set([
  'mobile',
  'email',
  'externalId',
  'wechat',
  'martjackId',
  'fbId',
  'tmall_uname',
  'cuid',
  'ali_uname',
  'jd_uname',
  'vip_uname',
  'line',
  'mobilePush',
]);
const PRIMARY: ReadonlySet<string> = new Set(['mobile', 'email', 'externalId']);

/** IDN-4: the code of a bad or blocked value, by endpoint and type. */
const BAD_VALUE: Record<'register' | 'change', Readonly<Record<string, number>>> = {
  register: { mobile: 1001, email: 1002, externalId: 1003 },
  change: { mobile: 8056, email: 8055, externalId: 8064 },
};

/** REG-3: the code of a same-account collision, by the first colliding type. */
const COLLISION: Readonly<Record<string, number>> = { mobile: 1032, email: 1016, externalId: 1033 };

interface Account {
  readonly source: string;
  readonly accountId: string;
  readonly key: string;
}

function fail(code: number, survivorId?: number): { ok: false; code: number; survivorId?: number } {
  return survivorId === undefined ? { ok: false, code } : { ok: false, code, survivorId };
}

function keyOf(id: ModelIdentifier): string {
  return `${id.type}|${id.value}`;
}

function higher(a: Loyalty, b: Loyalty): Loyalty {
  return a === 'loyalty' || b === 'loyalty' ? 'loyalty' : 'non_loyalty';
}

/** The mutable reference model of one org's customers. */
export class ReferenceModel {
  readonly customers = new Map<number, ModelCustomer>();
  /** `type|value` to the live customer holding it in each source account (ID-1, ID-2). */
  readonly index = new Map<string, Map<string, number>>();
  nextId: number;

  constructor(private readonly org: Org) {
    this.nextId = org.firstCustomerId;
  }

  // -------------------------------------------------------------------------------------------------
  // Commands

  /** Register Customer (REG-1..REG-7, REG-9). */
  register(cmd: RegisterCommand): Outcome<{ createdId: number; combined: boolean }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const account = this.account(cmd.source, cmd.accountId);
    if (!account.ok) return account;
    const loyalty = cmd.body.loyaltyInfo.loyaltyType;
    if (loyalty !== 'loyalty' && loyalty !== 'non_loyalty') return fail(400);
    if (cmd.body.associatedWith !== undefined && !this.org.tills.has(cmd.body.associatedWith)) return fail(91020);
    const profile = cmd.body.profiles.find((p) => p.source === undefined || p.source === account.value.source);
    if (profile === undefined) return fail(400);
    const read = this.identifiers(profile.identifiers ?? [], 'register');
    if (!read.ok) return read;
    const ids = read.value;
    if (loyalty === 'loyalty' && !ids.some((id) => PRIMARY.has(id.type))) return fail(1007);
    if (ids.length === 0) return fail(1045);

    const sak = account.value.key;
    const here = ids.map((id) => this.index.get(keyOf(id))?.get(sak));
    const first = here.findIndex((h) => h !== undefined);
    if (first !== -1) {
      if (here.every((h) => h !== undefined && h === here[0])) return fail(1014);
      return fail(COLLISION[ids[first]?.type ?? ''] ?? 1014);
    }
    const elsewhere = this.holdersElsewhere(ids, sak, undefined);
    if (elsewhere.size > 1) return fail(8053);
    const [existingId] = elsewhere;
    const newProfile: ModelProfile = { source: account.value.source, accountId: account.value.accountId, identifiers: ids, conflicting: [] };
    if (existingId !== undefined) {
      const existing = this.customers.get(existingId);
      if (existing === undefined) throw new Error(`reference model: the index names unknown customer ${existingId}`);
      if (existing.profiles.has(sak)) return fail(8066);
      existing.profiles.set(sak, newProfile);
      existing.loyalty = higher(existing.loyalty, loyalty);
      this.indexProfile(newProfile, sak, existing.id);
      return { ok: true, value: { createdId: existing.id, combined: true } };
    }
    const id = this.nextId++;
    this.customers.set(id, { id, live: true, mergedInto: null, loyalty, profiles: new Map([[sak, newProfile]]) });
    this.indexProfile(newProfile, sak, id);
    return { ok: true, value: { createdId: id, combined: false } };
  }

  /** Update Customer Identifiers (CHG-1..CHG-8). `mergedInto` is the survivor when the customer merged (CHG-4). */
  changeIdentifier(cmd: ChangeIdentifierCommand): Outcome<{ mergedInto: number | null }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const customer = this.customers.get(cmd.customerId);
    if (customer === undefined) return fail(8009);
    if (!customer.live) return fail(8067, this.resolve(customer.id));
    const account = this.account(cmd.source, cmd.accountId);
    if (!account.ok) return account;
    const add = cmd.add ?? [];
    const remove = cmd.remove ?? [];
    if (add.length === 0 && remove.length === 0) return fail(1104);
    const sak = account.value.key;
    const profile = customer.profiles.get(sak);
    if (profile === undefined) return fail(8065);
    const adds = this.identifiers(add, 'change');
    if (!adds.ok) return adds;
    const removes = this.identifiers(remove, 'change');
    if (!removes.ok) return removes;
    const holds = (id: ModelIdentifier): boolean =>
      [profile.identifiers, ...profile.conflicting.map((c) => c.identifiers)].some((list) => list.some((i) => keyOf(i) === keyOf(id)));
    if (removes.value.some((id) => !holds(id))) return fail(1104);
    const removed = new Set(removes.value.map(keyOf));
    const fresh = adds.value.filter((id) => removed.has(keyOf(id)) || !holds(id));
    for (const id of fresh) {
      const holder = this.index.get(keyOf(id))?.get(sak);
      if (holder !== undefined && holder !== customer.id) return fail(8008);
    }
    const elsewhere = this.holdersElsewhere(fresh, sak, customer.id);
    if (elsewhere.size > 1) return fail(8053);

    // CHG-8: removals first, then additions, then the merge they cause.
    for (const id of removes.value) {
      const k = keyOf(id);
      profile.identifiers = profile.identifiers.filter((i) => keyOf(i) !== k);
      for (const c of profile.conflicting) c.identifiers = c.identifiers.filter((i) => keyOf(i) !== k);
      this.unindex(k, sak);
    }
    for (const id of fresh) {
      profile.identifiers.push(id);
      this.indexOne(keyOf(id), sak, customer.id);
    }
    const [survivorId] = elsewhere;
    if (survivorId === undefined) return { ok: true, value: { mergedInto: null } };
    const survivor = this.customers.get(survivorId);
    if (survivor === undefined) throw new Error(`reference model: the index names unknown customer ${survivorId}`);
    this.mergeInto(survivor, customer);
    return { ok: true, value: { mergedInto: survivorId } };
  }

  /** Update Customer Details, as far as the model goes: the profile must exist, loyalty only upgrades (UPD-3, UPD-5). */
  update(cmd: UpdateCommand): Outcome<{ createdId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const customer = this.customers.get(cmd.customerId);
    if (customer === undefined) return fail(8015);
    if (!customer.live) return fail(8069, this.resolve(customer.id));
    const account = this.account(cmd.source, cmd.accountId);
    if (!account.ok) return account;
    if (!customer.profiles.has(account.value.key)) return fail(8065);
    const requested = cmd.body.loyaltyInfo?.loyaltyType;
    if (requested !== undefined) {
      if (requested !== 'loyalty' && requested !== 'non_loyalty') return fail(400);
      if (customer.loyalty === 'loyalty' && requested === 'non_loyalty') return fail(1046);
      customer.loyalty = higher(customer.loyalty, requested);
    }
    return { ok: true, value: { createdId: customer.id } };
  }

  /** An explicit merge request (MRG-1..MRG-6). */
  merge(cmd: MergeCommand): Outcome<{ survivorId: number; victimId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    if (cmd.survivorId === cmd.victimId) return fail(9029);
    const survivor = this.customers.get(cmd.survivorId);
    const victim = this.customers.get(cmd.victimId);
    if (survivor === undefined || victim === undefined) return fail(8015);
    if (!survivor.live) return fail(9023);
    if (!victim.live) return fail(9027);
    this.mergeInto(survivor, victim);
    return { ok: true, value: { survivorId: survivor.id, victimId: victim.id } };
  }

  // -------------------------------------------------------------------------------------------------
  // Queries

  /** Fetch Customer ID (LKP-1..LKP-5). */
  lookup(q: LookupQuery): Outcome<{ entity: number }> {
    const all = q.source === 'ALL';
    let sak: string | undefined;
    if (!all) {
      const account = this.account(q.source, q.accountId);
      if (!account.ok) return fail(account.code === 8045 ? 8045 : 8011);
      sak = account.value.key;
    }
    if (!IDENTIFIER_TYPES.has(q.identifierName)) return fail(8013);
    const read = normaliseIdentifier(q.identifierName as never, q.identifierValue, this.org.identifierRules, this.org.blocklist);
    if (!read.ok) return fail(8013);
    const holders = this.index.get(keyOf({ type: q.identifierName, value: read.value }));
    let holder: number | undefined;
    if (sak !== undefined) holder = holders?.get(sak);
    else for (const h of holders?.values() ?? []) holder ??= h;
    if (holder === undefined) return fail(all ? 8015 : 8065);
    return { ok: true, value: { entity: this.resolve(holder) } };
  }

  /** Fetch Customer Details (GET-1..GET-4), as far as the model goes: loyalty, profiles, identifiers. */
  get(q: GetCustomerQuery): Outcome<ModelCustomerView> {
    const customer = this.customers.get(q.customerId);
    if (customer === undefined) return fail(8015);
    if (!customer.live) return fail(8069, this.resolve(customer.id));
    let only: string | undefined;
    if (q.source !== 'ALL') {
      const account = this.account(q.source, q.accountId);
      if (!account.ok) return account;
      if (!customer.profiles.has(account.value.key)) return fail(8065);
      only = account.value.key;
    }
    const profiles = [...customer.profiles]
      .filter(([sak]) => only === undefined || sak === only)
      .map(([, p]) => ({
        source: p.source,
        accountId: p.accountId,
        identifiers: [...p.identifiers],
        conflicting: p.conflicting.map((c) => ({ mergedFrom: c.mergedFrom, identifiers: [...c.identifiers] })),
      }));
    return { ok: true, value: { id: customer.id, loyaltyType: customer.loyalty, profiles } };
  }

  /** The live customer an id stands for: itself, or the end of its merge chain (MRG-4). */
  resolve(id: number): number {
    let current = this.customers.get(id);
    for (let steps = 0; current !== undefined && !current.live && steps <= this.customers.size; steps++) {
      if (current.mergedInto === null) return id;
      current = this.customers.get(current.mergedInto);
    }
    return current?.id ?? id;
  }

  /** Every customer id the model has handed out, in order. */
  ids(): number[] {
    return [...this.customers.keys()].sort((a, b) => a - b);
  }

  // -------------------------------------------------------------------------------------------------
  // Rules

  /** SRC-1, SRC-2, SRC-4: an enabled source and, for multi-account sources, a known account. */
  private account(source: string, accountId: string | undefined): Outcome<Account> {
    if (!SOURCES.has(source) || !this.org.sources.has(source as never)) return fail(8012);
    const id = accountId ?? '';
    if (MULTI_ACCOUNT.has(source)) {
      if (id === '') return fail(8045);
      if (!(this.org.accounts.get(source as never)?.has(id) ?? false)) return fail(8011);
    } else if (id !== '') {
      return fail(8011);
    }
    return { ok: true, value: { source, accountId: id, key: `${source}/${id}` } };
  }

  /** IDN-1..IDN-4: reads identifiers in order, dropping exact repeats; the first bad one decides the code. */
  private identifiers(inputs: readonly IdentifierInput[], context: 'register' | 'change'): Outcome<ModelIdentifier[]> {
    const out: ModelIdentifier[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      if (!IDENTIFIER_TYPES.has(input.type)) return fail(1104);
      const read = normaliseIdentifier(input.type as never, input.value, this.org.identifierRules, this.org.blocklist);
      if (!read.ok) return fail(BAD_VALUE[context][input.type] ?? 1104);
      const id = { type: input.type, value: read.value };
      if (seen.has(keyOf(id))) continue;
      seen.add(keyOf(id));
      out.push(id);
    }
    return { ok: true, value: out };
  }

  /** The live customers other than `self` that hold any of the identifiers in another source account. */
  private holdersElsewhere(ids: readonly ModelIdentifier[], sak: string, self: number | undefined): Set<number> {
    const found = new Set<number>();
    for (const id of ids) {
      for (const [where, holder] of this.index.get(keyOf(id)) ?? []) {
        if (where === sak) continue;
        const live = this.resolve(holder);
        if (live !== self) found.add(live);
      }
    }
    return found;
  }

  /** MRG-1..MRG-3: the victim's profiles join the survivor, loyalty is the higher, the victim points at it. */
  private mergeInto(survivor: ModelCustomer, victim: ModelCustomer): void {
    for (const [sak, profile] of victim.profiles) {
      const target = survivor.profiles.get(sak);
      if (target === undefined) {
        survivor.profiles.set(sak, profile);
      } else {
        target.conflicting.push(
          { mergedFrom: victim.id, source: profile.source, accountId: profile.accountId, identifiers: profile.identifiers },
          ...profile.conflicting,
        );
      }
      this.indexProfile(profile, sak, survivor.id);
    }
    survivor.loyalty = higher(survivor.loyalty, victim.loyalty);
    victim.live = false;
    victim.mergedInto = survivor.id;
    victim.profiles = new Map();
  }

  private indexProfile(profile: ModelProfile, sak: string, owner: number): void {
    for (const id of profile.identifiers) this.indexOne(keyOf(id), sak, owner);
    for (const c of profile.conflicting) for (const id of c.identifiers) this.indexOne(keyOf(id), sak, owner);
  }

  private indexOne(key: string, sak: string, owner: number): void {
    let holders = this.index.get(key);
    if (holders === undefined) {
      holders = new Map();
      this.index.set(key, holders);
    }
    holders.set(sak, owner);
  }

  private unindex(key: string, sak: string): void {
    const holders = this.index.get(key);
    if (holders === undefined) return;
    holders.delete(sak);
    if (holders.size === 0) this.index.delete(key);
  }
}
