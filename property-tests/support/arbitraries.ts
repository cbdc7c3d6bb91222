// Shared fast-check arbitraries for the property tests, and later for benchmarks: no test-runner imports.
//
// Every pool is small on purpose: a handful of identifier values, sources, accounts and customer ids, so
// that random command sequences collide, combine and merge often instead of creating strangers.

import fc from 'fast-check';
import type {
  ChangeIdentifierCommand,
  Command,
  CommandMeta,
  DeletePiiCommand,
  ExpirePointsCommand,
  GetCustomerQuery,
  IdentifierInput,
  IssueCouponCommand,
  LookupQuery,
  MergeCommand,
  PointsCommand,
  ProfileInput,
  RedeemCouponCommand,
  RegisterCommand,
  RequestGoodwillCommand,
  ResolveGoodwillCommand,
  TransferPointsCommand,
  UpdateCommand,
  UpdateSubscriptionsCommand,
} from '../../src/index';

/** How many runs each property makes: 1000 normally, more under `npm run test:deep`. */
export const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

/** The longest command sequence a property runs. */
export const MAX_COMMANDS = 25;

// ---------------------------------------------------------------------------------------------------
// Source accounts

/** A source and account as a command or query addresses them. */
export interface SourceAccountParam {
  readonly source: string;
  readonly accountId?: string;
}

/** Source accounts of the default org: two WECHAT accounts, a MOBILE_APP account, two single-account sources. */
export const VALID_SOURCE_ACCOUNTS: readonly SourceAccountParam[] = [
  { source: 'WECHAT', accountId: '22232' },
  { source: 'WECHAT', accountId: '1234' },
  { source: 'MOBILE_APP', accountId: '400' },
  { source: 'INSTORE' },
  { source: 'WEBSITE' },
];

/** Source accounts every endpoint refuses: 8045, 8011, 8012 (and 8011 on lookup). */
export const INVALID_SOURCE_ACCOUNTS: readonly SourceAccountParam[] = [
  { source: 'WECHAT' }, // multi-account source without account: 8045
  { source: 'MOBILE_APP', accountId: '' }, // empty account: 8045
  { source: 'WECHAT', accountId: '999' }, // unknown account: 8011
  { source: 'INSTORE', accountId: '22232' }, // account on a single-account source: 8011
  { source: 'NOWHERE' }, // unknown source: 8012
  { source: 'instore' }, // sources are case-sensitive: 8012
];

/** Mostly INSTORE and WECHAT 22232, so that customers often share a source account and collide there. */
export const sourceAccountArb: fc.Arbitrary<SourceAccountParam> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(VALID_SOURCE_ACCOUNTS[3] as SourceAccountParam) },
  { weight: 3, arbitrary: fc.constant(VALID_SOURCE_ACCOUNTS[0] as SourceAccountParam) },
  { weight: 2, arbitrary: fc.constant(VALID_SOURCE_ACCOUNTS[2] as SourceAccountParam) },
  { weight: 1, arbitrary: fc.constant(VALID_SOURCE_ACCOUNTS[1] as SourceAccountParam) },
  { weight: 1, arbitrary: fc.constant(VALID_SOURCE_ACCOUNTS[4] as SourceAccountParam) },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID_SOURCE_ACCOUNTS) },
);

/** Spreads a source account into a command or query without writing `accountId: undefined`. */
export function withAccount(account: SourceAccountParam): { source: string; accountId?: string } {
  return account.accountId === undefined ? { source: account.source } : { source: account.source, accountId: account.accountId };
}

// ---------------------------------------------------------------------------------------------------
// Identifiers

/**
 * Valid identifier values. Several spellings normalise to the same value (a national and an international
 * mobile, an email in two cases, an external id with spaces) so that normalisation is exercised too.
 */
export const VALID_IDENTIFIERS: readonly IdentifierInput[] = [
  { type: 'mobile', value: '9111111111' },
  { type: 'mobile', value: '+91 91111-11111' },
  { type: 'mobile', value: 9222222222 },
  { type: 'mobile', value: '919333333333' },
  { type: 'email', value: 'ann@example.com' },
  { type: 'email', value: 'ANN@Example.com' },
  { type: 'email', value: 'bob@example.com' },
  { type: 'email', value: 'cy@example.com' },
  { type: 'externalId', value: 'ext-1' },
  { type: 'externalId', value: ' ext-1 ' },
  { type: 'externalId', value: 'ext-2' },
  { type: 'wechat', value: 'wc_a' },
  { type: 'wechat', value: 'wc_b' },
  { type: 'mobilePush', value: 'push-1' },
];

/** Values the default org blocks (IDN-3): refused wherever an identifier is read. */
export const BLOCKED_IDENTIFIERS: readonly IdentifierInput[] = [
  { type: 'mobile', value: '0000000000' },
  { type: 'email', value: 'null' },
  { type: 'externalId', value: 'test' },
  { type: 'externalId', value: 'N/A' },
  { type: 'wechat', value: 'unknown' },
  { type: 'externalId', value: -1 },
];

/** Bad types and values (IDN-1, IDN-4). */
export const BAD_IDENTIFIERS: readonly IdentifierInput[] = [
  { type: 'phone', value: '9111111111' },
  { type: 'Email', value: 'ann@example.com' },
  { type: 'mobile', value: 'call me' },
  { type: 'email', value: 'not-an-email' },
  { type: 'externalId', value: 'x'.repeat(65) },
  { type: 'wechat', value: '   ' },
  { type: 'mobile', value: 1.5 },
];

export const identifierArb: fc.Arbitrary<IdentifierInput> = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom(...VALID_IDENTIFIERS) },
  { weight: 1, arbitrary: fc.constantFrom(...BLOCKED_IDENTIFIERS) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_IDENTIFIERS) },
);

/** A valid identifier only. */
export const validIdentifierArb: fc.Arbitrary<IdentifierInput> = fc.constantFrom(...VALID_IDENTIFIERS);

// ---------------------------------------------------------------------------------------------------
// Metadata, ids, loyalty

export const VALID_TILLS = ['demo.till', 'bukl.till', 'rr.till'] as const;

/** Command metadata: mostly valid, sometimes an unknown till (91021). */
export const metaArb: fc.Arbitrary<CommandMeta> = fc.record({
  at: fc.constantFrom('2024-05-01T10:00:00+05:30', '2024-06-02T08:30:00Z', '2025-01-01T00:00:00.123+00:00'),
  till: fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...VALID_TILLS) }, { weight: 1, arbitrary: fc.constant('ghost.till') }),
});

/** Command metadata that may also carry a malformed time (400). */
export const anyMetaArb: fc.Arbitrary<CommandMeta> = fc.oneof(
  { weight: 40, arbitrary: metaArb },
  { weight: 1, arbitrary: fc.record({ at: fc.constantFrom('yesterday', '2024-13-45T99:00:00Z', '2024-05-01'), till: fc.constant('demo.till') }) },
);

