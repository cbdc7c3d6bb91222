import { ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { record } from '../kernel/parse';
import type { DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import type { Source } from '../org/sources';
import type { CustomerGraph } from '../graph/graph';
import type { CustomerId } from '../kernel/ids';
import { matchingPostings } from '../graph/search-index';
import type { QueryReader } from '../graph/reader';
import { runQuery } from './query';

/** The largest page a search returns; a larger `limit` is refused (SRCH-3). */
export const MAX_SEARCH_LIMIT = 100;

/**
 * How many matching customers a search counts at most (SRCH-2, SRCH-3): `total` is exact up to it and
 * reads this many above it, and a page may not end past it, so that one search visits a bounded part of
 * the index whatever the org holds (Elasticsearch's `max_result_window` and `track_total_hits` make the
 * same bound).
 */
export const SEARCH_WINDOW = 10_000;

/** The query of Fetch Customers (SRCH-1, SRCH-3): `q` non-empty, `limit` 1 to 100, `offset` 0 or more, `offset + limit` at most `SEARCH_WINDOW`. */
export const searchQuerySchema = record({
  q: z.string().trim().min(1).max(256),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
  offset: z.number().int().min(0).optional(),
}).refine((query) => (query.offset ?? 0) + (query.limit ?? 10) <= SEARCH_WINDOW, {
  path: ['offset'],
  message: `offset + limit may be at most ${SEARCH_WINDOW}: search counts that many matches at most; narrow q to reach the others`,
});

/** The query of Fetch Customers (SRCH-1). */
export type SearchQuery = z.input<typeof searchQuerySchema>;

/** One value that matched the query (SRCH-2). */
export interface MatchedIdentifier {
  readonly idType: string;
  readonly idValue: string;
  readonly source: Source;
  readonly accountId: string;
}

/** One customer in the search answer (SRCH-2). */
export interface SearchHit {
  readonly userId: CustomerId;
  readonly matchedIdentifiers: readonly MatchedIdentifier[];
  readonly profiles: readonly {
    readonly source: Source;
    readonly accountId: string;
    readonly firstName: string;
    readonly lastName: string;
  }[];
}

/** The documented answer of Fetch Customers (SRCH-2). */
export interface SearchResponse {
  readonly pagination: { readonly limit: number; readonly offset: number; readonly total: number };
  readonly data: readonly SearchHit[];
  readonly warnings: readonly DomainWarning[];
  readonly errors: readonly DomainError[];
}

/**
 * Fetch Customers (SRCH-1..SRCH-3): live customers whose first name, last name or any identifier value in
 * any source starts with `q`, case-insensitively; ordered by the matching term, then by id; `total`
 * counts customers, not matches, up to `SEARCH_WINDOW`.
 */
export function search(graph: CustomerGraph, query: SearchQuery): Result<SearchResponse, DomainError> {
  return runQuery(graph, query, searchQuerySchema, answerSearch);
}

// A module function, not a closure made per call: V8 keeps optimized code only while a function that
// uses it lives, and closures made per call all die at a full GC, their code with them.
function answerSearch(reader: QueryReader, { q, limit = 10, offset = 0 }: z.output<typeof searchQuerySchema>): Result<SearchResponse, DomainError> {
  // Matches are counted up to the window, which holds every page; only the page's customers are read.
  const ids = reader.searchCustomers(q, SEARCH_WINDOW);
  const data: SearchHit[] = [];
  for (const id of ids.slice(offset, offset + limit)) {
    const customer = reader.customer(id);
    if (customer === undefined) continue;
    data.push({
      userId: id,
      matchedIdentifiers: matchingPostings(customer, q).map((p) => ({ idType: p.idType, idValue: p.idValue, source: p.source, accountId: p.accountId })),
      profiles: customer.profiles.map((p) => ({ source: p.source, accountId: p.accountId, firstName: p.firstName, lastName: p.lastName })),
    });
  }
  return ok({ pagination: { limit, offset, total: ids.length }, data, warnings: [], errors: [] });
}
