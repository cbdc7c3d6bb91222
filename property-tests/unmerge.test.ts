// Unmerge over arbitrary runs (MRG-11..MRG-15, ARC-2, ARC-6): undone at once a merge leaves no trace; undone
// later, points are conserved, nobody goes below zero, identifiers are neither lost nor doubled except the one
// that caused the merge, only the end of a chain can be split, and a log with unmerges replays into the same graph.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, evolveAll, execute, graphFromSnapshot, graphSnapshot, type Command, type Customer, type CustomerGraph, type DomainError } from '../src/index';
import { customerById } from '../src/graph/graph';
import { sourceAccountKey } from '../src/org/sources';
import { loyaltyPoints } from '../src/records/ledger';
import { anySequenceArb, loyaltySequenceArb, memberRegisterArb, NUM_RUNS, targetedArbFor, targetedLoyaltyArb } from './support/arbitraries';
import { expectedIndexTriples, expectedSearchPostings, indexTriples, postingText, runSequence, searchPostings, theOrg } from './support/run';
import { Tally } from './support/tally';
import {
  accountsOf, balanceIn, expectedUnmerge, goodMetaArb, holdsValue, livePair, lotsOf, lookupsOf, pairKey, pairsOf, recordsOf, runWorld,
  sharedAcrossAccounts, sharedInOneAccount, sorted, stealCmd, survivorPointsArb, unmergeCmd, unmergePickArb, withoutOnce,
  type UnmergeWorldInstruction,
} from './support/unmerge';

const mergeOf = (survivorId: number, victimId: number, meta: Command['meta']): Command => ({ kind: 'merge', survivorId, victimId, meta });

/** The graph an accepted command left; the property fails, naming the refusal, otherwise. */
function accepted<T extends { graph: CustomerGraph }>(r: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): DomainError }, what: string): T {
  if (!r.isOk()) expect.fail(`${what} refused: ${r._unsafeUnwrapErr().code} ${r._unsafeUnwrapErr().message}`);
  return r._unsafeUnwrap();
}

/** The customer a graph holds under an id; the property fails if there is none. */
function recordOf(graph: CustomerGraph, id: number): Customer {
  const c = customerById(graph, id);
  if (c === undefined) expect.fail(`no customer ${id}`);
  return c;
}

/** A run, members joining after it (so that two customers are mostly live), the picks of the two to merge, and the metas. */
const pickArb = { sequence: anySequenceArb, joining: fc.array(memberRegisterArb(), { maxLength: 2 }), s: fc.nat(), v: fc.nat(), meta: goodMetaArb, unmergeMeta: goodMetaArb };

