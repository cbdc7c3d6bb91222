import { err, ok, type Result } from 'neverthrow';
import type { SourceAccountKey } from '../kernel/ids';
import { refuse, type DomainError } from '../kernel/refusals';
import type { Org } from './org';
import { isSource, MULTI_ACCOUNT_SOURCES, sourceAccountKey, type Source } from './sources';

/** A source account that the org has (SRC-1, SRC-2). */
export interface SourceAccount {
  readonly source: Source;
  /** Empty for single-account sources (SRC-2). */
  readonly accountId: string;
  readonly key: SourceAccountKey;
}

/** Whether the org has this source account: the source enabled, and the account listed where the source has several (SRC-1, SRC-2). */
export function hasSourceAccount(org: Org, source: Source, accountId: string): boolean {
  if (!org.sources.has(source)) return false;
  return MULTI_ACCOUNT_SOURCES.has(source) ? (org.accounts.get(source)?.has(accountId) ?? false) : accountId === '';
}

/**
 * Reads a source and account (SRC-1, SRC-2, SRC-4): unknown or disabled source 8012, missing account of a
 * multi-account source 8045, unknown account (or an account on a single-account source) 8011.
 */
export function readSourceAccount(org: Org, source: string, accountId: string | undefined): Result<SourceAccount, DomainError> {
  if (!isSource(source) || !org.sources.has(source)) return err(refuse({ reason: 'invalidSource', code: 8012, source }));
  const account = accountId ?? '';
  if (MULTI_ACCOUNT_SOURCES.has(source) && account === '') return err(refuse({ reason: 'accountMissing', code: 8045, source }));
  if (!hasSourceAccount(org, source, account)) return err(refuse({ reason: 'invalidAccount', code: 8011, source, accountId: account }));
  return ok({ source, accountId: account, key: sourceAccountKey(source, account) });
}
