import { z } from 'zod';
import { frozenSet } from '../kernel/frozen';
import type { SourceAccountKey } from '../kernel/ids';

/** The twelve sources of the seed's Register Customer (SRC-1). */
export const SOURCES = Object.freeze([
  'FACEBOOK',
  'WEB_ENGAGE',
  'WECHAT',
  'INSTORE',
  'MARTJACK',
  'TMALL',
  'TAOBAO',
  'JD',
  'ECOMMERCE',
  'WEBSITE',
  'LINE',
  'MOBILE_APP',
] as const);

/** A source a customer profile can live in (SRC-1). */
export type Source = (typeof SOURCES)[number];

/** One of the twelve sources (SRC-1). */
export const sourceSchema = z.enum(SOURCES);

/** The sources that hold several accounts, where identity is per account (SRC-2). */
export const MULTI_ACCOUNT_SOURCES: ReadonlySet<Source> = frozenSet<Source>(['WECHAT', 'FACEBOOK', 'LINE', 'MOBILE_APP', 'WEB_ENGAGE']);

const sourceSet: ReadonlySet<string> = frozenSet<string>(SOURCES);

/** True for one of the twelve documented sources (SRC-1). */
export function isSource(value: unknown): value is Source {
  return typeof value === 'string' && sourceSet.has(value);
}

/** The key of a source account: the source alone, or `SOURCE/account` for multi-account sources (SRC-2). */
export function sourceAccountKey(source: Source, accountId: string): SourceAccountKey {
  return (MULTI_ACCOUNT_SOURCES.has(source) ? `${source}/${accountId}` : source) as SourceAccountKey;
}
