// Fidelity over arbitrary runs, each followed by moves of the clock: a field that two reads show reads the
// same in both (v2 details with its embeds, loyalty details, lookup, the v1.1 get: FID-1..FID-3), and every
// live record is one that Register could have made (SRC-3, IDN-2, ID-1, ID-2, PRG-1, PTS-2, PTS-3, PTS-5).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerGetV11, execute, getCustomer, getSubscriptions, loyaltyDetails, lookup, V11_OPTIONS, type Customer, type CustomerGraph } from '../src/index';
import type { ProgramDetails } from '../src/queries/loyalty-details';
import type { CustomerDetails } from '../src/queries/get-customer';
import { isIdentifierType, normaliseIdentifier } from '../src/org/identifiers';
import { tierOf } from '../src/org/programs';
import { sourceAccountKey } from '../src/org/sources';
import { loyaltyPoints } from '../src/records/ledger';
import { anySequenceArb, NUM_RUNS, type Instruction } from './support/arbitraries';
import { expectUniqueAndIndexed } from './support/invariants';
import { customersOf, liveCustomersOf, resolveLive, runSequence } from './support/run';
import { Tally } from './support/tally';

/** Instants the clock is moved to after the sequence: the sequence's own times, a year end, far ahead. */
const INSTANTS = ['2024-06-02T14:00:00+05:30', '2025-01-01T00:00:00Z', '2031-01-01T00:00:00Z'] as const;

type RunInput = { readonly members: Instruction[]; readonly sequence: Instruction[]; readonly advances: readonly string[] };

/** A member whose tier expires, in a program that reviews tiers (1219, 1223) or one that does not (1016). */
const tierMemberArb: fc.Arbitrary<Instruction> = fc
  .record({
    n: fc.integer({ min: 0, max: 9999 }),
    programId: fc.constantFrom(1016, 1219, 1223),
    tierNumber: fc.constantFrom(1, 2, 3),
    tierExpiryDate: fc.constantFrom(...INSTANTS),
    loyaltyPoints: fc.constantFrom(0, 40, 600, 2500),
  })
  .map(({ n, ...enrollment }) => ({
    kind: 'register',
    source: 'INSTORE',
    body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Tia', identifiers: [{ type: 'email', value: `tier${n}@fidelity.example` }] }], loyaltyProgramEnrollments: [enrollment] },
    meta: { at: '2024-05-01T10:00:00+05:30', till: 'demo.till' },
  }));

/** Tier members first (so that the sequence's commands reach them), the sequence, then moves of the clock. */
const runArb: fc.Arbitrary<RunInput> = fc.record({ members: fc.array(tierMemberArb, { maxLength: 3 }), sequence: anySequenceArb, advances: fc.subarray([...INSTANTS]) });

/** The graph after the sequence, then after each move of the clock (a move the clock refuses is skipped). */
function graphsOf({ members, sequence, advances }: RunInput, tally: Tally): CustomerGraph[] {
  let graph = runSequence([...members, ...sequence]).graph;
  const out = [graph];
  for (const at of advances) {
    const moved = execute(graph, { kind: 'advanceClock', set: true, meta: { at, till: 'demo.till' } });
    if (moved.isErr()) continue;
    for (const e of moved.value.events) tally.add(e.kind);
    graph = moved.value.graph;
    out.push(graph);
  }
  return out;
}

/** The standing of one program as a read shows it, in one set of names. */
interface Standing {
  readonly loyaltyPoints: number;
  readonly lifetimePoints: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly returned: number;
  readonly adjusted: number;
  readonly cumulativePurchases: number;
}

const counters = (d: Standing): Standing => ({
  loyaltyPoints: d.loyaltyPoints,
  lifetimePoints: d.lifetimePoints,
  redeemed: d.redeemed,
  expired: d.expired,
  returned: d.returned,
  adjusted: d.adjusted,
  cumulativePurchases: d.cumulativePurchases,
});

/** The tier as the v2 reads show it: name, serial number, expiry date and the next tier. */
const tierFields = (d: Omit<ProgramDetails, 'programId'>) => ({
  currentSlab: d.currentSlab,
  slabSNo: d.slabSNo,
  slabExpiryDate: d.slabExpiryDate,
  nextSlab: d.nextSlab,
  nextSlabSerialNumber: d.nextSlabSerialNumber,
  nextSlabDescription: d.nextSlabDescription,
});

