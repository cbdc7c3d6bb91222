import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { CustomerId } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { refuse, type DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import { isIdentifierType, normaliseIdentifier } from '../org/identifiers';
import { readSourceAccount } from '../org/source-account';
import type { CustomerGraph } from '../graph/graph';
import type { QueryReader } from '../graph/reader';
import { runQuery } from './query';

/** The query of Fetch Customer ID (LKP-1): a source or `ALL`, and the identifier. */
export const lookupQuerySchema = record({
  /** A source, or `ALL` to look in every source account. */
  source: text(64),
  accountId: text(64).optional(),
  identifierName: text(64),
  identifierValue: z.union([text(4096), z.number()]),
});

/** The query of Fetch Customer ID (LKP-1). */
export type LookupQuery = z.input<typeof lookupQuerySchema>;

/** The documented answer of Fetch Customer ID: `entity` is the live customer's id (LKP-1). */
export interface LookupResponse {
  readonly entity: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/**
 * Fetch Customer ID (LKP-1..LKP-5): the live customer holding an identifier in a source account, or in
 * any (`ALL`), the value read as register reads it. Victims never answer: the index names only live
 * customers, a victim's identifiers having moved to its survivor (MRG-4).
 * @example
 * ```ts
 * import { lookup } from 'customer-graph';
 *
 * // `graph` holds Ann, registered with ann@example.com (see `execute`).
 * const found = lookup(graph, { source: 'ALL', identifierName: 'email', identifierValue: 'ANN@example.com' });
 * if (found.isOk()) found.value.entity; // Ann's customer id, the email read as register reads it
 * ```
 */
export function lookup(graph: CustomerGraph, query: LookupQuery): Result<LookupResponse, DomainError> {
  return runQuery(graph, query, lookupQuerySchema, answerLookup);
}

// A module function, not a closure made per call: V8 keeps optimized code only while a function that
// uses it lives, and closures made per call all die at a full GC, their code with them.
function answerLookup(reader: QueryReader, q: z.output<typeof lookupQuerySchema>): Result<LookupResponse, DomainError> {
  const all = q.source === 'ALL';
  const read = all ? undefined : readSourceAccount(reader.org, q.source, q.accountId);
  if (read?.isErr()) {
    // Lookup's own table has 8045 and 8011, no 8012: an unknown source is an invalid source account (LKP-4).
    return err(read.error.code === 8045 ? read.error : refuse({ reason: 'invalidAccount', code: 8011, source: q.source, accountId: q.accountId ?? '' }));
  }
  const account = read?.isOk() ? read.value : undefined;
  const name = q.identifierName;
  if (!isIdentifierType(name)) return err(refuse({ reason: 'invalidLookupIdentifier', code: 8013, identifierName: name }));
  const value = normaliseIdentifier(name, q.identifierValue, reader.org.identifierRules, reader.org.blocklist);
  if (!value.ok) return err(refuse({ reason: 'invalidLookupIdentifier', code: 8013, identifierName: name }));
  const identifier = { type: name, value: value.value };
  const holder = account === undefined ? reader.firstHolder(identifier) : reader.holderIn(identifier, account);
  if (holder === undefined) return err(refuse({ reason: 'identifierNotFound', code: all ? 8015 : 8065, identifierName: name, source: q.source }));
  return ok({ entity: holder, warnings: [] });
}
