// What every query shares: the graph and the query are checked at the door (a non-graph, a malformed
// query or a hostile value is a documented refusal, never an exception: ARC-4, ARC-5), paging with the
// seed's pagination block, and tills as the lists show them.
import { err, type Result } from 'neverthrow';
import { z, type ZodType } from 'zod';
import { parseWith } from '../kernel/parse';
import type { DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import { checkGraph } from '../graph/graph';
import { queryReaderOf, type QueryReader } from '../graph/reader';
import type { Org } from '../org/org';

/** Runs a query: the graph checked, the query read with its schema, then `answer` over the graph. */
export function runQuery<S extends ZodType, T>(
  graph: unknown,
  input: unknown,
  schema: S,
  answer: (reader: QueryReader, query: z.output<S>) => Result<T, DomainError>,
): Result<T, DomainError> {
  const checked = checkGraph(graph);
  if (checked.isErr()) return err(checked.error);
  const query = parseWith(schema, input);
  if (query.isErr()) return err(query.error);
  return answer(queryReaderOf(checked.value), query.value);
}

/** A customer id as a query names it: one that names nobody is refused by the query (GET-2). */
export const queryCustomerIdSchema = z.number().int().safe();

/** The largest page of the paged lists: change and goodwill requests (EMU-7). */
export const MAX_PAGE_LIMIT = 100;

/** `limit` and `offset` of a paged list. */
export const pageSchema = {
  limit: z.number().int().min(1).max(MAX_PAGE_LIMIT).optional(),
  offset: z.number().int().min(0).optional(),
};

/** A paged list with the seed's pagination block. */
export interface Paged<T> {
  readonly pagination: { readonly limit: number; readonly offset: number; readonly total: number };
  readonly data: readonly T[];
  readonly warnings: readonly DomainWarning[];
  readonly errors: readonly DomainError[];
}

/** One page of a list: 10 items from the start unless the query says otherwise. */
export function page<T>(items: readonly T[], limit: number | undefined, offset: number | undefined): Paged<T> {
  const l = limit ?? 10;
  const o = offset ?? 0;
  return { pagination: { limit: l, offset: o, total: items.length }, data: items.slice(o, o + l), warnings: [], errors: [] };
}

/** A till as the API shows it in attributions and lists. */
export interface TillView {
  readonly code: string;
  readonly description: string;
  readonly name: string;
  readonly type: 'TILL';
}

/** A till of the org as the API shows it; a till the org no longer lists shows its code as its name. */
export function tillView(org: Org, code: string): TillView {
  return { code, description: '', name: org.tills.get(code)?.name ?? code, type: 'TILL' };
}
