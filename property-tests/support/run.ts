// Runs command sequences and reads graphs for the properties. No test-runner imports: pure helpers.

import { allCustomers, indexContents } from '../../src/graph/contents';
import { chainEnd, customerById } from '../../src/graph/graph';
import { decodePosting, type SearchPosting } from '../../src/graph/search-index';
import { sourceAccountKey } from '../../src/org/sources';
import { loyaltyPoints } from '../../src/records/ledger';
import { resolveTargeted, resolveTargetedLoyalty, type Instruction, type LoyaltyTarget, type TargetCustomer } from './arbitraries';
import {
  defaultOrg,
  emptyGraph,
  execute,
  type Command,
  type Customer,
  type CustomerGraph,
  type DomainError,
  type GraphEvent,
  type Org,
} from '../../src/index';

/** One command of a sequence: the graph before and after, and what came back. */
export interface Step {
  readonly index: number;
  readonly command: Command;
  readonly before: CustomerGraph;
  readonly after: CustomerGraph;
  /** The events of an accepted command; empty when it was refused. */
  readonly events: readonly GraphEvent[];
  /** The refusal, when the command was refused. */
  readonly error?: DomainError;
}

/** A sequence run from the empty graph with `execute`: refused commands leave the graph as it was. */
export interface Run {
  readonly org: Org;
  readonly initial: CustomerGraph;
  readonly steps: readonly Step[];
  readonly graph: CustomerGraph;
  /** Every event accepted, in order. */
  readonly events: readonly GraphEvent[];
}

let cachedOrg: Org | undefined;

/** The default org, built once (it is an immutable value). */
export function theOrg(): Org {
  cachedOrg ??= defaultOrg();
  return cachedOrg;
}

/** The customers of a graph as targeted commands see them (TargetedCommand). */
export function targetView(graph: CustomerGraph): TargetCustomer[] {
  return customersOf(graph)
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      id: c.id,
      live: c.status === 'live',
      profiles: c.profiles.map((p) => ({
        source: p.source,
        accountId: p.accountId,
        identifiers: [p, ...p.conflictingProfiles].flatMap((q) => q.identifiers),
      })),
    }));
}

/** The customers of a graph as targeted loyalty commands see them (TargetedLoyaltyCommand). */
export function loyaltyTargetView(graph: CustomerGraph): LoyaltyTarget[] {
  return customersOf(graph)
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      id: c.id,
      status: c.status,
      profiles: c.profiles.map((p) => ({ source: p.source, accountId: p.accountId })),
      programs: c.programs.map((l) => ({
        programId: l.programId,
        balance: loyaltyPoints(l),
        expiring: l.lots.reduce((n, lot) => n + (lot.expiresOn === null ? 0 : lot.remaining), 0),
      })),
      couponCodes: c.coupons.filter((x) => x.redeemedOn === null).map((x) => x.couponCode),
      pendingGoodwill: c.goodwill.filter((g) => g.goodwillStatus === 'PENDING').map((g) => g.id),
    }));
}

/** The command an instruction stands for in this graph. */
export function resolveInstruction(graph: CustomerGraph, instruction: Instruction): Command {
  switch (instruction.kind) {
    case 'targeted':
      return resolveTargeted(targetView(graph), instruction);
    case 'targetedLoyalty':
      return resolveTargetedLoyalty(loyaltyTargetView(graph), instruction);
    default:
      return instruction;
  }
}

/** Runs the instructions one after another from the empty graph of the org. */
export function runSequence(instructions: readonly Instruction[], org: Org = theOrg()): Run {
  const initial = emptyGraph(org)._unsafeUnwrap();
  let graph = initial;
  const steps: Step[] = [];
  const events: GraphEvent[] = [];
  instructions.forEach((instruction, index) => {
    const command = resolveInstruction(graph, instruction);
    const result = execute(graph, command);
    if (result.isOk()) {
      steps.push({ index, command, before: graph, after: result.value.graph, events: result.value.events });
      events.push(...result.value.events);
      graph = result.value.graph;
    } else {
      steps.push({ index, command, before: graph, after: graph, events: [], error: result.error });
    }
  });
  return { org, initial, steps, graph, events };
}

/** Every customer record of a graph. */
export function customersOf(graph: CustomerGraph): Customer[] {
  return allCustomers(graph);
}

/** The live customers of a graph. */
export function liveCustomersOf(graph: CustomerGraph): Customer[] {
  return customersOf(graph).filter((c) => c.status === 'live');
}

/** One identifier as a customer record holds it, in one source account. */
export interface Holding {
  readonly customerId: number;
  readonly source: string;
  readonly accountId: string;
  /** The graph's key of the source account. */
  readonly sak: string;
  readonly type: string;
  readonly value: string;
  /** True when it sits in a conflicting profile (MRG-3). */
  readonly conflicting: boolean;
}

