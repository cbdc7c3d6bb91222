import type { CustomerId } from './ids';

/**
 * The documented messages of every code the model emits, keyed by code (ERR-1).
 * Texts are the seed's Response Codes and per-endpoint tables, verbatim where the seed gives one.
 */
export const ERROR_MESSAGES = {
  400: 'Input is invalid. Please check request parameters or input xml/json',
  816: 'Customer not found for organization.',
  1001: 'Unable to register. Invalid mobile number.',
  1002: 'Unable to register. Invalid email id.',
  1003: 'Unable to register. Invalid external id.',
  1007: 'Unable to register customer. No valid primary identifier mobile number, email ID, or external ID passed.',
  1010: 'Unable to update loyalty points of the customer.',
  1013: 'Customer is not registered for the loyalty Program.',
  1012: 'Cannot find customer with the provided mobile number/external ID/e-mail ID.',
  1014: 'Customer is registered already.',
  1016: 'Unable to register. Email provided already exists for some other user.',
  1017: 'Provided Custom Field is invalid.',
  1032: 'A customer already exists with the same mobile number.',
  1033: 'A customer already exists with the same external id.',
  1034: 'Unable to register. Registration date is not within the allowed past or future date limit.',
  1060: 'Batch limit exceeded.',
  1045: 'No valid identifier (mobile/email) passed for non-loyalty customer.',
  1046: 'Conversion of loyalty customer to non-loyalty is not allowed.',
  1101: 'Invalid channel type.',
  1102: 'Invalid priority type.',
  1103: 'Invalid scope.',
  1104: 'Invalid identifier or no identifier passed.',
  1105: 'Multiple scopes are not allowed.',
  1106: 'Invalid subscription status passed.',
  8008: 'The new identifier already exists in the same source.',
  8009: 'Unable to identify the customer. Customer id is invalid.',
  8010: 'communication channel is invalid.',
  8011: 'Invalid source account passed.',
  8012: 'Invalid source passed.',
  8013: 'Customer identifier is invalid. Also check if the parameter identifierName is passed correctly.',
  8015: 'No customer found with the given identifier.',
  8045: 'Account id is not passed.',
  8053: 'Each identifier is registered with a different customer in other source. Unable to merge accounts.',
  8055: 'Invalid email id.',
  8056: 'Invalid mobile number.',
  8057: 'Invalid email id passed in the communication channel.',
  8058: 'Invalid mobile number passed in the communication channel.',
  8064: 'External id validation failed.',
  8065: 'No customer found in the given source with the given identifier.',
  8066: 'Unable to combine,User id already used in same source.',
  8067: 'Same customer found in other source. The account is already merged with user id X.',
  8069: 'The customer is merged into another account.',
  9023: 'The survivor account is already merged into another account as a victim.',
  9027: 'The victim account is already merged.',
  9029: 'Survivor and victim are the same customer.',
  91015: 'Failed to update extended fields; or field {x} length too long.',
  91020: 'Invalid TILL passed for registration.',
  91021: 'Invalid attribution TILL passed.',
} as const;

/** Every numeric code a `DomainError` can carry (ERR-1). */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** A refused request whose input failed validation; `path` names the offending field (ERR-2). */
export interface InvalidInputError {
  readonly code: 400;
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** A request addressed to a merge victim; `survivorId` names where its data lives now (MRG-5). */
export interface MergedCustomerError {
  readonly code: 8067 | 8069;
  readonly message: string;
  readonly survivorId: CustomerId;
}

/** A field that the org has not enabled or whose value does not fit (FLD-1, FLD-2). */
export interface FieldError {
  readonly code: 1017 | 91015;
  readonly message: string;
  readonly field: string;
}

type RichCode = InvalidInputError['code'] | MergedCustomerError['code'] | FieldError['code'];

/** A documented error with nothing but its code and message. */
export type PlainError = {
  readonly [C in Exclude<ErrorCode, RichCode>]: { readonly code: C; readonly message: string };
}[Exclude<ErrorCode, RichCode>];

/** Every way a command or query can be refused, each with its documented numeric code (ERR-1). */
export type DomainError = InvalidInputError | MergedCustomerError | FieldError | PlainError;

/** Builds the plain error for a documented code, with the documented message unless a sharper one is given. */
export function domainError<C extends Exclude<ErrorCode, RichCode>>(
  code: C,
  message: string = ERROR_MESSAGES[code],
): { readonly code: C; readonly message: string } {
  return { code, message };
}

/** A 400 that names the offending field. */
export function invalidInput(path: readonly (string | number)[], problem: string): InvalidInputError {
  const where = path.length === 0 ? 'request' : path.join('.');
  return { code: 400, message: `${ERROR_MESSAGES[400]}: ${where}: ${problem}`, path };
}

/** 8069 (get, update) or 8067 (changeIdentifier) naming the survivor. */
export function mergedCustomer(code: 8067 | 8069, survivorId: CustomerId): MergedCustomerError {
  const message =
    code === 8067
      ? `Same customer found in other source. The account is already merged with user id ${survivorId}.`
      : `The customer is merged into another account. Survivor user id ${survivorId}.`;
  return { code, message, survivorId };
}

/** 1017 or 91015 naming the field. */
export function fieldError(code: 1017 | 91015, field: string, problem?: string): FieldError {
  const base =
    code === 1017
      ? `${ERROR_MESSAGES[1017]} Field: ${field}`
      : `Failed to update extended fields; field ${field}`;
  return { code, message: problem === undefined ? base : `${base}: ${problem}`, field };
}

/** The documented warning codes: combine on register, merge on changeIdentifier, victim resolved (ERR-3). */
export type WarningCode = 8050 | 8051 | 91009;

/** A warning as the API reports it: never a refusal, always beside a success. */
export interface DomainWarning {
  readonly status: false;
  readonly code: WarningCode;
  readonly message: string;
}
