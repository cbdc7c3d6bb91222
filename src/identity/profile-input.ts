// The request shapes a profile is written in (Register, Update, changeIdentifier), declared once as
// schemas, and the readers that turn their values into record values under the org's rules, or into
// the endpoint's documented refusal (IDN-1..IDN-4, CHN-1, CHN-2, FLD-1..FLD-3).
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { isCalendarDay, isIsoDateTime } from '../kernel/dates';
import { list, record, text, userKeyed, type FieldMap } from '../kernel/parse';
import { invalidInput, refuse, type DomainError, type IdentifierContext } from '../kernel/refusals';
import { isIdentifierType, normaliseIdentifier, type IdentifierType } from '../org/identifiers';
import type { ExtendedFieldDef, Org } from '../org/org';
import type { LoyaltyType } from '../records/customer';
import { sharedFieldMap } from '../records/field-map';
import { DEFAULT_CHANNEL_META } from '../records/freeze';
import { COMM_CHANNEL_TYPES, type CommChannel, type CommChannelType, type Identifier } from '../records/profile';

const MAX_LIST = 100;
const boolish = z.union([z.boolean(), z.literal('true'), z.literal('false')]);
// A field's value is read as a scalar; anything else is kept as `undefined`, which the readers refuse with
// the field's own code (1017, 91015) rather than a 400, and which holds nothing of the caller's.
const fieldValue = z.unknown().transform((v): FieldValue => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined));

/** A field value as the readers see it: a scalar, or `undefined` for anything else. */
type FieldValue = string | number | boolean | undefined;

/** An identifier in a request body; the rules read and normalise its value (IDN-2). */
export const identifierInputSchema = record({ type: text(64), value: z.union([text(4096), z.number()]) });

/** An identifier in a request body. */
export type IdentifierInput = z.input<typeof identifierInputSchema>;

/** A communication channel in a request body; the seeds send booleans both as JSON and as strings. */
export const commChannelInputSchema = record({
  type: text(64),
  value: z.union([text(4096), z.number()]),
  primary: boolish.optional(),
  verified: boolish.optional(),
  meta: record({ lastViewedDate: text(64).optional(), residence: boolish.optional(), office: boolish.optional() }).optional(),
});

/** A communication channel in a request body. */
export type CommChannelInput = z.input<typeof commChannelInputSchema>;

/** User-keyed fields as a request carries them: scalar values, keys kept as data (ARC-4). */
export const userFieldsSchema = userKeyed(fieldValue);

/** A source profile in a Register or Update body. */
export const profileInputSchema = record({
  firstName: text(256).optional(),
  lastName: text(256).optional(),
  identifiers: list(identifierInputSchema, MAX_LIST).optional(),
  commChannels: list(commChannelInputSchema, MAX_LIST).optional(),
  fields: userFieldsSchema.optional(),
  source: text(64).optional(),
  accountId: text(64).optional(),
});

/** A source profile in a Register or Update body. */
export type ProfileInput = z.input<typeof profileInputSchema>;

type ParsedProfile = z.output<typeof profileInputSchema>;

/** The loyalty type a request names: `loyalty` or `non_loyalty`, 400 naming the field otherwise (REG-2, UPD-3). */
export function readLoyaltyType(value: string): Result<LoyaltyType, DomainError> {
  return value === 'loyalty' || value === 'non_loyalty' ? ok(value) : err(invalidInput(['body', 'loyaltyInfo', 'loyaltyType'], 'expected loyalty or non_loyalty'));
}

/** The profile of a request that belongs to the addressed source: the first that names it or names none (REG-9). */
export function profileFor(profiles: readonly ParsedProfile[] | undefined, source: string): ParsedProfile | undefined {
  return profiles?.find((p) => p.source === undefined || p.source === source);
}

const INVALID_VALUE_CODE = {
  register: { mobile: 1001, email: 1002, externalId: 1003 },
  changeIdentifier: { mobile: 8056, email: 8055, externalId: 8064 },
} as const;

function invalidIdentifier(context: IdentifierContext, type: IdentifierType, blocked: boolean): DomainError {
  const codes: Partial<Record<IdentifierType, 1001 | 1002 | 1003 | 8055 | 8056 | 8064>> = INVALID_VALUE_CODE[context];
  return refuse({ reason: 'invalidIdentifier', code: codes[type] ?? 1104, identifierType: type, context, blocked });
}

