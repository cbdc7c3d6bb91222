import type { CommChannel, Customer, ProfileData } from './customer';
import { CHANGE_EVENT_KINDS, type GraphEvent } from './events';
import { commitEvent, customerById, rewriteHistory, type CustomerGraph } from './graph';
import type { Identifier } from './identifiers';
import { freezeDeep, produce } from './internal/immer';
import { EMPTY_LIST } from './internal/shared';
import { isGraphEvent } from './event-schema';
import { loyaltyRecords } from './loyalty-evolve';
import { mergeRecords } from './merge';
import type { Source } from './sources';

type Draft<T> = { -readonly [K in keyof T]: T[K] extends object ? Draft<T[K]> : T[K] };

// A new customer's attribution is its first profile's: one shared object instead of two equal ones.
function sameAttribution(a: ProfileData['attribution'], at: string, till: ProfileData['attribution']['createdBy']): boolean {
  return a.createDate === at && a.modifiedDate === at && a.createdBy === till && a.modifiedBy === till;
}

function sameIdentifier(a: Identifier, b: Identifier): boolean {
  return a.type === b.type && a.value === b.value;
}

function touch(profile: Draft<ProfileData>, at: string, till: ProfileData['attribution']['modifiedBy']): void {
  profile.attribution.modifiedDate = at;
  profile.attribution.modifiedBy = till;
}

function withChannels(current: readonly CommChannel[], incoming: readonly CommChannel[]): CommChannel[] {
  const replaced = new Set(incoming.map((c) => c.type));
  return [...current.filter((c) => !replaced.has(c.type)), ...incoming];
}

function changeProfile(
  customer: Customer,
  source: Source,
  accountId: string,
  recipe: (profile: Draft<Customer['profiles'][number]>) => void,
): Customer {
  return produce(customer, (draft) => {
    const profile = draft.profiles.find((p) => p.source === source && p.accountId === accountId);
    if (profile !== undefined) recipe(profile as Draft<Customer['profiles'][number]>);
  });
}

// Events change live customers only: a victim's record is frozen at its merge (MRG-4, ARC-5).
function liveCustomer(graph: CustomerGraph, id: number): Customer | undefined {
  const customer = customerById(graph, id);
  return customer?.status === 'live' ? customer : undefined;
}

