import type { Customer } from './customer';
import { allCustomers, type CustomerGraph } from './graph';

/** A plain, ordered picture of a graph's records: equal graphs give deep-equal snapshots (ARC-2). */
export interface GraphSnapshot {
  readonly org: string;
  readonly nextCustomerId: number;
  readonly customers: readonly Customer[];
}

/** Takes the snapshot of a graph; its indexes are left out because they are derived from the records (ID-1). */
export function graphSnapshot(graph: CustomerGraph): GraphSnapshot {
  const customers = allCustomers(graph);
  return { org: graph.org.id, nextCustomerId: graph.nextCustomerId, customers };
}