/**
 * Customer ids: mostly the few the default org hands out first (1, 2, 3...), sometimes unknown ones.
 * With registers making up about a third of a sequence, ids 1..6 name existing customers most of the time.
 */
export const customerIdArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 2 }) },
  { weight: 4, arbitrary: fc.integer({ min: 3, max: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5, max: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 7, 42, -1) },
);

export const loyaltyTypeArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('loyalty', 'non_loyalty') },
  { weight: 1, arbitrary: fc.constantFrom('gold', 'LOYALTY', '') },
);

/** `arb`'s value once in `oneIn` draws, `undefined` otherwise. */
export function rarely<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const nameArb = fc.constantFrom('Ann', 'Bob', 'ann', 'Cy', '  Dee ', '');

// ---------------------------------------------------------------------------------------------------
// Loyalty programs, points, subscriptions

/** The default org's programs (PRG-1), and one it does not have (400 naming `programId`). */
export const PROGRAM_IDS = [1016, 1219, 1223] as const;
export const UNKNOWN_PROGRAM_ID = 4242;

export const programIdArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom<number>(...PROGRAM_IDS) },
  { weight: 1, arbitrary: fc.constant(UNKNOWN_PROGRAM_ID) },
);

/**
 * Points of a movement: mostly a few, so that balances stay small and redemptions often ask for more than
 * is held (1010); sometimes enough to cross a tier threshold (500, 1000, 2000, 5000...); rarely 0 or
 * negative (400 except for an adjustment). Some amounts equal a threshold, so that a tier is reached exactly.
 */
export const pointsArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 5, arbitrary: fc.constantFrom(250, 500, 600, 1000, 1200, 2000, 2500, 6000) },
  { weight: 1, arbitrary: fc.constantFrom(0, -5) },
);

/**
 * Dates for points to expire: before, at (the instant of `2024-06-02T08:30:00Z` in another offset),
 * between and after the times of `metaArb`, mostly early; and a bad one (400).
 */
export const EXPIRY_DATES = ['2024-05-15T00:00:00Z', '2024-06-02T14:00:00+05:30', '2024-12-31T23:59:59+05:30', '2030-01-01T00:00:00Z'] as const;
const validExpiryArb: fc.Arbitrary<string> = fc.constantFrom<string>(EXPIRY_DATES[0], EXPIRY_DATES[0], EXPIRY_DATES[1], EXPIRY_DATES[1], EXPIRY_DATES[2], EXPIRY_DATES[3]);
const expiryArb: fc.Arbitrary<string> = fc.oneof({ weight: 12, arbitrary: validExpiryArb }, { weight: 1, arbitrary: fc.constant('soon') });

/** One item of `loyaltyProgramEnrollments` (PRG-2), as a request carries it. */
export interface EnrollmentInput {
  readonly programId: number;
  readonly tierNumber?: number;
  readonly loyaltyPoints?: number;
  readonly tierExpiryDate?: string;
  readonly pointsExpiryDate?: string;
}

/**
 * An enrollment: mostly a known program at its lowest tier, sometimes a given tier (rarely 234, which
 * exists only in 1016, or 99, which exists nowhere: 400), sometimes starting points, and (with extras) an
 * expiry date for them.
 */
export function enrollmentArb(options: CommandArbOptions = {}, valid = false): fc.Arbitrary<EnrollmentInput> {
  const extras = options.extras ?? true;
  return fc
    .record({
      programId: valid ? fc.constantFrom<number>(...PROGRAM_IDS) : programIdArb,
      tierNumber: rarely(valid ? fc.constantFrom(1, 2, 3) : fc.oneof({ weight: 12, arbitrary: fc.constantFrom(1, 2, 3) }, { weight: 1, arbitrary: fc.constantFrom(234, 99) }), 4),
      loyaltyPoints: rarely(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 60 }) }, { weight: 1, arbitrary: fc.constantFrom(600, 1500) }), 2),
      pointsExpiryDate: extras ? rarely(valid ? validExpiryArb : expiryArb, 3) : fc.constant(undefined),
    })
    .map(({ programId, tierNumber, loyaltyPoints, pointsExpiryDate }) => ({
      programId,
      ...(tierNumber === undefined ? {} : { tierNumber }),
      ...(loyaltyPoints === undefined ? {} : { loyaltyPoints }),
      ...(pointsExpiryDate === undefined ? {} : { pointsExpiryDate }),
    }));
}

/** One or two enrollments, sometimes in the same program twice (the second is ignored, PRG-3). */
export function enrollmentsArb(options: CommandArbOptions = {}, valid = false): fc.Arbitrary<EnrollmentInput[]> {
  return fc.array(enrollmentArb(options, valid), { minLength: 1, maxLength: 2 });
}

/** One subscription change as Update Subscription Details carries it (SUB-1). */
export interface SubscriptionInput {
  readonly channel: string;
  readonly accountId?: string;
  readonly priority: string;
  readonly type: string;
}

/**
 * A subscription change: channels in any case (MOBILE is SMS), OPTOUT as often as OPTIN so that merges
 * meet opt-outs, sometimes an account, rarely a bad channel (1101), priority (1102) or status (1106).
 */
export const subscriptionInputArb: fc.Arbitrary<SubscriptionInput> = fc
  .record({
    channel: fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom('EMAIL', 'SMS', 'sms', 'MOBILE', 'WECHAT', 'ANDROID', 'IOS', 'LINE') },
      { weight: 1, arbitrary: fc.constant('FAX') },
    ),
    accountId: rarely(fc.constantFrom('22232', '400'), 4),
    priority: fc.oneof({ weight: 20, arbitrary: fc.constantFrom('TRANS', 'BULK', 'bulk') }, { weight: 1, arbitrary: fc.constant('URGENT') }),
    type: fc.oneof({ weight: 20, arbitrary: fc.constantFrom('OPTIN', 'OPTOUT', 'OPTOUT', 'optout') }, { weight: 1, arbitrary: fc.constant('MAYBE') }),
  })
  .map(({ channel, accountId, priority, type }) => ({ channel, ...(accountId === undefined ? {} : { accountId }), priority, type }));

/** The body of Update Subscription Details: one or two changes, rarely a scope, good (USER) or bad (1103, 1105). */
export const subscriptionBodyArb: fc.Arbitrary<UpdateSubscriptionsCommand['body']> = fc
  .record({
    subscriptions: fc.array(subscriptionInputArb, { minLength: 1, maxLength: 2 }),
    scope: rarely(fc.constantFrom<unknown>({ scope: 'USER' }, { scope: 'USER', subScope: 'NONE' }, { scope: 'ORG' }, [{ scope: 'USER' }, { scope: 'USER' }]), 10),
  })
  .map(({ subscriptions, scope }) => ({ subscriptions, ...(scope === undefined ? {} : { scope }) }));