describe('MRG-11, MRG-15: a merge undone at once leaves no trace', () => {
  it('MRG-11: after any run, merging any two live customers and at once unmerging the victim gives back every record and every lookup as before', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(fc.record(pickArb), ({ sequence, joining, s, v, meta, unmergeMeta }) => {
        const before = runSequence([...sequence, ...joining]).graph;
        const pair = livePair(before, s, v);
        if (pair === undefined) return void tally.add('fewer than two live');
        const merged = execute(before, mergeOf(pair.survivor.id, pair.victim.id, meta));
        if (merged.isErr()) return void tally.add(`merge refused ${merged.error.code}`);
        const undone = accepted(execute(merged.value.graph, unmergeCmd(pair.victim.id, unmergeMeta)), 'unmerge');
        expect(undone.response.released).toBeNull();
        expect(recordsOf(undone.graph)).toEqual(recordsOf(before));
        expect(lookupsOf(undone.graph, [before, undone.graph])).toEqual(lookupsOf(before, [before, undone.graph]));
        tally.add('undone');
        if (pair.victim.programs.some((l) => pair.survivor.programs.some((m) => m.programId === l.programId))) tally.add('a program on both sides');
        if (pair.victim.profiles.some((p) => pair.survivor.profiles.some((q) => q.source === p.source && q.accountId === p.accountId))) tally.add('a source account on both sides');
        if (pair.victim.victims.length > 0) tally.add('a victim with victims');
      }),
      { numRuns: NUM_RUNS },
    );
    for (const seen of ['a program on both sides', 'a source account on both sides', 'a victim with victims']) expect(tally.get(seen), tally.toString()).toBeGreaterThan(0);
    expect(tally.get('undone'), tally.toString()).toBeGreaterThan(NUM_RUNS / 2);
  });

  it('MRG-15: after any run, a changeIdentifier that only adds an identifier another customer holds in another source account, undone at once, names the identifier released and gives back every lookup and every record as before it, the cause profile\'s modification stamp included', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(fc.record({ ...pickArb, k: fc.nat() }), ({ sequence, joining, s, v, k, meta, unmergeMeta }) => {
        const before = runSequence([...sequence, ...joining]).graph;
        const pair = livePair(before, s, v);
        const steal = pair === undefined ? undefined : stealCmd(before, pair.survivor, pair.victim, k, meta);
        if (pair === undefined || steal === undefined) return void tally.add('nothing to take');
        const changed = execute(before, steal);
        if (changed.isErr()) return void tally.add(`changeIdentifier refused ${changed.error.code}`);
        const added = (steal as Extract<Command, { kind: 'changeIdentifier' }>).add?.[0];
        const merge = changed.value.events.find((e) => e.kind === 'CustomersMerged');
        expect(merge).toMatchObject({ survivorId: pair.survivor.id, victimId: pair.victim.id, cause: { identifier: added } });
        const undone = accepted(execute(changed.value.graph, unmergeCmd(pair.victim.id, unmergeMeta)), 'unmerge');
        expect(undone.response.released).toEqual(added);
        // The cause profile's stamp comes back too: adding the cause was all the changeIdentifier did.
        expect(recordsOf(undone.graph)).toEqual(recordsOf(before));
        expect(lookupsOf(undone.graph, [before, undone.graph])).toEqual(lookupsOf(before, [before, undone.graph]));
        tally.add('undone');
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('undone'), tally.toString()).toBeGreaterThan(NUM_RUNS / 3);
  });
});

/** Moves of the clock after the merge: points lots and tiers fall due (PTS-3, TIR-1). */
const advanceArb: fc.Arbitrary<UnmergeWorldInstruction> = fc
  .constantFrom('2024-06-02T14:00:00+05:30', '2025-01-01T00:00:00Z', '2031-01-01T00:00:00Z')
  .map((at) => ({ kind: 'advanceClock', set: true, meta: { at, till: 'demo.till' } }));

/** What happens between the merge and its unmerge: the survivor's points, anyone's loyalty, updates, identifier changes, the clock. */
const afterMergeArb: fc.Arbitrary<UnmergeWorldInstruction[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: survivorPointsArb },
    {
      weight: 3,
      arbitrary: targetedLoyaltyArb({ actions: ['issue', 'redeem', 'return', 'adjust', 'expire', 'transfer', 'subscribe', 'enroll', 'issueCoupon', 'redeemCoupon', 'requestGoodwill', 'resolveGoodwill'] }),
    },
    { weight: 1, arbitrary: targetedArbFor('update') },
    { weight: 2, arbitrary: targetedArbFor('changeIdentifier') },
    { weight: 1, arbitrary: advanceArb },
  ),
  { maxLength: 12 },
);

