// Provenance (PRV-1..PRV-4): why a customer is what it is, read off the customer's record and the
// histories of the customer and of every customer merged into it: its profiles and the events that brought
// them and their identifiers, every merge into it, and its unmerges. Its cost grows with that customer's
// history, never with the number of customers.
import type { Result } from 'neverthrow';
import type { CustomerId } from '../kernel/ids';
import type { DomainError } from '../kernel/refusals';
import type { Customer } from '../records/customer';
import type { ProfileData } from '../records/profile';
import type { MergeCause } from '../identity/merge';
import { address } from '../decider/addressee';
import type { CustomerGraph } from '../graph/graph';
import type { HistoryEntry } from '../graph/history';
import type { QueryReader } from '../graph/reader';
import { queryCustomerIdSchema, runQuery } from './query';

/**
 * The event that brought a profile or an identifier (PRV-1): its sequence number where the history keeps
 * it, its kind, time and till. A profile is made by a registration (`CustomerRegistered` or
 * `SourceProfileCombined`), which the history does not keep: its `seq` is null and its kind `registration`.
 */
export interface ProvenanceEvent {
  readonly seq: number | null;
  readonly kind: string;
  readonly at: string;
  readonly till: string;
}

/** One identifier of a profile and the event that brought it (PRV-1). */
export interface IdentifierProvenance {
  readonly type: string;
  readonly value: string;
  readonly brought: ProvenanceEvent;
}

/** A merge into the customer, directly or through a chain (PRV-2). */
export interface MergeProvenance {
  readonly seq: number;
  readonly at: string;
  readonly till: string;
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  /** The identifier added in a source account that linked the two; null for an explicit merge (MRG-7). */
  readonly cause: MergeCause | null;
  /** Whether the victim merged into this customer itself, rather than into one of its victims. */
  readonly direct: boolean;
}

/** A profile merged into one of the customer's profiles: the victim it came from and the merge that moved it (PRV-1, MRG-3). */
export interface ConflictingProfileProvenance {
  readonly mergedFrom: CustomerId;
  readonly brought: ProvenanceEvent;
  readonly merge: MergeProvenance | null;
  readonly identifiers: readonly IdentifierProvenance[];
}

/** A source profile of the customer, the event that made it and what brought each identifier (PRV-1). */
export interface ProfileProvenance {
  readonly source: string;
  readonly accountId: string;
  readonly brought: ProvenanceEvent;
  readonly identifiers: readonly IdentifierProvenance[];
  readonly conflictingProfiles: readonly ConflictingProfileProvenance[];
}

/** An unmerge of a customer out of this one (PRV-2), read from history entries of kind `CustomerUnmerged`. */
export interface UnmergeProvenance {
  readonly seq: number;
  readonly at: string;
  readonly till: string;
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  readonly reason: string;
}

/** The answer of provenance (PRV-1..PRV-4): `path` leads from the id asked to the customer answered. */
export interface Provenance {
  readonly customerId: CustomerId;
  readonly path: readonly CustomerId[];
  readonly profiles: readonly ProfileProvenance[];
  readonly merges: readonly MergeProvenance[];
  readonly unmerges: readonly UnmergeProvenance[];
}

const keyOf = (source: string, accountId: string, type: string, value: string): string => [source, accountId, type, value].join('\u0000');

// The chain of merges from the id asked to its survivor (MRG-4): the id alone for a customer that is not a victim.
function pathFrom(reader: QueryReader, id: number, end: CustomerId): CustomerId[] {
  const path: CustomerId[] = [];
  for (let c = reader.customer(id); c !== undefined; c = c.mergedInto === null ? undefined : reader.customer(c.mergedInto)) {
    path.push(c.id);
    if (c.id === end) break;
  }
  return path;
}

function explain(reader: QueryReader, c: Customer, path: CustomerId[]): Provenance {
  const tree = new Set<CustomerId>([c.id, ...c.victims]);
  const entries: HistoryEntry[] = [];
  for (const id of tree) entries.push(...reader.history(id));
  entries.sort((a, b) => a.seq - b.seq);
  const seen = new Set<number>();
  const merges: MergeProvenance[] = [];
  const unmerges: UnmergeProvenance[] = [];
  const added = new Map<string, ProvenanceEvent>();
  for (const { seq, event: e } of entries) {
    if (seen.has(seq)) continue;
    seen.add(seq);
    if (e.kind === 'CustomersMerged' && tree.has(e.survivorId)) {
      merges.push({ seq, at: e.at, till: e.till, survivorId: e.survivorId, victimId: e.victimId, cause: e.cause, direct: e.survivorId === c.id });
    } else if (e.kind === 'IdentifierAdded') {
      added.set(keyOf(e.source, e.accountId, e.identifier.type, e.identifier.value), { seq, kind: e.kind, at: e.at, till: e.till });
    } else if (e.kind === 'CustomerUnmerged') {
      // An unmerge is in the histories of both customers (MRG-16).
      unmerges.push({ seq, at: e.at, till: e.till, survivorId: e.survivorId, victimId: e.victimId, reason: e.reason });
    }
  }
  const made = (p: ProfileData): ProvenanceEvent => ({ seq: null, kind: 'registration', at: p.attribution.createDate, till: p.attribution.createdBy });
  const identifiers = (p: ProfileData): IdentifierProvenance[] =>
    p.identifiers.map((i) => ({ type: i.type, value: i.value, brought: added.get(keyOf(p.source, p.accountId, i.type, i.value)) ?? made(p) }));
  const profiles = c.profiles.map((p) => ({
    source: p.source,
    accountId: p.accountId,
    brought: made(p),
    identifiers: identifiers(p),
    conflictingProfiles: p.conflictingProfiles.map((q) => ({
      mergedFrom: q.mergedFrom,
      brought: made(q),
      merge: merges.find((m) => m.victimId === q.mergedFrom) ?? null,
      identifiers: identifiers(q),
    })),
  }));
  return { customerId: c.id, path, profiles, merges, unmerges };
}

/**
 * Provenance of a customer (PRV-1..PRV-4): its profiles with the events that brought them and their
 * identifiers (PRV-1), every merge into it with its cause, time and till, and its unmerges (PRV-2); a
 * victim's id answers its survivor's provenance with the path of merges between them (PRV-3); an unknown id
 * is 8015, a deleted customer 8015 with the PII message; the cost follows the customer's own history (PRV-4).
 */
export function provenance(graph: CustomerGraph, customerId: number): Result<Provenance, DomainError> {
  return runQuery(graph, customerId, queryCustomerIdSchema, (reader, id) => address(reader, 'provenance', id).map((c) => explain(reader, c, pathFrom(reader, id, c.id))));
}