type V11Item = Readonly<Record<string, unknown>>;

function v11Item(graph: CustomerGraph, key: 'id' | 'mobile' | 'email' | 'external_id', value: string): V11Item {
  const answer = customerGetV11(graph, { [key]: value, options: [...V11_OPTIONS] });
  expect(answer.isOk()).toBe(true);
  const [item] = answer._unsafeUnwrap().response.customers.customer;
  return item ?? {};
}

/** FID-1: every program's counters and tier read the same in getCustomer, loyaltyDetails and the v1.1 get. */
function expectLoyaltyAgrees(graph: CustomerGraph, c: Customer, details: CustomerDetails, item: V11Item, tally: Tally): void {
  const reference = loyaltyDetails(graph, { customerId: c.id })._unsafeUnwrap().data;
  expect(reference.map((d) => d.programId)).toEqual(c.programs.map((l) => l.programId));
  const mlp = details.loyaltyProgramDetails ?? [];
  const v11Programs = item['loyalty_programs'] as ProgramDetails[];
  const summaries = (item['points_summaries'] as { points_summary: Record<string, number>[] }).points_summary;
  const history = (item['slab_history'] as { history: { program_id: number; to: string; tier_expiry_date: string }[] }).history;
  const expiredItems = (item['expired_points'] as { item: { program_id: number; points: number }[] }).item;
  const schedule = (item['expiry_schedule'] as { schedule: { program_id: number; points: number }[] }).schedule;
  for (const d of reference) {
    const id = d.programId;
    // One program, alone through loyaltyDetails' programId, in embed=mlp and in v1.1 mlp: the same.
    expect(loyaltyDetails(graph, { customerId: c.id, programId: id })._unsafeUnwrap().data).toEqual([d]);
    expect(mlp.find((m) => m.programId === id)).toEqual(d);
    const fromV11 = v11Programs.find((m) => m.programId === id);
    expect({ ...counters(fromV11 ?? d), ...tierFields(fromV11 ?? d), loyaltyId: fromV11?.loyaltyId }).toEqual({ ...counters(d), ...tierFields(d), loyaltyId: d.loyaltyId });
    // v1.1 points_summary: the same counters in snake_case.
    const s = summaries.find((x) => x['program_id'] === id);
    expect(s && {
      loyaltyPoints: s['loyalty_points'],
      lifetimePoints: s['lifetime_points'],
      redeemed: s['redeemed'],
      expired: s['expired'],
      returned: s['returned'],
      adjusted: s['adjusted'],
      cumulativePurchases: s['cumulative_purchases'],
    }).toEqual(counters(d));
    expect(expiredItems.find((x) => x.program_id === id)?.points).toBe(d.expired);
    // The expiry schedule holds points the balance has: never more than it.
    expect(schedule.filter((x) => x.program_id === id).reduce((n, x) => n + x.points, 0)).toBeLessThanOrEqual(d.loyaltyPoints);
    // slab_history, most recent first: its latest change of the program is to the current tier (PTS-6). Its
    // `tier_expiry_date` is the date that change gave, not always today's: a base tier's review clears the date
    // without a change (TIR-4), and a merge keeps the survivor's date after the victim's last change (MRG-9).
    const latest = history.find((h) => h.program_id === id);
    expect(latest?.to).toBe(d.currentSlab);
    if (latest !== undefined && latest.tier_expiry_date !== d.slabExpiryDate) tally.add('expiry changed since the last change');
    tally.add(d.slabExpiryDate === '' ? 'tier without expiry' : 'tier with expiry');
  }
  // The customer-level fields are the first program's (decisions: pointsSummary, v1.1 customer get).
  const main = reference[0];
  if (main === undefined) {
    expect(details.pointsSummary).toBeUndefined();
    expect({ lp: item['loyalty_points'], life: item['lifetime_points'], slab: item['current_slab'], purchases: item['lifetime_purchases'] }).toEqual({ lp: 0, life: 0, slab: '', purchases: 0 });
    expect(details.loyaltyInfo.lifetimePurchases).toBe(0);
    return;
  }
  const { programId, ...summary } = main;
  void programId;
  expect(details.pointsSummary).toEqual(summary);
  expect({ lp: item['loyalty_points'], life: item['lifetime_points'], slab: item['current_slab'], purchases: item['lifetime_purchases'] }).toEqual({
    lp: main.loyaltyPoints,
    life: main.lifetimePoints,
    slab: main.currentSlab,
    purchases: main.cumulativePurchases,
  });
  expect({ next: item['next_slab'], serial: item['next_slab_serial_number'], description: item['next_slab_description'] }).toEqual({
    next: main.nextSlab,
    serial: main.nextSlabSerialNumber,
    description: main.nextSlabDescription,
  });
  expect(details.loyaltyInfo.lifetimePurchases).toBe(main.cumulativePurchases);
  tally.add(reference.length > 1 ? 'several programs' : 'one program');
}

