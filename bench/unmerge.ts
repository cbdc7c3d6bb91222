// What undoing a merge costs (MRG-11..MRG-15), against the number of customers and against what the pair
// holds, beside the merge it undoes. Each population (10k, 100k, 1M by default; BENCH_SIZES narrows it) is
// loaded once as in bench/clock.ts: every customer a member of 1016 holding points that expire far in the
// future, so the due index holds one item per customer. Then, for each case, a fresh survivor S and victim
// X (FRESH_SOURCE, 1016 members) are registered beside the population with what the case gives them:
//   pair          nothing more: (a), one unmerge right after the merge, against the customers held;
//   lots K        X holds K lots (distinct expiries), and one issue to S after the merge, so the ledger
//                 changed and is really split (takeLots), not just given back from the copies;
//   coupons K     X holds K coupons, right after the merge;
//   victims V     S already holds V-1 victims and X is the V-th, right after the merge; V stops at 49,
//                 because a 50th single-mobile victim gives S 51 identifiers, past the default org's 50 (9041).
// Two operations are timed per case, each on a graph value built outside the timed region, so that every
// repetition starts from the same graph: `merge S <- X` on the graph before it, and `unmerge X` on the
// graph after it (and after the case's later commands). Cases, sizes and the two operations are
// interleaved round by round (the order of sizes and of merge and unmerge alternates), so the host's noise
// falls on all of them alike; the report is the median per operation, its ratio to the smallest population, to the
// case's smallest holding, and unmerge/merge.
// Run: npm run bench:unmerge   (ROUNDS=5 by default; BENCH_SIZES=10000,100000 to skip the million)
import { customerCoupons, defaultOrg, emptyGraph, execute, executeAll, loyaltyDetails, type Command, type CustomerGraph } from '../src/index';
import { customerAt, freshRegisterCommand, registerCommandOf } from './data';
import { collect, fail, fullGc, median, parseSizes, requireGc } from './harness';

const SIZES = parseSizes(process.env['BENCH_SIZES'], '10000,100000,1000000');
const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
const HOLDINGS = parseSizes(process.env['BENCH_HOLD'], '1,10,100');
const VICTIMS = parseSizes(process.env['BENCH_VICTIMS'], '1,10,49');
/** Wall-clock time one timed sample aims at, from the warm-up's cost per operation. */
const SAMPLE_MS = Number(process.env['SAMPLE_MS'] ?? 40);
/** Untimed repetitions of each case's operations before it is calibrated. */
const WARM_MS = Number(process.env['WARM_MS'] ?? 1000);
const FAR = '2100-01-01T00:00:00Z';
const META = { at: '2025-01-01T00:00:00Z', till: 'demo.till' };
/** Indexes of the fresh customers: past any population, so their mobiles never collide with one (data.ts). */
const FRESH_FROM = 2_000_000;
const ENROLLED = [{ programId: 1016, loyaltyPoints: 100, pointsExpiryDate: FAR }];

requireGc('bench/unmerge.ts', 'run it with `npm run bench:unmerge`');

// The population of bench/clock.ts (its load is not importable: that file is a script).
function load(n: number): CustomerGraph {
  const graph = emptyGraph(defaultOrg())._unsafeUnwrap();
  function* commands(): Generator<Command> {
    for (let i = 0; i < n; i++) {
      const r = registerCommandOf(customerAt(i));
      yield { ...r, body: { ...r.body, loyaltyInfo: { loyaltyType: 'loyalty' }, loyaltyProgramEnrollments: ENROLLED } };
    }
  }
  const done = executeAll(graph, commands());
  if (done.isErr()) fail(done.error.message);
  const refused = done.value.outcomes.filter((o) => o.isErr()).length;
  if (refused > n / 100) fail(`${refused} of ${n} registrations refused`);
  return done.value.graph;
}

/** Runs commands that must all be accepted; gives the graph and the ids the registrations created. */
function run(graph: CustomerGraph, commands: readonly Command[], what: string): { graph: CustomerGraph; created: number[] } {
  const done = executeAll(graph, commands);
  if (done.isErr()) fail(`${what}: ${done.error.message}`);
  const created: number[] = [];
  for (const o of done.value.outcomes) {
    if (o.isErr()) fail(`${what}: ${o.error.message}`);
    const r = o.value.response as { createdId?: number };
    if (r.createdId !== undefined) created.push(r.createdId);
  }
  return { graph: done.value.graph, created };
}

interface Case {
  readonly family: 'pair' | 'lots' | 'coupons' | 'victims';
  readonly holding: number;
}

interface Built {
  /** The graph the merge is timed on. */
  readonly before: CustomerGraph;
  readonly merge: Command;
  /** The graph the unmerge is timed on: after the merge and the case's later commands. */
  readonly merged: CustomerGraph;
  readonly unmerge: Command;
  readonly victimId: number;
}

