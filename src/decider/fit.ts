// The checks an event brought from outside passes before it is folded: does it fit the graph (ARC-2)?
// They are not the rules (decide enforces those): they ask only what folding needs to be meaningful and
// what keeps the graph's invariants (ID-1, ID-2, SRC-3, PTS-2): that the customers exist and are live,
// that the program and source account are the org's, that a debit is covered, that an identifier is in
// its normalised form and free where it goes.
import { err, ok, type Result } from 'neverthrow';
import type { CustomerId } from '../kernel/ids';
import type { Misfit } from '../kernel/misfits';
import { normaliseIdentifier } from '../org/identifiers';
import type { ProgramDef } from '../org/programs';
import { hasSourceAccount, type SourceAccount } from '../org/source-account';
import { sourceAccountKey, type Source } from '../org/sources';
import { ledgerOf, profileIn, type Customer } from '../records/customer';
import { loyaltyPoints, type ProgramLedger } from '../records/ledger';
import type { Identifier } from '../records/profile';
import type { GraphReader } from './read-model';

/** A check that passes with a value, or names the misfit. */
export type Fit<T> = Result<T, Misfit>;

/** The misfit of a check, if it failed. */
export function misfitOf(fit: Fit<unknown>): Misfit | undefined {
  return fit.isErr() ? fit.error : undefined;
}

/** The customer exists and is live. */
export function liveCustomer(reader: GraphReader, id: CustomerId): Fit<Customer> {
  const c = reader.customer(id);
  if (c === undefined) return err({ misfit: 'unknownCustomer', customerId: id });
  if (c.status !== 'live') return err({ misfit: 'notLive', customerId: c.id, status: c.status });
  return ok(c);
}

/** Two different live customers. */
export function twoLiveCustomers(reader: GraphReader, a: CustomerId, b: CustomerId): Fit<readonly [Customer, Customer]> {
  if (a === b) return err({ misfit: 'sameCustomer', customerId: a });
  return liveCustomer(reader, a).andThen((x) => liveCustomer(reader, b).map((y) => [x, y] as const));
}

/** The source account is one the org has (SRC-1, SRC-2). */
export function knownAccount(reader: GraphReader, source: Source, accountId: string): Fit<SourceAccount> {
  return hasSourceAccount(reader.org, source, accountId)
    ? ok({ source, accountId, key: sourceAccountKey(source, accountId) })
    : err({ misfit: 'unknownSourceAccount', source, accountId });
}

/** The customer has a profile in the source account (SRC-3). */
export function hasProfile(customer: Customer, source: Source, accountId: string): Fit<Customer> {
  return profileIn(customer, source, accountId) === undefined ? err({ misfit: 'noProfile', customerId: customer.id, source, accountId }) : ok(customer);
}

/** The program is the org's. */
export function knownProgram(reader: GraphReader, programId: number): Fit<ProgramDef> {
  const program = reader.org.programs.get(programId);
  return program === undefined ? err({ misfit: 'unknownProgram', programId }) : ok(program);
}

/** The customer is enrolled in the program. */
export function enrolledLedger(customer: Customer, programId: number): Fit<ProgramLedger> {
  const ledger = ledgerOf(customer, programId);
  return ledger === undefined ? err({ misfit: 'notEnrolled', customerId: customer.id, programId }) : ok(ledger);
}

/** The ledger holds at least `asked` points (PTS-2, PTS-4). */
export function covers(customer: Customer, ledger: ProgramLedger, asked: number): Fit<ProgramLedger> {
  const held = loyaltyPoints(ledger);
  return asked > held ? err({ misfit: 'notEnoughPoints', customerId: customer.id, programId: ledger.programId, held, asked }) : ok(ledger);
}

/** The identifier's value is in the normalised form lookups read (IDN-2). */
export function normalised(reader: GraphReader, identifier: Identifier): Fit<Identifier> {
  const read = normaliseIdentifier(identifier.type, identifier.value, reader.org.identifierRules, reader.org.blocklist);
  return read.ok && read.value === identifier.value ? ok(identifier) : err({ misfit: 'notNormalised', identifierType: identifier.type, value: identifier.value });
}

/**
 * The identifiers may join `self` in the source account: normalised, held there by no other live
 * customer (ID-1) and, with `elsewhere`, held by no other live customer in any other account (ID-2).
 */
export function freeFor(
  reader: GraphReader,
  identifiers: readonly Identifier[],
  account: SourceAccount,
  self: CustomerId | undefined,
  elsewhere: boolean,
): Fit<readonly Identifier[]> {
  for (const identifier of identifiers) {
    const read = normalised(reader, identifier);
    if (read.isErr()) return err(read.error);
    const here = reader.holderIn(identifier, account);
    if (here !== undefined && here !== self) return err({ misfit: 'identifierHeld', identifierType: identifier.type, value: identifier.value, holderId: here });
    if (!elsewhere) continue;
    const other = reader.holdersElsewhere(identifier, account).find((id) => id !== self);
    if (other !== undefined) return err({ misfit: 'identifierHeld', identifierType: identifier.type, value: identifier.value, holderId: other });
  }
  return ok(identifiers);
}

/** Runs checks in order; the first misfit wins. */
export function firstMisfit(...checks: readonly (() => Fit<unknown>)[]): Misfit | undefined {
  for (const check of checks) {
    const fit = check();
    if (fit.isErr()) return fit.error;
  }
  return undefined;
}
