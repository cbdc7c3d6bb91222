// A graph built from a snapshot brought from outside (ARC-6): the counters first, then each customer's
// record with its history, in id order. Every part is read with its schema into the library's own frozen
// copy and must fit what came before it (record-fit.ts); the merge links, which point both ways, are
// checked once every record is in. The first misfit is refused with its path and reason, and nothing
// built so far escapes. The indexes are derived from the records, as a command's commit derives them
// (ID-1), so a restored graph answers every query exactly as the graph it was taken from.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { isoDateTimeSchema } from '../kernel/dates';
import { graphEventSchema } from '../decider/events';
import type { CustomerId } from '../kernel/ids';
import type { Misfit } from '../kernel/misfits';
import { list, parseWith, pathFrom, record, text } from '../kernel/parse';
import { invalidInput, refuse, type DomainError, type InputPath } from '../kernel/refusals';
import type { Org } from '../org/org';
import type { Customer } from '../records/customer';
import { customerRecordSchema } from '../records/record-schema';
import { writeRecord } from './commit';
import { chainEnd, customerById, emptyGraph, graphAt, versionOf, type Counters, type CustomerGraph } from './graph';
import { recordHistory, type HistoryEntry } from './history';
import { accountNumbers } from './identifier-index';
import { recordMisfit, type Seen } from './record-fit';
import { closeBatch, openBatch, writeVersion, type Version } from './store';

const counter = z.number().int().nonnegative().safe();

/** The counters of a snapshot and the org it was taken of (ARC-6). */
export const snapshotHeaderSchema = record({
  org: text(64).min(1),
  eventCount: counter,
  customerCount: counter,
  nextCustomerId: counter,
  nextCouponId: counter,
  nextTransferId: counter,
  nextGoodwillId: counter,
  // Absent in snapshots written before the clock existed: never advanced (CLK-1).
  clock: record({ at: isoDateTimeSchema, set: z.boolean() }).nullable().default(null),
});

/** The counters of a snapshot and the org it was taken of (ARC-6). */
export type SnapshotHeader = z.output<typeof snapshotHeaderSchema>;

/** A customer's history in a snapshot: its entries, oldest first (HST-1, ARC-6). */
export const historySchema = list(record({ seq: z.number().int().positive().safe(), event: graphEventSchema }), 10_000_000);

function misfit(path: InputPath, m: Misfit): DomainError {
  return refuse({ reason: 'snapshotMisfit', code: 400, path, misfit: m });
}

/**
 * Builds a graph from a snapshot one customer at a time, so that a snapshot far larger than one string
 * (an emulator's snapshot file) is read as it streams (ARC-6). Made by `restoreSnapshot`; `add` each
 * customer in id order, then `finish`. After a refusal the restorer refuses everything.
 */
export class SnapshotRestorer {
  readonly #org: Org;
  readonly #header: SnapshotHeader;
  readonly #seen: Seen = { merged: [] };
  #version: Version;
  #nextId: number;
  #failed: DomainError | undefined;

  /** @internal use `restoreSnapshot`. */
  constructor(org: Org, header: SnapshotHeader, version: Version) {
    this.#org = org;
    this.#header = header;
    this.#version = version;
    this.#nextId = org.firstCustomerId;
  }

