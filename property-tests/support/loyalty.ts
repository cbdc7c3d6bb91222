// Reads the loyalty and communication state of graphs for the loyalty properties. No test-runner imports.
//
// Balances, counters and tiers are read through the public queries (`loyaltyDetails`, `getSubscriptions`);
// lots, the tier floor and the tier history, which no query answers whole, from the customer records.

import {
  getSubscriptions,
  loyaltyDetails,
  type Customer,
  type CustomerGraph,
  type GraphEvent,
  type ProgramDetails,
  type ProgramLedger,
} from '../../src/index';
import { customersOf } from './run';
import { customerById } from '../../src/graph/graph';

/** The programs of a customer as Fetch Customer Loyalty Details answers them; none when it cannot be read. */
export function detailsOf(graph: CustomerGraph, id: number): ProgramDetails[] {
  const read = loyaltyDetails(graph, { customerId: id });
  return read.isOk() ? [...read.value.data] : [];
}

/** One program of a customer, as Fetch Customer Loyalty Details answers it. */
export function programOf(graph: CustomerGraph, id: number, programId: number): ProgramDetails | undefined {
  return detailsOf(graph, id).find((d) => d.programId === programId);
}

/** The balance of a customer in a program: 0 when it is not enrolled or cannot be read. */
export function balanceOf(graph: CustomerGraph, id: number, programId: number): number {
  return programOf(graph, id, programId)?.loyaltyPoints ?? 0;
}

/** The customers that hold points: live and deleted ones. A victim's points moved to its survivor (MRG-9). */
export function pointHolders(graph: CustomerGraph): Customer[] {
  return customersOf(graph).filter((c) => c.status !== 'merged');
}

/** The sum of balances per program over the customers that hold points. */
export function totalsByProgram(graph: CustomerGraph): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of pointHolders(graph)) {
    for (const d of detailsOf(graph, c.id)) out.set(d.programId, (out.get(d.programId) ?? 0) + d.loyaltyPoints);
  }
  return out;
}

/** A customer's ledger of one program, from its record. */
export function ledgerOf(graph: CustomerGraph, id: number, programId: number): ProgramLedger | undefined {
  return customerById(graph, id)?.programs.find((l) => l.programId === programId);
}

/** When a lot expires, as a number to order by: never is last. */
export function expiryTime(expiresOn: string | null): number {
  return expiresOn === null ? Number.POSITIVE_INFINITY : Date.parse(expiresOn);
}

/** The points of a ledger by expiry time: the lots, whatever their order and split. */
export type Buckets = Map<number, number>;

export function bucketsOf(ledger: ProgramLedger | undefined): Buckets {
  const out: Buckets = new Map();
  for (const lot of ledger?.lots ?? []) out.set(expiryTime(lot.expiresOn), (out.get(expiryTime(lot.expiresOn)) ?? 0) + lot.remaining);
  return out;
}

function sum(b: Buckets): number {
  let total = 0;
  for (const v of b.values()) total += v;
  return total;
}

/** The buckets with `points` added at an expiry time. */
function credit(b: Buckets, at: number, points: number): Buckets {
  const out = new Map(b);
  out.set(at, (out.get(at) ?? 0) + points);
  return out;
}

/** The buckets with `points` taken earliest expiry first (PTS-3). */
function debit(b: Buckets, points: number): Buckets {
  let left = points;
  const out: Buckets = new Map();
  for (const [at, v] of [...b].sort(([x], [y]) => x - y)) {
    const take = Math.min(v, left);
    left -= take;
    if (v > take) out.set(at, v - take);
  }
  return out;
}

/** The buckets of two ledgers pooled (MRG-9). */
function pooled(a: Buckets, b: Buckets): Buckets {
  let out = new Map(a);
  for (const [at, v] of b) out = credit(out, at, v);
  return out;
}

/** Buckets with no empty entry, in time order, for comparison. */
export function bucketList(b: Buckets): [number, number][] {
  return [...b].filter(([, v]) => v !== 0).sort(([x], [y]) => x - y);
}

/**
 * What the lots of every (customer, program) an accepted step touched should be after it, folded from the
 * records before it and the step's events by the rules of PTS-3 and MRG-9; and how many points each
 * expiry removed. Keys are `customer program`.
 */
