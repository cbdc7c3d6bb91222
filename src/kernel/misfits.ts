import type { CustomerId } from './ids';

/** A counter of the graph that hands out the ids of what events create (ARC-1). */
export type IdCounter = 'customer' | 'coupon' | 'transfer' | 'goodwill';

/**
 * Why an event brought from outside (a log, an import) does not fit the graph it is folded into
 * (ARC-2). Each carries its facts; `describeMisfit` makes the text.
 */
export type Misfit =
  | { readonly misfit: 'shape'; readonly path: readonly (string | number)[]; readonly problem: string }
  | { readonly misfit: 'sequence'; readonly expected: number; readonly found: number }
  | { readonly misfit: 'idOutOfTurn'; readonly counter: IdCounter; readonly expected: number; readonly found: number }
  | { readonly misfit: 'unknownTill'; readonly till: string }
  | { readonly misfit: 'unknownSourceAccount'; readonly source: string; readonly accountId: string }
  | { readonly misfit: 'unknownCustomer'; readonly customerId: number }
  | { readonly misfit: 'notLive'; readonly customerId: CustomerId; readonly status: 'merged' | 'deleted' }
  | { readonly misfit: 'sameCustomer'; readonly customerId: CustomerId }
  | { readonly misfit: 'noProfile'; readonly customerId: CustomerId; readonly source: string; readonly accountId: string }
  | { readonly misfit: 'profileExists'; readonly customerId: CustomerId; readonly source: string; readonly accountId: string }
  | { readonly misfit: 'notNormalised'; readonly identifierType: string; readonly value: string }
  | { readonly misfit: 'identifierHeld'; readonly identifierType: string; readonly value: string; readonly holderId: CustomerId }
  | { readonly misfit: 'identifierNotHeld'; readonly identifierType: string; readonly value: string; readonly customerId: CustomerId }
  | { readonly misfit: 'mergeOwed'; readonly victimId: CustomerId; readonly survivorId: CustomerId }
  | { readonly misfit: 'unknownProgram'; readonly programId: number }
  | { readonly misfit: 'unknownTier'; readonly programId: number; readonly tierNumber: number }
  | { readonly misfit: 'notEnrolled'; readonly customerId: CustomerId; readonly programId: number }
  | { readonly misfit: 'alreadyEnrolled'; readonly customerId: CustomerId; readonly programId: number }
  | { readonly misfit: 'notEnoughPoints'; readonly customerId: CustomerId; readonly programId: number; readonly held: number; readonly asked: number }
  | { readonly misfit: 'balance'; readonly customerId: CustomerId; readonly programId: number; readonly expected: number; readonly found: number }
  | { readonly misfit: 'couponNotHeld'; readonly customerId: CustomerId; readonly couponId: number }
  | { readonly misfit: 'couponRedeemed'; readonly customerId: CustomerId; readonly couponId: number }
  | { readonly misfit: 'goodwillNotPending'; readonly customerId: CustomerId; readonly requestId: number }
  // The clock: it only moves forward, and nothing due is left behind it (CLK-1, CLK-3).
  | { readonly misfit: 'clock'; readonly clock: string | null; readonly at: string; readonly problem: 'backwards' | 'dueLeft' | 'notDue' }
  | { readonly misfit: 'tierReview'; readonly customerId: CustomerId; readonly programId: number; readonly problem: string }
  // What a snapshot's records can get wrong that no single event can (ARC-6).
  | { readonly misfit: 'counter'; readonly counter: SnapshotCounter; readonly expected: number; readonly found: number }
  | { readonly misfit: 'status'; readonly customerId: CustomerId; readonly status: 'live' | 'merged' | 'deleted'; readonly problem: string }
  | { readonly misfit: 'mergeLink'; readonly victimId: number; readonly survivorId: number; readonly problem: string }
  | { readonly misfit: 'lots'; readonly customerId: CustomerId; readonly programId: number; readonly lots: number; readonly balance: number }
  | { readonly misfit: 'historyOrder'; readonly customerId: CustomerId; readonly seq: number; readonly after: number; readonly eventCount: number };