/** Offers to issue coupons from: one long valid, one expired by the later times of `metaArb`. */
const couponSeriesArb: fc.Arbitrary<IssueCouponCommand['series']> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ description: 'Offer of the month', validTill: '2030-01-01T00:00:00Z' }) },
  { weight: 3, arbitrary: fc.constant({ description: 'Summer offer', couponType: 'DVS', discountCode: 'SUMMER', validTill: '2024-06-01T00:00:00Z' }) },
  { weight: 1, arbitrary: fc.constant({ description: 'Bad offer', validTill: 'tomorrow' }) },
);

// ---------------------------------------------------------------------------------------------------
// Commands

/** Options of the command arbitraries. */
export interface CommandArbOptions {
  /**
   * Also generate channels, custom and extended fields, last names and malformed times: the parts of a
   * command the reference model does not model (it accepts first names and ignores them). Default true.
   */
  readonly extras?: boolean;
  /**
   * Also enroll in loyalty programs through `loyaltyProgramEnrollments` on Register and Update (PRG-2).
   * Default false, so that the identity properties keep their sequences. With `extras` false, no expiry
   * dates are sent (the reference model does not model expiry).
   */
  readonly enrollments?: boolean;
}

const channelArb = fc.constantFrom(
  { type: 'email', value: 'ann@example.com', primary: 'true' as const },
  { type: 'mobile', value: '9111111111', verified: true },
  { type: 'wechat', value: 'wc_a' },
  { type: 'pager', value: '123' }, // 8010
  { type: 'email', value: 'nope' }, // 8057
);

const customFieldsArb = fc.constantFrom<Readonly<Record<string, unknown>>>(
  { employee: 'true' },
  { City: 'Pune', gender: 'F' },
  { salary: '100' }, // not enabled: 1017
  JSON.parse('{"__proto__": "x"}') as Record<string, unknown>, // not enabled, and must stay data: 1017
);

const extendedFieldsArb = fc.constantFrom<Readonly<Record<string, unknown>>>(
  { gender: 'male' },
  { city: 'Mumbai', dob: '1990-01-01' },
  { GENDER: 'Female' },
  { gender: 'robot' }, // not a value of the enum: 91015
  JSON.parse('{"constructor": "x"}') as Record<string, unknown>, // not enabled: 91015
);

/** Channels and fields every request may carry: no refusal (members' registrations). */
const validChannelArb = fc.constantFrom(
  { type: 'email', value: 'mia@example.com', primary: true },
  { type: 'mobile', value: '9444444444', verified: 'true' as const },
  { type: 'wechat', value: 'wc_mia' },
);
const validCustomFieldsArb = fc.constantFrom<Readonly<Record<string, unknown>>>({ employee: 'true' }, { City: 'Pune', gender: 'F' }, { 'Favorite Color': 'teal' });
const validExtendedFieldsArb = fc.constantFrom<Readonly<Record<string, unknown>>>({ gender: 'male' }, { city: 'Mumbai', dob: '1990-01-01' }, { GENDER: 'Female' });

function profileArb(options: CommandArbOptions): fc.Arbitrary<ProfileInput> {
  const extras = options.extras ?? true;
  return fc
    .record({
      // Mostly one identifier, so that customers stay apart until a later command links them.
      identifiers: fc.oneof(
        { weight: 3, arbitrary: fc.array(identifierArb, { minLength: 1, maxLength: 1 }) },
        { weight: 2, arbitrary: fc.array(identifierArb, { minLength: 2, maxLength: 3 }) },
      ),
      firstName: rarely(nameArb, 2),
      lastName: rarely(nameArb, 3),
      commChannels: rarely(fc.array(channelArb, { minLength: 1, maxLength: 2 }), 25),
      fields: rarely(customFieldsArb, 25),
    })
    .map(({ identifiers, firstName, lastName, commChannels, fields }) => ({
      identifiers,
      ...(firstName === undefined ? {} : { firstName }),
      ...(extras && lastName !== undefined ? { lastName } : {}),
      ...(extras && commChannels !== undefined ? { commChannels } : {}),
      ...(extras && fields !== undefined ? { fields } : {}),
    }));
}

/** Register: mostly one profile that names no source; sometimes one that names this or another source (REG-9). */
export function registerArb(options: CommandArbOptions = {}): fc.Arbitrary<RegisterCommand> {
  const extras = options.extras ?? true;
  return fc
    .record({
      account: sourceAccountArb,
      loyaltyType: loyaltyTypeArb,
      profile: profileArb(options),
      profileSource: fc.oneof(
        { weight: 20, arbitrary: fc.constant<'none' | 'same' | 'other' | 'two'>('none') },
        { weight: 1, arbitrary: fc.constantFrom<'none' | 'same' | 'other' | 'two'>('same', 'other', 'two') },
      ),
      associatedWith: rarely(fc.constantFrom('bukl.till', 'bukl.till', 'nowhere.till'), 10),
      extendedFields: rarely(extendedFieldsArb, 15),
      enrollments: options.enrollments === true ? fc.option(enrollmentsArb(options), { freq: 3, nil: undefined }) : fc.constant(undefined),
      // A non_loyalty registration that enrolls is refused (LOY-2): kept, but rarely, so that most still create customers.
      enrollsAsNonLoyalty: fc.nat(9),
      meta: extras ? anyMetaArb : metaArb,
    })
    .map(({ account, loyaltyType, profile, profileSource, associatedWith, extendedFields, enrollments: asked, enrollsAsNonLoyalty, meta }) => {
      const enrollments = loyaltyType === 'non_loyalty' && enrollsAsNonLoyalty > 0 ? undefined : asked;
      let profiles: ProfileInput[];
      switch (profileSource) {
        case 'none':
          profiles = [profile];
          break;
        case 'same':
          profiles = [{ ...profile, source: account.source }];
          break;
        case 'other':
          profiles = [{ ...profile, source: 'MARTJACK' }];
          break;
        case 'two':
          profiles = [{ source: 'MARTJACK', identifiers: [{ type: 'email', value: 'other@example.com' }] }, profile];
          break;
      }
      return {
        kind: 'register' as const,
        ...withAccount(account),
        body: {
          loyaltyInfo: { loyaltyType },
          profiles,
          ...(associatedWith === undefined ? {} : { associatedWith }),
          ...(extras && extendedFields !== undefined ? { extendedFields } : {}),
          ...(enrollments === undefined ? {} : { loyaltyProgramEnrollments: enrollments }),
        },
        meta,
      };
    });
}

