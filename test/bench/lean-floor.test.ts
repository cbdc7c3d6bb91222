// The benchmark's lean floor (bench/contenders/lean-floor/) is only an honest floor if it decides what the
// library decides: the same commands, folded on both from one generated population, must give the same
// outcomes (or codes) and leave every customer with the same survivor, profiles, identifiers, names,
// balances, tiers and subscriptions.
import { describe, expect, it } from 'vitest';
import {
  defaultOrg,
  emptyGraph,
  execute,
  getCustomer,
  lookup as graphLookup,
  search as graphSearch,
  type Command,
  type CustomerGraph,
} from '../../src/index';
import {
  combineRegisterCommandOf,
  createRng,
  customerAt,
  enrolledRegisterCommandOf,
  freshRegisterCommand,
  issuePointsCommandOf,
  lookupQueryOf,
  mergeIntoCommand,
  metaAt,
  narrowSearchOf,
  subscriptionCommandOf,
  transferCommandOf,
  updateCommandOf,
} from '../../bench/data';
import { getCustomer as leanGet, lookup as leanLookup } from '../../bench/contenders/lean-floor/reads';
import { LeanStore, type LeanOutcome } from '../../bench/contenders/lean-floor/store';
import { points, transferPoints, updateSubscriptions } from '../../bench/contenders/lean-floor/writes';

const org = defaultOrg();
const N = 2_000;
const idOf = (i: number): number => org.firstCustomerId + i;

/** One command on the lean floor, as an outcome: the customer it names, or the refusal's code. */
function leanRun(store: LeanStore, cmd: Command): LeanOutcome<number> {
  const r = ((): LeanOutcome<unknown> => {
    switch (cmd.kind) {
      case 'register':
        return store.register(cmd);
      case 'changeIdentifier':
        return store.changeIdentifier(cmd);
      case 'update':
        return store.update(cmd);
      case 'issuePoints':
        return points(store, cmd);
      case 'transferPoints':
        return transferPoints(store, cmd);
      case 'updateSubscriptions':
        return updateSubscriptions(store, cmd);
      default:
        throw new Error(`not in the benchmark: ${cmd.kind}`);
    }
  })();
  if (!r.ok) return r;
  const v = r.value as { createdId?: number; mergedInto?: number | null };
  return { ok: true, value: v.createdId ?? v.mergedInto ?? 0 };
}

function graphRun(g: CustomerGraph, cmd: Command): { graph: CustomerGraph; outcome: LeanOutcome<number> } {
  const r = execute(g, cmd);
  if (r.isErr()) return { graph: g, outcome: { ok: false, code: r.error.code } };
  // The customer the command names: created or updated, or the survivor of the merge it caused.
  const res = r.value.response as { createdId?: number };
  const merged = r.value.events.find((e) => e.kind === 'CustomersMerged');
  const value =
    cmd.kind === 'changeIdentifier' ? (merged?.kind === 'CustomersMerged' ? merged.survivorId : 0) : cmd.kind === 'register' || cmd.kind === 'update' ? (res.createdId ?? 0) : 0;
  return { graph: r.value.graph, outcome: { ok: true, value } };
}

/** The same history on both: a population, then combines, merges, updates, points, transfers, subscriptions (some refused). */
function history(): Command[] {
  const rng = createRng(0x1ea7);
  const cmds: Command[] = [];
  for (let i = 0; i < N; i++) cmds.push(enrolledRegisterCommandOf(customerAt(i)));
  let fresh = 0;
  for (let k = 0; k < 1_500; k++) {
    const i = rng.int(N);
    const c = customerAt(i);
    const at = metaAt(N + k);
    switch (rng.int(8)) {
      case 0:
        cmds.push(combineRegisterCommandOf(c, at)); // a second time in JD is refused (8066)
        break;
      case 1: {
        // Only these registrations create customers after the population: the fresh one is N + fresh.
        // Subscription changes first, so that the merge has two sides to reconcile (MRG-10).
        // Opposite states of EMAIL BULK on the two sides (variants 0 OPTOUT, 3 OPTIN), either way round.
        const [mine, theirs] = k % 2 === 0 ? [0, 3] : [3, 0];
        cmds.push(
          freshRegisterCommand(900_000_000 + fresh, at),
          subscriptionCommandOf(idOf(N + fresh), mine, at),
          subscriptionCommandOf(idOf(i), theirs, at),
          mergeIntoCommand(idOf(N + fresh), c, at),
        );
        fresh++;
        break;
      }
      case 2:
        cmds.push(updateCommandOf(idOf(i), c, k, at));
        break;
      case 3:
        cmds.push(issuePointsCommandOf(idOf(i), 10 + rng.int(90), at));
        break;
      case 4:
        cmds.push(transferCommandOf(idOf(i), idOf(rng.int(N)), 1 + rng.int(1_500), at)); // some beyond the balance (1010)
        break;
      case 5:
        cmds.push(subscriptionCommandOf(idOf(i), k, at));
        break;
      case 6: {
        // Another identifier of the customer in JD: a combine, or 8066 once it has a JD profile.
        const jd = combineRegisterCommandOf(c, at);
        const other = c.email === undefined ? [] : [{ type: 'email', value: c.email }];
        cmds.push({ ...jd, body: { ...jd.body, profiles: [{ firstName: c.firstName, lastName: c.lastName, identifiers: other }] } });
        break;
      }
      default:
        cmds.push(updateCommandOf(idOf(N) + rng.int(fresh + 1), c, k, at)); // often a victim (8069) or a missing profile (8065)
    }
  }
  return cmds;
}