  /** Adds the next customer's record and its history (oldest entry first), or refuses the first misfit (ARC-6). */
  add(rawRecord: unknown, rawHistory: unknown, at?: InputPath, historyAt?: InputPath): Result<CustomerId, DomainError> {
    if (this.#failed !== undefined) return err(this.#failed);
    const path = at === undefined ? ['customers', this.#nextId - this.#org.firstCustomerId] : pathFrom(at);
    const historyPath = historyAt === undefined ? [...path, 'history'] : pathFrom(historyAt);
    const parsed = parseWith(customerRecordSchema, rawRecord, path, true);
    if (parsed.isErr()) return this.#fail(parsed.error);
    const history = parseWith(historySchema, rawHistory ?? [], historyPath, true);
    if (history.isErr()) return this.#fail(history.error);
    const customer = parsed.value as Customer;
    if (customer.id !== this.#nextId) return this.#fail(misfit([...path, 'id'], { misfit: 'idOutOfTurn', counter: 'customer', expected: this.#nextId, found: customer.id }));
    const found = this.#historyMisfit(customer.id, history.value) ?? undefined;
    if (found !== undefined) return this.#fail(misfit(historyPath, found));
    const numbers = accountNumbers(this.#org);
    let refused: DomainError | undefined;
    this.#version = writeVersion(this.#version, (w) => {
      const m = recordMisfit(this.#org, this.#header, numbers, w, customer, this.#seen);
      if (m !== undefined) {
        refused = misfit([...path, ...m.at], m.misfit);
        return;
      }
      writeRecord(w, this.#org, numbers, customer);
      for (const entry of history.value) recordHistory(w, customer.id, entry.seq, entry.event);
    });
    if (refused !== undefined) return this.#fail(refused);
    this.#nextId++;
    return ok(customer.id);
  }

  /** The graph, once every customer is in and the merge links agree both ways (MRG-4, ARC-6). */
  finish(at: InputPath = []): Result<CustomerGraph, DomainError> {
    if (this.#failed !== undefined) return err(this.#failed);
    const path = pathFrom(at);
    const h = this.#header;
    const count = this.#nextId - this.#org.firstCustomerId;
    if (h.customerCount !== count) return this.#fail(misfit([...path, 'customerCount'], { misfit: 'counter', counter: 'customerCount', expected: count, found: h.customerCount }));
    if (h.nextCustomerId !== this.#nextId) return this.#fail(misfit([...path, 'nextCustomerId'], { misfit: 'counter', counter: 'nextCustomerId', expected: this.#nextId, found: h.nextCustomerId }));
    const { org: _org, ...counters } = h;
    const graph = graphAt(this.#org, counters satisfies Counters, closeBatch(this.#version));
    for (const victimId of this.#seen.merged) {
      const problem = mergeLinkProblem(graph, victimId);
      if (problem !== undefined) return this.#fail(misfit([...path, 'customers', victimId - this.#org.firstCustomerId], { misfit: 'mergeLink', victimId, survivorId: problem.survivorId, problem: problem.text }));
    }
    return ok(graph);
  }

  #historyMisfit(id: CustomerId, entries: readonly HistoryEntry[]): Misfit | undefined {
    let after = 0;
    for (const e of entries) {
      if (e.seq <= after || e.seq > this.#header.eventCount || e.event.seq !== e.seq) return { misfit: 'historyOrder', customerId: id, seq: e.seq, after, eventCount: this.#header.eventCount };
      after = e.seq;
    }
    return undefined;
  }

  #fail<T>(error: DomainError): Result<T, DomainError> {
    this.#failed = error;
    return err(error);
  }
}

/** Why a victim's link to its survivor does not hold, if it does not: the chain must end at a customer that lists it (MRG-4). */
function mergeLinkProblem(graph: CustomerGraph, victimId: CustomerId): { readonly survivorId: number; readonly text: string } | undefined {
  const victim = customerById(graph, victimId) as Customer;
  const survivorId = victim.mergedInto ?? 0;
  const end = chainEnd(graph, victimId);
  if (end === undefined || end.status === 'merged') return { survivorId, text: 'its chain of merges does not end at a live or deleted customer' };
  if (!end.victims.includes(victimId)) return { survivorId, text: `customer ${end.id}, where its chain ends, does not list it among its victims` };
  for (const v of victim.victims) if (!end.victims.includes(v)) return { survivorId, text: `its victim ${v} is not listed by customer ${end.id}` };
  // The copies that undo the merge are of this merge's two customers (MRG-11).
  const pre = victim.premerge;
  if (pre !== null && (pre.victim.id !== victimId || pre.survivor.id !== survivorId)) return { survivorId, text: `its copies from before the merge are of customers ${pre.survivor.id} and ${pre.victim.id}` };
  return undefined;
}

/**
 * A restorer of a snapshot of this org with these counters (ARC-6): the streaming form of
 * `graphFromSnapshot`, for a snapshot read a customer at a time.
 * @example
 * const restorer = restoreSnapshot(org, header)._unsafeUnwrap();
 * for (const { record, history } of lines) restorer.add(record, history);
 * const graph = restorer.finish();
 */
export function restoreSnapshot(org: Org, header: unknown, at: InputPath = []): Result<SnapshotRestorer, DomainError> {
  const path = pathFrom(at);
  const empty = emptyGraph(org);
  if (empty.isErr()) return err(empty.error);
  const parsed = parseWith(snapshotHeaderSchema, header, path, true);
  if (parsed.isErr()) return err(parsed.error);
  if (parsed.value.org !== org.id) return err(invalidInput([...path, 'org'], `a snapshot of org ${parsed.value.org}, not of ${org.id}`));
  return ok(new SnapshotRestorer(org, parsed.value, openBatch(versionOf(empty.value))));
}
