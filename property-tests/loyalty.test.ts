import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeRequests,
  customerCoupons,
  customerGetV11,
  decide,
  execute,
  getCustomer,
  graphSnapshot,
  loyaltyDetails,
  lookup,
  PII_DELETED_MESSAGE,
  pointsTransfers,
  search,
  type Command,
  type Customer,
  type CustomerGraph,
  type ProgramDef,
} from '../src/index';
import { loyaltySequenceArb, NUM_RUNS } from './support/arbitraries';
import {
  balanceOf,
  bucketList,
  bucketsOf,
  detailsOf,
  expectedLots,
  idsNamedBy,
  ledgerOf,
  personalValues,
  pointHolders,
  programOf,
  subscriptionKey,
  subscriptionsOf,
  tierReached,
  totalsByProgram,
} from './support/loyalty';
import { liveCustomersOf, mergeChain, resolveLive, runSequence, searchPostings, theOrg, type Step } from './support/run';
import { indexContents } from '../src/graph/contents';
import { customerById } from '../src/graph/graph';
import { Tally } from './support/tally';

const META = { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' } as const;

/** The signed change of the points in circulation an accepted event makes, per program; expiries are read off the lots. */
function circulationChange(step: Step): Map<number, number> {
  const out = new Map<number, number>();
  const add = (programId: number, n: number): void => void out.set(programId, (out.get(programId) ?? 0) + n);
  const { expired } = expectedLots(step.before, step.events);
  for (const e of step.events) {
    switch (e.kind) {
      case 'ProgramEnrolled':
        add(e.programId, e.points);
        break;
      case 'PointsMoved':
        add(e.programId, e.movement === 'issue' || e.movement === 'adjust' ? e.points : -e.points);
        break;
      case 'PointsExpired':
        add(e.programId, -(expired.get(`${e.customerId} ${e.programId}`) ?? 0));
        break;
      default:
        // Transfers and merges move points; they never make or take any (TRF-2, MRG-9).
        break;
    }
  }
  return out;
}

/** A debit a command asks for: who, in which program, how many points (PTS-4, TRF-2). */
function debitOf(command: Command): { id: number; programId: number; points: number } | undefined {
  switch (command.kind) {
    case 'redeemPoints':
    case 'returnPoints':
      return { id: command.customerId, programId: command.programId, points: command.points };
    case 'adjustPoints':
      return command.points < 0 ? { id: command.customerId, programId: command.programId, points: -command.points } : undefined;
    case 'transferPoints':
      return { id: command.fromId, programId: command.programId, points: command.points };
    default:
      return undefined;
  }
}

/** The customers a command needs enrolled in its program (PTS-4, TRF-3, GDW-1). */
function membersNeeded(graph: CustomerGraph, command: Command): { ids: number[]; programId: number } | undefined {
  switch (command.kind) {
    case 'requestGoodwill':
      return command.goodwillType === 'POINTS' && command.programId !== undefined ? { ids: [command.customerId], programId: command.programId } : undefined;
    case 'resolveGoodwill': {
      const request = customerById(graph, command.customerId)?.goodwill.find((g) => g.id === command.requestId);
      return command.decision === 'APPROVED' && request !== undefined && request.programId !== null ? { ids: [command.customerId], programId: request.programId } : undefined;
    }
    case 'issuePoints':
    case 'redeemPoints':
    case 'returnPoints':
    case 'adjustPoints':
    case 'expirePoints':
      return { ids: [command.customerId], programId: command.programId };
    case 'transferPoints':
      return { ids: [command.fromId, command.toId], programId: command.programId };
    default:
      return undefined;
  }
}

/** The org's programs: their tiers and thresholds are configuration data, read rather than written out here. */
const programs = (): ReadonlyMap<number, ProgramDef> => theOrg().programs;

describe('loyalty and communication state over arbitrary command sequences (PTS, TRF, MRG-9, MRG-10, PII)', () => {
  it('TRF-2, MRG-9, PTS-2: points are conserved: the sum of balances per program over live and deleted customers changes only by the points issued, redeemed, returned, adjusted and expired, never by a transfer or a merge; a transfer moves exactly its points from sender to receiver, and a merge adds every counter of the victim into the survivor', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(loyaltySequenceArb, (instructions) => {
        for (const step of runSequence(instructions).steps) {
          tally.step(step);
          if (step.error !== undefined) continue;
          const before = totalsByProgram(step.before);
          const after = totalsByProgram(step.after);
          const change = circulationChange(step);
          for (const programId of new Set([...before.keys(), ...after.keys(), ...change.keys()])) {
            expect(after.get(programId) ?? 0, `points of program ${programId} in circulation`).toBe((before.get(programId) ?? 0) + (change.get(programId) ?? 0));
          }
          for (const e of step.events) {
            if (e.kind === 'PointsTransferred') {
              tally.add('transfer');
              expect(balanceOf(step.after, e.fromId, e.programId), `sender ${e.fromId}`).toBe(balanceOf(step.before, e.fromId, e.programId) - e.points);
              expect(balanceOf(step.after, e.toId, e.programId), `receiver ${e.toId}`).toBe(balanceOf(step.before, e.toId, e.programId) + e.points);
            }
            if (e.kind === 'CustomersMerged') {
              const survivor = detailsOf(step.before, e.survivorId);
              const victim = detailsOf(step.before, e.victimId);
              const merged = detailsOf(step.after, e.survivorId);
              for (const programId of new Set([...survivor, ...victim].map((d) => d.programId))) {
                const s = survivor.find((d) => d.programId === programId);
                const v = victim.find((d) => d.programId === programId);
                const m = merged.find((d) => d.programId === programId);
                if (s !== undefined && v !== undefined && v.loyaltyPoints + s.loyaltyPoints > 0) tally.add('merge of two members with points');
                for (const counter of ['loyaltyPoints', 'lifetimePoints', 'redeemed', 'expired', 'returned', 'adjusted', 'cumulativePurchases'] as const) {
                  expect(m?.[counter], `${counter} of program ${programId} after ${e.victimId} merged into ${e.survivorId}`).toBe((s?.[counter] ?? 0) + (v?.[counter] ?? 0));
                }
              }
              const read = loyaltyDetails(step.after, { customerId: e.victimId });
              expect(read.isErr() ? read.error.code : 'readable', `victim ${e.victimId}`).toBe(8069);
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('transfer'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
    expect(tally.get('merge of two members with points'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
    expect(tally.get('PointsExpired') + tally.get('refused:1010'), tally.toString()).toBeGreaterThan(NUM_RUNS / 10);
  });

  it('PTS-2, PTS-3, PTS-4: loyaltyPoints is never negative, equals issued − redeemed − expired − returned + adjusted and the sum of the remaining lots; debits take the earliest-expiring points first and expiry removes exactly the lots due; a debit is refused with 1010 exactly when it asks for more than the balance, and 1013 only for a program the customer is not in', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(loyaltySequenceArb, (instructions) => {
        for (const step of runSequence(instructions).steps) {
          tally.step(step);
          const debit = step.error === undefined || step.error.code === 1010 ? debitOf(step.command) : undefined;
          if (debit !== undefined) {
            const held = balanceOf(step.before, debit.id, debit.programId);
            // PTS-4, TRF-2: refused with 1010 exactly when it asks for more than is held.
            expect(step.error?.code === 1010, `${step.command.kind} of ${debit.points} with ${held} held`).toBe(debit.points > held);
            if (debit.points === held && step.error === undefined) tally.add('debit of the whole balance');
          }
          if (step.error?.code === 1013) {
            const needed = membersNeeded(step.before, step.command);
            expect(needed, `1013 for ${step.command.kind}`).toBeDefined();
            if (needed !== undefined) {
              expect(needed.ids.some((id) => programOf(step.before, id, needed.programId) === undefined), `1013: someone of ${needed.ids.join(',')} is not in ${needed.programId}`).toBe(true);
            }
          }
          if (step.error !== undefined) continue;
          const needed = membersNeeded(step.before, step.command);
          for (const id of needed?.ids ?? []) expect(programOf(step.before, id, needed?.programId ?? 0), `${step.command.kind}: customer ${id} is enrolled in ${needed?.programId}`).toBeDefined();

          // PTS-2: every ledger's balance, from the counters the query answers and from the lots of the record.
          for (const c of pointHolders(step.after)) {
            for (const d of detailsOf(step.after, c.id)) {
              expect(Number.isInteger(d.loyaltyPoints), `balance of ${c.id} in ${d.programId}`).toBe(true);
              expect(d.loyaltyPoints, `balance of ${c.id} in ${d.programId}`).toBeGreaterThanOrEqual(0);
              expect(d.loyaltyPoints, `balance of ${c.id} in ${d.programId}`).toBe(d.lifetimePoints - d.redeemed - d.expired - d.returned + d.adjusted);
              const lots = ledgerOf(step.after, c.id, d.programId)?.lots ?? [];
              for (const lot of lots) expect(Number.isInteger(lot.remaining) && lot.remaining > 0, `lot of ${c.id} in ${d.programId}: ${lot.remaining}`).toBe(true);
              expect(lots.reduce((n, lot) => n + lot.remaining, 0), `lots of ${c.id} in ${d.programId}`).toBe(d.loyaltyPoints);
            }
          }

          // PTS-3: the lots each touched ledger should hold, folded from the lots before by the step's events.
          const { lots, expired } = expectedLots(step.before, step.events);
          for (const [key, buckets] of lots) {
            const [id, programId] = key.split(' ').map(Number) as [number, number];
            if (customerById(step.after, id)?.status !== 'live') continue;
            expect(bucketList(bucketsOf(ledgerOf(step.after, id, programId))), `lots of ${id} in ${programId} after ${step.events.map((e) => e.kind).join(',')}`).toEqual(bucketList(buckets));
          }
          for (const [key, n] of expired) {
            const [id, programId] = key.split(' ').map(Number) as [number, number];
            expect((programOf(step.after, id, programId)?.expired ?? 0) - (programOf(step.before, id, programId)?.expired ?? 0), `points expired of ${id} in ${programId}`).toBe(n);
            if (n > 0) tally.add('points expired');
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('refused:1010'), tally.toString()).toBeGreaterThan(NUM_RUNS / 5);
    expect(tally.get('refused:1013'), tally.toString()).toBeGreaterThan(NUM_RUNS / 10);
    expect(tally.get('debit of the whole balance'), tally.toString()).toBeGreaterThan(NUM_RUNS / 40);
    expect(tally.get('points expired'), tally.toString()).toBeGreaterThan(NUM_RUNS / 50);
  });

  it('PTS-5, PTS-6, MRG-9: the tier always matches the thresholds: it is the highest tier the lifetime points reach, never below the floor set at enrollment or by a merge, and never falls; nextSlab names the next tier; every tier change is kept in the tier history, whose last entry is the current tier', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(loyaltySequenceArb, (instructions) => {
        for (const step of runSequence(instructions).steps) {
          if (step.error !== undefined) continue;
          for (const c of pointHolders(step.after)) {
            for (const d of detailsOf(step.after, c.id)) {
              const program = programs().get(d.programId);
              const ledger = ledgerOf(step.after, c.id, d.programId);
              expect(program, `program ${d.programId}`).toBeDefined();
              if (program === undefined || ledger === undefined) continue;
              const where = `customer ${c.id} in program ${d.programId}`;
              // PTS-5: the highest tier reached by lifetime points, never below the floor.
              expect(d.slabSNo, where).toBe(Math.max(ledger.floorTier, tierReached(program.tiers, d.lifetimePoints)));
              expect(program.tiers.map((t) => t.serialNumber), where).toContain(d.slabSNo);
              expect(d.currentSlab, where).toBe(program.tiers.find((t) => t.serialNumber === d.slabSNo)?.name);
              expect(d.nextSlabSerialNumber, where).toBe(program.tiers.find((t) => t.serialNumber > d.slabSNo)?.serialNumber ?? -1);
              if (d.slabSNo > Math.min(...program.tiers.map((t) => t.serialNumber))) tally.add('above the lowest tier');
              // PTS-6: the history ends at the current tier, and each entry is a real change of this program.
              expect(ledger.tierHistory.at(-1)?.to, `${where}: last tier history entry`).toBe(d.slabSNo);
              for (const t of ledger.tierHistory) {
                expect(t.programId, where).toBe(d.programId);
                expect(t.type, `${where}: ${String(t.from)} -> ${t.to}`).toBe(t.from === null || t.to > t.from ? 'UPGRADE' : 'DOWNGRADE');
              }
              const before = ledgerOf(step.before, c.id, d.programId);
              if (before !== undefined && customerById(step.before, c.id)?.status === 'live') {
                // Never falls (no downgrade is modelled), and a change is recorded when it happens.
                expect(d.slabSNo, `${where} before: ${before.tier}`).toBeGreaterThanOrEqual(before.tier);
                if (d.slabSNo !== before.tier) {
                  tally.add('tier change');
                  const added = ledger.tierHistory.slice(before.tierHistory.length);
                  expect(added.some((t) => t.to === d.slabSNo && t.changedOn === step.events[0]?.at), `${where}: change ${before.tier} -> ${d.slabSNo} recorded`).toBe(true);
                }
              }
            }
          }
          for (const e of step.events) {
            if (e.kind === 'ProgramEnrolled' && e.tierNumber !== null) {
              // PTS-5: never below the tier given at enrollment.
              expect(ledgerOf(step.after, e.customerId, e.programId)?.tier, `enrolled ${e.customerId} at tier ${e.tierNumber}`).toBeGreaterThanOrEqual(e.tierNumber);
              tally.add('enrolled at a tier');
            }
            if (e.kind === 'CustomersMerged') {
              // MRG-9: the survivor keeps the higher tier of the two.
              for (const v of customerById(step.before, e.victimId)?.programs ?? []) {
                const s = ledgerOf(step.before, e.survivorId, v.programId);
                const merged = ledgerOf(step.after, e.survivorId, v.programId);
                expect(merged?.tier, `tier of ${e.survivorId} in ${v.programId} after merging ${e.victimId}`).toBeGreaterThanOrEqual(Math.max(v.tier, s?.tier ?? 0));
                if (s !== undefined) tally.add('merge of two members');
              }
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('tier change'), tally.toString()).toBeGreaterThan(NUM_RUNS / 20);
    expect(tally.get('above the lowest tier'), tally.toString()).toBeGreaterThan(NUM_RUNS);
    expect(tally.get('merge of two members'), tally.toString()).toBeGreaterThan(NUM_RUNS / 10);
    expect(tally.get('enrolled at a tier'), tally.toString()).toBeGreaterThan(NUM_RUNS / 10);
  });

  it('MRG-10, SUB-1: a merge never turns an OPTOUT into an OPTIN: every (channel, priority, account) either side had opted out of before a merge is OPTOUT on the survivor after it, the survivor keeps every subscription of both, and it is OPTIN only where neither side opted out; no other command but an explicit OPTIN lifts an OPTOUT', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(loyaltySequenceArb, (instructions) => {
        for (const step of runSequence(instructions).steps) {
          if (step.error !== undefined) continue;
          for (const e of step.events) {
            if (e.kind !== 'CustomersMerged') continue;
            const survivor = subscriptionsOf(step.before, e.survivorId);
            const victim = subscriptionsOf(step.before, e.victimId);
            const merged = subscriptionsOf(step.after, e.survivorId);
            for (const key of new Set([...survivor.keys(), ...victim.keys()])) {
              const optedOut = survivor.get(key) === 'OPTOUT' || victim.get(key) === 'OPTOUT';
              expect(merged.get(key), `${key} of ${e.survivorId} after merging ${e.victimId} (${String(survivor.get(key))} + ${String(victim.get(key))})`).toBe(optedOut ? 'OPTOUT' : 'OPTIN');
              if (optedOut) tally.add(survivor.get(key) === 'OPTOUT' ? 'survivor opted out' : 'victim opted out');
              if (victim.get(key) === 'OPTOUT' && survivor.get(key) === 'OPTIN') tally.add('victim opted out, survivor opted in');
            }
          }
          // Beyond merges: an OPTOUT stays with whoever the customer resolves to, unless this very command
          // opted that customer back in.
          const optedIn = new Set<string>();
          for (const e of step.events) {
            if (e.kind === 'SubscriptionsChanged') for (const s of e.subscriptions) if (s.type === 'OPTIN') optedIn.add(`${e.customerId} ${subscriptionKey(s)}`);
          }
          for (const c of liveCustomersOf(step.before)) {
            const owner = mergeChain(step.after, c.id).end;
            if (owner === undefined) continue;
            const now = subscriptionsOf(step.after, owner.id);
            for (const [key, type] of subscriptionsOf(step.before, c.id)) {
              if (type !== 'OPTOUT' || optedIn.has(`${owner.id} ${key}`)) continue;
              expect(now.get(key), `${key} of ${c.id}, now ${owner.id}, after ${step.command.kind}`).toBe('OPTOUT');
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('victim opted out, survivor opted in'), tally.toString()).toBeGreaterThan(NUM_RUNS / 100);
    expect(tally.get('survivor opted out'), tally.toString()).toBeGreaterThan(NUM_RUNS / 40);
  });

  it('PII-1, PII-2: after a PII deletion no personal value of the customer remains anywhere in the graph (records, identifier index, search index, history), its former identifiers are free to register again, it answers 8015 with the PII message to reads and writes, and it keeps its points, coupons and transfers', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(loyaltySequenceArb, (instructions) => {
        for (const step of runSequence(instructions).steps) {
          const deleted = step.events.flatMap((e) => (e.kind === 'PiiDeleted' ? [e.customerId] : []));
          for (const id of deleted) {
            const was = customerById(step.before, id) as Customer;
            expectForgotten(step, was, tally);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('deleted'), tally.toString()).toBeGreaterThan(NUM_RUNS / 10);
    expect(tally.get('values searched'), tally.toString()).toBeGreaterThan(NUM_RUNS / 4);
    expect(tally.get('victims forgotten'), tally.toString()).toBeGreaterThan(NUM_RUNS / 250);
    expect(tally.get('channels forgotten'), tally.toString()).toBeGreaterThan(NUM_RUNS / 100);
    expect(tally.get('fields forgotten'), tally.toString()).toBeGreaterThan(NUM_RUNS / 50);
    expect(tally.get('registered again'), tally.toString()).toBeGreaterThan(NUM_RUNS / 10);
  });
});

/** Everything PII-1 and PII-2 say about one deletion step. */
function expectForgotten(step: Step, was: Customer, tally: Tally): void {
  const graph = step.after;
  const id = was.id;
  tally.add('deleted');
  const chain = new Set<number>([id, ...was.victims]);
  if (was.victims.length > 0) tally.add('victims forgotten');
  if (was.profiles.some((p) => [p, ...p.conflictingProfiles].some((q) => q.commChannels.length > 0))) tally.add('channels forgotten');
  if (Object.keys(was.extendedFields).length > 0 || was.profiles.some((p) => Object.keys(p.fields).length > 0)) tally.add('fields forgotten');

  // The history of the customer, of its victims, and every entry naming them; the rest is other customers'.
  const history: unknown[] = [];
  const elsewhere: unknown[] = [];
  for (const [owner, entries] of indexContents(graph).history) {
    for (const entry of entries) (chain.has(owner) || idsNamedBy(entry.event).some((n) => chain.has(n)) ? history : elsewhere).push(entry);
  }
  // The values to look for: those it had that no other live customer has too, nor had in its own history
  // (a value another customer removed before this one took it is that customer's too).
  const others = new Set(liveCustomersOf(graph).flatMap((c) => [...personalValues(c)]));
  const theirs = JSON.stringify(elsewhere);
  const values = [...personalValues(was)].filter((v) => !others.has(v) && !theirs.includes(JSON.stringify(v)));
  tally.add('values searched', values.length);

  // Every record (copies kept for unmerge included), both indexes, and the customer's history.
  const places: Record<string, string> = {
    records: JSON.stringify(graphSnapshot(graph)._unsafeUnwrap().customers),
    searchIndex: JSON.stringify(searchPostings(graph)),
    identifierIndex: JSON.stringify(indexContents(graph).identifiers),
    history: JSON.stringify(history),
  };
  for (const value of values) {
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(JSON.stringify(value)), `${JSON.stringify(value)} of deleted customer ${id} in ${place}`).toBe(false);
    }
  }
  expect(searchPostings(graph).filter(({ posting }) => chain.has(posting.customerId)), 'search postings of the deleted customer').toEqual([]);
  expect(indexContents(graph).identifiers.filter(([, , h]) => chain.has(h)), 'index entries of the deleted customer').toEqual([]);
  for (const v of values) expect(search(graph, { q: v, limit: 100 }).map((r) => r.data.map((h) => h.userId).filter((u) => chain.has(u))).unwrapOr([]), `search ${v}`).toEqual([]);

  // PII-2: reads and writes answer the PII message with 8015; points, coupons and transfers stay.
  const get = getCustomer(graph, { customerId: id, source: 'ALL' });
  expect(get.isErr() ? [get.error.code, get.error.message] : 'readable').toEqual([8015, PII_DELETED_MESSAGE]);
  const v11 = customerGetV11(graph, { id: String(id) }).map((r) => r.response.customers.customer[0]?.item_status);
  expect(v11.map((s) => [s?.code, s?.message]).unwrapOr([]), 'v1.1 get').toEqual([8015, PII_DELETED_MESSAGE]);
  const writes: Command[] = [
    { kind: 'update', customerId: id, source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' } }, meta: META },
    { kind: 'changeIdentifier', customerId: id, source: 'INSTORE', add: [{ type: 'externalId', value: 'back-1' }], meta: META },
    { kind: 'issuePoints', customerId: id, programId: was.programs[0]?.programId ?? 1016, points: 5, meta: META },
    { kind: 'updateSubscriptions', customerId: id, body: { subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' }] }, meta: META },
    { kind: 'deletePii', customerId: id, meta: META },
  ];
  for (const w of writes) {
    const refused = decide(graph, w);
    expect(refused.isErr() ? [refused.error.code, refused.error.message] : 'accepted', `${w.kind} of deleted ${id}`).toEqual([8015, PII_DELETED_MESSAGE]);
  }
  expect(detailsOf(graph, id), 'points kept').toEqual(detailsOf(step.before, id));
  expect(customerCoupons(graph, id).map((r) => r.data).unwrapOr([]), 'coupons kept').toEqual(customerCoupons(step.before, id).map((r) => r.data).unwrapOr([]));
  expect(pointsTransfers(graph, id).map((r) => r.data.map((t) => t.transferId)).unwrapOr([]), 'transfers kept').toEqual(
    pointsTransfers(step.before, id).map((r) => r.data.map((t) => t.transferId)).unwrapOr([]),
  );
  expect(changeRequests(graph, { customerId: id, limit: 100 }).map((r) => r.data.filter((l) => ['EMAIL', 'MOBILE', 'EXTERNAL_ID'].includes(l.baseType))).unwrapOr([]), 'identifier changes forgotten').toEqual([]);

  // PII-1: its former identifiers (those nobody else holds) register again, as a new customer.
  for (const main of was.profiles) {
    for (const p of [main, ...main.conflictingProfiles]) {
      for (const identifier of p.identifiers) {
        if (others.has(identifier.value)) continue;
        const found = lookup(graph, { source: 'ALL', identifierName: identifier.type, identifierValue: identifier.value });
        expect(found.isErr() ? found.error.code : found.value.entity, `lookup ${identifier.value} of deleted ${id}`).toBe(8015);
        const again = execute(graph, {
          kind: 'register',
          source: p.source,
          ...(p.accountId === '' ? {} : { accountId: p.accountId }),
          body: { loyaltyInfo: { loyaltyType: 'non_loyalty' }, profiles: [{ identifiers: [{ type: identifier.type, value: identifier.value }] }] },
          meta: META,
        });
        expect(again.isOk() ? { id: again.value.response.createdId, warnings: again.value.response.warnings.map((w) => w.code) } : again.error.code, `${identifier.type} ${identifier.value} of deleted ${id} registered again in ${p.source}/${p.accountId}`).toEqual({
          id: graph.nextCustomerId,
          warnings: [],
        });
        if (again.isOk()) {
          const holder = lookup(again.value.graph, { source: 'ALL', identifierName: identifier.type, identifierValue: identifier.value });
          expect(holder.isOk() ? holder.value.entity : holder.error.code).toBe(graph.nextCustomerId);
          expect(resolveLive(again.value.graph, graph.nextCustomerId)?.id).toBe(graph.nextCustomerId);
          tally.add('registered again');
        }
      }
    }
  }
}
