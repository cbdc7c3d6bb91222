// Helpers of the unmerge properties (MRG-11..MRG-17): the pair a property merges, the merge through an
// added identifier (MRG-15), runs that unmerge as they go, and the readings the properties compare. Kept
// apart from arbitraries.ts and run.ts so that the properties of other issues keep their sequences.
// No test-runner imports: pure helpers.
import fc from 'fast-check';
import { execute, graphSnapshot, lookup, type Command, type CommandMeta, type Customer, type CustomerGraph, type DomainError, type GraphEvent, type Identifier } from '../../src/index';
import { customerById } from '../../src/graph/graph';
import { sourceAccountKey } from '../../src/org/sources';
import { loyaltyPoints } from '../../src/records/ledger';
import { metaArb, VALID_TILLS, type Instruction } from './arbitraries';
import { customersOf, holdingsOf, liveCustomersOf, resolveInstruction } from './run';

/** An unmerge at a meta, with a reason (MRG-16). */
export function unmergeCmd(victimId: number, meta: CommandMeta, reason = 'merged by mistake'): Extract<Command, { kind: 'unmerge' }> {
  return { kind: 'unmerge', victimId, reason, meta };
}

/** Metadata every command accepts: the times of `metaArb`, only the org's tills. */
export const goodMetaArb: fc.Arbitrary<CommandMeta> = fc.record({
  at: fc.constantFrom('2024-05-01T10:00:00+05:30', '2024-06-02T08:30:00Z', '2025-01-01T00:00:00.123+00:00'),
  till: fc.constantFrom(...VALID_TILLS),
});

/** Every customer record of a graph, in id order, as its snapshot pictures them (ARC-6). */
export function recordsOf(graph: CustomerGraph): readonly Customer[] {
  return graphSnapshot(graph)._unsafeUnwrap().customers;
}

/** The i-th and j-th different live customers (in id order), or undefined when fewer than two are live. */
export function livePair(graph: CustomerGraph, i: number, j: number): { survivor: Customer; victim: Customer } | undefined {
  const live = liveCustomersOf(graph).sort((a, b) => a.id - b.id);
  if (live.length < 2) return undefined;
  const s = i % live.length;
  const v = j % live.length === s ? (s + 1) % live.length : j % live.length;
  return { survivor: live[s] as Customer, victim: live[v] as Customer };
}

const accountOf = (source: string, accountId: string): { source: string; accountId?: string } => (accountId === '' ? { source } : { source, accountId });

/**
 * What lookups answer for every identifier the graphs' live customers hold: in its own source account and
 * over ALL, an id or the refusal's code. Keys from several graphs, so that a holder lost is seen too.
 */
export function lookupsOf(graph: CustomerGraph, keysFrom: readonly CustomerGraph[]): string[] {
  const keys = new Set<string>();
  for (const g of keysFrom) for (const h of holdingsOf(g)) keys.add(JSON.stringify([h.source, h.accountId, h.type, h.value]));
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    const [source, accountId, type, value] = JSON.parse(k) as [string, string, string, string];
    const answer = (q: { source: string; accountId?: string }): number => {
      const r = lookup(graph, { ...q, identifierName: type, identifierValue: value });
      return r.isOk() ? r.value.entity : r.error.code;
    };
    out.push(`${k} own=${answer(accountOf(source, accountId))} all=${answer({ source: 'ALL' })}`);
  }
  return out;
}

/** The (source account, type, value) a customer holds, profiles and conflicting profiles alike, one entry per holding. */
export function pairsOf(c: Customer): string[] {
  return c.profiles.flatMap((main) => [main, ...main.conflictingProfiles].flatMap((p) => p.identifiers.map((i) => pairKey(sourceAccountKey(p.source, p.accountId), i))));
}

/** The key of one holding: source account and identifier. */
export function pairKey(sak: string, i: { type: string; value: string }): string {
  return `${sak}\u0000${i.type}\u0000${i.value}`;
}

/** A multiset as a sorted list. */
export const sorted = (xs: readonly string[]): string[] => [...xs].sort();

/** The multiset without one occurrence of each of `gone`. */
export function withoutOnce(xs: readonly string[], gone: readonly string[]): string[] {
  const out = [...xs];
  for (const g of gone) {
    const i = out.indexOf(g);
    if (i >= 0) out.splice(i, 1);
  }
  return out;
}

/** The balance of a program, 0 for a customer not enrolled. */
export function balanceIn(c: Customer | undefined, programId: number): number {
  const l = c?.programs.find((p) => p.programId === programId);
  return l === undefined ? 0 : loyaltyPoints(l);
}

/** The source accounts of a customer's profiles, in order. */
export const accountsOf = (c: Pick<Customer, 'profiles'>): string[] => c.profiles.map((p) => sourceAccountKey(p.source, p.accountId));

/** What each of a customer's ledgers holds in lots, in program order: each should be the balance (PTS-2). */
export const lotsOf = (c: Customer): number[] => c.programs.map((l) => l.lots.reduce((n, lot) => n + lot.remaining, 0));