describe('MRG-13, MRG-14: a merge undone later splits what the two hold', () => {
  it('MRG-13, MRG-14, MRG-15, ID-1: after a merge and any run of commands, the unmerge (9033 once the survivor has merged on, 9035 after a later merge into a profile it brought, 9034 where both would hold one value) keeps every balance the sum of the two, none below zero, lots adding up, the victim its own profiles and coupons, and every identifier once except the one released', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(
        fc.record({ ...pickArb, sequence: loyaltySequenceArb, through: fc.boolean(), k: fc.nat(), after: afterMergeArb }),
        ({ sequence, joining, s, v, through, k, meta, after, unmergeMeta }) => {
          const start = runSequence([...sequence, ...joining]).graph;
          const pair = livePair(start, s, v);
          if (pair === undefined) return void tally.add('fewer than two live');
          const cmd = (through ? stealCmd(start, pair.survivor, pair.victim, k, meta) : undefined) ?? mergeOf(pair.survivor.id, pair.victim.id, meta);
          const merged = execute(start, cmd);
          if (merged.isErr() || !merged.value.events.some((e) => e.kind === 'CustomersMerged')) return void tally.add('no merge');
          const { graph: pre } = runWorld(merged.value.graph, after, pair.survivor.id);
          const survivorPre = recordOf(pre, pair.survivor.id);
          const victimPre = recordOf(pre, pair.victim.id);
          const done = execute(pre, unmergeCmd(pair.victim.id, unmergeMeta));
          // A later merge of the survivor into someone else waits for that one to be undone first (MRG-12).
          if (survivorPre.status === 'merged') {
            expect(done.isErr() && done.error.code).toBe(9033);
            return void tally.add('survivor merged since');
          }
          // A later merge into a profile the victim brought waits to be undone first (9035).
          if (done.isErr() && done.error.reason === 'laterMergeInto') {
            expect(survivorPre.victims, 'the later victim is the survivor\'s').toContain(done.error.laterVictimId);
            return void tally.add('refused 9035');
          }
          // A value the victim brought that the survivor now holds in another account too (a combine or an
          // identifier added since) would be held twice: such a split is refused (9034, ID-2).
          if (done.isErr() && done.error.reason === 'identifierShared') {
            const named = { type: done.error.identifierType, value: done.error.value };
            const heldBefore = survivorPre.profiles.some((p) => [p, ...p.conflictingProfiles].some((q) => q.identifiers.some((i) => i.type === named.type && i.value === named.value)));
            expect(heldBefore, 'the shared identifier is the merged customer\'s').toBe(true);
            return void tally.add('refused 9034');
          }
          const { graph, response } = accepted(done, 'unmerge');
          const copy = victimPre.premerge;
          if (copy === null) return expect.fail('a victim without its pre-merge copy');
          const survivor = recordOf(graph, pair.survivor.id);
          const victim = recordOf(graph, pair.victim.id);
          expect([survivor.status, victim.status, victim.mergedInto]).toEqual(['live', 'live', null]);

          // MRG-13: per program, the two hold what the merged customer held; nobody below zero; lots make the balance.
          const programs = new Set([survivorPre, survivor, victim].flatMap((c) => c.programs.map((l) => l.programId)));
          for (const p of programs) expect(balanceIn(survivor, p) + balanceIn(victim, p), `program ${p}`).toBe(balanceIn(survivorPre, p));
          for (const c of [survivor, victim]) {
            for (const l of c.programs) expect(loyaltyPoints(l), `${c.id} in ${l.programId}`).toBeGreaterThanOrEqual(0);
            expect(lotsOf(c), `lots of ${c.id}`).toEqual(c.programs.map(loyaltyPoints));
          }

          // MRG-14: the victim gets back its own source accounts and coupons, the survivor keeps the others.
          expect(accountsOf(victim)).toEqual(accountsOf(copy.victim));
          expect(victim.coupons.map((c) => c.id)).toEqual(copy.victim.coupons.map((c) => c.id));
          expect(sorted([...survivor.coupons, ...victim.coupons].map((c) => String(c.id)))).toEqual(sorted(survivorPre.coupons.map((c) => String(c.id))));

          // MRG-15: identifiers are neither lost nor doubled; only the one released leaves the victim's cause
          // account, unless the survivor holds it there itself (it removed and added it again after the merge).
          const released = response.released;
          let gone: string[] = [];
          if (released !== null) {
            if (copy.cause === null) return expect.fail('released without a cause');
            expect(copy.cause.identifier).toEqual(released);
            const key = pairKey(sourceAccountKey(copy.cause.source, copy.cause.accountId), released);
            expect(pairsOf(victim)).not.toContain(key);
            gone = pairsOf(survivor).includes(key) ? [] : [key];
            tally.add(gone.length === 0 ? 'released, the survivor holding it there itself' : 'released');
            // Released only while the survivor still holds it: a released identifier is never left with nobody.
            const keeps = survivor.profiles.some((p) => [p, ...p.conflictingProfiles].some((q) => q.identifiers.some((i) => i.type === released.type && i.value === released.value)));
            expect(keeps, 'the survivor keeps the released identifier').toBe(true);
          }
          expect(sorted([...pairsOf(survivor), ...pairsOf(victim)])).toEqual(sorted(withoutOnce(pairsOf(survivorPre), gone)));

          // ID-1: no identifier is held by two live customers in one source account, and the indexes say what the records say.
          expect(sharedInOneAccount(graph), 'identifiers two live customers hold in one source account').toEqual([]);
          // ID-2: nor is one value held by two live customers in two source accounts.
          expect(sharedAcrossAccounts(graph), 'values two live customers hold').toEqual([]);
          expect(indexTriples(graph).map((t) => `${t.type} ${t.value} ${t.customerId}`).sort()).toEqual(expectedIndexTriples(graph).map((t) => `${t.type} ${t.value} ${t.customerId}`).sort());
          expect(searchPostings(graph).map((p) => postingText(p.posting)).sort()).toEqual([...new Set(expectedSearchPostings(graph).map(postingText))].sort());

          tally.add('undone');
          if (copy.victim.programs.some((l) => balanceIn(victim, l.programId) < loyaltyPoints(l))) tally.add('victim got back less than it brought');
          if ([...programs].some((p) => balanceIn(survivor, p) > balanceIn(copy.survivor, p))) tally.add('survivor kept points earned since');
          if (victim.profiles.some((p) => p.conflictingProfiles.length > 0)) tally.add('victim got back conflicting profiles');
        },
      ),
      { numRuns: NUM_RUNS },
    );
    for (const seen of ['released', 'victim got back less than it brought', 'survivor kept points earned since']) expect(tally.get(seen), tally.toString()).toBeGreaterThan(0);
    expect(tally.get('undone'), tally.toString()).toBeGreaterThan(NUM_RUNS / 2);
  });
});

