import { err, ok, type Result } from 'neverthrow';
import type { InvalidInputError } from '../kernel/refusals';
import type { Customer } from '../records/customer';
import { checkGraph, countersOf, customerById, customerIds, type Counters, type CustomerGraph } from './graph';

/** A plain, ordered picture of a graph's records and counters: equal graphs give deep-equal snapshots (ARC-2). */
export interface GraphSnapshot extends Counters {
  readonly org: string;
  readonly customers: readonly Customer[];
}

/**
 * The snapshot of a graph (ARC-2); its indexes are left out because they are derived from the records
 * (ID-1). Anything but a graph of this library is refused.
 */
export function graphSnapshot(graph: CustomerGraph): Result<GraphSnapshot, InvalidInputError> {
  const checked = checkGraph(graph);
  if (checked.isErr()) return err(checked.error);
  const g = checked.value;
  const customers = customerIds(g).flatMap((id) => customerById(g, id) ?? []);
  return ok({ org: g.org.id, ...countersOf(g), customers });
}
