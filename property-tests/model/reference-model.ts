// A small, mutable reference model of the identity, points and subscription rules of docs/rules.md,
// written independently of the graph in src/: plain Maps and objects, changed in place. It answers
// register (with program enrollments), changeIdentifier, update (loyalty and enrollments), merge, points
// movements, transfers, subscription updates, PII deletion, lookup, get and loyalty details with the same
// outcomes and error codes, in the same order of checks, as the rules say. The property tests compare the
// real graph against it; benchmarks can use it as the mutable floor (no test-runner imports).
//
// Only value reading is shared with src: `normaliseIdentifier` (IDN-2, IDN-3) and the org's configuration
// data (programs and their tiers included). Source accounts, identifier types, uniqueness, combine, merge,
// resolution, loyalty, balances, tiers, subscriptions and deletion are re-implemented here; no ledger,
// loyalty or subscription function of src is called.
//
// Out of scope: names, communication channels, custom and extended fields, `at` validation and schema
// (400) checks of malformed shapes; points expiry (no expiry dates), purchases, coupons, goodwill and
// registration rewards (the default org has none). Commands given to the model must be well-typed and
// carry none of channels, fields or dates; names and identifiers in an update body are accepted and ignored.

import {

  type ChangeIdentifierCommand,
  type DeletePiiCommand,
  type GetCustomerQuery,
  type IdentifierInput,
  type LookupQuery,
  type LoyaltyDetailsQuery,
  type MergeCommand,
  type Org,
  type PointsCommand,
  type RegisterCommand,
  type TransferPointsCommand,
  type UpdateCommand,
  type UpdateSubscriptionsCommand,
} from '../../src/index';
import { normaliseIdentifier } from '../../src/org/identifiers';

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

/** A customer's standing in one program (PTS-2, PTS-5): counters, and the tier with its floor. */
export interface ModelLedger {
  readonly programId: number;
  issued: number;
  redeemed: number;
  returned: number;
  adjusted: number;
  /** The tier given at enrollment or kept by a merge: the thresholds never put the member below it. */
  floor: number;
  tier: number;
}

/** One subscription state: channel, priority and account, OPTIN or OPTOUT (SUB-1). */
export interface ModelSubscription {
  readonly channel: string;
  readonly priority: string;
  readonly accountId: string;
  readonly type: 'OPTIN' | 'OPTOUT';
}

/** A customer: live, a victim pointing at the customer it merged into (MRG-4), or deleted (PII-1). */
export interface ModelCustomer {
  readonly id: number;
  live: boolean;
  /** Deleted on a PII request: neither live nor a victim. */
  deleted: boolean;
  mergedInto: number | null;
  loyalty: Loyalty;
  /** By source account key. */
  profiles: Map<string, ModelProfile>;
  /** In enrollment order (the first is the customer's main program). */
  programs: ModelLedger[];
  /** Every subscription state, the defaults included, by `channel|priority|account`. */
  subscriptions: Map<string, ModelSubscription>;
}

/** One program as Fetch Customer Loyalty Details answers it, as far as the model goes. */
export interface ModelProgramView {
  readonly programId: number;
  readonly loyaltyPoints: number;
  readonly lifetimePoints: number;
  readonly redeemed: number;
  readonly returned: number;
  readonly adjusted: number;
  readonly expired: number;
  readonly slabSNo: number;
  readonly currentSlab: string;
  readonly nextSlabSerialNumber: number;
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
  /** With embed=mlp: every program. */
  readonly programs?: readonly ModelProgramView[];
  /** With embed=subscriptions: every subscription state. */
  readonly subscriptions?: readonly ModelSubscription[];
}