/** Every id of the graph and two it never handed out, unmerged one by one: each answers as the table says. */
function expectTable(graph: CustomerGraph, tally: Tally): CustomerGraph[] {
  const split: CustomerGraph[] = [];
  for (const id of [...Array.from({ length: graph.nextCustomerId - 1 }, (_, i) => i + 1), graph.nextCustomerId, graph.nextCustomerId + 40]) {
    const expected = expectedUnmerge(graph, id);
    tally.add(expected.case);
    const r = execute(graph, unmergeCmd(id, { at: '2025-01-01T00:00:00Z', till: 'demo.till' }));
    if ('code' in expected) {
      expect(r.isErr() && r.error.code, `unmerge of ${id}, ${expected.case}`).toBe(expected.code);
      const c = customerById(graph, id);
      if (expected.code === 9033) expect(r._unsafeUnwrapErr()).toMatchObject({ victimId: id, survivorId: c?.mergedInto, status: expected.case === 'chain middle' ? 'merged' : 'deleted' });
      if (expected.code === 9031) expect(r._unsafeUnwrapErr()).toMatchObject({ victimId: id, status: c?.status === 'deleted' ? 'deleted' : 'live' });
    } else {
      const done = accepted(r, `unmerge of chain end ${id}`);
      expect(done.events).toMatchObject([{ kind: 'CustomerUnmerged', survivorId: expected.survivorId, victimId: id }]);
      split.push(done.graph);
    }
  }
  return split;
}

