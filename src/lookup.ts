import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { domainError, type DomainError, type DomainWarning } from './errors';
import { firstHolder, holderIn, type CustomerGraph } from './graph';
import type { CustomerId } from './ids';
import { isIdentifierType, normaliseIdentifier } from './identifiers';
import { parseWith, readSourceAccount } from './validate';

/** The query of Fetch Customer ID (LKP-1). */
export interface LookupQuery {
  /** A source, or `ALL` to look in every source account. */
  readonly source: string;
  readonly accountId?: string;
  readonly identifierName: string;
  readonly identifierValue: string | number;
}

/** The documented answer of Fetch Customer ID: `entity` is the live customer's id (LKP-1). */
export interface LookupResponse {
  readonly entity: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/** The schema of a lookup query, for validation at the boundary (ARC-4). */
export const lookupQuerySchema = z.object({
  source: z.string().max(64),
  accountId: z.string().max(64).optional(),
  identifierName: z.string().max(64),
  identifierValue: z.union([z.string().max(4096), z.number()]),
});

/**
 * Fetch Customer ID (LKP-1..LKP-5): the live customer holding an identifier in a source account, or in
 * any (`ALL`). Victims never answer: the index always names the survivor (MRG-4).
 */
export function lookup(graph: CustomerGraph, query: LookupQuery): Result<LookupResponse, DomainError> {
  const parsed = parseWith<LookupQuery>(lookupQuerySchema, query);
  if (parsed.isErr()) return err(parsed.error);
  const q = parsed.value;
  const all = q.source === 'ALL';
  const read = all ? undefined : readSourceAccount(graph.org, q.source, q.accountId);
  if (read?.isErr()) return err(read.error.code === 8045 ? read.error : domainError(8011));
  const account = read?.isOk() ? read.value : undefined;
  if (!isIdentifierType(q.identifierName)) return err(domainError(8013));
  const value = normaliseIdentifier(q.identifierName, q.identifierValue, graph.org.identifierRules, graph.org.blocklist);
  if (!value.ok) return err(domainError(8013));
  const identifier = { type: q.identifierName, value: value.value };
  const holder = account === undefined ? firstHolder(graph, identifier) : holderIn(graph, identifier, account.source, account.accountId);
  // The index holds live customers only (ID-1): a victim's identifiers moved to its survivor (MRG-4).
  if (holder === undefined) return err(domainError(all ? 8015 : 8065));
  return ok({ entity: holder, warnings: [] });
}
