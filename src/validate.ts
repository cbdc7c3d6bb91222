import { err, ok, type Result } from 'neverthrow';
import type { ZodType } from 'zod';
import type { CommChannelInput, CommandMeta, IdentifierInput } from './commands';
import {
  COMM_CHANNEL_TYPES,
  fieldMap,
  type CommChannel,
  type CommChannelType,
  type FieldMap,
  type LoyaltyType,
} from './customer';
import { domainError, fieldError, invalidInput, type DomainError, type InvalidInputError } from './errors';
import type { SourceAccountKey, TillCode } from './ids';
import { isIdentifierType, normaliseIdentifier, type Identifier, type IdentifierType } from './identifiers';
import type { Org } from './org';
import { isSource, MULTI_ACCOUNT_SOURCES, sourceAccountKey, type Source } from './sources';
import { DEFAULT_CHANNEL_META, sharedFieldMap } from './internal/shared';

/** Parses untrusted input with a schema into a 400 that names the first offending field (ARC-4). */
export function parseWith<T>(schema: ZodType, input: unknown, root: readonly string[] = []): Result<T, InvalidInputError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data as T);
  const issue = parsed.error.issues[0];
  const path = [...root, ...(issue?.path ?? []).map((p) => (typeof p === 'number' ? p : String(p)))];
  return err(invalidInput(path, issue?.message ?? 'invalid'));
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * True when the leading `YYYY-MM-DD` names a day of the calendar. `Date.parse` alone is not enough: it
 * rolls `2021-02-31` over to March 3 instead of refusing it.
 */
function isCalendarDay(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** True for an ISO 8601 date-time with seconds and an offset that names a real instant. */
export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && isCalendarDay(value) && !Number.isNaN(Date.parse(value));
}

/** The validated time and till of a write (ORG-5, ERR-2). */
export interface ValidMeta {
  readonly at: string;
  readonly till: TillCode;
}

/** The acting till must be one of the org's (91021, ORG-3); the time must be an ISO date-time (400). */
export function readMeta(org: Org, meta: CommandMeta): Result<ValidMeta, DomainError> {
  if (!isIsoDateTime(meta.at)) return err(invalidInput(['meta', 'at'], 'expected an ISO 8601 date-time with offset'));
  const till = org.tills.get(meta.till);
  if (till === undefined) return err(domainError(91021));
  return ok({ at: meta.at, till: till.code });
}

/** A source account that the org has (SRC-1, SRC-2). */
export interface SourceAccount {
  readonly source: Source;
  readonly accountId: string;
  readonly key: SourceAccountKey;
}

/**
 * Reads a source and account: unknown or disabled source 8012, missing account of a multi-account
 * source 8045, unknown account (or an account on a single-account source) 8011 (SRC-1, SRC-2, SRC-4).
 */
export function readSourceAccount(org: Org, source: string, accountId: string | undefined): Result<SourceAccount, DomainError> {
  if (!isSource(source) || !org.sources.has(source)) return err(domainError(8012));
  const account = accountId ?? '';
  if (MULTI_ACCOUNT_SOURCES.has(source)) {
    if (account === '') return err(domainError(8045));
    if (!(org.accounts.get(source)?.has(account) ?? false)) return err(domainError(8011));
  } else if (account !== '') {
    return err(domainError(8011));
  }
  return ok({ source, accountId: account, key: sourceAccountKey(source, account) });
}

/** The loyalty type named in a request (LOY-1). */
export function readLoyaltyType(value: string): Result<LoyaltyType, InvalidInputError> {
  return value === 'loyalty' || value === 'non_loyalty'
    ? ok(value)
    : err(invalidInput(['loyaltyInfo', 'loyaltyType'], 'expected loyalty or non_loyalty'));
}

/** Where an identifier is read: each endpoint documents its own codes for a bad value (IDN-4). */
export type IdentifierContext = 'register' | 'changeIdentifier';

const INVALID_VALUE_CODE = {
  register: { mobile: 1001, email: 1002, externalId: 1003 },
  changeIdentifier: { mobile: 8056, email: 8055, externalId: 8064 },
} as const;

function invalidIdentifier(context: IdentifierContext, type: IdentifierType, problem: 'invalid' | 'blocked'): DomainError {
  const codes: Partial<Record<IdentifierType, 1001 | 1002 | 1003 | 8055 | 8056 | 8064>> = INVALID_VALUE_CODE[context];
  const code = codes[type] ?? 1104;
  const error = domainError(code);
  return problem === 'blocked' ? { ...error, message: `${error.message} The value of ${type} is blocked.` } : error;
}