/** Update: loyalty (often), names, channels and fields; identifiers in the body must be ignored (UPD-2). */
export function updateArb(options: CommandArbOptions = {}): fc.Arbitrary<UpdateCommand> {
  const extras = options.extras ?? true;
  return fc
    .record({
      customerId: customerIdArb,
      account: sourceAccountArb,
      loyaltyType: fc.option(loyaltyTypeArb, { nil: undefined }),
      profile: fc.option(profileArb(options), { nil: undefined }),
      extendedFields: rarely(extendedFieldsArb, 6),
      enrollments: options.enrollments === true ? rarely(enrollmentsArb(options), 3) : fc.constant(undefined),
      meta: extras ? anyMetaArb : metaArb,
    })
    .map(({ customerId, account, loyaltyType, profile, extendedFields, enrollments, meta }) => ({
      kind: 'update' as const,
      customerId,
      ...withAccount(account),
      body: {
        ...(loyaltyType === undefined ? {} : { loyaltyInfo: { loyaltyType } }),
        ...(profile === undefined ? {} : { profiles: [profile] }),
        ...(extras && extendedFields !== undefined ? { extendedFields } : {}),
        ...(enrollments === undefined ? {} : { loyaltyProgramEnrollments: enrollments }),
      },
      meta,
    }));
}

/** changeIdentifier: add and remove from the same small pool, so removes often hit and adds often collide or merge. */
export function changeIdentifierArb(options: CommandArbOptions = {}): fc.Arbitrary<ChangeIdentifierCommand> {
  const extras = options.extras ?? true;
  return fc
    .record({
      customerId: customerIdArb,
      account: sourceAccountArb,
      add: fc.option(fc.array(identifierArb, { maxLength: 2 }), { freq: 6, nil: undefined }),
      remove: rarely(fc.array(identifierArb, { maxLength: 2 }), 3),
      meta: extras ? anyMetaArb : metaArb,
    })
    .map(({ customerId, account, add, remove, meta }) => ({
      kind: 'changeIdentifier' as const,
      customerId,
      ...withAccount(account),
      ...(add === undefined ? {} : { add }),
      ...(remove === undefined ? {} : { remove }),
      meta,
    }));
}

/** An explicit merge between two ids of the small pool: sometimes the same, unknown or already merged. */
export function mergeArb(options: CommandArbOptions = {}): fc.Arbitrary<MergeCommand> {
  const extras = options.extras ?? true;
  return fc
    .record({ survivorId: customerIdArb, victimId: customerIdArb, meta: extras ? anyMetaArb : metaArb })
    .map(({ survivorId, victimId, meta }) => ({ kind: 'merge' as const, survivorId, victimId, meta }));
}

/** A well-typed command of any kind, with the weights that make sequences interesting. */
export function commandArb(options: CommandArbOptions = {}): fc.Arbitrary<Command> {
  return fc.oneof(
    { weight: 5, arbitrary: registerArb(options) },
    { weight: 3, arbitrary: changeIdentifierArb(options) },
    { weight: 2, arbitrary: updateArb(options) },
    { weight: 2, arbitrary: mergeArb(options) },
  );
}

// ---------------------------------------------------------------------------------------------------
// Queries

export const lookupQueryArb: fc.Arbitrary<LookupQuery> = fc
  .record({
    account: fc.oneof({ weight: 2, arbitrary: fc.constant<SourceAccountParam>({ source: 'ALL' }) }, { weight: 3, arbitrary: sourceAccountArb }),
    identifier: identifierArb,
  })
  .map(({ account, identifier }) => ({
    ...withAccount(account),
    identifierName: identifier.type,
    identifierValue: identifier.value,
  }));

export const getCustomerQueryArb: fc.Arbitrary<GetCustomerQuery> = fc
  .record({
    customerId: customerIdArb,
    account: fc.oneof({ weight: 2, arbitrary: fc.constant<SourceAccountParam>({ source: 'ALL' }) }, { weight: 3, arbitrary: sourceAccountArb }),
  })
  .map(({ customerId, account }) => ({ customerId, ...withAccount(account) }));

// ---------------------------------------------------------------------------------------------------
// Garbage

/** Keys that attack prototypes, and keys the API reads, so that garbage reaches past the first check. */
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'polluted',
  'kind',
  'source',
  'accountId',
  'body',
  'meta',
  'at',
  'till',
  'loyaltyInfo',
  'loyaltyType',
  'profiles',
  'identifiers',
  'type',
  'value',
  'fields',
  'extendedFields',
  'commChannels',
  'customerId',
  'survivorId',
  'victimId',
  'add',
  'remove',
  'q',
  'limit',
  'offset',
  'identifierName',
  'identifierValue',
  'id',
  'tills',
  'code',
  'password',
  'accounts',
  'sources',
  'blockedValues',
  'blockedPatterns',
  'profile',
  'conflictingProfiles',
];

const hostileKeyArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HOSTILE_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

const jsonLeafArb = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-1', '1.5', '1e300', '"__proto__"', '"constructor"', '"loyalty"', '"WECHAT"', '"22232"', '"demo.till"', '"mobile"', '"9111111111"', '"register"', '"merge"', '"ALL"', '""'),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.integer().map(String),
);

const { value: jsonTextArb } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeafArb, tie('object'), tie('array')),
  object: fc
    .array(fc.tuple(hostileKeyArb, tie('value')), { maxLength: 5 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
}));

/**
 * JSON values parsed from text, so that `__proto__` and `constructor` arrive as own keys, the way a
 * request body would bring them (ARC-4).
 */
export const hostileJsonArb: fc.Arbitrary<unknown> = jsonTextArb.map((text) => JSON.parse(text) as unknown);

/** Objects that try to pollute prototypes through every route a careless merge would take. */
export const POLLUTERS: readonly string[] = [
  '{"__proto__": {"polluted": "yes"}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"__proto__": {"__proto__": {"polluted": "yes"}}, "polluted": "own"}',
  '{"__proto__": null}',
  '{"toString": "x", "hasOwnProperty": 1, "valueOf": {}}',
];

export const polluterArb: fc.Arbitrary<unknown> = fc.constantFrom(...POLLUTERS).map((text) => JSON.parse(text) as unknown);

/** Anything at all: fast-check's `anything` with every exotic option, hostile JSON, and polluters. */
export const garbageArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    key: hostileKeyArb,
  }),
  hostileJsonArb,
  polluterArb,
  fc.constantFrom(undefined, null, Number.NaN, Infinity, -0, 2 ** 53, '', 'ALL', Symbol('s'), () => 1, [] as unknown[]),
);

/** Marks a field to delete in `replaceAt`. */
const DELETE = Symbol('delete');