/** Reads one identifier: unknown type 1104, bad or blocked value by the endpoint's code (IDN-1..IDN-4). */
export function readIdentifier(org: Org, input: z.output<typeof identifierInputSchema>, context: IdentifierContext): Result<Identifier, DomainError> {
  if (!isIdentifierType(input.type)) return err(refuse({ reason: 'unknownIdentifierType', code: 1104, identifierType: input.type }));
  const read = normaliseIdentifier(input.type, input.value, org.identifierRules, org.blocklist);
  if (!read.ok) return err(invalidIdentifier(context, input.type, read.problem === 'blocked'));
  return ok(Object.freeze({ type: input.type, value: read.value }));
}

/** Reads a list of identifiers, dropping exact repeats so that a request never collides with itself (IDN-2). */
export function readIdentifiers(
  org: Org,
  inputs: readonly z.output<typeof identifierInputSchema>[],
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

function bool(value: boolean | 'true' | 'false' | undefined): boolean {
  return value === true || value === 'true';
}

function channelMeta(lastViewedDate: string, residence: boolean, office: boolean): CommChannel['meta'] {
  return lastViewedDate === '' && !residence && !office ? DEFAULT_CHANNEL_META : Object.freeze({ lastViewedDate, residence, office });
}

/** Reads communication channels: unknown type 8010, empty value 8010, bad mobile 8058, bad email 8057 (CHN-1, CHN-2). */
export function readCommChannels(org: Org, inputs: readonly z.output<typeof commChannelInputSchema>[]): Result<CommChannel[], DomainError> {
  const out: CommChannel[] = [];
  for (const input of inputs) {
    if (!channelTypes.has(input.type)) return err(refuse({ reason: 'invalidChannel', code: 8010, channelType: input.type, problem: 'unknownType' }));
    const type = input.type as CommChannelType;
    let value = String(input.value).trim();
    if (value === '') return err(refuse({ reason: 'invalidChannel', code: 8010, channelType: type, problem: 'empty' }));
    if (type === 'mobile' || type === 'email') {
      const read = normaliseIdentifier(type, input.value, org.identifierRules, org.blocklist);
      if (!read.ok) return err(refuse({ reason: 'invalidChannelValue', code: type === 'mobile' ? 8058 : 8057, channelType: type }));
      value = read.value;
    }
    out.push(
      Object.freeze({
        type,
        value,
        primary: bool(input.primary),
        verified: bool(input.verified),
        meta: channelMeta(input.meta?.lastViewedDate ?? '', bool(input.meta?.residence), bool(input.meta?.office)),
      }),
    );
  }
  return ok(out);
}

function scalarText(value: FieldValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Reads custom fields: only fields the org enabled, scalar values within length (FLD-1, FLD-3). */
export function readCustomFields(org: Org, input: Readonly<Record<string, FieldValue>> | undefined): Result<FieldMap, DomainError> {
  const entries: [string, string][] = [];
  for (const [name, raw] of Object.entries(input ?? {})) {
    const def = org.customFields.get(name.toLowerCase());
    if (def === undefined) return err(refuse({ reason: 'invalidCustomField', code: 1017, field: name, problem: 'notEnabled' }));
    const value = scalarText(raw);
    if (value === undefined || value.length > def.maxLength) return err(refuse({ reason: 'invalidCustomField', code: 1017, field: name, problem: 'invalidValue' }));
    entries.push([def.name, value]);
  }
  return ok(sharedFieldMap(entries));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readExtendedValue(def: ExtendedFieldDef, raw: FieldValue): string | undefined {
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
    default: {
      const unreachable: never = def.type;
      return unreachable;
    }
  }
}

/** Reads extended fields: only enabled fields, values of the field's type, enums matched case-insensitively (FLD-2, FLD-3). */
export function readExtendedFields(org: Org, input: Readonly<Record<string, FieldValue>> | undefined): Result<FieldMap, DomainError> {
  const entries: [string, string][] = [];
  for (const [name, raw] of Object.entries(input ?? {})) {
    const def = org.extendedFields.get(name.toLowerCase());
    if (def === undefined) return err(refuse({ reason: 'invalidExtendedField', code: 91015, field: name, problem: 'notEnabled', fieldType: null }));
    const value = readExtendedValue(def, raw);
    if (value === undefined) return err(refuse({ reason: 'invalidExtendedField', code: 91015, field: name, problem: 'invalidValue', fieldType: def.type }));
    entries.push([def.name, value]);
  }
  return ok(sharedFieldMap(entries));
}
