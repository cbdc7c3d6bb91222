// Every refusal the library gives, one tagged variant each: its documented numeric `code`, a `reason`
// that names the refusal (two refusals never differ only in prose), the facts as fields, and a message
// made from those facts here and nowhere else (ERR-1, ERR-2).
import { ERROR_MESSAGES, PII_DELETED_MESSAGE } from './codes';
import type { CustomerId } from './ids';
import { describeMisfit, type Misfit } from './misfits';

/** Where in the input a problem is: `['body', 'profiles', 0, 'firstName']`. */
export type InputPath = readonly (string | number)[];

/** Where an identifier was read: each endpoint documents its own codes for a bad value (IDN-4). */
export type IdentifierContext = 'register' | 'changeIdentifier';

/** The facts of every refusal, without its message. */
export type RefusalFacts =
  // 400: the request itself is malformed or names something that does not exist (ERR-2).
  | { readonly reason: 'invalidInput'; readonly code: 400; readonly path: InputPath; readonly problem: string }
  | { readonly reason: 'nothingRequested'; readonly code: 400; readonly path: InputPath }
  | { readonly reason: 'noProfileForSource'; readonly code: 400; readonly path: InputPath; readonly source: string }
  | { readonly reason: 'unknownProgram'; readonly code: 400; readonly path: InputPath; readonly programId: number }
  | { readonly reason: 'unknownTier'; readonly code: 400; readonly path: InputPath; readonly programId: number; readonly tierNumber: number }
  | { readonly reason: 'couponNotHeld'; readonly code: 400; readonly path: InputPath; readonly customerId: CustomerId; readonly couponCode: string }
  | { readonly reason: 'couponRedeemed'; readonly code: 400; readonly path: InputPath; readonly couponId: number; readonly redeemedOn: string }
  | { readonly reason: 'couponExpired'; readonly code: 400; readonly path: InputPath; readonly couponId: number; readonly validTill: string }
  | { readonly reason: 'goodwillNotFound'; readonly code: 400; readonly path: InputPath; readonly customerId: CustomerId; readonly requestId: number }
  | { readonly reason: 'goodwillDecided'; readonly code: 400; readonly path: InputPath; readonly requestId: number; readonly status: 'APPROVED' | 'REJECTED' }
  | { readonly reason: 'eventMisfit'; readonly code: 400; readonly path: InputPath; readonly index: number; readonly eventKind: string | null; readonly misfit: Misfit }
  | { readonly reason: 'snapshotMisfit'; readonly code: 400; readonly path: InputPath; readonly misfit: Misfit }
  | { readonly reason: 'clockBackwards'; readonly code: 400; readonly path: InputPath; readonly clock: string; readonly asked: string }
  // Identifiers (IDN-1..IDN-4, REG-3, REG-4, CHG-2, CHG-3).
  | {
      readonly reason: 'invalidIdentifier';
      readonly code: 1001 | 1002 | 1003 | 1104 | 8055 | 8056 | 8064;
      readonly identifierType: string;
      readonly context: IdentifierContext;
      readonly blocked: boolean;
    }
  | { readonly reason: 'unknownIdentifierType'; readonly code: 1104; readonly identifierType: string }
  | { readonly reason: 'identifierNotHeld'; readonly code: 1104; readonly identifierType: string; readonly value: string; readonly sourceAccount: string }
  | { readonly reason: 'nothingToChange'; readonly code: 1104 }
  | { readonly reason: 'noPrimaryIdentifier'; readonly code: 1007 }
  | { readonly reason: 'noIdentifier'; readonly code: 1045 }
  | { readonly reason: 'alreadyRegistered'; readonly code: 1014; readonly customerId: CustomerId }
  | { readonly reason: 'identifierTaken'; readonly code: 1014 | 1016 | 1032 | 1033; readonly identifierType: string; readonly holderId: CustomerId; readonly sourceAccount: string }
  | { readonly reason: 'identifierInUse'; readonly code: 8008; readonly identifierType: string; readonly holderId: CustomerId; readonly sourceAccount: string }
  | { readonly reason: 'heldByOthers'; readonly code: 8053; readonly holderIds: readonly CustomerId[] }
  | { readonly reason: 'invalidLookupIdentifier'; readonly code: 8013; readonly identifierName: string }
  | { readonly reason: 'identifierNotFound'; readonly code: 8015 | 8065; readonly identifierName: string; readonly source: string }
  // Fields and channels (FLD-1, FLD-2, CHN-1, CHN-2).
  | { readonly reason: 'invalidCustomField'; readonly code: 1017; readonly field: string; readonly problem: 'notEnabled' | 'invalidValue' }
  | { readonly reason: 'invalidExtendedField'; readonly code: 91015; readonly field: string; readonly problem: 'notEnabled' | 'invalidValue'; readonly fieldType: string | null }
  | { readonly reason: 'invalidChannel'; readonly code: 8010; readonly channelType: string; readonly problem: 'unknownType' | 'empty' }
  | { readonly reason: 'invalidChannelValue'; readonly code: 8057 | 8058; readonly channelType: 'email' | 'mobile' }
  // Sources, tills, loyalty type (SRC-1, SRC-2, SRC-4, ORG-3, ORG-4, UPD-3).
  | { readonly reason: 'invalidSource'; readonly code: 8012; readonly source: string }
  | { readonly reason: 'accountMissing'; readonly code: 8045; readonly source: string }
  | { readonly reason: 'invalidAccount'; readonly code: 8011; readonly source: string; readonly accountId: string }
  | { readonly reason: 'unknownTill'; readonly code: 91021; readonly till: string }
  | { readonly reason: 'unknownAssociatedTill'; readonly code: 91020; readonly till: string }
  | { readonly reason: 'loyaltyDowngrade'; readonly code: 1046; readonly customerId: CustomerId }
  // The addressed customer (one policy: decider/addressee.ts) and merges (MRG-5, MRG-6, PII-2).
  | { readonly reason: 'unknownCustomer'; readonly code: 816 | 8009 | 8015; readonly customerId: number }
  | { readonly reason: 'piiDeleted'; readonly code: 8015; readonly customerId: CustomerId }
  | { readonly reason: 'merged'; readonly code: 8067 | 8069; readonly customerId: CustomerId; readonly survivorId: CustomerId }
  | { readonly reason: 'noProfileInSource'; readonly code: 8065; readonly customerId: CustomerId; readonly source: string; readonly accountId: string }
  | { readonly reason: 'sourceTaken'; readonly code: 8066; readonly customerId: CustomerId; readonly source: string; readonly accountId: string }
  | { readonly reason: 'selfMerge'; readonly code: 9029; readonly customerId: CustomerId }
  | { readonly reason: 'survivorMerged'; readonly code: 9023; readonly survivorId: CustomerId }
  | { readonly reason: 'victimMerged'; readonly code: 9027; readonly victimId: CustomerId }
  // Unmerge (MRG-12).
  | { readonly reason: 'notMergeVictim'; readonly code: 9031; readonly victimId: CustomerId; readonly status: 'live' | 'deleted' }
  | { readonly reason: 'mergeNotRecorded'; readonly code: 9032; readonly victimId: CustomerId }
  | { readonly reason: 'survivorNotLive'; readonly code: 9033; readonly victimId: CustomerId; readonly survivorId: CustomerId; readonly status: 'merged' | 'deleted' }
  | { readonly reason: 'laterMergeInto'; readonly code: 9035; readonly victimId: CustomerId; readonly survivorId: CustomerId; readonly laterVictimId: CustomerId }
  | { readonly reason: 'identifierShared'; readonly code: 9034; readonly victimId: CustomerId; readonly survivorId: CustomerId; readonly identifierType: string; readonly value: string }
  // The org's bounds against over-merging (MRG-22, MRG-23).
  | { readonly reason: 'tooManyIdentifiers'; readonly code: 9041; readonly customerId: CustomerId; readonly limit: number; readonly wouldHold: number }
  | { readonly reason: 'tooManyMerges'; readonly code: 9043; readonly customerId: CustomerId; readonly limit: number }
  // Loyalty (PTS-4, SUB-4, V11-2).
  | { readonly reason: 'notEnoughPoints'; readonly code: 1010; readonly customerId: CustomerId; readonly programId: number; readonly held: number; readonly asked: number }
  | { readonly reason: 'notEnrolled'; readonly code: 1013; readonly customerId: CustomerId; readonly programId: number }
  | { readonly reason: 'invalidSubscriptionChannel'; readonly code: 1101; readonly channel: string }
  | { readonly reason: 'invalidPriority'; readonly code: 1102; readonly priority: string }
  | { readonly reason: 'invalidScope'; readonly code: 1103 }
  | { readonly reason: 'multipleScopes'; readonly code: 1105; readonly count: number }
  | { readonly reason: 'invalidSubscriptionStatus'; readonly code: 1106; readonly status: string }
  | { readonly reason: 'tooManyValues'; readonly code: 1060; readonly count: number; readonly limit: number };

