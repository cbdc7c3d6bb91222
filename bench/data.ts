// A seeded, deterministic generator of customers and commands, shared by the scaling benchmark and
// any test suite that needs many realistic customers. Importing this module has no side effects: it
// only defines frozen constants and pure functions. Nothing here calls Math.random or reads a clock.
import type {
  ChangeIdentifierCommand,
  CommandMeta,
  GetCustomerQuery,
  IdentifierInput,
  LookupQuery,
  PointsCommand,
  RegisterCommand,
  SearchQuery,
  TransferPointsCommand,
  UpdateCommand,
  UpdateSubscriptionsCommand,
  V11Option,
  V11Query,
} from '../src/index';

/** The seed everything defaults to, so that two runs see exactly the same customers. */
export const DEFAULT_SEED = 0x5eed_2024;

// ---------------------------------------------------------------------------------------------------
// Pseudo-random numbers

/** A 32-bit integer hash (the finaliser of MurmurHash3): spreads any input over all 32 bits. */
export function hash32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A tiny seeded PRNG (mulberry32): the same seed always gives the same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** A mulberry32 generator seeded with `seed`. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    chance: (p) => next() < p,
  };
}

/** The generator of one customer index: independent of every other index, so customers are random-access. */
export function rngAt(seed: number, index: number): Rng {
  return createRng(hash32(hash32(seed) ^ hash32(index + 0x9e37_79b9)));
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary

/** First names the generator draws from (64). */
export const FIRST_NAMES: readonly string[] = Object.freeze([
  'Aarav', 'Aditi', 'Akash', 'Ananya', 'Arjun', 'Bao', 'Chen', 'Deepa', 'Divya', 'Emma',
  'Fatima', 'Gaurav', 'Hana', 'Hui', 'Isha', 'Jia', 'Jun', 'Kavya', 'Kiran', 'Lakshmi',
  'Lei', 'Li', 'Mei', 'Meera', 'Ming', 'Mohan', 'Nadia', 'Neha', 'Nikhil', 'Noah',
  'Olivia', 'Omar', 'Pooja', 'Priya', 'Qiang', 'Rahul', 'Ravi', 'Riya', 'Rohan', 'Sakura',
  'Sanjay', 'Sara', 'Shreya', 'Siddharth', 'Sneha', 'Sofia', 'Somchai', 'Suresh', 'Tanvi', 'Tao',
  'Uma', 'Varun', 'Vikram', 'Wei', 'Xin', 'Yan', 'Yash', 'Ying', 'Yusuf', 'Zara',
  'Zhang', 'Zoe', 'Anil', 'Bich',
]);

/** Last names the generator draws from (64). */
export const LAST_NAMES: readonly string[] = Object.freeze([
  'Agarwal', 'Ahmed', 'Bansal', 'Bhat', 'Chan', 'Chandra', 'Chen', 'Chopra', 'Das', 'Desai',
  'Fernandes', 'Gao', 'Ghosh', 'Gupta', 'Huang', 'Iyer', 'Jain', 'Joshi', 'Kapoor', 'Khan',
  'Kim', 'Kumar', 'Lee', 'Li', 'Lin', 'Liu', 'Malhotra', 'Mehta', 'Menon', 'Mishra',
  'Nair', 'Nguyen', 'Pandey', 'Patel', 'Pillai', 'Rao', 'Reddy', 'Saxena', 'Sharma', 'Shah',
  'Singh', 'Sinha', 'Srinivasan', 'Sun', 'Tan', 'Tanaka', 'Thomas', 'Tiwari', 'Tran', 'Verma',
  'Wang', 'Wong', 'Wu', 'Xu', 'Yadav', 'Yang', 'Ye', 'Zhao', 'Zhou', 'Zhu',
  'Bose', 'Dutta', 'Kaur', 'Lim',
]);

const EMAIL_DOMAINS: readonly string[] = Object.freeze([
  'example.com', 'mail.example.org', 'shop.example.net', 'inbox.example.in', 'post.example.cn',
]);

const CITIES: readonly string[] = Object.freeze([
  'Bengaluru', 'Mumbai', 'Delhi', 'Chennai', 'Shanghai', 'Beijing', 'Shenzhen', 'Singapore', 'Bangkok', 'Jakarta',
]);

const GENDERS: readonly string[] = Object.freeze(['Male', 'Female', 'Other']);

/** A source account a generated customer registers in. */
export interface SourceAccountSpec {
  readonly source: string;
  /** Absent for single-account sources. */
  readonly accountId?: string;
}

/** The source mix of generated customers, with weights summing to 100. FACEBOOK is left out on purpose: see `FRESH_SOURCE`. */
export const SOURCE_MIX: readonly { readonly account: SourceAccountSpec; readonly weight: number }[] = Object.freeze([
  { account: { source: 'INSTORE' }, weight: 35 },
  { account: { source: 'WECHAT', accountId: '22232' }, weight: 15 },
  { account: { source: 'WECHAT', accountId: '1234' }, weight: 10 },
  { account: { source: 'MOBILE_APP', accountId: '400' }, weight: 15 },
  { account: { source: 'ECOMMERCE' }, weight: 10 },
  { account: { source: 'WEBSITE' }, weight: 10 },
  { account: { source: 'TMALL' }, weight: 5 },
]);

/**
 * The source account no generated customer registers in: customers created there for a benchmark or a
 * test never collide with the generated population in their own source account, so adding a generated
 * customer's identifier to one of them always merges (CHG-4).
 */
export const FRESH_SOURCE: SourceAccountSpec = Object.freeze({ source: 'FACEBOOK', accountId: 'fb-main' });

const TOTAL_WEIGHT = SOURCE_MIX.reduce((sum, s) => sum + s.weight, 0);

function pickAccount(rng: Rng): SourceAccountSpec {
  let roll = rng.int(TOTAL_WEIGHT);
  for (const { account, weight } of SOURCE_MIX) {
    if (roll < weight) return account;
    roll -= weight;
  }
  throw new RangeError('unreachable: the source mix is exhausted');
}

// ---------------------------------------------------------------------------------------------------
// Unique values

/** Indexes below this bound get distinct mobiles, emails and other identifier values. */
export const MAX_INDEX = 1_000_000_000;

/** Several affine bijections of [0, MAX_INDEX): consecutive indexes land far apart, like real numbers. */
function scramble(index: number, multiplier: bigint, offset: bigint): number {
  if (!Number.isSafeInteger(index) || index < 0 || index >= MAX_INDEX) {
    throw new RangeError(`customer index ${index} is outside [0, ${MAX_INDEX})`);
  }
  // The multipliers are odd and not multiples of 5, hence coprime with 10^9: a bijection.
  return Number((BigInt(index) * multiplier + offset) % BigInt(MAX_INDEX));
}

/** The national (10-digit) mobile number of a customer index: unique per index. */
export function nationalMobile(index: number): string {
  return `9${String(scramble(index, 387_420_489n, 123_456_789n)).padStart(9, '0')}`;
}

/** The mobile as the graph stores it: with the default org's country code 91 (IDN-2). */
export function storedMobile(index: number): string {
  return `91${nationalMobile(index)}`;
}

function uniqueTag(index: number): string {
  return scramble(index, 282_475_249n, 987_654_321n).toString(36).padStart(6, '0');
}

// ---------------------------------------------------------------------------------------------------
// Customers

/** One generated customer: what its registration carries, in plain values. */
export interface GeneratedCustomer {
  readonly index: number;
  readonly account: SourceAccountSpec;
  readonly firstName: string;
  readonly lastName: string;
  /** National form; the graph stores `91` + this. */
  readonly mobile: string;
  /** Lower case; absent for about a quarter of customers. */
  readonly email?: string;
  /** A WeChat open id, for WECHAT customers. */
  readonly wechat?: string;
  /** A push token, for most MOBILE_APP customers. */
  readonly mobilePush?: string;
  /** An external id, for some INSTORE and ECOMMERCE customers. */
  readonly externalId?: string;
  readonly loyaltyType: 'loyalty' | 'non_loyalty';
  readonly gender?: string;
  readonly city?: string;
}

/** The customer at `index` of the population seeded with `seed`: the same every time. */
export function customerAt(index: number, seed: number = DEFAULT_SEED): GeneratedCustomer {
  const rng = rngAt(seed, index);
  const account = pickAccount(rng);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const tag = uniqueTag(index);
  const hasEmail = rng.chance(0.75);
  const domain = rng.pick(EMAIL_DOMAINS);
  const loyalty = rng.chance(0.8);
  const hasGender = rng.chance(0.5);
  const gender = rng.pick(GENDERS);
  const hasCity = rng.chance(0.5);
  const city = rng.pick(CITIES);
  const hasExternalId = rng.chance(0.3);
  const hasPush = rng.chance(0.7);
  return {
    index,
    account,
    firstName,
    lastName,
    mobile: nationalMobile(index),
    ...(hasEmail ? { email: `${firstName}.${lastName}.${tag}@${domain}`.toLowerCase() } : {}),
    ...(account.source === 'WECHAT' ? { wechat: `o${tag}wx${index.toString(36)}` } : {}),
    ...(account.source === 'MOBILE_APP' && hasPush ? { mobilePush: `push-${tag}-${index.toString(36)}` } : {}),
    ...((account.source === 'INSTORE' || account.source === 'ECOMMERCE') && hasExternalId
      ? { externalId: `EXT${String(index).padStart(9, '0')}` }
      : {}),
    loyaltyType: loyalty ? 'loyalty' : 'non_loyalty',
    ...(hasGender ? { gender } : {}),
    ...(hasCity ? { city } : {}),
  };
}

/** The identifiers a generated customer registers with, in request form. */
export function identifiersOf(c: GeneratedCustomer): IdentifierInput[] {
  const out: IdentifierInput[] = [{ type: 'mobile', value: c.mobile }];
  if (c.email !== undefined) out.push({ type: 'email', value: c.email });
  if (c.wechat !== undefined) out.push({ type: 'wechat', value: c.wechat });
  if (c.mobilePush !== undefined) out.push({ type: 'mobilePush', value: c.mobilePush });
  if (c.externalId !== undefined) out.push({ type: 'externalId', value: c.externalId });
  return out;
}

const EPOCH_MS = Date.UTC(2024, 0, 1);

/** The metadata of the n-th generated write: one second apart from 2024-01-01, by the default org's demo till. */
export function metaAt(n: number, till = 'demo.till'): CommandMeta {
  return { at: new Date(EPOCH_MS + n * 1000).toISOString(), till };
}

/** The Register Customer command of a generated customer, in its own source account. */
export function registerCommandOf(c: GeneratedCustomer, meta: CommandMeta = metaAt(c.index)): RegisterCommand {
  const extendedFields: Record<string, string> = {};
  if (c.gender !== undefined) extendedFields['gender'] = c.gender;
  if (c.city !== undefined) extendedFields['city'] = c.city;
  return {
    kind: 'register',
    source: c.account.source,
    ...(c.account.accountId === undefined ? {} : { accountId: c.account.accountId }),
    body: {
      loyaltyInfo: { loyaltyType: c.loyaltyType },
      profiles: [
        {
          firstName: c.firstName,
          lastName: c.lastName,
          identifiers: identifiersOf(c),
          commChannels: [
            { type: 'mobile', value: c.mobile, primary: true, verified: c.loyaltyType === 'loyalty' },
            ...(c.email === undefined ? [] : [{ type: 'email', value: c.email, primary: true }]),
          ],
        },
      ],
      extendedFields,
    },
    meta,
  };
}

/** Register commands for the customers `from` .. `from + count - 1`, generated lazily. */
export function* registerCommands(from: number, count: number, seed: number = DEFAULT_SEED): Generator<RegisterCommand> {
  for (let i = from; i < from + count; i++) yield registerCommandOf(customerAt(i, seed));
}

/**
 * A customer in `FRESH_SOURCE` with only its own unique mobile: registering it always creates a new
 * customer (as long as `index` is not also used for the generated population).
 */
export function freshRegisterCommand(index: number, meta: CommandMeta = metaAt(index)): RegisterCommand {
  return {
    kind: 'register',
    source: FRESH_SOURCE.source,
    ...(FRESH_SOURCE.accountId === undefined ? {} : { accountId: FRESH_SOURCE.accountId }),
    body: {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [{ firstName: 'Fresh', lastName: `Customer${index}`, identifiers: [{ type: 'mobile', value: nationalMobile(index) }] }],
    },
    meta,
  };
}

/** Adds a generated customer's mobile to a fresh customer's FRESH_SOURCE profile: the fresh one merges into it. */
export function mergeIntoCommand(freshId: number, target: GeneratedCustomer, meta: CommandMeta): ChangeIdentifierCommand {
  return {
    kind: 'changeIdentifier',
    customerId: freshId,
    source: FRESH_SOURCE.source,
    ...(FRESH_SOURCE.accountId === undefined ? {} : { accountId: FRESH_SOURCE.accountId }),
    add: [{ type: 'mobile', value: target.mobile }],
    meta,
  };
}

/** Fetch Customer ID of a generated customer: by email when it has one and `byEmail`, else by mobile. */
export function lookupQueryOf(c: GeneratedCustomer, byEmail: boolean): LookupQuery {
  const email = byEmail ? c.email : undefined;
  return {
    source: c.account.source,
    ...(c.account.accountId === undefined ? {} : { accountId: c.account.accountId }),
    identifierName: email === undefined ? 'mobile' : 'email',
    identifierValue: email ?? c.mobile,
  };
}

/**
 * A search that matches only this customer: its stored mobile, or the local part of its email, which
 * carries a unique tag. The result holds at most a handful of customers (exactly one for the generator).
 */
export function narrowSearchOf(c: GeneratedCustomer, byEmail: boolean): SearchQuery {
  const local = byEmail ? c.email?.split('@')[0] : undefined;
  return { q: local ?? storedMobile(c.index), limit: 10 };
}

// ---------------------------------------------------------------------------------------------------
// Commands of the side-by-side comparison (bench/contenders.ts): loyalty state, updates and bulk reads

/** The program generated customers enroll in for the comparison: the default org's program 1016. */
export const COMPARE_PROGRAM_ID = 1016;

/** The points each customer of the comparison's population is enrolled with, so transfers have a balance. */
export const ENROLLMENT_POINTS = 1000;

/**
 * The source account no generated customer registers in and no benchmark merges through: registering a
 * generated customer's mobile here always combines with that customer (REG-6, warning 8050), once per customer.
 */
export const COMBINE_SOURCE: SourceAccountSpec = Object.freeze({ source: 'JD' });

/**
 * The Register Customer command of a generated customer, enrolled in `COMPARE_PROGRAM_ID` with `points`
 * points (PRG-2): the population of the comparison, on which points can be issued and transferred.
 */
export function enrolledRegisterCommandOf(
  c: GeneratedCustomer,
  points: number = ENROLLMENT_POINTS,
  meta: CommandMeta = metaAt(c.index),
): RegisterCommand {
  const base = registerCommandOf(c, meta);
  // A member of a program is a loyalty customer (LOY-2): a non_loyalty one would be refused.
  return { ...base, body: { ...base.body, loyaltyInfo: { loyaltyType: 'loyalty' }, loyaltyProgramEnrollments: [{ programId: COMPARE_PROGRAM_ID, loyaltyPoints: points }] } };
}

/**
 * The same person's mobile registered in `COMBINE_SOURCE`: the new profile joins the existing customer
 * (REG-6, warning 8050) as long as that customer has no `COMBINE_SOURCE` profile yet.
 */
export function combineRegisterCommandOf(c: GeneratedCustomer, meta: CommandMeta = metaAt(c.index)): RegisterCommand {
  return {
    kind: 'register',
    source: COMBINE_SOURCE.source,
    ...(COMBINE_SOURCE.accountId === undefined ? {} : { accountId: COMBINE_SOURCE.accountId }),
    body: {
      loyaltyInfo: { loyaltyType: 'non_loyalty' },
      profiles: [{ firstName: c.firstName, lastName: c.lastName, identifiers: [{ type: 'mobile', value: c.mobile }] }],
    },
    meta,
  };
}

/**
 * Update Customer Details of a generated customer in its own source account: new first and last names
 * (drawn by `variant`, so the search index changes) and loyalty requested as `loyalty` (an upgrade for a
 * non-loyalty customer, a no-op for the others: loyalty never downgrades).
 */
export function updateCommandOf(customerId: number, c: GeneratedCustomer, variant: number, meta: CommandMeta = metaAt(c.index)): UpdateCommand {
  const h = hash32(c.index ^ hash32(variant + 0x51ed));
  return {
    kind: 'update',
    customerId,
    source: c.account.source,
    ...(c.account.accountId === undefined ? {} : { accountId: c.account.accountId }),
    body: {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [
        {
          firstName: FIRST_NAMES[h % FIRST_NAMES.length] ?? c.firstName,
          lastName: LAST_NAMES[(h >>> 8) % LAST_NAMES.length] ?? c.lastName,
        },
      ],
    },
    meta,
  };
}

const SUBSCRIPTION_VARIANTS: readonly { readonly channel: string; readonly priority: string; readonly type: string }[] = Object.freeze([
  { channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' },
  { channel: 'SMS', priority: 'BULK', type: 'OPTOUT' },
  { channel: 'WECHAT', priority: 'TRANS', type: 'OPTIN' },
  { channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' },
  { channel: 'MOBILE', priority: 'TRANS', type: 'OPTOUT' },
  { channel: 'IOS', priority: 'BULK', type: 'OPTOUT' },
]);

/** Update Subscription Details: one channel opted in or out, by `variant` (SUB-1, SUB-2). */
export function subscriptionCommandOf(customerId: number, variant: number, meta: CommandMeta = metaAt(variant)): UpdateSubscriptionsCommand {
  const s = SUBSCRIPTION_VARIANTS[Math.abs(variant) % SUBSCRIPTION_VARIANTS.length] ?? { channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' };
  return { kind: 'updateSubscriptions', customerId, body: { subscriptions: [{ ...s }] }, meta };
}

/** Issue `points` points in `COMPARE_PROGRAM_ID` (PTS-2). */
export function issuePointsCommandOf(customerId: number, points: number, meta: CommandMeta = metaAt(customerId)): PointsCommand {
  return { kind: 'issuePoints', customerId, programId: COMPARE_PROGRAM_ID, points, meta };
}

/** Transfer `points` points in `COMPARE_PROGRAM_ID` from one member to another (TRF-1). */
export function transferCommandOf(fromId: number, toId: number, points: number, meta: CommandMeta = metaAt(fromId)): TransferPointsCommand {
  return { kind: 'transferPoints', fromId, toId, programId: COMPARE_PROGRAM_ID, points, meta };
}

/** The embeds of the comparison's Fetch Customer Details: points, subscriptions and every program (GET-5). */
export function getWithEmbedsQueryOf(customerId: number): GetCustomerQuery {
  return { customerId, source: 'ALL', embed: ['points', 'subscriptions', 'mlp'] };
}

/**
 * The options of the comparison's v1.1 get: `mlp=true` (the README's request) with subscriptions. Not
 * `user_id`: the answer is checked by each item's mobile instead.
 */
export const V11_COMPARE_OPTIONS: readonly V11Option[] = Object.freeze(['mlp', 'subscriptions'] as const);

/** The v1.1 bulk get of exactly ten customers by id (V11-1). */
export function v11QueryOf10(ids: readonly number[]): V11Query {
  if (ids.length !== 10) throw new RangeError(`v11QueryOf10 takes 10 ids, got ${ids.length}`);
  return { id: ids.join(','), options: [...V11_COMPARE_OPTIONS] };
}