/** Reads one identifier: unknown type 1104, bad or blocked value by the endpoint's code (IDN-1..IDN-4). */
export function readIdentifier(org: Org, input: IdentifierInput, context: IdentifierContext): Result<Identifier, DomainError> {
  if (!isIdentifierType(input.type)) return err(domainError(1104, `${domainError(1104).message} Unknown type.`));
  const read = normaliseIdentifier(input.type, input.value, org.identifierRules, org.blocklist);
  if (!read.ok) return err(invalidIdentifier(context, input.type, read.problem));
  return ok({ type: input.type, value: read.value });
}

/** Reads a list of identifiers, dropping exact repeats so that a request never collides with itself. */
export function readIdentifiers(
  org: Org,
  inputs: readonly IdentifierInput[],
  context: IdentifierContext,
): Result<Identifier[], DomainError> {
  const out: Identifier[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const read = readIdentifier(org, input, context);
    if (read.isErr()) return err(read.error);
    const k = `${read.value.type}\u0000${read.value.value}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(read.value);
  }
  return ok(out);
}

const channelTypes: ReadonlySet<string> = new Set(COMM_CHANNEL_TYPES);

function bool(value: boolean | 'true' | 'false' | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value === true || value === 'true';
}

/** Reads communication channels: unknown type 8010, bad mobile 8058, bad email 8057 (CHN-1, CHN-2). */
export function readCommChannels(org: Org, inputs: readonly CommChannelInput[]): Result<CommChannel[], DomainError> {
  const out: CommChannel[] = [];
  for (const input of inputs) {
    if (!channelTypes.has(input.type)) return err(domainError(8010));
    const type = input.type as CommChannelType;
    let value = String(input.value).trim();
    // An empty value is 8010 for every type, mobile and email included (CHN-1).
    if (value === '') return err(domainError(8010));
    if (type === 'mobile' || type === 'email') {
      const read = normaliseIdentifier(type, input.value, org.identifierRules, org.blocklist);
      if (!read.ok) return err(domainError(type === 'mobile' ? 8058 : 8057));
      value = read.value;
    }
    out.push({
      type,
      value,
      primary: bool(input.primary, false),
      verified: bool(input.verified, false),
      meta: channelMeta(input.meta?.lastViewedDate ?? '', bool(input.meta?.residence, false), bool(input.meta?.office, false)),
    });
  }
  return ok(out);
}

function channelMeta(lastViewedDate: string, residence: boolean, office: boolean): CommChannel['meta'] {
  return lastViewedDate === '' && !residence && !office ? DEFAULT_CHANNEL_META : { lastViewedDate, residence, office };
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Reads custom fields: only fields the org enabled, scalar values within length (1017, FLD-1, FLD-3). */
export function readCustomFields(org: Org, input: Readonly<Record<string, unknown>> | undefined): Result<FieldMap, DomainError> {
  const entries: [string, string][] = [];
  for (const [name, raw] of Object.entries(input ?? {})) {
    const def = org.customFields.get(name.toLowerCase());
    if (def === undefined) return err(fieldError(1017, name, 'not enabled for the org'));
    const value = scalarText(raw);
    if (value === undefined || value.length > def.maxLength) return err(fieldError(1017, name, 'invalid value'));
    entries.push([def.name, value]);
  }
  return ok(sharedFieldMap(entries));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readExtendedValue(def: { type: string; values: readonly string[]; maxLength: number }, raw: unknown): string | undefined {
  const value = scalarText(raw);
  if (value === undefined || value.length > def.maxLength) return undefined;
  switch (def.type) {
    case 'string':
      return value;
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? String(Number(value)) : undefined;
    case 'boolean':
      return value === 'true' || value === 'false' ? value : undefined;
    case 'date':
      return (DATE.test(value) && isCalendarDay(value)) || isIsoDateTime(value) ? value : undefined;
    case 'enum':
      return def.values.find((v) => v.toLowerCase() === value.toLowerCase());
    default:
      return undefined;
  }
}

/** Reads extended fields: only enabled fields, values of the field's type, enums matched case-insensitively (91015, FLD-2, FLD-3). */
export function readExtendedFields(org: Org, input: Readonly<Record<string, unknown>> | undefined): Result<FieldMap, DomainError> {
  const entries: [string, string][] = [];
  for (const [name, raw] of Object.entries(input ?? {})) {
    const def = org.extendedFields.get(name.toLowerCase());
    if (def === undefined) return err(fieldError(91015, name, 'not enabled for the org'));
    const value = readExtendedValue(def, raw);
    if (value === undefined) return err(fieldError(91015, name, `expected a valid ${def.type}`));
    entries.push([def.name, value]);
  }
  return ok(sharedFieldMap(entries));
}