function pathsOf(value: unknown, prefix: readonly (string | number)[] = [], out: (readonly (string | number)[])[] = []): (readonly (string | number)[])[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    if (typeof head !== 'number') return copy;
    const next = replaceAt(copy[head], rest, replacement);
    if (next === DELETE) copy.splice(head, 1);
    else copy[head] = next;
    return copy;
  }
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  const next = replaceAt(copy[String(head)], rest, replacement);
  if (next === DELETE) delete copy[String(head)];
  else Object.defineProperty(copy, String(head), { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Garbage to put in a field, or the mark to remove it. */
export const replacementArb: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: garbageArb }, { weight: 1, arbitrary: fc.constant<unknown>(DELETE) });

/** The value with its `pick`-th field (at any depth, in a stable order) replaced, or removed for the delete mark. */
export function corruptAt(value: unknown, pick: number, replacement: unknown): unknown {
  const paths = pathsOf(value).slice(1);
  const path = paths[pick % Math.max(paths.length, 1)];
  return path === undefined ? value : replaceAt(value, path, replacement);
}

/**
 * A value of `arb` with one field, at any depth, replaced by garbage or removed: malformed input that
 * gets past the outer checks and reaches the inner ones.
 */
export function corrupted<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.tuple(arb, fc.nat(), replacementArb).map(([value, pick, replacement]) => corruptAt(value, pick, replacement));
}

// ---------------------------------------------------------------------------------------------------
// Targeted commands

/**
 * A command whose customer ids, source account and identifiers are picked, when it runs, among what the
 * state holds then: the n-th customer, its m-th profile, identifiers it or someone else holds. Plain random
 * ids and values rarely hit a profile's own identifiers; targeted commands remove them, steal them from
 * other customers (merges, 8008, 8053) and merge live customers and victims, many times per run.
 */
export interface TargetedCommand {
  readonly kind: 'targeted';
  readonly action: 'changeIdentifier' | 'merge' | 'update';
  /** Pick among every customer, victims included, instead of live ones only. */
  readonly anyCustomer: boolean;
  readonly customerPick: number;
  readonly otherPick: number;
  readonly profilePick: number;
  /** Identifiers of the picked profile (conflicting ones included) to remove. */
  readonly removePicks: readonly number[];
  /** Identifiers held by anyone, in any source account, to add. */
  readonly stealPicks: readonly number[];
  /** Identifiers from the pool to add. */
  readonly add: readonly IdentifierInput[];
  readonly loyaltyType: string | undefined;
  readonly meta: CommandMeta;
}

/** What a targeted command needs to know about a state: every customer with its profiles. */
export interface TargetCustomer {
  readonly id: number;
  readonly live: boolean;
  readonly profiles: readonly {
    readonly source: string;
    readonly accountId: string;
    /** Identifiers of the profile and of the profiles merged into it. */
    readonly identifiers: readonly { readonly type: string; readonly value: string }[];
  }[];
}

