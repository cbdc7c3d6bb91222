// The due index: what falls due when, ordered by date, so that moving the clock to an instant visits only
// what is due by then, never every customer (CLK-2). A B+ tree used as a sorted set of keys, one per live
// customer's ledger and kind of due item:
//
//   time | customer id | program id | kind
//
// `time` is the instant in milliseconds, offset to be positive and written in 16 digits, so that keys sort
// by date; the ids are base 36 in fixed widths; `kind` is P (the earliest points lot's expiry) or T (the
// tier's expiry, for a program that reviews tiers). Like the search index, it is derived from the records
// by difference on each write (graph/commit.ts), so it cannot disagree with them.
import type { CustomerId } from '../kernel/ids';
import type { Org } from '../org/org';
import type { Customer } from '../records/customer';
import type { ProgramLedger } from '../records/ledger';
import { BTree } from './btree';

/** The due index: a sorted set of due keys (CLK-2). */
export type DueIndex = BTree<string, undefined>;

/** What falls due: a points lot's expiry (PTS-3) or a tier's review (TIR-1). */
export type DueKind = 'points' | 'tier';

/** One due item of the index. */
export interface DueItem {
  readonly at: number;
  readonly customerId: CustomerId;
  readonly programId: number;
  readonly kind: DueKind;
}

const TIME_OFFSET = 1e15;
const SEP = '|';

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A new, empty due index. */
export function emptyDueIndex(): DueIndex {
  return new BTree<string, undefined>(undefined, compareKeys);
}

/** The time part of a key: every key due at or before `ms` sorts before `timeCode(ms + 1)`. */
export function timeCode(ms: number): string {
  return String(Math.trunc(ms) + TIME_OFFSET).padStart(16, '0');
}

function dueKey(item: DueItem): string {
  return `${timeCode(item.at)}${SEP}${item.customerId.toString(36).padStart(9, '0')}${SEP}${item.programId.toString(36).padStart(9, '0')}${SEP}${item.kind === 'points' ? 'P' : 'T'}`;
}

/** The item a key stands for. */
export function decodeDueKey(key: string): DueItem {
  const [time = '', id = '', program = '', kind = ''] = key.split(SEP);
  return { at: Number(time) - TIME_OFFSET, customerId: parseInt(id, 36) as CustomerId, programId: parseInt(program, 36), kind: kind === 'P' ? 'points' : 'tier' };
}

/** The earliest expiry of the ledger's lots, if any lot expires (PTS-3). */
export function earliestLotExpiry(l: ProgramLedger): number | undefined {
  let first: number | undefined;
  for (const lot of l.lots) {
    if (lot.expiresOn === null || lot.remaining === 0) continue;
    const at = Date.parse(lot.expiresOn);
    if (first === undefined || at < first) first = at;
  }
  return first;
}

/** When the ledger's tier is reviewed, if its program reviews tiers and the tier expires (TIR-1). */
export function tierReviewDue(org: Org, l: ProgramLedger): number | undefined {
  if (l.tierExpiryDate === null || (org.programs.get(l.programId)?.tierReview ?? null) === null) return undefined;
  return Date.parse(l.tierExpiryDate);
}

/** The due keys of a customer: only a live customer's ledgers fall due (CLK-2). */
export function dueKeysOf(org: Org, customer: Customer | undefined): string[] {
  const out: string[] = [];
  if (customer === undefined || customer.status !== 'live') return out;
  for (const l of customer.programs) {
    const points = earliestLotExpiry(l);
    if (points !== undefined) out.push(dueKey({ at: points, customerId: customer.id, programId: l.programId, kind: 'points' }));
    const tier = tierReviewDue(org, l);
    if (tier !== undefined) out.push(dueKey({ at: tier, customerId: customer.id, programId: l.programId, kind: 'tier' }));
  }
  return out;
}

/** The items due at or before `until` (ms), earliest first: the cost is the number of items, whatever the graph holds (CLK-2). */
export function* dueThrough(index: DueIndex, until: number): Generator<DueItem> {
  const end = timeCode(until + 1);
  for (const key of index.keys()) {
    if (key >= end) return;
    yield decodeDueKey(key);
  }
}

/** The earliest item of the index, if any. */
export function firstDue(index: DueIndex): DueItem | undefined {
  const key = index.minKey();
  return key === undefined ? undefined : decodeDueKey(key);
}