/** Whether a customer's own profiles (in the given source accounts, or any) hold an identifier value. */
export function holdsValue(c: Customer, id: { type: string; value: string }, accounts?: ReadonlySet<string>): boolean {
  return c.profiles.some((p) => (accounts === undefined || accounts.has(sourceAccountKey(p.source, p.accountId))) && p.identifiers.some((i) => i.type === id.type && i.value === id.value));
}

/** Keys (source account, type, value) that two or more live customers hold (ID-1), each with its holders. */
export function sharedInOneAccount(graph: CustomerGraph): string[] {
  const owners = new Map<string, Set<number>>();
  for (const h of holdingsOf(graph)) {
    const k = pairKey(h.sak, h);
    owners.set(k, (owners.get(k) ?? new Set()).add(h.customerId));
  }
  return [...owners].filter(([, ids]) => ids.size > 1).map(([k, ids]) => `${k} -> ${[...ids].join(',')}`);
}

/** Values (type, value) that two or more live customers hold across source accounts (ID-2). */
export function sharedAcrossAccounts(graph: CustomerGraph): string[] {
  const owners = new Map<string, Set<number>>();
  for (const h of holdingsOf(graph)) {
    const k = `${h.type}:${h.value}`;
    owners.set(k, (owners.get(k) ?? new Set()).add(h.customerId));
  }
  return [...owners].filter(([, ids]) => ids.size > 1).map(([k, ids]) => `${k} -> ${[...ids].join(',')}`);
}

/**
 * A changeIdentifier that only adds, to the victim's profile in one source account, an identifier the
 * survivor holds in another and nobody holds in the victim's (MRG-15, CHG-4): the `k`-th such choice,
 * or undefined when the two have none.
 */
export function stealCmd(graph: CustomerGraph, survivor: Customer, victim: Customer, k: number, meta: CommandMeta): Command | undefined {
  const holdings = holdingsOf(graph);
  const choices: { source: string; accountId: string; id: Identifier }[] = [];
  for (const p of victim.profiles) {
    const sak = sourceAccountKey(p.source, p.accountId);
    for (const h of holdings) {
      if (h.customerId !== survivor.id || h.sak === sak) continue;
      if (holdings.some((o) => o.sak === sak && o.type === h.type && o.value === h.value)) continue;
      if (choices.some((c) => c.source === p.source && c.accountId === p.accountId && c.id.type === h.type && c.id.value === h.value)) continue;
      choices.push({ source: p.source, accountId: p.accountId, id: { type: h.type, value: h.value } as Identifier });
    }
  }
  const c = choices[k % Math.max(choices.length, 1)];
  if (c === undefined) return undefined;
  return { kind: 'changeIdentifier', customerId: victim.id, ...accountOf(c.source, c.accountId), add: [{ type: c.id.type, value: c.id.value }], meta };
}

/**
 * A step of a run with unmerges: an instruction of the other properties, a debit or credit of the
 * survivor's own points, a move of the clock, or an unmerge of a victim picked when it runs.
 */
export type UnmergeWorldInstruction =
  | Instruction
  | { readonly kind: 'survivorPoints'; readonly action: 'issuePoints' | 'redeemPoints' | 'adjustPoints' | 'returnPoints'; readonly programPick: number; readonly points: number; readonly share: 'fixed' | 'all' | 'half' | 'over'; readonly negative: boolean; readonly meta: CommandMeta }
  | { readonly kind: 'unmergePick'; readonly pick: number; readonly meta: CommandMeta };

/** The survivor's own points moving: mostly debits of all, half or one more than its balance, so that the victim's share is cut into. */
export const survivorPointsArb: fc.Arbitrary<UnmergeWorldInstruction> = fc.record({
  kind: fc.constant('survivorPoints' as const),
  action: fc.constantFrom('issuePoints' as const, 'redeemPoints' as const, 'redeemPoints' as const, 'adjustPoints' as const, 'returnPoints' as const),
  programPick: fc.nat(),
  points: fc.integer({ min: 1, max: 80 }),
  share: fc.constantFrom('fixed' as const, 'all' as const, 'half' as const, 'over' as const),
  negative: fc.boolean(),
  meta: metaArb,
});

/** An unmerge of the n-th merge victim (in id order), whatever its chain: the chain ends split, the others are refused. */
export const unmergePickArb: fc.Arbitrary<UnmergeWorldInstruction> = fc.record({ kind: fc.constant('unmergePick' as const), pick: fc.nat(), meta: goodMetaArb });