export const targetedArb: fc.Arbitrary<TargetedCommand> = fc.record({
  kind: fc.constant('targeted' as const),
  action: fc.constantFrom<TargetedCommand['action']>('changeIdentifier', 'changeIdentifier', 'changeIdentifier', 'merge', 'update'),
  anyCustomer: fc.boolean(),
  customerPick: fc.nat(),
  otherPick: fc.nat(),
  profilePick: fc.nat(),
  removePicks: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }),
  stealPicks: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }),
  add: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(identifierArb, { minLength: 1, maxLength: 2 }) }),
  loyaltyType: fc.option(loyaltyTypeArb, { nil: undefined }),
  meta: metaArb,
});

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** The command a targeted command stands for in a state (customers in id order). */
export function resolveTargeted(customers: readonly TargetCustomer[], t: TargetedCommand): Command {
  const pool = t.anyCustomer ? customers : customers.filter((c) => c.live);
  const customer = pick(pool, t.customerPick);
  const id = customer?.id ?? t.customerPick % 8;
  const profile = customer === undefined ? undefined : pick(customer.profiles, t.profilePick);
  const account = profile === undefined ? { source: 'INSTORE' } : { source: profile.source, accountId: profile.accountId };
  const sourceAccount = withAccount(account.accountId === '' ? { source: account.source } : account);
  switch (t.action) {
    case 'merge': {
      const other = pick(pool, t.otherPick);
      return { kind: 'merge', survivorId: other?.id ?? t.otherPick % 8, victimId: id, meta: t.meta };
    }
    case 'update':
      return {
        kind: 'update',
        customerId: id,
        ...sourceAccount,
        body: t.loyaltyType === undefined ? { profiles: [{ firstName: 'Renamed' }] } : { loyaltyInfo: { loyaltyType: t.loyaltyType } },
        meta: t.meta,
      };
    case 'changeIdentifier': {
      const held = profile?.identifiers ?? [];
      const everywhere = customers.flatMap((c) => c.profiles.flatMap((p) => p.identifiers));
      const remove = t.removePicks.flatMap((n) => pick(held, n) ?? []).map((i) => ({ type: i.type, value: i.value }));
      const add = [
        ...t.stealPicks.flatMap((n) => pick(everywhere, n) ?? []).map((i) => ({ type: i.type, value: i.value })),
        ...t.add,
      ];
      return {
        kind: 'changeIdentifier',
        customerId: id,
        ...sourceAccount,
        ...(add.length === 0 && remove.length > 0 ? {} : { add }),
        ...(remove.length === 0 ? {} : { remove }),
        meta: t.meta,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Sequences

/** A step of a generated sequence: a literal command, or a targeted one resolved when it runs. */
export type Instruction = Command | TargetedCommand | TargetedLoyaltyCommand;

/**
 * A command of any kind, sometimes malformed: one field (at any depth) replaced by garbage or removed.
 * Typed as `Command` because that is what a caller without types can pass.
 */
export const anyCommandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 12, arbitrary: commandArb() },
  { weight: 1, arbitrary: corrupted(commandArb()).map((c) => c as Command) },
);

/**
 * A sequence of instructions, short enough for a thousand runs per property: a few registrations first,
 * so that the small pool of customer ids mostly names someone, then literal commands (valid or not) and
 * targeted ones.
 */
export const commandSequenceArb: fc.Arbitrary<Instruction[]> = fc
  .tuple(
    fc.array(registerArb(), { minLength: 1, maxLength: 6 }),
    fc.array(fc.oneof(
      { weight: 3, arbitrary: anyCommandArb as fc.Arbitrary<Instruction> },
      { weight: 2, arbitrary: targetedArb as fc.Arbitrary<Instruction> },
    ), {
      maxLength: MAX_COMMANDS - 6,
      size: 'max',
    }),
  )
  .map(([registrations, rest]) => [...registrations, ...rest]);

/** Targeted commands of one action only. */
export function targetedArbFor(action: TargetedCommand['action']): fc.Arbitrary<TargetedCommand> {
  return targetedArb.map((t) => ({ ...t, action }));
}

// ---------------------------------------------------------------------------------------------------
// Loyalty and communication commands

/** Issue, redeem, return or adjust points (PTS-2): mostly issues, on the small pools of ids and programs. */
export function pointsCommandArb(options: CommandArbOptions = {}): fc.Arbitrary<PointsCommand> {
  const extras = options.extras ?? true;
  return fc
    .record({
      kind: fc.constantFrom<PointsCommand['kind']>('issuePoints', 'issuePoints', 'redeemPoints', 'returnPoints', 'adjustPoints'),
      customerId: customerIdArb,
      programId: programIdArb,
      points: pointsArb,
      negative: fc.boolean(),
      expiresOn: extras ? rarely(expiryArb, 3) : fc.constant(undefined),
      purchase: rarely(fc.integer({ min: 0, max: 5000 }), 3),
      meta: extras ? anyMetaArb : metaArb,
    })
    .map(({ kind, customerId, programId, points, negative, expiresOn, purchase, meta }) => ({
      kind,
      customerId,
      programId,
      points: kind === 'adjustPoints' && negative ? -Math.abs(points) : points,
      ...(kind === 'issuePoints' && expiresOn !== undefined ? { expiresOn } : {}),
      ...(kind === 'issuePoints' && purchase !== undefined ? { purchase } : {}),
      meta,
    }));
}

/** Expire the points of one program due at the command's time (PTS-3). */
export const expirePointsArb: fc.Arbitrary<ExpirePointsCommand> = fc
  .record({ customerId: customerIdArb, programId: programIdArb, meta: metaArb })
  .map(({ customerId, programId, meta }) => ({ kind: 'expirePoints' as const, customerId, programId, meta }));

/** A transfer between two ids of the small pool: sometimes the same (400), unknown or a victim (TRF-3). */
export const transferPointsArb: fc.Arbitrary<TransferPointsCommand> = fc
  .record({ fromId: customerIdArb, toId: customerIdArb, programId: programIdArb, points: pointsArb, notes: rarely(fc.constant('gift'), 3), meta: metaArb })
  .map(({ fromId, toId, programId, points, notes, meta }) => ({
    kind: 'transferPoints' as const,
    fromId,
    toId,
    programId,
    points,
    ...(notes === undefined ? {} : { notes }),
    meta,
  }));

/** Update Subscription Details for an id of the small pool (SUB-1..SUB-5). */
export function updateSubscriptionsArb(options: CommandArbOptions = {}): fc.Arbitrary<UpdateSubscriptionsCommand> {
  const extras = options.extras ?? true;
  return fc
    .record({ customerId: customerIdArb, body: subscriptionBodyArb, campaignId: rarely(fc.integer({ min: 1, max: 99 }), 4), meta: extras ? anyMetaArb : metaArb })
    .map(({ customerId, body, campaignId, meta }) => ({
      kind: 'updateSubscriptions' as const,
      customerId,
      body: { ...body, ...(campaignId === undefined ? {} : { campaignId }) },
      meta,
    }));
}

export const issueCouponArb: fc.Arbitrary<IssueCouponCommand> = fc
  .record({ customerId: customerIdArb, series: couponSeriesArb, meta: metaArb })
  .map(({ customerId, series, meta }) => ({ kind: 'issueCoupon' as const, customerId, series, meta }));

/** A redemption of a code nobody holds (400); targeted commands redeem real codes. */
export const redeemCouponArb: fc.Arbitrary<RedeemCouponCommand> = fc
  .record({ customerId: customerIdArb, couponCode: fc.constantFrom('ZZZZZZZZ', 'abc'), meta: metaArb })
  .map(({ customerId, couponCode, meta }) => ({ kind: 'redeemCoupon' as const, customerId, couponCode, meta }));

export const requestGoodwillArb: fc.Arbitrary<RequestGoodwillCommand> = fc
  .record({
    customerId: customerIdArb,
    goodwillType: fc.constantFrom<'POINTS' | 'COUPON'>('POINTS', 'POINTS', 'COUPON'),
    programId: programIdArb,
    points: pointsArb,
    series: couponSeriesArb,
    oneStep: fc.boolean(),
    meta: metaArb,
  })
  .map(({ customerId, goodwillType, programId, points, series, oneStep, meta }) => ({
    kind: 'requestGoodwill' as const,
    customerId,
    goodwillType,
    ...(goodwillType === 'POINTS' ? { programId, points } : { series }),
    reason: 'late delivery',
    oneStep,
    meta,
  }));

/** A decision on a request id of the small pool: mostly unknown (400); targeted commands decide pending ones. */
export const resolveGoodwillArb: fc.Arbitrary<ResolveGoodwillCommand> = fc
  .record({ customerId: customerIdArb, requestId: fc.integer({ min: 1, max: 40 }), decision: fc.constantFrom<'APPROVED' | 'REJECTED'>('APPROVED', 'REJECTED'), meta: metaArb })
  .map(({ customerId, requestId, decision, meta }) => ({ kind: 'resolveGoodwill' as const, customerId, requestId, decision, meta }));

export const deletePiiArb: fc.Arbitrary<DeletePiiCommand> = fc
  .record({ customerId: customerIdArb, meta: metaArb })
  .map(({ customerId, meta }) => ({ kind: 'deletePii' as const, customerId, meta }));

/** A literal loyalty or communication command of any kind, mostly points. */
export function loyaltyCommandArb(options: CommandArbOptions = {}): fc.Arbitrary<Command> {
  return fc.oneof(
    { weight: 6, arbitrary: pointsCommandArb(options) as fc.Arbitrary<Command> },
    { weight: 1, arbitrary: expirePointsArb },
    { weight: 2, arbitrary: transferPointsArb },
    { weight: 2, arbitrary: updateSubscriptionsArb(options) },
    { weight: 1, arbitrary: issueCouponArb },
    { weight: 1, arbitrary: redeemCouponArb },
    { weight: 1, arbitrary: requestGoodwillArb },
    { weight: 1, arbitrary: resolveGoodwillArb },
    { weight: 1, arbitrary: deletePiiArb },
  );
}

// ---------------------------------------------------------------------------------------------------
// Targeted loyalty commands

/** What a targeted loyalty command does. */
export type LoyaltyAction =
  | 'issue'
  | 'redeem'
  | 'return'
  | 'adjust'
  | 'expire'
  | 'transfer'
  | 'subscribe'
  | 'enroll'
  | 'issueCoupon'
  | 'redeemCoupon'
  | 'requestGoodwill'
  | 'resolveGoodwill'
  | 'deletePii';

/** How many points a debit asks for, against the balance it meets: a few, all, one more than all, half. */
export type PointsAmount = 'fixed' | 'all' | 'over' | 'half';

/**
 * A loyalty command whose customers, program, points, coupon code and goodwill request are picked when it
 * runs, among what the state holds then: the n-th customer and one of its programs, a debit of all its
 * points or one more (1010), another member of the program to transfer to, a coupon it holds, a pending
 * request. Plain random ids and amounts mostly meet unknown customers and programs they are not in.
 */
export interface TargetedLoyaltyCommand {
  readonly kind: 'targetedLoyalty';
  readonly action: LoyaltyAction;
  /** Pick among every customer, victims and deleted ones included, instead of live ones only. */
  readonly anyCustomer: boolean;
  readonly customerPick: number;
  readonly otherPick: number;
  readonly programPick: number;
  /** Pick the program among all programs (and an unknown one) instead of the customer's own. */
  readonly foreignProgram: boolean;
  readonly points: number;
  readonly amount: PointsAmount;
  readonly negative: boolean;
  readonly expiresOn: string | undefined;
  readonly subscriptions: readonly SubscriptionInput[];
  readonly enrollments: readonly EnrollmentInput[];
  readonly series: IssueCouponCommand['series'];
  readonly goodwillType: 'POINTS' | 'COUPON';
  readonly oneStep: boolean;
  readonly decision: 'APPROVED' | 'REJECTED';
  readonly meta: CommandMeta;
}

/** What a targeted loyalty command needs to know about a state: every customer with its loyalty state. */
export interface LoyaltyTarget {
  readonly id: number;
  readonly status: 'live' | 'merged' | 'deleted';
  readonly profiles: readonly { readonly source: string; readonly accountId: string }[];
  /** The programs the customer is enrolled in, in enrollment order, with their balances and the points that can expire. */
  readonly programs: readonly { readonly programId: number; readonly balance: number; readonly expiring: number }[];
  /** Codes of the coupons it holds and has not redeemed. */
  readonly couponCodes: readonly string[];
  /** Ids of its PENDING goodwill requests. */
  readonly pendingGoodwill: readonly number[];
}

const LOYALTY_ACTION_WEIGHTS: readonly (readonly [LoyaltyAction, number])[] = [
  ['issue', 5],
  ['redeem', 4],
  ['return', 1],
  ['adjust', 2],
  ['expire', 3],
  ['transfer', 5],
  ['subscribe', 5],
  ['enroll', 2],
  ['issueCoupon', 2],
  ['redeemCoupon', 3],
  ['requestGoodwill', 3],
  ['resolveGoodwill', 3],
  ['deletePii', 1],
];

/**
 * Targeted loyalty commands of the given actions (all by default). With `extras` false no expiry dates
 * are sent, as the reference model does not model expiry.
 */
export function targetedLoyaltyArb(options: CommandArbOptions & { readonly actions?: readonly LoyaltyAction[] } = {}): fc.Arbitrary<TargetedLoyaltyCommand> {
  const extras = options.extras ?? true;
  const actions = LOYALTY_ACTION_WEIGHTS.filter(([a]) => options.actions === undefined || options.actions.includes(a));
  return fc.record({
    kind: fc.constant('targetedLoyalty' as const),
    action: fc.oneof(...actions.map(([a, weight]) => ({ weight, arbitrary: fc.constant(a) }))),
    anyCustomer: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    customerPick: fc.nat(),
    otherPick: fc.nat(),
    programPick: fc.nat(),
    foreignProgram: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    points: pointsArb,
    amount: fc.constantFrom<PointsAmount>('fixed', 'fixed', 'all', 'over', 'half', 'half'),
    negative: fc.boolean(),
    expiresOn: extras ? rarely(expiryArb, 2) : fc.constant(undefined),
    subscriptions: fc.array(subscriptionInputArb, { minLength: 1, maxLength: 2 }),
    enrollments: enrollmentsArb(options),
    series: couponSeriesArb,
    goodwillType: fc.constantFrom<'POINTS' | 'COUPON'>('POINTS', 'POINTS', 'COUPON'),
    oneStep: fc.constantFrom(false, false, true),
    decision: fc.constantFrom<'APPROVED' | 'REJECTED'>('APPROVED', 'APPROVED', 'REJECTED'),
    meta: metaArb,
  });
}

/** The points a debit of `amount` asks for, against a balance. */
function debitPoints(t: TargetedLoyaltyCommand, balance: number): number {
  switch (t.amount) {
    case 'fixed':
      return t.points;
    case 'all':
      return Math.max(1, balance);
    case 'over':
      return balance + 1;
    case 'half':
      return Math.max(1, Math.ceil(balance / 2));
  }
}

/** The command a targeted loyalty command stands for in a state (customers in id order). */
export function resolveTargetedLoyalty(customers: readonly LoyaltyTarget[], t: TargetedLoyaltyCommand): Command {
  const pool = t.anyCustomer ? customers : customers.filter((c) => c.status === 'live');
  // Coupon redemptions and goodwill decisions go to a customer that has something to redeem or decide.
  const having =
    t.action === 'redeemCoupon' ? pool.filter((c) => c.couponCodes.length > 0) : t.action === 'resolveGoodwill' ? pool.filter((c) => c.pendingGoodwill.length > 0) : [];
  const customer = pick(having.length > 0 ? having : pool, t.customerPick);
  const id = customer?.id ?? t.customerPick % 8;
  const own = customer?.programs ?? [];
  const programId = t.foreignProgram || own.length === 0 ? (pick([...PROGRAM_IDS, UNKNOWN_PROGRAM_ID], t.programPick) ?? UNKNOWN_PROGRAM_ID) : (pick(own, t.programPick)?.programId ?? UNKNOWN_PROGRAM_ID);
  const balance = own.find((p) => p.programId === programId)?.balance ?? 0;
  const meta = t.meta;
  const base = { customerId: id, programId, meta };
  switch (t.action) {
    case 'issue':
      return { kind: 'issuePoints', ...base, points: t.points, ...(t.expiresOn === undefined ? {} : { expiresOn: t.expiresOn }) };
    case 'redeem':
      return { kind: 'redeemPoints', ...base, points: debitPoints(t, balance) };
    case 'return':
      return { kind: 'returnPoints', ...base, points: debitPoints(t, balance) };
    case 'adjust':
      return { kind: 'adjustPoints', ...base, points: t.negative ? -debitPoints(t, balance) : t.points };
    case 'expire': {
      // Mostly a program with points that can expire, when the customer has one.
      const expiring = own.filter((p) => p.expiring > 0);
      const target = t.foreignProgram ? undefined : pick(expiring, t.programPick);
      return { kind: 'expirePoints', ...base, ...(target === undefined ? {} : { programId: target.programId }) };
    }
    case 'transfer': {
      // Mostly between two members of one program, so that transfers are accepted; sometimes to anyone
      // else (1013), from anyone (1013, 8015, 8069), rarely to the sender itself (400).
      const pairs = pool.flatMap((from) =>
        from.programs.flatMap((p) =>
          pool.filter((to) => to.id !== from.id && to.programs.some((q) => q.programId === p.programId)).map((to) => ({ from, to, program: p })),
        ),
      );
      const pair = t.foreignProgram || (t.negative && t.amount === 'half') ? undefined : pick(pairs, t.customerPick);
      if (pair !== undefined) {
        return { kind: 'transferPoints', fromId: pair.from.id, toId: pair.to.id, programId: pair.program.programId, points: debitPoints(t, pair.program.balance), meta };
      }
      const others = pool.filter((c) => c.id !== id);
      const other = t.amount === 'over' ? customer : pick(others.length > 0 ? others : pool, t.otherPick);
      return { kind: 'transferPoints', fromId: id, toId: other?.id ?? t.otherPick % 8, programId, points: debitPoints(t, balance), meta };
    }
    case 'subscribe':
      return { kind: 'updateSubscriptions', customerId: id, body: { subscriptions: t.subscriptions }, meta };
    case 'enroll': {
      const profile = pick(customer?.profiles ?? [], t.otherPick);
      const account = profile === undefined ? { source: 'INSTORE' } : profile.accountId === '' ? { source: profile.source } : profile;
      return { kind: 'update', customerId: id, ...account, body: { loyaltyProgramEnrollments: t.enrollments }, meta };
    }
    case 'issueCoupon':
      return { kind: 'issueCoupon', customerId: id, series: t.series, meta };
    case 'redeemCoupon':
      return { kind: 'redeemCoupon', customerId: id, couponCode: pick(customer?.couponCodes ?? [], t.otherPick) ?? 'ZZZZZZZZ', meta };
    case 'requestGoodwill':
      return {
        kind: 'requestGoodwill',
        customerId: id,
        goodwillType: t.goodwillType,
        ...(t.goodwillType === 'POINTS' ? { programId, points: t.points } : { series: t.series }),
        oneStep: t.oneStep,
        meta,
      };
    case 'resolveGoodwill':
      return {
        kind: 'resolveGoodwill',
        customerId: id,
        requestId: pick(customer?.pendingGoodwill ?? [], t.otherPick) ?? t.otherPick % 40,
        decision: t.decision,
        meta,
      };
    case 'deletePii':
      return { kind: 'deletePii', customerId: id, meta };
  }
}

// ---------------------------------------------------------------------------------------------------
// Sequences with loyalty

/** Any command of the loyalty issue's world: identity ones (enrolling too) and loyalty ones, sometimes malformed. */
export const anyLoyaltyWorldCommandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 12, arbitrary: commandArb({ enrollments: true }) },
  { weight: 8, arbitrary: loyaltyCommandArb() },
  { weight: 1, arbitrary: corrupted(loyaltyCommandArb()).map((c) => c as Command) },
  { weight: 1, arbitrary: corrupted(commandArb({ enrollments: true })).map((c) => c as Command) },
);

