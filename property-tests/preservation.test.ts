import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, getCustomer, type CustomerGraph } from '../src/index';
import { sourceAccountKey } from '../src/org/sources';
import { anySequenceArb, commandSequenceArb, NUM_RUNS } from './support/arbitraries';
import { customerById } from '../src/graph/graph';
import { customersOf, resolveLive, holdingKey, holdingsOf, liveCustomersOf, mergeChain, profileCounts, runSequence, type Step } from './support/run';
import { Tally } from './support/tally';

const META = { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' } as const;

/** `customer sak type value` of each identifier an accepted step removed explicitly (CHG-2). */
function removedBy(step: Step): Set<string> {
  const out = new Set<string>();
  for (const e of step.events) {
    if (e.kind === 'IdentifierRemoved') {
      out.add(`${e.customerId}\u0000${holdingKey({ sak: sourceAccountKey(e.source, e.accountId), type: e.identifier.type, value: e.identifier.value })}`);
    }
  }
  return out;
}

describe('nothing is lost, chains end, loyalty only rises (MRG-1..MRG-5, CHG-2, LOY-1)', () => {
  it('MRG-1, MRG-3, CHG-2: no identifier or profile is ever lost: after any accepted command every identifier a live customer held in a source account is still held there by the customer it resolves to, unless that command removed it explicitly, and every profile stays with its survivor', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(commandSequenceArb, (instructions) => {
        for (const step of runSequence(instructions).steps) {
          tally.step(step);
          if (step.error !== undefined) continue;
          const removed = removedBy(step);
          const addedBack = new Set(
            step.events.flatMap((e) =>
              e.kind === 'IdentifierAdded'
                ? [`${e.customerId}\u0000${holdingKey({ sak: sourceAccountKey(e.source, e.accountId), type: e.identifier.type, value: e.identifier.value })}`]
                : [],
            ),
          );
          const after = new Map(holdingsOf(step.after).map((h) => [`${h.customerId}\u0000${holdingKey(h)}`, h]));

          for (const h of holdingsOf(step.before)) {
            const key = holdingKey(h);
            const owner = resolveLive(step.after, h.customerId);
            expect(owner?.status, `customer ${h.customerId} resolves to a live customer`).toBe('live');
            const explicit = removed.has(`${h.customerId}\u0000${key}`);
            const stillHeld = owner !== undefined && after.has(`${owner.id}\u0000${key}`);
            // Kept by whoever the holder resolves to, unless removed (and not added back in the same request).
            if (!explicit || addedBack.has(`${h.customerId}\u0000${key}`)) expect(stillHeld, `${key} held by ${h.customerId} is kept by its survivor`).toBe(true);
            // CHG-2: an explicit removal really removes it, unless the request added it back (CHG-8).
            else expect(stillHeld, `${key} removed from ${h.customerId}`).toBe(false);
          }

          // Profiles: each live customer after holds at least the profiles (per source account, conflicting
          // included) of every customer that resolves to it; in all, registration is the only way to add one.
          const expected = new Map<number, Map<string, number>>();
          for (const c of liveCustomersOf(step.before)) {
            const owner = resolveLive(step.after, c.id);
            expect(owner, `customer ${c.id} still resolves`).toBeDefined();
            if (owner === undefined) continue;
            const counts = expected.get(owner.id) ?? new Map<string, number>();
            for (const [sak, n] of profileCounts(c)) counts.set(sak, (counts.get(sak) ?? 0) + n);
            expected.set(owner.id, counts);
          }
          for (const [id, counts] of expected) {
            const owner = customerById(step.after, id);
            const actual = owner === undefined ? new Map<string, number>() : profileCounts(owner);
            for (const [sak, n] of counts) expect(actual.get(sak) ?? 0, `profiles of ${id} in ${sak}`).toBeGreaterThanOrEqual(n);
          }
          const total = (g: CustomerGraph): number => liveCustomersOf(g).reduce((sum, c) => sum + [...profileCounts(c).values()].reduce((a, b) => a + b, 0), 0);
          const registered = step.events.filter((e) => e.kind === 'CustomerRegistered' || e.kind === 'SourceProfileCombined').length;
          expect(total(step.after), 'profiles in all').toBe(total(step.before) + registered);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('IdentifierRemoved'), tally.toString()).toBeGreaterThan(NUM_RUNS / 5);
    expect(tally.get('CustomersMerged'), tally.toString()).toBeGreaterThan(NUM_RUNS / 5);
  });

  it('MRG-4, MRG-5: every victim resolves through its chain of merges to a live survivor, no chain loops, and get, update and changeIdentifier on a victim are refused naming that survivor', () => {
    let victims = 0;
    let longChains = 0;
    fc.assert(
      fc.property(commandSequenceArb, (instructions) => {
        const run = runSequence(instructions);
        for (const step of run.steps) {
          if (step.after === step.before) continue;
          const graph = step.after;
          for (const c of customersOf(graph)) {
            const { chain, end, looped } = mergeChain(graph, c.id);
            expect(looped, `merge chain from ${c.id}: ${chain.join(' -> ')}`).toBe(false);
            expect(end?.status, `merge chain from ${c.id}: ${chain.join(' -> ')}`).toBe('live');
            expect(resolveLive(graph, c.id)?.id).toBe(end?.id);
            if (c.status === 'live') {
              expect(c.mergedInto).toBeNull();
              continue;
            }
            victims++;
            if (chain.length > 2) longChains++;
            expect(c.profiles, `victim ${c.id} keeps no profile: they moved`).toEqual([]);
            const survivor = end?.id;
            const get = getCustomer(graph, { customerId: c.id, source: 'ALL' });
            expect(get.isErr() ? { code: get.error.code, survivorId: 'survivorId' in get.error ? get.error.survivorId : undefined } : 'accepted').toEqual({ code: 8069, survivorId: survivor });
            const update = decide(graph, { kind: 'update', customerId: c.id, source: 'INSTORE', body: {}, meta: META });
            expect(update.isErr() ? { code: update.error.code, survivorId: 'survivorId' in update.error ? update.error.survivorId : undefined } : 'accepted').toEqual({ code: 8069, survivorId: survivor });
            const change = decide(graph, { kind: 'changeIdentifier', customerId: c.id, source: 'INSTORE', add: [{ type: 'externalId', value: 'x-1' }], meta: META });
            expect(change.isErr() ? { code: change.error.code, survivorId: 'survivorId' in change.error ? change.error.survivorId : undefined } : 'accepted').toEqual({ code: 8067, survivorId: survivor });
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(victims).toBeGreaterThan(NUM_RUNS / 5);
    expect(longChains, 'victims of victims').toBeGreaterThan(0);
  });

  it('LOY-1, MRG-2: once loyalty, always loyalty, across every command (points, transfers, enrollments, subscriptions, coupons, goodwill and PII deletion included): no accepted command makes a loyalty customer, or the customer its merges end at, non-loyalty, and a merge leaves the higher loyalty of the two', () => {
    let upgradesByMerge = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(anySequenceArb, (instructions) => {
        for (const step of runSequence(instructions).steps) {
          if (step.error !== undefined) continue;
          kinds.add(step.command.kind);
          for (const c of customersOf(step.before)) {
            if (c.loyaltyType !== 'loyalty') continue;
            // The end of its chain of merges: its live survivor, or itself or its survivor deleted since (PII-1 keeps the rest).
            const { end } = mergeChain(step.after, c.id);
            expect(end?.loyaltyType, `customer ${c.id} was loyalty, after ${step.command.kind}`).toBe('loyalty');
          }
          for (const e of step.events) {
            if (e.kind !== 'CustomersMerged') continue;
            const loyaltyBefore = [e.survivorId, e.victimId].map((id) => customerById(step.before, id)?.loyaltyType);
            const higher = loyaltyBefore.includes('loyalty') ? 'loyalty' : 'non_loyalty';
            expect(customerById(step.after, e.survivorId)?.loyaltyType, `survivor ${e.survivorId} of ${e.victimId}`).toBe(higher);
            if (loyaltyBefore[0] === 'non_loyalty' && higher === 'loyalty') upgradesByMerge++;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(upgradesByMerge, 'merges of a loyalty victim into a non-loyalty survivor').toBeGreaterThan(0);
    expect([...kinds].sort(), 'accepted command kinds').toEqual(
      ['adjustPoints', 'changeIdentifier', 'deletePii', 'expirePoints', 'issueCoupon', 'issuePoints', 'merge', 'redeemCoupon', 'redeemPoints', 'register', 'requestGoodwill', 'resolveGoodwill', 'returnPoints', 'transferPoints', 'update', 'updateSubscriptions'],
    );
  });
});