export function expectedLots(before: CustomerGraph, events: readonly GraphEvent[]): { lots: Map<string, Buckets>; expired: Map<string, number> } {
  const lots = new Map<string, Buckets>();
  const expired = new Map<string, number>();
  const key = (id: number, programId: number): string => `${id} ${programId}`;
  const get = (id: number, programId: number): Buckets => lots.get(key(id, programId)) ?? bucketsOf(ledgerOf(before, id, programId));
  const programsOf = (id: number): number[] => {
    const ids = new Set(customerById(before, id)?.programs.map((l) => l.programId) ?? []);
    for (const k of lots.keys()) if (k.startsWith(`${id} `)) ids.add(Number(k.split(' ')[1]));
    return [...ids];
  };
  for (const e of events) {
    switch (e.kind) {
      case 'ProgramEnrolled':
        lots.set(key(e.customerId, e.programId), e.points > 0 ? new Map([[expiryTime(e.pointsExpiryDate), e.points]]) : new Map());
        break;
      case 'PointsMoved': {
        const b = get(e.customerId, e.programId);
        const isCredit = e.movement === 'issue' || (e.movement === 'adjust' && e.points > 0);
        lots.set(key(e.customerId, e.programId), isCredit ? credit(b, expiryTime(e.expiresOn), Math.abs(e.points)) : debit(b, Math.abs(e.points)));
        break;
      }
      case 'PointsExpired': {
        const b = get(e.customerId, e.programId);
        const now = Date.parse(e.at);
        const kept: Buckets = new Map([...b].filter(([at]) => at > now));
        expired.set(key(e.customerId, e.programId), (expired.get(key(e.customerId, e.programId)) ?? 0) + sum(b) - sum(kept));
        lots.set(key(e.customerId, e.programId), kept);
        break;
      }
      case 'PointsTransferred':
        lots.set(key(e.fromId, e.programId), debit(get(e.fromId, e.programId), e.points));
        lots.set(key(e.toId, e.programId), credit(get(e.toId, e.programId), Number.POSITIVE_INFINITY, e.points));
        break;
      case 'CustomersMerged':
        for (const programId of programsOf(e.victimId)) {
          lots.set(key(e.survivorId, programId), pooled(get(e.survivorId, programId), get(e.victimId, programId)));
        }
        break;
      default:
        break;
    }
  }
  return { lots, expired };
}

/** The highest tier whose threshold the lifetime points reach, from the org's program data (PTS-5). */
export function tierReached(tiers: readonly { serialNumber: number; upgradeThreshold: number }[], lifetime: number): number {
  let reached = Number.NEGATIVE_INFINITY;
  for (const t of tiers) if (t.upgradeThreshold <= lifetime && t.serialNumber > reached) reached = t.serialNumber;
  return reached;
}

/** A subscription key: channel, priority and account (SUB-1). */
export function subscriptionKey(s: { channel: string; priority: string; accountId: string }): string {
  return `${s.channel}|${s.priority}|${s.accountId}`;
}

/** A customer's subscriptions as Retrieve Subscription Details answers them, by key; none when it cannot be read. */
export function subscriptionsOf(graph: CustomerGraph, id: number): Map<string, 'OPTIN' | 'OPTOUT'> {
  const read = getSubscriptions(graph, id);
  return new Map(read.isOk() ? read.value.subscriptions.map((s) => [subscriptionKey(s), s.type]) : []);
}

/** The personal values of a customer record: names, identifier and channel values, custom and extended field values (PII-1). */
export function personalValues(c: Customer): Set<string> {
  const out = new Set<string>();
  for (const main of c.profiles) {
    for (const p of [main, ...main.conflictingProfiles]) {
      out.add(p.firstName);
      out.add(p.lastName);
      for (const i of p.identifiers) out.add(i.value);
      for (const ch of p.commChannels) out.add(ch.value);
      for (const v of Object.values(p.fields)) out.add(v);
    }
  }
  for (const v of Object.values(c.extendedFields)) out.add(v);
  out.delete('');
  return out;
}

/** The ids an event names. */
export function idsNamedBy(e: GraphEvent): number[] {
  switch (e.kind) {
    case 'CustomersMerged':
    case 'CustomerUnmerged':
      return [e.survivorId, e.victimId];
    case 'PointsTransferred':
      return [e.fromId, e.toId];
    case 'ClockAdvanced':
      return [];
    default:
      return [e.customerId];
  }
}