/** FID-2: names, identifiers (per source account), loyalty type and subscriptions read the same in getCustomer, lookup and the v1.1 get. */
function expectIdentityAgrees(graph: CustomerGraph, c: Customer, details: CustomerDetails, item: V11Item, tally: Tally): void {
  const named = details.profiles.find((p) => p.firstName !== '' || p.lastName !== '') ?? details.profiles[0];
  const first = (type: string): string => details.profiles.flatMap((p) => p.identifiers).find((i) => i.type === type)?.value ?? '';
  expect({
    user_id: item['user_id'],
    firstname: item['firstname'],
    lastname: item['lastname'],
    mobile: item['mobile'],
    email: item['email'],
    external_id: item['external_id'],
    type: item['type'],
    source: item['source'],
    registered_on: item['registered_on'],
    updated_on: item['updated_on'],
    registered_till: item['registered_till'],
    extended_fields: item['extended_fields'],
    custom_fields: item['custom_fields'],
    subscriptions: item['subscriptions'],
  }).toEqual({
    user_id: details.id,
    firstname: named?.firstName ?? '',
    lastname: named?.lastName ?? '',
    mobile: first('mobile'),
    email: first('email'),
    external_id: first('externalId'),
    type: details.loyaltyInfo.loyaltyType === 'loyalty' ? 'LOYALTY' : 'NON_LOYALTY',
    source: named?.source ?? '',
    registered_on: details.loyaltyInfo.attributionV2.createDate,
    updated_on: details.loyaltyInfo.attributionV2.modifiedDate,
    registered_till: details.loyaltyInfo.attributionV2.createdBy,
    extended_fields: { field: Object.entries(details.extendedFields).map(([name, value]) => ({ name, value })) },
    custom_fields: { field: details.profiles.flatMap((p) => Object.entries(p.fields).map(([name, value]) => ({ name, value }))) },
    subscriptions: { subscription: details.subscriptionInfo?.subscriptions },
  });
  expect(getSubscriptions(graph, c.id)._unsafeUnwrap().subscriptions).toEqual(details.subscriptionInfo?.subscriptions);
  for (const profile of details.profiles) {
    // Each source account's own view names the same profile as ALL does.
    const own = getCustomer(graph, { customerId: c.id, source: profile.source, ...(profile.accountId === '' ? {} : { accountId: profile.accountId }) });
    expect(own._unsafeUnwrap().profiles).toEqual([profile]);
    for (const p of [profile, ...profile.conflictingProfileList]) {
      for (const id of p.identifiers) {
        const at = { source: p.source, ...(p.accountId === '' ? {} : { accountId: p.accountId }) };
        expect(lookup(graph, { ...at, identifierName: id.type, identifierValue: id.value })._unsafeUnwrap().entity).toBe(c.id);
        expect(lookup(graph, { source: 'ALL', identifierName: id.type, identifierValue: id.value })._unsafeUnwrap().entity).toBe(c.id);
        const key = id.type === 'externalId' ? 'external_id' : id.type;
        if ((key === 'mobile' || key === 'email' || key === 'external_id') && !id.value.includes(',')) {
          expect(v11Item(graph, key, id.value)['user_id']).toBe(c.id);
          tally.add(`v1.1 by ${key}`);
        }
      }
      tally.add(p === profile ? 'profile' : 'conflicting profile');
    }
  }
}

