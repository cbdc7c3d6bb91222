// The one addressee policy: for each command and query that names a customer, what an unknown id, a
// merge victim and a customer deleted on a PII request answer, and whether a missing profile in the
// addressed source account is 8065 (UPD-5, CHG-6, CHG-7, GET-2, GET-3, MRG-5, MRG-6, PII-2, SUB-5).
import { err, ok, type Result } from 'neverthrow';
import { customerId } from '../kernel/ids';
import { refuse, type DomainError } from '../kernel/refusals';
import type { SourceAccount } from '../org/source-account';
import { profileIn, type Customer } from '../records/customer';
import type { GraphReader } from './read-model';

/** How one command or query treats the customer it names. */
interface AddresseeRule {
  /** The code of an id that names nobody. */
  readonly unknown: 816 | 8009 | 8015;
  /**
   * A merge victim: refused with 8067 or 8069 naming the survivor, or with the merge request's own 9023
   * and 9027; or followed to the end of its chain of merges (the v1.1 get, which warns 91009).
   */
  readonly victim: 8067 | 8069 | 9023 | 9027 | 'follow';
  /** A customer deleted on a PII request: refused with 8015 and the PII message, or read as it is (PII-1). */
  readonly deleted: 'refuse' | 'read';
}

const WRITE: AddresseeRule = { unknown: 8015, victim: 8069, deleted: 'refuse' };
const READ: AddresseeRule = { unknown: 8015, victim: 8069, deleted: 'read' };

/** Who answers what, per command and query: update 8015 and 8069 (UPD-5), changeIdentifier 8009 and 8067 (CHG-6), provenance follows a victim to its survivor (PRV-3). */
export const ADDRESSEE_POLICY = {
  update: WRITE,
  changeIdentifier: { unknown: 8009, victim: 8067, deleted: 'refuse' },
  mergeSurvivor: { unknown: 8015, victim: 9023, deleted: 'refuse' },
  mergeVictim: { unknown: 8015, victim: 9027, deleted: 'refuse' },
  points: WRITE,
  transfer: WRITE,
  updateSubscriptions: WRITE,
  coupons: WRITE,
  goodwill: WRITE,
  deletePii: WRITE,
  getCustomer: WRITE,
  loyaltyDetails: READ,
  getSubscriptions: READ,
  pointsTransfers: READ,
  customerCoupons: READ,
  goodwillRequests: READ,
  changeRequests: READ,
  /** Provenance answers a victim with its survivor's, and refuses a deleted customer with the PII message (PRV-1, PRV-3). */
  provenance: { unknown: 8015, victim: 'follow', deleted: 'refuse' },
  /** The v1.1 get answers each requested id with an item status: 816 unknown, the survivor for a victim, 8015 deleted (V11-2, V11-4). */
  v11: { unknown: 816, victim: 'follow', deleted: 'refuse' },
} as const satisfies Readonly<Record<string, AddresseeRule>>;

/** A command or query that names a customer. */
export type Addresser = keyof typeof ADDRESSEE_POLICY;

/** The id names somebody (the unknown code of the policy otherwise). */
export function addressExisting(reader: GraphReader, who: Addresser, id: number): Result<Customer, DomainError> {
  const customer = reader.customer(id);
  return customer === undefined ? err(refuse({ reason: 'unknownCustomer', code: ADDRESSEE_POLICY[who].unknown, customerId: id })) : ok(customer);
}

/** The customer a command or query addresses, as its policy says (MRG-5, PII-2). */
export function address(reader: GraphReader, who: Addresser, id: number): Result<Customer, DomainError> {
  return addressExisting(reader, who, id)
    .andThen((customer) => refuseVictim(reader, who, customer))
    .andThen((customer) => refuseDeleted(who, customer));
}

/** A merge victim answers the policy's victim code: 8067 and 8069 name the end of its chain of merges (MRG-4, MRG-5). */
export function refuseVictim(reader: GraphReader, who: Addresser, customer: Customer): Result<Customer, DomainError> {
  if (customer.status !== 'merged') return ok(customer);
  const code = ADDRESSEE_POLICY[who].victim;
  switch (code) {
    case 9023:
      return err(refuse({ reason: 'survivorMerged', code, survivorId: customer.id }));
    case 9027:
      return err(refuse({ reason: 'victimMerged', code, victimId: customer.id }));
    case 8067:
    case 8069:
      // A victim's chain ends at its survivor: live, or deleted since on a PII request (MRG-4).
      return err(refuse({ reason: 'merged', code, customerId: customer.id, survivorId: reader.chainEnd(customer.id)?.id ?? customerId(customer.id) }));
    case 'follow':
      return ok(reader.chainEnd(customer.id) ?? customer);
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** A customer deleted on a PII request is refused with 8015 and the PII message, or read, as the policy says (PII-1, PII-2). */
export function refuseDeleted(who: Addresser, customer: Customer): Result<Customer, DomainError> {
  const rule: AddresseeRule = ADDRESSEE_POLICY[who];
  return customer.status === 'deleted' && rule.deleted === 'refuse' ? err(refuse({ reason: 'piiDeleted', code: 8015, customerId: customer.id })) : ok(customer);
}

/** The customer's profile in the addressed source account must exist: 8065 otherwise (UPD-5, CHG-7, GET-3). */
export function requireProfile(customer: Customer, account: SourceAccount): Result<Customer, DomainError> {
  return profileIn(customer, account.source, account.accountId) === undefined
    ? err(refuse({ reason: 'noProfileInSource', code: 8065, customerId: customer.id, source: account.source, accountId: account.accountId }))
    : ok(customer);
}