/** Every identifier held by the live customers' records, conflicting profiles included. */
export function holdingsOf(graph: CustomerGraph): Holding[] {
  const out: Holding[] = [];
  for (const c of liveCustomersOf(graph)) {
    for (const main of c.profiles) {
      for (const p of [main, ...main.conflictingProfiles]) {
        const sak = sourceAccountKey(p.source, p.accountId);
        for (const id of p.identifiers) {
          out.push({
            customerId: c.id,
            source: p.source,
            accountId: p.accountId,
            sak,
            type: id.type,
            value: id.value,
            conflicting: p !== main,
          });
        }
      }
    }
  }
  return out;
}

/** `sak type value` of a holding: the unit of uniqueness (ID-1). */
export function holdingKey(h: { sak: string; type: string; value: string }): string {
  return `${h.sak}\u0000${h.type}\u0000${h.value}`;
}

/** The identifier index flattened to `type value -> customer` triples, one per holder. */
export function indexTriples(graph: CustomerGraph): { type: string; value: string; customerId: number }[] {
  return indexContents(graph).identifiers.map(([type, value, customerId]) => ({ type, value, customerId }));
}

/** The same triples as the records say they should be: each (type, value) a live customer holds, once per source account. */
export function expectedIndexTriples(graph: CustomerGraph): { type: string; value: string; customerId: number }[] {
  const seen = new Set<string>();
  const out: { type: string; value: string; customerId: number }[] = [];
  for (const h of holdingsOf(graph)) {
    const key = `${h.customerId}\u0000${h.sak}\u0000${h.type}\u0000${h.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: h.type, value: h.value, customerId: h.customerId });
  }
  return out;
}

/** The postings of the search index. */
export function searchPostings(graph: CustomerGraph): { key: string; posting: SearchPosting }[] {
  return indexContents(graph).searchKeys.map((key) => ({ key, posting: decodePosting(key) }));
}

/** The postings the records call for: names and identifier values of every live profile (SRCH-1). */
export function expectedSearchPostings(graph: CustomerGraph): SearchPosting[] {
  const out: SearchPosting[] = [];
  for (const c of liveCustomersOf(graph)) {
    for (const p of c.profiles.flatMap((main) => [main, ...main.conflictingProfiles])) {
      const add = (idType: string, idValue: string): void => {
        if (idValue !== '') out.push({ customerId: c.id, idType, idValue, source: p.source, accountId: p.accountId });
      };
      add('firstName', p.firstName);
      add('lastName', p.lastName);
      for (const id of p.identifiers) add(id.type, id.value);
    }
  }
  return out;
}

/** A stable text of a posting, for set comparison. */
export function postingText(p: SearchPosting): string {
  return [p.customerId, p.idType, p.idValue, p.source, p.accountId].join('\u0000');
}

/** Source accounts (as graph keys) of a customer's profiles, with how many profiles each holds (SRC-3, MRG-3). */
export function profileCounts(customer: Customer): Map<string, number> {
  const out = new Map<string, number>();
  for (const main of customer.profiles) {
    const sak = sourceAccountKey(main.source, main.accountId);
    out.set(sak, (out.get(sak) ?? 0) + 1 + main.conflictingProfiles.length);
  }
  return out;
}

/** Follows merge pointers by hand, without `resolveLive`: the chain and whether it ended at a live customer. */
export function mergeChain(graph: CustomerGraph, id: number): { chain: number[]; end: Customer | undefined; looped: boolean } {
  const chain: number[] = [id];
  const seen = new Set<number>([id]);
  let current = customerById(graph, id);
  while (current !== undefined && current.status === 'merged') {
    const next = current.mergedInto;
    if (next === null) return { chain, end: undefined, looped: false };
    if (seen.has(next)) return { chain: [...chain, next], end: undefined, looped: true };
    seen.add(next);
    chain.push(next);
    current = customerById(graph, next);
  }
  return { chain, end: current, looped: false };
}

/** True when the value and everything reachable from it through own properties is frozen. */
export function isDeepFrozen(value: unknown, seen: Set<unknown> = new Set()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return true;
  seen.add(value);
  if (!Object.isFrozen(value)) return false;
  return Reflect.ownKeys(value).every((k) => isDeepFrozen((value as Record<PropertyKey, unknown>)[k], seen));
}

/** The live customer an id stands for: itself, or the end of its chain of merges if that is live (MRG-4). */
export function resolveLive(graph: CustomerGraph, id: number): Customer | undefined {
  const end = chainEnd(graph, id);
  return end?.status === 'live' ? end : undefined;
}