function nextRecords(graph: CustomerGraph, event: GraphEvent): readonly Customer[] {
  switch (event.kind) {
    case 'CustomerRegistered':
      return [
        freezeDeep<Customer>({
          id: event.customerId,
          status: 'live',
          mergedInto: null,
          loyaltyType: event.loyaltyType,
          profiles: [event.profile],
          extendedFields: event.extendedFields,
          associatedWith: event.associatedWith,
          attribution: sameAttribution(event.profile.attribution, event.at, event.till)
            ? event.profile.attribution
            : { createDate: event.at, createdBy: event.till, modifiedDate: event.at, modifiedBy: event.till },
          programs: EMPTY_LIST,
          subscriptions: EMPTY_LIST,
          coupons: EMPTY_LIST,
          goodwill: EMPTY_LIST,
          transfers: EMPTY_LIST,
          victims: EMPTY_LIST,
          piiDeletedOn: null,
        }),
      ];
    case 'SourceProfileCombined': {
      const customer = liveCustomer(graph, event.customerId);
      if (customer === undefined) return [];
      return [
        produce(customer, (draft) => {
          draft.profiles.push(event.profile as never);
          draft.loyaltyType = event.loyaltyType;
          Object.assign(draft.extendedFields, event.extendedFields);
          draft.attribution.modifiedDate = event.at;
          draft.attribution.modifiedBy = event.till;
        }),
      ];
    }
    case 'CustomerUpdated': {
      const customer = liveCustomer(graph, event.customerId);
      if (customer === undefined) return [];
      const updated = changeProfile(customer, event.source, event.accountId, (p) => {
        if (event.firstName !== undefined) p.firstName = event.firstName;
        if (event.lastName !== undefined) p.lastName = event.lastName;
        p.commChannels = withChannels(p.commChannels, event.commChannels) as never;
        Object.assign(p.fields, event.fields);
        touch(p, event.at, event.till);
      });
      return [
        produce(updated, (draft) => {
          draft.loyaltyType = event.loyaltyType;
          Object.assign(draft.extendedFields, event.extendedFields);
          draft.attribution.modifiedDate = event.at;
          draft.attribution.modifiedBy = event.till;
        }),
      ];
    }
    case 'IdentifierAdded': {
      const customer = liveCustomer(graph, event.customerId);
      if (customer === undefined) return [];
      return [
        changeProfile(customer, event.source, event.accountId, (p) => {
          p.identifiers.push(event.identifier);
          touch(p, event.at, event.till);
        }),
      ];
    }
    case 'IdentifierRemoved': {
      const customer = liveCustomer(graph, event.customerId);
      if (customer === undefined) return [];
      return [
        changeProfile(customer, event.source, event.accountId, (p) => {
          p.identifiers = p.identifiers.filter((i) => !sameIdentifier(i, event.identifier));
          for (const c of p.conflictingProfiles) {
            c.identifiers = c.identifiers.filter((i) => !sameIdentifier(i, event.identifier));
          }
          touch(p, event.at, event.till);
        }),
      ];
    }
    case 'CustomersMerged': {
      const survivor = customerById(graph, event.survivorId);
      const victim = customerById(graph, event.victimId);
      // Only two different live customers merge: a merge into or of a victim would let a chain loop (MRG-4).
      if (survivor?.status !== 'live' || victim?.status !== 'live' || survivor.id === victim.id) return [];
      return mergeRecords(graph.org, survivor, victim, event, graph.eventCount + 1).map((c) => freezeDeep(c));
    }
    case 'ProgramEnrolled':
    case 'PointsMoved':
    case 'PointsExpired':
    case 'PointsTransferred':
    case 'SubscriptionsChanged':
    case 'CouponIssued':
    case 'CouponRedeemed':
    case 'GoodwillRequested':
    case 'GoodwillResolved':
    case 'PiiDeleted':
      return loyaltyRecords(graph, event);
    default: {
      const unreachable: never = event;
      void unreachable;
      return [];
    }
  }
}

/** Folds one event produced by `decide` for this graph: no shape check, the decider vouches for it. */
export function fold(graph: CustomerGraph, event: GraphEvent): CustomerGraph {
  const records = nextRecords(graph, event);
  if (records.length === 0) return graph;
  const next = commitEvent(graph, records, event, CHANGE_EVENT_KINDS.has(event.kind) ? records.map((r) => r.id) : []);
  return event.kind === 'PiiDeleted' ? forgetPersonalHistory(next, records) : next;
}

/**
 * Folds one event into the graph, returning a new graph; the given graph is never changed (ARC-2, ARC-3).
 * An event that does not fit the graph (malformed, or naming an unknown or merged customer) leaves it as
 * it is (ARC-4, ARC-5).
 */
export function evolve(graph: CustomerGraph, event: GraphEvent): CustomerGraph {
  if (!isGraphEvent(event)) return graph;
  try {
    return fold(graph, event);
  } catch {
    return graph;
  }
}

// What a PII deletion removes from the history: every event that carries names or identifiers (PII-1).
function forgetPersonalHistory(graph: CustomerGraph, records: readonly Customer[]): CustomerGraph {
  const ids = records.flatMap((r) => [r.id, ...r.victims]);
  return rewriteHistory(graph, ids, (entry) => {
    switch (entry.event.kind) {
      case 'CustomerRegistered':
      case 'SourceProfileCombined':
      case 'CustomerUpdated':
      case 'IdentifierAdded':
      case 'IdentifierRemoved':
        return undefined;
      case 'CustomersMerged':
        return { seq: entry.seq, event: { ...entry.event, cause: null } };
      default:
        return entry;
    }
  });
}

/** Folds events in order (ARC-2). */
export function evolveAll(graph: CustomerGraph, events: Iterable<GraphEvent>): CustomerGraph {
  let next = graph;
  for (const event of events) next = evolve(next, event);
  return next;
}
