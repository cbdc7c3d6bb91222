import type { CustomerId } from './ids';

/** The documented warning codes: combine on register, merge on changeIdentifier (ERR-3), unmerge (MRG-16). */
export type WarningCode = 8050 | 8051 | 9030;

/** A warning as the API reports it: never a refusal, always beside a success (ERR-3). */
export interface DomainWarning {
  readonly status: false;
  readonly code: WarningCode;
  readonly message: string;
}

/** 8050: the registration joined an existing customer, reported beside the success (REG-6, ERR-3). */
export const COMBINED_WARNING: DomainWarning = Object.freeze({ status: false, code: 8050, message: 'Same Customer found in other sources,Combining' });

/** 8051: the customer merged into the survivor as the victim, reported beside the success (CHG-4, ERR-3). */
export function mergedWarning(survivorId: CustomerId): DomainWarning {
  return Object.freeze({
    status: false,
    code: 8051,
    message: `Same identifier found in other source. Merging into the account with user id ${survivorId}.`,
  });
}

/** 9030: the victim was split out of its survivor, and let go of the identifier that caused the merge, if any (MRG-16). */
export function unmergedWarning(survivorId: CustomerId, released: { readonly type: string; readonly value: string } | null): DomainWarning {
  const letGo = released === null ? '' : ` The ${released.type} ${released.value} stays with the survivor only.`;
  return Object.freeze({ status: false, code: 9030, message: `Unmerged from the account with user id ${survivorId}.${letGo}` });
}

/** No warnings: the list most successes carry. */
export const NO_WARNINGS: readonly DomainWarning[] = Object.freeze([]);