/** The command an instruction stands for in this graph, `survivorId` naming the customer survivor instructions address. */
export function resolveWorld(graph: CustomerGraph, instruction: UnmergeWorldInstruction, survivorId: number): Command {
  switch (instruction.kind) {
    case 'survivorPoints': {
      const s = customerById(graph, survivorId);
      const l = s?.programs[instruction.programPick % Math.max(s.programs.length, 1)];
      const balance = l === undefined ? 0 : loyaltyPoints(l);
      const debit = { fixed: instruction.points, all: Math.max(1, balance), half: Math.max(1, Math.ceil(balance / 2)), over: balance + 1 }[instruction.share];
      const points = instruction.action === 'issuePoints' ? instruction.points : instruction.action === 'adjustPoints' && !instruction.negative ? instruction.points : instruction.action === 'adjustPoints' ? -debit : debit;
      return { kind: instruction.action, customerId: survivorId, programId: l?.programId ?? 1219, points, meta: instruction.meta } as Command;
    }
    case 'unmergePick': {
      const victims = customersOf(graph).filter((c) => c.status === 'merged').sort((a, b) => a.id - b.id);
      const v = victims[instruction.pick % Math.max(victims.length, 1)];
      return unmergeCmd(v?.id ?? graph.nextCustomerId, instruction.meta);
    }
    default:
      return resolveInstruction(graph, instruction);
  }
}

/** One command of a run: what it was and what came back. */
export interface WorldStep {
  readonly command: Command;
  readonly before: CustomerGraph;
  readonly after: CustomerGraph;
  readonly events: readonly GraphEvent[];
  readonly error?: DomainError;
}

/** Runs instructions from a graph; refused commands leave it as it was. */
export function runWorld(from: CustomerGraph, instructions: readonly UnmergeWorldInstruction[], survivorId = 0): { graph: CustomerGraph; events: GraphEvent[]; steps: WorldStep[] } {
  let graph = from;
  const events: GraphEvent[] = [];
  const steps: WorldStep[] = [];
  for (const instruction of instructions) {
    const command = resolveWorld(graph, instruction, survivorId);
    const r = execute(graph, command);
    if (r.isOk()) {
      steps.push({ command, before: graph, after: r.value.graph, events: r.value.events });
      events.push(...r.value.events);
      graph = r.value.graph;
    } else {
      steps.push({ command, before: graph, after: graph, events: [], error: r.error });
    }
  }
  return { graph, events, steps };
}

/** What an unmerge of `id` answers, read from the records alone (MRG-12): a code, or the survivor it splits from. */
export function expectedUnmerge(graph: CustomerGraph, id: number): { case: string; code: number } | { case: string; survivorId: number } {
  const c = customerById(graph, id);
  if (c === undefined) return { case: 'unknown', code: 8015 };
  if (c.status !== 'merged' || c.mergedInto === null) return { case: c.status, code: 9031 };
  if (c.premerge === null) return { case: 'copy dropped', code: 9032 };
  const survivor = customerById(graph, c.mergedInto);
  if (survivor?.status === 'live') {
    // A later merge into a profile the victim brought whole waits to be undone first (9035).
    const pre = c.premerge;
    const at = (list: readonly { source: string; accountId: string }[], p: { source: string; accountId: string }) => list.some((q) => q.source === p.source && q.accountId === p.accountId);
    const theirs = new Set<number>([c.id, ...pre.victim.victims]);
    const later = survivor.profiles.some((p) => at(pre.victim.profiles, p) && !at(pre.survivor.profiles, p) && p.conflictingProfiles.some((q) => !theirs.has(q.mergedFrom)));
    if (later) return { case: 'later merge into its profile', code: 9035 };
    // A value on both sides after the split is 9034; the merge's cause leaves the victim's cause account
    // when the survivor holds it elsewhere (MRG-15).
    const victimSide: [string, string][] = [];
    const survivorSide: string[] = [];
    const key = (i: { type: string; value: string }): string => `${i.type}:${i.value}`;
    for (const p of survivor.profiles) {
      const acct = `${p.source}/${p.accountId}`;
      const whole = at(pre.victim.profiles, p) && !at(pre.survivor.profiles, p);
      if (whole) victimSide.push(...p.identifiers.map((i): [string, string] => [acct, key(i)]));
      else survivorSide.push(...p.identifiers.map(key));
      for (const q of p.conflictingProfiles) {
        if (theirs.has(q.mergedFrom)) victimSide.push(...q.identifiers.map((i): [string, string] => [acct, key(i)]));
        else survivorSide.push(...q.identifiers.map(key));
      }
    }
    const cause = pre.cause === null ? undefined : [`${pre.cause.source}/${pre.cause.accountId}`, key(pre.cause.identifier)];
    const released = cause !== undefined && survivorSide.includes(cause[1] as string);
    const kept = victimSide.filter(([acct, k]) => !(released && cause !== undefined && acct === cause[0] && k === cause[1]));
    const shared = kept.some(([, k]) => survivorSide.includes(k));
    return shared ? { case: 'a value on both sides', code: 9034 } : { case: 'chain end', survivorId: survivor.id };
  }
  return { case: survivor?.status === 'merged' ? 'chain middle' : 'survivor deleted', code: 9033 };
}