describe('MRG-12: only the end of a chain, whose merge was recorded, can be split', () => {
  it('MRG-12: after any run and merges that make chains, an unmerge of an unknown id is 8015, of a live or deleted customer 9031, of a victim without its copy 9032, of a chain middle 9033, of a chain end whose survivor took a profile into one it brought 9035 or would share a value with it 9034, and otherwise splits it from its survivor; the middle is then the end', () => {
    const tally = new Tally();
    const mergesArb = fc.array(fc.record({ s: fc.nat(), v: fc.nat(), meta: goodMetaArb }), { maxLength: 4 });
    fc.assert(
      fc.property(fc.record({ sequence: anySequenceArb, merges: mergesArb, erase: fc.option(fc.nat(), { freq: 4 }) }), ({ sequence, merges, erase }) => {
        let graph = runSequence(sequence).graph;
        for (const m of merges) {
          const pair = livePair(graph, m.s, m.v);
          const r = pair === undefined ? undefined : execute(graph, mergeOf(pair.survivor.id, pair.victim.id, m.meta));
          if (r?.isOk() === true) graph = r.value.graph;
        }
        // A PII deletion of a survivor drops its victims' copies (9032).
        const survivors = recordsOf(graph).filter((c) => c.status === 'live' && c.victims.length > 0);
        const target = erase === null ? undefined : survivors[erase % Math.max(survivors.length, 1)];
        if (target !== undefined) {
          const r = execute(graph, { kind: 'deletePii', customerId: target.id, meta: { at: '2025-01-01T00:00:00Z', till: 'demo.till' } });
          if (r.isOk()) graph = r.value.graph;
        }
        // Each chain end split answers the table again: a victim that waited for it may now be split.
        for (const after of expectTable(graph, tally).slice(0, 2)) expectTable(after, new Tally());
      }),
      { numRuns: NUM_RUNS },
    );
    for (const seen of ['unknown', 'live', 'deleted', 'copy dropped', 'chain middle', 'chain end']) expect(tally.get(seen), tally.toString()).toBeGreaterThan(0);
  });
});

const eventsText = (events: unknown): unknown[] => JSON.parse(JSON.stringify(events)) as unknown[];
// Snapshots are compared as data: a record read from JSON may list its keys in another order.
const picture = (graph: CustomerGraph): unknown => graphSnapshot(graph)._unsafeUnwrap();

describe('ARC-2, ARC-6: a log with unmerges replays', () => {
  it('ARC-2, ARC-6, MRG-11: the events of any run with unmerges along it, brought back as JSON, replay from the empty graph into the same graph, and its snapshot reads back into a graph that decides the same', () => {
    const tally = new Tally();
    const runArb = fc.record({
      sequence: anySequenceArb,
      merges: fc.array(fc.record({ at: fc.nat(), merge: targetedArbFor('merge') as fc.Arbitrary<UnmergeWorldInstruction> }), { maxLength: 3 }),
      unmerges: fc.array(fc.record({ at: fc.nat(), unmerge: unmergePickArb }), { minLength: 1, maxLength: 4 }),
      next: unmergePickArb,
    });
    fc.assert(
      fc.property(runArb, ({ sequence, merges, unmerges, next }) => {
        const instructions: UnmergeWorldInstruction[] = [...sequence];
        for (const { at, merge } of merges) instructions.splice(at % (instructions.length + 1), 0, merge);
        // Unmerges after the first registrations, so that what follows them meets the split records.
        for (const { at, unmerge } of unmerges) instructions.splice(1 + (at % instructions.length), 0, unmerge);
        const { graph, events, steps } = runWorld(emptyGraph(theOrg())._unsafeUnwrap(), instructions);
        for (const s of steps) if (s.command.kind === 'unmerge') tally.add(s.error === undefined ? 'unmerged' : `unmerge refused ${s.error.code}`);
        const again = evolveAll(emptyGraph(theOrg())._unsafeUnwrap(), eventsText(events));
        if (again.isErr()) expect.fail(`replay refused: ${again.error.message}`);
        expect(picture(again.value)).toEqual(picture(graph));
        expect(sharedAcrossAccounts(graph), 'values two live customers hold (ID-2)').toEqual([]);
        const restored = graphFromSnapshot(theOrg(), JSON.parse(JSON.stringify(picture(graph))) as unknown);
        if (restored.isErr()) expect.fail(`snapshot refused: ${restored.error.message}`);
        expect(picture(restored.value)).toEqual(picture(graph));
        // The graph read back decides a further unmerge as the one it was taken of.
        const [a, b] = [runWorld(graph, [next]), runWorld(restored.value, [next])];
        expect([a.steps[0]?.error?.code, picture(a.graph)]).toEqual([b.steps[0]?.error?.code, picture(b.graph)]);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('unmerged'), tally.toString()).toBeGreaterThan(NUM_RUNS / 4);
  });
});