/** A counter of a snapshot that its records must agree with (ARC-6). */
export type SnapshotCounter = 'customerCount' | 'nextCustomerId' | 'eventCount' | 'nextCouponId' | 'nextTransferId' | 'nextGoodwillId';

/** The text of a misfit, made from its facts. */
export function describeMisfit(m: Misfit): string {
  switch (m.misfit) {
    case 'shape':
      return `${m.path.length === 0 ? 'the event' : m.path.join('.')}: ${m.problem}`;
    case 'sequence':
      return `sequence number ${m.found} where ${m.expected} is next`;
    case 'idOutOfTurn':
      return `${m.counter} id ${m.found} where the next ${m.counter} id is ${m.expected}`;
    case 'unknownTill':
      return `till ${m.till} is not one of the org's`;
    case 'unknownSourceAccount':
      return `source account ${m.source}${m.accountId === '' ? '' : `/${m.accountId}`} is not one of the org's`;
    case 'unknownCustomer':
      return `customer ${m.customerId} does not exist`;
    case 'notLive':
      return `customer ${m.customerId} is ${m.status === 'merged' ? 'a merge victim' : 'deleted on a PII request'}`;
    case 'sameCustomer':
      return `customer ${m.customerId} on both sides`;
    case 'noProfile':
      return `customer ${m.customerId} has no profile in ${m.source}${m.accountId === '' ? '' : `/${m.accountId}`}`;
    case 'profileExists':
      return `customer ${m.customerId} already has a profile in ${m.source}${m.accountId === '' ? '' : `/${m.accountId}`}`;
    case 'notNormalised':
      return `${m.identifierType} value ${JSON.stringify(m.value)} is not in its normalised form`;
    case 'identifierHeld':
      return `${m.identifierType} ${JSON.stringify(m.value)} is held by customer ${m.holderId}`;
    case 'identifierNotHeld':
      return `customer ${m.customerId} does not hold ${m.identifierType} ${JSON.stringify(m.value)} there`;
    case 'mergeOwed':
      return `customer ${m.victimId} shares an identifier with customer ${m.survivorId} and must merge into it first`;
    case 'unknownProgram':
      return `program ${m.programId} is not one of the org's`;
    case 'unknownTier':
      return `program ${m.programId} has no tier ${m.tierNumber}`;
    case 'notEnrolled':
      return `customer ${m.customerId} is not enrolled in program ${m.programId}`;
    case 'alreadyEnrolled':
      return `customer ${m.customerId} is already enrolled in program ${m.programId}`;
    case 'notEnoughPoints':
      return `customer ${m.customerId} holds ${m.held} points in program ${m.programId}, ${m.asked} asked`;
    case 'balance':
      return `the balance of customer ${m.customerId} in program ${m.programId} would be ${m.expected}, the event says ${m.found}`;
    case 'couponNotHeld':
      return `customer ${m.customerId} holds no coupon ${m.couponId}`;
    case 'couponRedeemed':
      return `coupon ${m.couponId} of customer ${m.customerId} is already redeemed`;
    case 'goodwillNotPending':
      return `goodwill request ${m.requestId} of customer ${m.customerId} is not pending`;
    case 'clock':
      return m.problem === 'backwards'
        ? `the clock is at ${m.clock ?? 'no instant'} and cannot move back to ${m.at}`
        : m.problem === 'dueLeft'
          ? `the clock moves to ${m.at} with items still due before it`
          : `nothing is due at ${m.at}`;
    case 'tierReview':
      return `the tier review of customer ${m.customerId} in program ${m.programId}: ${m.problem}`;
    case 'counter':
      return `${m.counter} ${m.found} where the records make it ${m.expected}`;
    case 'status':
      return `customer ${m.customerId} is ${m.status} but ${m.problem}`;
    case 'mergeLink':
      return `customer ${m.victimId} merged into customer ${m.survivorId}: ${m.problem}`;
    case 'lots':
      return `the lots of customer ${m.customerId} in program ${m.programId} hold ${m.lots} points, its balance is ${m.balance}`;
    case 'historyOrder':
      return `history of customer ${m.customerId}: sequence number ${m.seq} after ${m.after} (ascending, at most eventCount ${m.eventCount})`;
    default: {
      const unreachable: never = m;
      return unreachable;
    }
  }
}