/** An item of `loyaltyProgramEnrollments` as the model reads it: well-typed, without dates. */
interface ModelEnrollmentInput {
  readonly programId: number;
  readonly tierNumber?: number;
  readonly loyaltyPoints?: number;
  readonly tierExpiryDate?: string;
  readonly pointsExpiryDate?: string;
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

/** SUB-2, SUB-3: the subscription channels, a MOBILE request reported as SMS; the default subscriptions. */
const SUBSCRIPTION_CHANNELS: ReadonlySet<string> = new Set(['EMAIL', 'SMS', 'WECHAT', 'ANDROID', 'IOS', 'LINE']);
const DEFAULT_SUBSCRIBED: readonly string[] = ['EMAIL', 'SMS', 'ANDROID', 'IOS'];
const PRIORITIES: readonly string[] = ['TRANS', 'BULK'];

function subscriptionKey(s: { channel: string; priority: string; accountId: string }): string {
  return `${s.channel}|${s.priority}|${s.accountId}`;
}

function defaultSubscriptions(): Map<string, ModelSubscription> {
  const out = new Map<string, ModelSubscription>();
  for (const priority of PRIORITIES) {
    for (const channel of DEFAULT_SUBSCRIBED) {
      const s: ModelSubscription = { channel, priority, accountId: '', type: 'OPTIN' };
      out.set(subscriptionKey(s), s);
    }
  }
  return out;
}

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

/** PTS-2 without expiry: issued − redeemed − returned + adjusted. */
function balance(l: ModelLedger): number {
  return l.issued - l.redeemed - l.returned + l.adjusted;
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
      const enrollments = this.enrollments(cmd.body.loyaltyProgramEnrollments);
      if (!enrollments.ok) return enrollments;
      if (!this.enrollable(existing, higher(existing.loyalty, loyalty), enrollments.value)) return fail(400);
      existing.profiles.set(sak, newProfile);
      existing.loyalty = higher(existing.loyalty, loyalty);
      this.indexProfile(newProfile, sak, existing.id);
      this.enroll(existing, enrollments.value);
      return { ok: true, value: { createdId: existing.id, combined: true } };
    }
    const enrollments = this.enrollments(cmd.body.loyaltyProgramEnrollments);
    if (!enrollments.ok) return enrollments;
    if (!this.enrollable(undefined, loyalty, enrollments.value)) return fail(400);
    const id = this.nextId++;
    const customer: ModelCustomer = {
      id,
      live: true,
      deleted: false,
      mergedInto: null,
      loyalty,
      profiles: new Map([[sak, newProfile]]),
      programs: [],
      subscriptions: defaultSubscriptions(),
    };
    this.customers.set(id, customer);
    this.indexProfile(newProfile, sak, id);
    this.enroll(customer, enrollments.value);
    return { ok: true, value: { createdId: id, combined: false } };
  }

  /** Update Customer Identifiers (CHG-1..CHG-8). `mergedInto` is the survivor when the customer merged (CHG-4). */
  changeIdentifier(cmd: ChangeIdentifierCommand): Outcome<{ mergedInto: number | null }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const customer = this.customers.get(cmd.customerId);
    if (customer === undefined) return fail(8009);
    if (customer.deleted) return fail(8015);
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

  /**
   * Update Customer Details, as far as the model goes: the profile must exist, loyalty only upgrades, and
   * enrollments join programs the customer is not in yet (UPD-3, UPD-5, PRG-2, PRG-3).
   */
  update(cmd: UpdateCommand): Outcome<{ createdId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const customer = this.actionable(cmd.customerId);
    if (!customer.ok) return customer;
    const c = customer.value;
    const account = this.account(cmd.source, cmd.accountId);
    if (!account.ok) return account;
    if (!c.profiles.has(account.value.key)) return fail(8065);
    const requested = cmd.body.loyaltyInfo?.loyaltyType;
    if (requested !== undefined) {
      if (requested !== 'loyalty' && requested !== 'non_loyalty') return fail(400);
      if (c.loyalty === 'loyalty' && requested === 'non_loyalty') return fail(1046);
    }
    const enrollments = this.enrollments(cmd.body.loyaltyProgramEnrollments);
    if (!enrollments.ok) return enrollments;
    const after = requested === 'loyalty' || requested === 'non_loyalty' ? higher(c.loyalty, requested) : c.loyalty;
    if (!this.enrollable(c, after, enrollments.value)) return fail(400);
    if (requested === 'loyalty' || requested === 'non_loyalty') c.loyalty = higher(c.loyalty, requested);
    this.enroll(c, enrollments.value);
    return { ok: true, value: { createdId: c.id } };
  }

  /** An explicit merge request (MRG-1..MRG-6). */
  merge(cmd: MergeCommand): Outcome<{ survivorId: number; victimId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    if (cmd.survivorId === cmd.victimId) return fail(9029);
    const survivor = this.customers.get(cmd.survivorId);
    const victim = this.customers.get(cmd.victimId);
    if (survivor === undefined || victim === undefined) return fail(8015);
    if (!survivor.live && !survivor.deleted) return fail(9023);
    if (!victim.live && !victim.deleted) return fail(9027);
    if (survivor.deleted || victim.deleted) return fail(8015);
    this.mergeInto(survivor, victim);
    return { ok: true, value: { survivorId: survivor.id, victimId: victim.id } };
  }

  /**
   * Issue, redeem, return or adjust points in one program (PTS-2, PTS-4): the customer must be live and
   * enrolled (1013), the points whole and positive (an adjustment non-zero), and no debit may take more
   * than the balance (1010). Answers the balance after.
   */
  points(cmd: PointsCommand): Outcome<{ loyaltyPoints: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const customer = this.actionable(cmd.customerId);
    if (!customer.ok) return customer;
    if (!this.org.programs.has(cmd.programId)) return fail(400);
    const ledger = customer.value.programs.find((l) => l.programId === cmd.programId);
    if (ledger === undefined) return fail(1013);
    const adjust = cmd.kind === 'adjustPoints';
    if (cmd.points === 0 || (!adjust && cmd.points < 0)) return fail(400);
    const debit = cmd.kind === 'redeemPoints' || cmd.kind === 'returnPoints' || (adjust && cmd.points < 0);
    if (debit && Math.abs(cmd.points) > balance(ledger)) return fail(1010);
    switch (cmd.kind) {
      case 'issuePoints':
        ledger.issued += cmd.points;
        break;
      case 'redeemPoints':
        ledger.redeemed += cmd.points;
        break;
      case 'returnPoints':
        ledger.returned += cmd.points;
        break;
      case 'adjustPoints':
        ledger.adjusted += cmd.points;
        break;
    }
    this.retier(ledger);
    return { ok: true, value: { loyaltyPoints: balance(ledger) } };
  }

  /** A points transfer between two different live members of one program (TRF-1..TRF-3). */
  transfer(cmd: TransferPointsCommand): Outcome<{ fromId: number; toId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    if (cmd.fromId === cmd.toId) return fail(400);
    const from = this.actionable(cmd.fromId);
    if (!from.ok) return from;
    const to = this.actionable(cmd.toId);
    if (!to.ok) return to;
    if (!this.org.programs.has(cmd.programId)) return fail(400);
    const sender = from.value.programs.find((l) => l.programId === cmd.programId);
    if (sender === undefined) return fail(1013);
    const receiver = to.value.programs.find((l) => l.programId === cmd.programId);
    if (receiver === undefined) return fail(1013);
    if (cmd.points <= 0) return fail(400);
    if (cmd.points > balance(sender)) return fail(1010);
    // A transfer is an adjustment on both sides: lifetime points, and so tiers, do not move (TRF-2).
    sender.adjusted -= cmd.points;
    receiver.adjusted += cmd.points;
    return { ok: true, value: { fromId: from.value.id, toId: to.value.id } };
  }

  /** Update Subscription Details (SUB-1, SUB-2, SUB-4, SUB-5): answers the states set, as read. */
  updateSubscriptions(cmd: UpdateSubscriptionsCommand): Outcome<{ subscriptions: ModelSubscription[] }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const customer = this.actionable(cmd.customerId);
    if (!customer.ok) return customer;
    const scopes = cmd.body.scope;
    if (Array.isArray(scopes) && scopes.length > 1) return fail(1105);
    const scope: unknown = Array.isArray(scopes) ? scopes[0] : scopes;
    if (scope !== undefined) {
      if (typeof scope !== 'object' || scope === null) return fail(1103);
      const { scope: name, subScope } = scope as { scope?: unknown; subScope?: unknown };
      if (name !== 'USER' || (subScope !== undefined && subScope !== 'NONE')) return fail(1103);
    }
    const read: ModelSubscription[] = [];
    for (const s of cmd.body.subscriptions) {
      const upper = s.channel.toUpperCase();
      const channel = upper === 'MOBILE' ? 'SMS' : upper;
      if (!SUBSCRIPTION_CHANNELS.has(channel)) return fail(1101);
      const priority = s.priority.toUpperCase();
      if (!PRIORITIES.includes(priority)) return fail(1102);
      const type = s.type.toUpperCase();
      if (type !== 'OPTIN' && type !== 'OPTOUT') return fail(1106);
      read.push({ channel, priority, accountId: s.accountId ?? '', type });
    }
    for (const s of read) customer.value.subscriptions.set(subscriptionKey(s), s);
    return { ok: true, value: { subscriptions: read } };
  }

  /** PII deletion (PII-1, PII-2): the customer's identifiers are forgotten and free again; its points stay. */
  deletePii(cmd: DeletePiiCommand): Outcome<{ customerId: number }> {
    if (!this.org.tills.has(cmd.meta.till)) return fail(91021);
    const customer = this.actionable(cmd.customerId);
    if (!customer.ok) return customer;
    const c = customer.value;
    for (const [sak, profile] of c.profiles) {
      for (const list of [profile.identifiers, ...profile.conflicting.map((x) => x.identifiers)]) for (const id of list) this.unindex(keyOf(id), sak);
      profile.identifiers = [];
      for (const x of profile.conflicting) x.identifiers = [];
    }
    c.live = false;
    c.deleted = true;
    return { ok: true, value: { customerId: c.id } };
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
    if (customer.deleted) return fail(8015);
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
    const embed = new Set(q.embed ?? []);
    return {
      ok: true,
      value: {
        id: customer.id,
        loyaltyType: customer.loyalty,
        profiles,
        ...(embed.has('mlp') ? { programs: customer.programs.map((l) => this.programView(l)) } : {}),
        ...(embed.has('subscriptions') ? { subscriptions: [...customer.subscriptions.values()] } : {}),
      },
    };
  }

  /** Fetch Customer Loyalty Details (PTS-1): readable for deleted customers too, whose points stay (PII-1). */
  loyaltyDetails(q: LoyaltyDetailsQuery): Outcome<ModelProgramView[]> {
    const customer = this.customers.get(q.customerId);
    if (customer === undefined) return fail(8015);
    if (!customer.live && !customer.deleted) return fail(8069, this.resolve(customer.id));
    return { ok: true, value: customer.programs.filter((l) => q.programId === undefined || l.programId === q.programId).map((l) => this.programView(l)) };
  }

  /** The customer an id stands for: itself, or the end of its merge chain, live or deleted since (MRG-4, MRG-5). */
  resolve(id: number): number {
    let current = this.customers.get(id);
    for (let steps = 0; current !== undefined && !current.live && !current.deleted && steps <= this.customers.size; steps++) {
      if (current.mergedInto === null) return current.id;
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

  /** The customer a write addresses: unknown 8015, a victim 8069 naming its survivor, deleted 8015 (MRG-5, PII-2). */
  private actionable(id: number): Outcome<ModelCustomer> {
    const customer = this.customers.get(id);
    if (customer === undefined || customer.deleted) return fail(8015);
    if (!customer.live) return fail(8069, this.resolve(customer.id));
    return { ok: true, value: customer };
  }

  /** PRG-2, PRG-3: reads enrollments; an unknown program or a tier the program lacks is 400. */
  private enrollments(items: readonly unknown[] | undefined): Outcome<ModelEnrollmentInput[]> {
    const out: ModelEnrollmentInput[] = [];
    for (const item of (items ?? []) as readonly ModelEnrollmentInput[]) {
      const program = this.org.programs.get(item.programId);
      if (program === undefined) return fail(400);
      if (item.tierNumber !== undefined && !program.tiers.some((t) => t.serialNumber === item.tierNumber)) return fail(400);
      if (item.tierExpiryDate !== undefined || item.pointsExpiryDate !== undefined) throw new Error('reference model: enrollments carry no dates');
      out.push(item);
    }
    return { ok: true, value: out };
  }

  /** LOY-2: a customer that stays non_loyalty joins no program; items naming programs it holds are no-ops. */
  private enrollable(customer: ModelCustomer | undefined, after: Loyalty, items: readonly ModelEnrollmentInput[]): boolean {
    if (after === 'loyalty') return true;
    return items.every((item) => customer !== undefined && customer.programs.some((l) => l.programId === item.programId));
  }

  /** Enrolls in each program the customer is not in yet (a repeat, or a program listed twice, is ignored). */
  private enroll(customer: ModelCustomer, items: readonly ModelEnrollmentInput[]): void {
    for (const item of items) {
      if (customer.programs.some((l) => l.programId === item.programId)) continue;
      const lowest = Math.min(...(this.org.programs.get(item.programId)?.tiers.map((t) => t.serialNumber) ?? [1]));
      const floor = item.tierNumber ?? lowest;
      const ledger: ModelLedger = { programId: item.programId, issued: item.loyaltyPoints ?? 0, redeemed: 0, returned: 0, adjusted: 0, floor, tier: floor };
      this.retier(ledger);
      customer.programs.push(ledger);
    }
  }

  /** PTS-5: the highest tier the lifetime (issued) points reach, never below the floor. */
  private retier(ledger: ModelLedger): void {
    let tier = ledger.floor;
    for (const t of this.org.programs.get(ledger.programId)?.tiers ?? []) {
      if (t.upgradeThreshold <= ledger.issued && t.serialNumber > tier) tier = t.serialNumber;
    }
    ledger.tier = tier;
  }

  private programView(l: ModelLedger): ModelProgramView {
    const tiers = [...(this.org.programs.get(l.programId)?.tiers ?? [])].sort((a, b) => a.serialNumber - b.serialNumber);
    return {
      programId: l.programId,
      loyaltyPoints: balance(l),
      lifetimePoints: l.issued,
      redeemed: l.redeemed,
      returned: l.returned,
      adjusted: l.adjusted,
      expired: 0,
      slabSNo: l.tier,
      currentSlab: tiers.find((t) => t.serialNumber === l.tier)?.name ?? '',
      nextSlabSerialNumber: tiers.find((t) => t.serialNumber > l.tier)?.serialNumber ?? -1,
    };
  }

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
    // MRG-9: points of a program both are in are added, the tier is the higher (and lifetime points may
    // reach a higher one still); a program only the victim is in moves over.
    for (const v of victim.programs) {
      const s = survivor.programs.find((l) => l.programId === v.programId);
      if (s === undefined) {
        survivor.programs.push({ ...v });
        continue;
      }
      s.issued += v.issued;
      s.redeemed += v.redeemed;
      s.returned += v.returned;
      s.adjusted += v.adjusted;
      s.floor = Math.max(s.tier, v.tier);
      this.retier(s);
    }
    // MRG-10: an OPTOUT on either side wins.
    for (const [key, v] of victim.subscriptions) {
      const s = survivor.subscriptions.get(key);
      survivor.subscriptions.set(key, s === undefined || v.type === 'OPTOUT' ? v : s);
    }
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
