// What moving the clock costs (CLK-2): an advance against the number of items due and the number of
// customers. Each population (10k, 100k, 1M by default; BENCH_SIZES narrows it) is loaded once, every
// customer a member of 1016 holding points that expire far in the future, so that the due index holds one
// item per customer that is not due; then D members get a lot that expires at DUE_AT. The timed operation
// is `execute(graph, advanceClock to just after DUE_AT)` on that graph (a value: every repetition starts from
// the same graph). Sizes and due counts are interleaved round by round, so that the host's noise falls on
// all of them alike; the report is the median per advance, and its ratio to the smallest population.
// Run: npm run bench:clock
import { executeAll, defaultOrg, emptyGraph, execute, type Command, type CustomerGraph } from '../src/index';
import { customerAt, registerCommandOf } from './data';
import { fail, fullGc, median, parseSizes, requireGc } from './harness';

const SIZES = parseSizes(process.env['BENCH_SIZES'], '10000,100000,1000000');
// Zero is a count here (an advance with nothing due), which parseSizes would drop.
const DUE_COUNTS = (process.env['BENCH_DUE'] ?? '0,10,100,1000').split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n >= 0);
const ROUNDS = Number(process.env['ROUNDS'] ?? 7);
const FAR = '2100-01-01T00:00:00Z';
const DUE_AT = '2030-01-01T00:00:00Z';
const AFTER = '2030-01-01T00:00:01Z';
const META = { at: '2024-01-01T00:00:00Z', till: 'demo.till' };

requireGc('bench/clock.ts', 'run it with `npm run bench:clock`');

function load(n: number): CustomerGraph {
  const graph = emptyGraph(defaultOrg())._unsafeUnwrap();
  function* commands(): Generator<Command> {
    for (let i = 0; i < n; i++) {
      const r = registerCommandOf(customerAt(i));
      yield { ...r, body: { ...r.body, loyaltyInfo: { loyaltyType: 'loyalty' }, loyaltyProgramEnrollments: [{ programId: 1016, loyaltyPoints: 100, pointsExpiryDate: FAR }] } };
    }
  }
  const done = executeAll(graph, commands());
  if (done.isErr()) fail(done.error.message);
  const refused = done.value.outcomes.filter((o) => o.isErr()).length;
  if (refused > n / 100) fail(`${refused} of ${n} registrations refused`);
  return done.value.graph;
}

/** The population with `d` members holding a lot due at DUE_AT. */
function withDue(base: CustomerGraph, d: number): CustomerGraph {
  const first = base.org.firstCustomerId;
  const issues: Command[] = [];
  for (let k = 0; k < d; k++) issues.push({ kind: 'issuePoints', customerId: first + k * 7, programId: 1016, points: 10, expiresOn: DUE_AT, meta: META });
  const done = executeAll(base, issues);
  if (done.isErr() || done.value.outcomes.some((o) => o.isErr())) fail('issuing the due lots');
  return done.value.graph;
}

function timeAdvance(graph: CustomerGraph, d: number, reps: number): number {
  const t = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = execute(graph, { kind: 'advanceClock', set: true, meta: { at: AFTER, till: 'demo.till' } });
    if (r.isErr() || r.value.response.pointsExpired.length !== d) fail(`advance: ${r.isErr() ? r.error.message : r.value.response.pointsExpired.length}`);
  }
  return ((performance.now() - t) / reps) * 1000;
}

const graphs = new Map<string, CustomerGraph>();
for (const n of SIZES) {
  const t = performance.now();
  const base = load(n);
  for (const d of DUE_COUNTS) graphs.set(`${n}/${d}`, withDue(base, d));
  console.log(`loaded ${n} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const samples = new Map<string, number[]>();
for (let round = -1; round < ROUNDS; round++) {
  for (const d of DUE_COUNTS) {
    for (const n of SIZES) {
      const key = `${n}/${d}`;
      const graph = graphs.get(key) as CustomerGraph;
      fullGc();
      const us = timeAdvance(graph, d, Math.max(3, Math.floor(2000 / Math.max(d, 1))));
      if (round >= 0) samples.set(key, [...(samples.get(key) ?? []), us]);
    }
  }
}

console.log(`\nadvanceClock, median µs per advance over ${ROUNDS} interleaved rounds (ratio to ${SIZES[0]} customers)`);
console.log(['due items', ...SIZES.map((n) => `${n} customers`), 'µs per due item (largest)'].join(' | '));
for (const d of DUE_COUNTS) {
  const base = median(samples.get(`${SIZES[0]}/${d}`) ?? []);
  const cells = SIZES.map((n) => {
    const m = median(samples.get(`${n}/${d}`) ?? []);
    return `${m.toFixed(1)} (${(m / base).toFixed(2)}×)`;
  });
  const largest = median(samples.get(`${SIZES.at(-1)}/${d}`) ?? []);
  console.log([String(d), ...cells, d === 0 ? '-' : (largest / d).toFixed(2)].join(' | '));
}