const CASES: readonly Case[] = [
  { family: 'pair', holding: 1 },
  ...HOLDINGS.map((holding): Case => ({ family: 'lots', holding })),
  ...HOLDINGS.map((holding): Case => ({ family: 'coupons', holding })),
  ...VICTIMS.map((holding): Case => ({ family: 'victims', holding })),
];

const caseKey = (c: Case): string => (c.family === 'pair' ? 'pair' : `${c.family} ${c.holding}`);

function fresh(index: number): Command {
  const r = freshRegisterCommand(index, META);
  return { ...r, body: { ...r.body, loyaltyProgramEnrollments: ENROLLED } };
}

/** One expiry per lot: distinct, so that no two of the victim's lots fold into one. */
const expiry = (k: number): string => new Date(Date.UTC(2031, 0, 1) + k * 86_400_000).toISOString();

function build(base: CustomerGraph, c: Case): Built {
  // The same fresh indexes for every case and size: each case is built on the population alone.
  const others = c.family === 'victims' ? c.holding - 1 : 0;
  const registered = run(base, Array.from({ length: 2 + others }, (_, k) => fresh(FRESH_FROM + k)), 'registering the pair');
  const [s, x, ...earlier] = registered.created;
  if (s === undefined || x === undefined || earlier.length !== others) fail('the pair was not created');
  const holdings: Command[] = earlier.map((v): Command => ({ kind: 'merge', survivorId: s, victimId: v, meta: META }));
  if (c.family === 'lots') {
    // The enrollment is the first lot.
    for (let k = 1; k < c.holding; k++) holdings.push({ kind: 'issuePoints', customerId: x, programId: 1016, points: 10, expiresOn: expiry(k), meta: META });
  }
  if (c.family === 'coupons') {
    for (let k = 0; k < c.holding; k++) holdings.push({ kind: 'issueCoupon', customerId: x, series: { description: `offer ${k}`, validTill: FAR }, meta: META });
  }
  const before = run(registered.graph, holdings, `the ${caseKey(c)} holdings`).graph;
  const merge: Command = { kind: 'merge', survivorId: s, victimId: x, meta: META };
  const later: Command[] = c.family === 'lots' ? [{ kind: 'issuePoints', customerId: s, programId: 1016, points: 10, expiresOn: FAR, meta: META }] : [];
  const merged = run(before, [merge, ...later], `merging ${caseKey(c)}`).graph;
  const b: Built = { before, merge, merged, unmerge: { kind: 'unmerge', victimId: x, reason: 'bench', meta: META }, victimId: x };
  checkUndone(b, c);
  return b;
}

// Once per case, outside the timed region: the unmerge timed really gives the victim back what it brought.
function checkUndone(b: Built, c: Case): void {
  const r = execute(b.merged, b.unmerge);
  if (r.isErr()) fail(`unmerge ${caseKey(c)}: ${r.error.message}`);
  const points = loyaltyDetails(r.value.graph, { customerId: b.victimId, programId: 1016 }).map((d) => d.data[0]?.loyaltyPoints);
  const coupons = customerCoupons(r.value.graph, b.victimId).map((d) => d.data.length);
  const wantPoints = 100 + (c.family === 'lots' ? 10 * (c.holding - 1) : 0);
  const wantCoupons = c.family === 'coupons' ? c.holding : 0;
  if (points.unwrapOr(-1) !== wantPoints || coupons.unwrapOr(-1) !== wantCoupons) {
    fail(`unmerge ${caseKey(c)} gave the victim ${points.unwrapOr(-1)} points and ${coupons.unwrapOr(-1)} coupons, not ${wantPoints} and ${wantCoupons}`);
  }
}

interface Sample {
  /** Wall-clock µs per operation. */
  readonly wall: number;
  /** Process CPU µs per operation (user + system): less sensitive than wall clock to other work on the host. */
  readonly cpu: number;
}

/** `reps` executions of `cmd` on the same graph value, each checked. */
function time(graph: CustomerGraph, cmd: Command, reps: number, victimId: number): Sample {
  const c0 = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = execute(graph, cmd);
    if (r.isErr()) fail(`${cmd.kind}: ${r.error.message}`);
    if ((r.value.response as { victimId?: number }).victimId !== victimId) fail(`${cmd.kind} answered for another victim`);
  }
  const wall = performance.now() - t;
  const c = process.cpuUsage(c0);
  return { wall: (wall / reps) * 1000, cpu: (c.user + c.system) / reps };
}

/**
 * How many repetitions make one sample of about SAMPLE_MS, the same for every size of the case: on the
 * smallest population, after WARM_MS of repetitions (V8 needs thousands of executions before its optimised
 * code settles), from the fastest of short runs over 200 ms.
 */
