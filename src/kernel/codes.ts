/**
 * The documented messages of every code the model emits, keyed by code (ERR-1). Texts are the seed's
 * Response Codes and per-endpoint tables, verbatim where the seed gives one.
 */
export const ERROR_MESSAGES = Object.freeze({
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
  9041: 'The customer would hold more identifiers than the org allows.',
  9043: "The customer has reached the org's limit of merges.",
  91015: 'Failed to update extended fields; or field {x} length too long.',
  91020: 'Invalid TILL passed for registration.',
  91021: 'Invalid attribution TILL passed.',
} as const);

/** Every numeric code a `DomainError` can carry (ERR-1). */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The answer for a customer whose personal data was deleted (PII-2). */
export const PII_DELETED_MESSAGE = 'Customer is deleted after PII delete request';
