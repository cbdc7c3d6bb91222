import { z } from 'zod';
import { frozenSet } from '../kernel/frozen';

/** The identifier types of the seed's Register Customer and Update Identifiers (IDN-1). */
export const IDENTIFIER_TYPES = Object.freeze([
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
] as const);

/** One of the documented identifier types (IDN-1). */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** One of the documented identifier types (IDN-1). */
export const identifierTypeSchema = z.enum(IDENTIFIER_TYPES);

/** How an org reads identifier values: mobile numbering and the values that must never link people (IDN-2, IDN-3). */
export interface IdentifierRules {
  /** Country code put before a mobile number given in national form, e.g. `91`; empty for none. */
  readonly defaultCountryCode: string;
  /** Length of a national mobile number, the form that gets the country code. */
  readonly nationalMobileLength: number;
  readonly mobileMinLength: number;
  readonly mobileMaxLength: number;
  readonly externalIdMaxLength: number;
  /** Values (compared case-insensitively after normalisation) that never identify a person. */
  readonly blockedValues: readonly string[];
  /** Regular-expression sources; a value matching any is blocked. */
  readonly blockedPatterns: readonly string[];
}

/** Why a raw identifier value was not accepted. */
export type IdentifierProblem = 'invalid' | 'blocked';

/** The outcome of reading one raw identifier value. */
export type NormalisedValue =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly problem: IdentifierProblem };

const identifierTypeSet: ReadonlySet<string> = new Set(IDENTIFIER_TYPES);
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const MOBILE_PUNCTUATION = /[\s\-().]/g;
const DIGITS = /^\d+$/;
const MAX_OTHER_LENGTH = 512;

/** True for a documented identifier type (IDN-1). */
export function isIdentifierType(value: unknown): value is IdentifierType {
  return typeof value === 'string' && identifierTypeSet.has(value);
}

function readMobile(raw: string, rules: IdentifierRules): string | undefined {
  let digits = raw.replace(MOBILE_PUNCTUATION, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  if (!DIGITS.test(digits)) return undefined;
  if (rules.defaultCountryCode !== '' && digits.length === rules.nationalMobileLength) {
    digits = rules.defaultCountryCode + digits;
  }
  if (digits.length < rules.mobileMinLength || digits.length > rules.mobileMaxLength) return undefined;
  return digits;
}

function readValue(type: IdentifierType, raw: string, rules: IdentifierRules): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '' || CONTROL.test(trimmed)) return undefined;
  switch (type) {
    case 'mobile':
      return readMobile(trimmed, rules);
    case 'email': {
      const lower = trimmed.toLowerCase();
      return lower.length <= 254 && EMAIL.test(lower) ? lower : undefined;
    }
    case 'externalId':
      return trimmed.length <= rules.externalIdMaxLength ? trimmed : undefined;
    case 'wechat':
    case 'martjackId':
    case 'fbId':
    case 'tmall_uname':
    case 'cuid':
    case 'ali_uname':
    case 'jd_uname':
    case 'vip_uname':
    case 'line':
    case 'mobilePush':
      return trimmed.length <= MAX_OTHER_LENGTH ? trimmed : undefined;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** A compiled blocklist, built once per org so that each check is a set lookup and a few regex tests. */
export interface Blocklist {
  readonly values: ReadonlySet<string>;
  readonly patterns: readonly RegExp[];
}

/** Compiles an org's blocked values and patterns (IDN-3); the patterns are checked by `defineOrg` first. */
export function compileBlocklist(rules: IdentifierRules): Blocklist {
  return Object.freeze({
    values: frozenSet(rules.blockedValues.map((v) => v.trim().toLowerCase())),
    patterns: Object.freeze(rules.blockedPatterns.map((p) => new RegExp(p, 'i'))),
  });
}

/**
 * Reads a raw identifier value into the form the graph keys on, or says why it cannot (IDN-2, IDN-3):
 * emails are case-insensitive, mobiles are digits with the country code, and blocked values never pass.
 */
export function normaliseIdentifier(
  type: IdentifierType,
  raw: unknown,
  rules: IdentifierRules,
  blocklist: Blocklist,
): NormalisedValue {
  // An undocumented type has no value: without this, `readValue` handed the type itself back as the value.
  if (!isIdentifierType(type)) return { ok: false, problem: 'invalid' };
  const text = typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : raw;
  if (typeof text !== 'string') return { ok: false, problem: 'invalid' };
  const lowered = text.trim().toLowerCase();
  if (isBlocked(lowered, blocklist)) return BLOCKED;
  const value = readValue(type, text, rules);
  if (value === undefined) return INVALID;
  // The normalised value is judged too (patterns ignore case, so its lower-cased form is enough), and a
  // mobile by its national part as well: `+91 0000000000` is the blocked `0000000000` (IDN-2, IDN-3).
  const normalisedLower = value.toLowerCase();
  if (normalisedLower !== lowered && isBlocked(normalisedLower, blocklist)) return BLOCKED;
  if (type === 'mobile') {
    const national = nationalPart(value, rules);
    if (national !== value && isBlocked(national, blocklist)) return BLOCKED;
  }
  return { ok: true, value };
}

const BLOCKED: NormalisedValue = Object.freeze({ ok: false, problem: 'blocked' });
const INVALID: NormalisedValue = Object.freeze({ ok: false, problem: 'invalid' });

/** Whether a lower-cased value is on the blocklist, by value or by pattern (patterns are case-insensitive). */
function isBlocked(lowered: string, blocklist: Blocklist): boolean {
  if (blocklist.values.has(lowered)) return true;
  for (const p of blocklist.patterns) if (p.test(lowered)) return true;
  return false;
}

/** The national number of a normalised mobile that carries the org's country code; otherwise the mobile itself. */
function nationalPart(mobile: string, rules: IdentifierRules): string {
  const code = rules.defaultCountryCode;
  return code !== '' && mobile.startsWith(code) && mobile.length === code.length + rules.nationalMobileLength
    ? mobile.slice(code.length)
    : mobile;
}