/** What Register guarantees of a record, still true of every live record after any command. */
function expectRegistrable(graph: CustomerGraph, c: Customer, tally: Tally): void {
  const { org } = graph;
  const accounts = new Set<string>();
  const all = c.profiles.flatMap((p) => [p, ...p.conflictingProfiles]);
  for (const p of c.profiles) {
    const sak = sourceAccountKey(p.source, p.accountId);
    expect(accounts.has(sak), `two profiles in ${sak}`).toBe(false);
    accounts.add(sak);
  }
  // A profile at least; identifiers in it unless the customer is only subscribed (a non-loyalty customer may lose its last one).
  expect(c.profiles.length).toBeGreaterThan(0);
  if (c.loyaltyType === 'loyalty' && all.every((p) => p.identifiers.length === 0)) tally.add('loyalty customer without identifiers');
  if (all.every((p) => p.identifiers.length === 0)) tally.add('customer without identifiers');
  for (const p of all) {
    for (const id of p.identifiers) {
      expect(isIdentifierType(id.type), id.type).toBe(true);
      if (!isIdentifierType(id.type)) continue;
      const again = normaliseIdentifier(id.type, id.value, org.identifierRules, org.blocklist);
      expect(again, `${id.type} ${id.value}`).toEqual({ ok: true, value: id.value });
    }
  }
  // LOY-2: only a loyalty customer holds memberships.
  if (c.loyaltyType !== 'loyalty') expect(c.programs, 'a non_loyalty customer holds no ledger (LOY-2)').toEqual([]);
  expect(new Set(c.programs.map((l) => l.programId)).size).toBe(c.programs.length);
  for (const l of c.programs) {
    const program = org.programs.get(l.programId);
    expect(program, `program ${l.programId}`).toBeDefined();
    if (program === undefined) continue;
    expect(tierOf(program, l.tier), `tier ${l.tier} of ${l.programId}`).toBeDefined();
    expect(tierOf(program, l.floorTier), `floor ${l.floorTier} of ${l.programId}`).toBeDefined();
    expect(l.tier).toBeGreaterThanOrEqual(l.floorTier);
    expect(loyaltyPoints(l)).toBeGreaterThanOrEqual(0);
    expect(l.lots.reduce((n, lot) => n + lot.remaining, 0)).toBe(loyaltyPoints(l));
    for (const lot of l.lots) expect(lot.remaining).toBeGreaterThanOrEqual(0);
  }
}

describe('fidelity of the reads, and records Register could make, over arbitrary runs and moves of the clock (FID-1..FID-3)', () => {
  it('FID-1..FID-3: for every live customer and program, the counters, tier, expiry and latest tier change, names, identifiers per source account, loyalty type and subscriptions read the same in getCustomer, loyaltyDetails, lookup and the v1.1 get', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(runArb, (input) => {
        for (const graph of graphsOf(input, tally)) {
          for (const c of liveCustomersOf(graph)) {
            const details = getCustomer(graph, { customerId: c.id, source: 'ALL', embed: ['points', 'subscriptions', 'mlp'] })._unsafeUnwrap();
            const item = v11Item(graph, 'id', String(c.id));
            expectLoyaltyAgrees(graph, c, details, item, tally);
            expectIdentityAgrees(graph, c, details, item, tally);
          }
          // A victim's id reads as its survivor in v1.1 and names it in v2 (8069).
          for (const v of customersOf(graph).filter((x) => x.status === 'merged')) {
            const survivor = resolveLive(graph, v.id);
            if (survivor === undefined) continue;
            expect(v11Item(graph, 'id', String(v.id))['user_id']).toBe(survivor.id);
            expect(getCustomer(graph, { customerId: v.id, source: 'ALL' })._unsafeUnwrapErr()).toMatchObject({ code: 8069, survivorId: survivor.id });
            tally.add('victim');
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    const seen = ['several programs', 'one program', 'tier with expiry', 'conflicting profile', 'victim', 'v1.1 by mobile', 'v1.1 by email', 'v1.1 by external_id', 'PointsExpired', 'TierReviewed'];
    for (const s of seen) expect(tally.get(s), `${s}: ${tally.toString()}`).toBeGreaterThan(0);
  });

  it('SRC-3, IDN-2, ID-1, ID-2, PRG-1, PTS-2, PTS-3, PTS-5: no command leaves a live customer Register could not have made: a profile per source account at most, normalised valid identifiers each held once, the org\'s programs and tiers, a tier never below its floor, a balance never negative and equal to its lots', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(runArb, (input) => {
        for (const graph of graphsOf(input, tally)) {
          for (const c of liveCustomersOf(graph)) expectRegistrable(graph, c, tally);
          expectUniqueAndIndexed(graph);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.get('PointsExpired'), tally.toString()).toBeGreaterThan(0);
  });
});