/** Members' own values: external ids, emails and names nobody else in the pools has. */
const MEMBER_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/**
 * A member joining: a loyalty registration with an external id (and sometimes an email) of its own, a
 * name, sometimes channels, custom and extended fields, enrolled in one or two programs. Members stay
 * apart until a later command links them, so that sequences have several customers to move points
 * between, merge and delete.
 */
export function memberRegisterArb(options: CommandArbOptions = {}): fc.Arbitrary<RegisterCommand> {
  const extras = options.extras ?? true;
  return fc
    .record({
      n: fc.constantFrom(...MEMBER_NUMBERS),
      account: fc.constantFrom(VALID_SOURCE_ACCOUNTS[3] as SourceAccountParam, VALID_SOURCE_ACCOUNTS[0] as SourceAccountParam, VALID_SOURCE_ACCOUNTS[2] as SourceAccountParam),
      email: fc.boolean(),
      firstName: fc.constantFrom('Mia', 'Noor', 'Olu', 'Pia'),
      lastName: rarely(fc.constantFrom('Quist', 'Rao'), 2),
      commChannels: rarely(fc.array(validChannelArb, { minLength: 1, maxLength: 2 }), 3),
      fields: rarely(validCustomFieldsArb, 3),
      extendedFields: rarely(validExtendedFieldsArb, 3),
      enrollments: enrollmentsArb(options, true),
      meta: metaArb,
    })
    .map(({ n, account, email, firstName, lastName, commChannels, fields, extendedFields, enrollments, meta }) => ({
      kind: 'register' as const,
      ...withAccount(account),
      body: {
        loyaltyInfo: { loyaltyType: 'loyalty' },
        profiles: [
          {
            identifiers: [{ type: 'externalId', value: `member-${n}` }, ...(email ? [{ type: 'email', value: `member${n}@example.com` }] : [])],
            firstName,
            ...(extras && lastName !== undefined ? { lastName } : {}),
            ...(extras && commChannels !== undefined ? { commChannels } : {}),
            ...(extras && fields !== undefined ? { fields } : {}),
          },
        ],
        ...(extras && extendedFields !== undefined ? { extendedFields } : {}),
        loyaltyProgramEnrollments: enrollments,
      },
      meta,
    }));
}