/** Every way a command or query can be refused: the documented code, the reason, the facts, the message (ERR-1). */
export type DomainError = WithMessage<RefusalFacts>;

/** A refusal's facts with its message, distributed over each variant. */
export type WithMessage<F> = F extends unknown ? F & { readonly message: string } : never;

/** One refusal by its reason. */
export type Refusal<R extends DomainError['reason']> = Extract<DomainError, { readonly reason: R }>;

/** The refusals that carry a `path` into the input: every 400 (ERR-2). */
export type InvalidInputError = Extract<DomainError, { readonly code: 400 }>;

/** A refusal addressed to a merge victim: `survivorId` names where its data lives now (MRG-5). */
export type MergedCustomerError = Refusal<'merged'>;

function where(path: InputPath): string {
  return path.length === 0 ? 'request' : path.join('.');
}

function invalid(path: InputPath, problem: string): string {
  return `${ERROR_MESSAGES[400]}: ${where(path)}: ${problem}`;
}

/** The message of a refusal, made from its facts: the one place where refusals are put into words. */
function messageOf(f: RefusalFacts): string {
  switch (f.reason) {
    case 'invalidInput':
      return invalid(f.path, f.problem);
    case 'nothingRequested':
      return `${ERROR_MESSAGES[400]}; No identifier provided to get loyalty users.`;
    case 'noProfileForSource':
      return invalid(f.path, `no profile for source ${f.source}`);
    case 'clockBackwards':
      return invalid(f.path, `the clock is at ${f.clock} and cannot move back to ${f.asked}`);
    case 'unknownProgram':
      return invalid(f.path, `unknown program ${f.programId}`);
    case 'unknownTier':
      return invalid(f.path, `program ${f.programId} has no tier ${f.tierNumber}`);
    case 'couponNotHeld':
      return invalid(f.path, 'the customer holds no such coupon');
    case 'couponRedeemed':
      return invalid(f.path, 'the coupon is already redeemed');
    case 'couponExpired':
      return invalid(f.path, 'the coupon has expired');
    case 'goodwillNotFound':
      return invalid(f.path, 'no such goodwill request');
    case 'goodwillDecided':
      return invalid(f.path, `the request is already ${f.status}`);
    case 'eventMisfit':
      return invalid(f.path, `${f.eventKind ?? 'the event'} does not fit the graph: ${describeMisfit(f.misfit)}`);
    case 'snapshotMisfit':
      return invalid(f.path, `the snapshot does not hold together: ${describeMisfit(f.misfit)}`);
    case 'invalidIdentifier':
      return f.blocked ? `${ERROR_MESSAGES[f.code]} The value of ${f.identifierType} is blocked.` : ERROR_MESSAGES[f.code];
    case 'unknownIdentifierType':
      return `${ERROR_MESSAGES[1104]} Unknown type.`;
    case 'identifierNotHeld':
      return `${ERROR_MESSAGES[1104]} ${f.identifierType} is not held in ${f.sourceAccount}.`;
    case 'invalidCustomField':
      return `${ERROR_MESSAGES[1017]} Field: ${f.field}: ${f.problem === 'notEnabled' ? 'not enabled for the org' : 'invalid value'}`;
    case 'invalidExtendedField':
      return `Failed to update extended fields; field ${f.field}: ${f.problem === 'notEnabled' ? 'not enabled for the org' : `expected a valid ${f.fieldType ?? 'value'}`}`;
    case 'piiDeleted':
      return PII_DELETED_MESSAGE;
    case 'merged':
      return f.code === 8067
        ? `Same customer found in other source. The account is already merged with user id ${f.survivorId}.`
        : `The customer is merged into another account. Survivor user id ${f.survivorId}.`;
    case 'notEnoughPoints':
      return `${ERROR_MESSAGES[1010]} Not enough points: ${f.held} held, ${f.asked} asked.`;
    case 'tooManyIdentifiers':
      return `${ERROR_MESSAGES[9041]} Customer ${f.customerId} would hold ${f.wouldHold}; the limit is ${f.limit}.`;
    case 'notMergeVictim':
      return `${ERROR_MESSAGES[9031]} Customer ${f.victimId} is ${f.status === 'live' ? 'live' : 'deleted on a PII request'}.`;
    case 'mergeNotRecorded':
      return `${ERROR_MESSAGES[9032]} Customer ${f.victimId}.`;
    case 'survivorNotLive':
      return `${ERROR_MESSAGES[9033]} Customer ${f.victimId} merged into ${f.survivorId}, which is ${f.status === 'merged' ? 'a merge victim' : 'deleted on a PII request'}.`;
    case 'laterMergeInto':
      return `${ERROR_MESSAGES[9035]} Customer ${f.laterVictimId} merged into ${f.survivorId} after customer ${f.victimId}, into a profile ${f.victimId} brought.`;
    case 'identifierShared':
      return `${ERROR_MESSAGES[9034]} Customers ${f.survivorId} and ${f.victimId} would both hold ${f.identifierType} ${f.value}.`;
    case 'tooManyMerges':
      return `${ERROR_MESSAGES[9043]} Customer ${f.customerId} may hold at most ${f.limit} merged customers.`;
    case 'nothingToChange':
    case 'noPrimaryIdentifier':
    case 'noIdentifier':
    case 'alreadyRegistered':
    case 'identifierTaken':
    case 'identifierInUse':
    case 'heldByOthers':
    case 'invalidLookupIdentifier':
    case 'identifierNotFound':
    case 'invalidChannel':
    case 'invalidChannelValue':
    case 'invalidSource':
    case 'accountMissing':
    case 'invalidAccount':
    case 'unknownTill':
    case 'unknownAssociatedTill':
    case 'loyaltyDowngrade':
    case 'unknownCustomer':
    case 'noProfileInSource':
    case 'sourceTaken':
    case 'selfMerge':
    case 'survivorMerged':
    case 'victimMerged':
    case 'notEnrolled':
    case 'invalidSubscriptionChannel':
    case 'invalidPriority':
    case 'invalidScope':
    case 'multipleScopes':
    case 'invalidSubscriptionStatus':
    case 'tooManyValues':
      return ERROR_MESSAGES[f.code];
    default: {
      const unreachable: never = f;
      return unreachable;
    }
  }
}

/** A refusal with its message, frozen: the only way the library makes one (ERR-1). */
export function refuse<F extends RefusalFacts>(facts: F): F & { readonly message: string } {
  const refusal: F & { readonly message: string } = { ...facts, message: messageOf(facts) };
  Object.freeze(refusal);
  return refusal;
}

/** A 400 naming the offending field (ERR-2). */
export function invalidInput(path: InputPath, problem: string): Refusal<'invalidInput'> {
  return refuse({ reason: 'invalidInput', code: 400, path, problem });
}
