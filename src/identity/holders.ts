// Who already holds the identifiers of a request: in the addressed source account (uniqueness, ID-1) and
// elsewhere (combine and merge, ID-2, REG-6, CHG-4). Read through the rules' interface alone.
import type { CustomerId } from '../kernel/ids';
import { refuse, type DomainError } from '../kernel/refusals';
import type { SourceAccount } from '../org/source-account';
import type { Identifier } from '../records/profile';
import type { GraphReader } from '../decider/read-model';

const SAME_SOURCE_CODE = { mobile: 1032, email: 1016, externalId: 1033 } as const;

/**
 * A registration's identifiers already held in its source account (REG-3): 1014 when one customer holds
 * them all, otherwise the first colliding type's code (1032 mobile, 1016 email, 1033 externalId, 1014).
 */
export function sameSourceCollision(reader: GraphReader, account: SourceAccount, identifiers: readonly Identifier[]): DomainError | undefined {
  const holders = identifiers.map((id) => reader.holderIn(id, account));
  const first = holders.findIndex((h) => h !== undefined);
  const holder = holders[first];
  const identifier = identifiers[first];
  if (holder === undefined || identifier === undefined) return undefined;
  if (holders.every((h) => h === holder)) return refuse({ reason: 'alreadyRegistered', code: 1014, customerId: holder });
  const type = identifier.type;
  const code = type === 'mobile' || type === 'email' || type === 'externalId' ? SAME_SOURCE_CODE[type] : 1014;
  return refuse({ reason: 'identifierTaken', code, identifierType: type, holderId: holder, sourceAccount: account.key });
}

/** The live customers other than `self` holding any of the identifiers in another source account, each with the first identifier found (REG-6, CHG-4). */
export function holdersElsewhere(
  reader: GraphReader,
  account: SourceAccount,
  identifiers: readonly Identifier[],
  self?: CustomerId,
): Map<CustomerId, Identifier> {
  const found = new Map<CustomerId, Identifier>();
  for (const identifier of identifiers) {
    for (const holder of reader.holdersElsewhere(identifier, account)) {
      if (holder !== self && !found.has(holder)) found.set(holder, identifier);
    }
  }
  return found;
}

/** Identifiers held by two or more other customers elsewhere: 8053, nothing merged or created (REG-7, CHG-5). */
export function heldByOthers(found: ReadonlyMap<CustomerId, Identifier>): DomainError | undefined {
  return found.size > 1 ? refuse({ reason: 'heldByOthers', code: 8053, holderIds: Object.freeze([...found.keys()]) }) : undefined;
}
