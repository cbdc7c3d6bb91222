// The one window the rules have on a graph. Every decide function, and every fit check of an event
// brought from outside, reads the graph through this interface and nothing else, so that the same rules
// can later run over a store that is not in memory, such as a database, without change. Queries may
// read more (graph/reader.ts).
import type { CustomerId } from '../kernel/ids';
import type { Org } from '../org/org';
import type { SourceAccount } from '../org/source-account';
import type { Customer } from '../records/customer';
import type { Identifier } from '../records/profile';
import type { DueItem } from '../graph/due-index';
import type { GraphClock } from '../graph/graph';

/** The counters the rules take ids from: events are numbered, and created things named, by them (ARC-1). */
export interface IdCounters {
  /** How many events the graph has folded; the next event is `eventCount + 1`. */
  readonly eventCount: number;
  readonly nextCustomerId: number;
  readonly nextCouponId: number;
  readonly nextTransferId: number;
  readonly nextGoodwillId: number;
}

/** What the rules may read of a graph (ARC-2). */
export interface GraphReader {
  readonly org: Org;
  readonly counters: IdCounters;
  /** The customer with this id, live, victim or deleted, if it exists. */
  customer(id: number): Customer | undefined;
  /** The end of a victim's chain of merges: its live survivor, or the survivor deleted since (MRG-4). */
  chainEnd(id: number): Customer | undefined;
  /** The live customer holding the identifier in this source account, if any (ID-1). */
  holderIn(identifier: Identifier, account: SourceAccount): CustomerId | undefined;
  /** The live customers holding the identifier in any other source account, oldest holding first (ID-2). */
  holdersElsewhere(identifier: Identifier, account: SourceAccount): readonly CustomerId[];
  /** The org's clock as the graph knows it: null before the first advance (CLK-1). */
  readonly clock: GraphClock | null;
  /** What falls due at or before `until` (epoch milliseconds), earliest first, at most one item per ledger and kind, and at most `limit` (CLK-2). */
  dueThrough(until: number, limit?: number): readonly DueItem[];
}