/**
 * A sequence over identity and loyalty commands alike: members and other registrations (mostly
 * enrolling in programs) first, then literal commands of every kind, targeted identity commands (merges,
 * combines, removals) and targeted loyalty commands (points, transfers, subscriptions, coupons, goodwill,
 * PII deletion).
 */
export const loyaltySequenceArb: fc.Arbitrary<Instruction[]> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: memberRegisterArb() }, { weight: 2, arbitrary: registerArb({ enrollments: true }) }), { minLength: 3, maxLength: 6 }),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: anyLoyaltyWorldCommandArb as fc.Arbitrary<Instruction> },
        { weight: 2, arbitrary: targetedArb as fc.Arbitrary<Instruction> },
        { weight: 5, arbitrary: targetedLoyaltyArb() as fc.Arbitrary<Instruction> },
      ),
      { maxLength: MAX_COMMANDS - 6, size: 'max' },
    ),
  )
  .map(([registrations, rest]) => [...registrations, ...rest]);

/** Identity sequences and loyalty sequences alike: the properties every command must keep (ARC-2, ARC-3, ARC-5, LOY-1). */
export const anySequenceArb: fc.Arbitrary<Instruction[]> = fc.oneof({ weight: 1, arbitrary: commandSequenceArb }, { weight: 2, arbitrary: loyaltySequenceArb });