function calibrate(graph: CustomerGraph, cmd: Command, victimId: number): number {
  for (const t = performance.now(); performance.now() - t < WARM_MS; ) time(graph, cmd, 5, victimId);
  let best = Infinity;
  for (const t = performance.now(); performance.now() - t < 200; ) best = Math.min(best, time(graph, cmd, 5, victimId).cpu);
  return Math.min(5000, Math.max(5, Math.ceil((SAMPLE_MS * 1000) / best)));
}

const built = new Map<string, Built>();
for (const n of SIZES) {
  const t = performance.now();
  const base = load(n);
  const loaded = performance.now();
  for (const c of CASES) built.set(`${n}/${caseKey(c)}`, build(base, c));
  console.log(`loaded ${n} customers in ${((loaded - t) / 1000).toFixed(1)} s, built the ${CASES.length} cases in ${((performance.now() - loaded) / 1000).toFixed(1)} s`);
}
fullGc();
console.log(`heap in use ${(process.memoryUsage().heapUsed / 2 ** 30).toFixed(2)} GiB`);

type Op = 'merge' | 'unmerge';
const OPS: readonly Op[] = ['merge', 'unmerge'];
const reps = new Map<string, number>();
for (const c of CASES) {
  const b = built.get(`${SIZES[0]}/${caseKey(c)}`) as Built;
  reps.set(`${caseKey(c)}/merge`, calibrate(b.before, b.merge, b.victimId));
  reps.set(`${caseKey(c)}/unmerge`, calibrate(b.merged, b.unmerge, b.victimId));
}
console.log('warmed up and calibrated');

// Round -1 is an untimed pass over every size.
const samples = new Map<string, Sample[]>();
for (let round = -1; round < ROUNDS; round++) {
  for (const c of CASES) {
    // One full collection per case and round, and its concurrent sweeping waited out (harness.ts): with
    // every population alive, a collection costs seconds, and sweeping left running would be timed.
    collect();
    for (const n of round % 2 === 0 ? [...SIZES].reverse() : SIZES) {
      const b = built.get(`${n}/${caseKey(c)}`) as Built;
      for (const op of round % 2 === 0 ? [...OPS].reverse() : OPS) {
        const key = `${caseKey(c)}/${op}`;
        const sample = op === 'merge' ? time(b.before, b.merge, reps.get(key) ?? 5, b.victimId) : time(b.merged, b.unmerge, reps.get(key) ?? 5, b.victimId);
        if (round >= 0) samples.set(`${n}/${key}`, [...(samples.get(`${n}/${key}`) ?? []), sample]);
      }
    }
  }
  if (round >= 0) console.log(`round ${round + 1} of ${ROUNDS} done`);
}

const fmt = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
const first = SIZES[0] as number;
const smallest = (c: Case): Case => CASES.find((d) => d.family === c.family) as Case;

function report(metric: keyof Sample): void {
  const med = (n: number, c: Case, op: Op): number => median((samples.get(`${n}/${caseKey(c)}/${op}`) ?? []).map((s) => s[metric]));
  console.log(`\n${metric === 'wall' ? 'wall clock' : 'process CPU'}: median per operation over ${ROUNDS} interleaved rounds; (×) is the ratio to ${first} customers`);
  console.log(['case', ...SIZES.map((n) => `unmerge at ${n}`), ...SIZES.map((n) => `merge at ${n}`), ...SIZES.map((n) => `unmerge/merge at ${n}`)].join(' | '));
  for (const c of CASES) {
    const u = SIZES.map((n) => `${fmt(med(n, c, 'unmerge'))} (${(med(n, c, 'unmerge') / med(first, c, 'unmerge')).toFixed(2)}×)`);
    const m = SIZES.map((n) => `${fmt(med(n, c, 'merge'))} (${(med(n, c, 'merge') / med(first, c, 'merge')).toFixed(2)}×)`);
    const r = SIZES.map((n) => (med(n, c, 'unmerge') / med(n, c, 'merge')).toFixed(2));
    console.log([caseKey(c), ...u, ...m, ...r].join(' | '));
  }
  console.log(`${metric}: unmerge against the holding, ratio to the family's smallest holding at each size [reps per sample]`);
  console.log(['case', ...SIZES.map((n) => `${n} customers`)].join(' | '));
  for (const c of CASES) {
    if (c.family === 'pair') continue;
    const cells = SIZES.map((n) => `${(med(n, c, 'unmerge') / med(n, smallest(c), 'unmerge')).toFixed(2)}×`);
    console.log([`${caseKey(c)} [${reps.get(`${caseKey(c)}/unmerge`)}]`, ...cells].join(' | '));
  }
}

report('wall');
report('cpu');