/** What a client can read of one customer, in one shape for both. */
function viewOfGraph(g: CustomerGraph, id: number): unknown {
  const r = getCustomer(g, { customerId: id, source: 'ALL', embed: ['mlp', 'subscriptions'] });
  if (r.isErr()) return { code: r.error.code };
  const c = r.value;
  return {
    id: c.id,
    loyaltyType: c.loyaltyInfo.loyaltyType,
    profiles: c.profiles.map((p) => ({
      where: `${p.source}/${p.accountId}`,
      names: [p.firstName, p.lastName],
      identifiers: p.identifiers.map((i) => `${i.type}:${i.value}`).sort(),
      conflicting: (p.conflictingProfileList ?? []).map((x) => x.userId).sort(),
    })).sort((a, b) => a.where.localeCompare(b.where)),
    programs: (c.loyaltyProgramDetails ?? []).map((l) => [l.programId, l.loyaltyPoints, l.lifetimePoints, l.slabSNo, l.currentSlab]),
    subscriptions: (c.subscriptionInfo?.subscriptions ?? []).map((s) => `${s.channel}|${s.priority}|${s.accountId}|${s.type}`).sort(),
  };
}

function viewOfLean(store: LeanStore, id: number): unknown {
  const r = leanGet(store, { customerId: id, source: 'ALL', embed: ['mlp', 'subscriptions'] });
  if (!r.ok) return { code: r.code };
  const c = r.value;
  return {
    id: c.id,
    loyaltyType: c.loyaltyType,
    profiles: c.profiles.map((p) => ({
      where: `${p.source}/${p.accountId}`,
      names: [p.firstName, p.lastName],
      identifiers: p.identifiers.map((i) => `${i.type}:${i.value}`).sort(),
      conflicting: p.conflicting.map((x) => x.mergedFrom).sort(),
    })).sort((a, b) => a.where.localeCompare(b.where)),
    programs: (c.programs ?? []).map((l) => [l.programId, l.loyaltyPoints, l.lifetimePoints, l.slabSNo, l.currentSlab]),
    subscriptions: (c.subscriptions ?? []).map((s) => `${s.channel}|${s.priority}|${s.accountId}|${s.type}`).sort(),
  };
}

describe('the lean floor decides as customer-graph (benchmark floor, issue 11)', () => {
  const cmds = history();
  const store = new LeanStore(org);
  let g = emptyGraph(org)._unsafeUnwrap();
  const leanOutcomes: LeanOutcome<number>[] = [];
  const graphOutcomes: LeanOutcome<number>[] = [];
  for (const cmd of cmds) {
    leanOutcomes.push(leanRun(store, cmd));
    const r = graphRun(g, cmd);
    g = r.graph;
    graphOutcomes.push(r.outcome);
  }

  it('REG-3, REG-5, CHG-4, UPD-5, MRG-5, PTS-4, TRF-1: every command of a mixed history has the same outcome or code on both', () => {
    const refused = graphOutcomes.filter((o) => !o.ok).length;
    expect(refused).toBeGreaterThan(0); // the history exercises refusals, not only the happy path
    expect(leanOutcomes).toEqual(graphOutcomes);
  });

  it('MRG-1, MRG-3, MRG-9, MRG-10, PTS-2, PTS-5, SUB-1: every customer reads the same afterwards (profiles, names, identifiers, balances, tiers, subscriptions)', () => {
    const ids = Array.from({ length: store.nextId - org.firstCustomerId }, (_, k) => idOf(k));
    expect(ids.length).toBeGreaterThan(N);
    expect(ids.map((id) => viewOfLean(store, id))).toEqual(ids.map((id) => viewOfGraph(g, id)));
  });

  it('LKP-1, LKP-4, SRC-3: lookups by mobile and email resolve to the same live customer', () => {
    const queries = Array.from({ length: 500 }, (_, k) => lookupQueryOf(customerAt(k * 3), k % 2 === 0));
    const lean = queries.map((q) => {
      const r = leanLookup(store, q);
      return r.ok ? r.value.entity : r.code;
    });
    const graph = queries.map((q) => {
      const r = graphLookup(g, q);
      return r.isOk() ? r.value.entity : r.error.code;
    });
    expect(lean).toEqual(graph);
  });

  it('SRC-3, MRG-3: a prefix search finds the same customers with the same total', () => {
    const queries = Array.from({ length: 300 }, (_, k) => narrowSearchOf(customerAt(k * 5), k % 2 === 1));
    const lean = queries.map((q) => {
      const r = store.searchIndex.search(q.q, q.limit ?? 10, 0, (id) => store.customer(id)?.profiles ?? []);
      return [r.total, r.data.map((d) => d.userId)];
    });
    const graph = queries.map((q) => {
      const r = graphSearch(g, q)._unsafeUnwrap();
      return [r.pagination.total, r.data.map((d) => d.userId)];
    });
    expect(lean).toEqual(graph);
  });
});
