// Scaling benchmark: register, lookup, changeIdentifier with merge, and search at 10k, 100k and 1M
// customers. Run with `npm run bench:scaling` (part of `npm run bench`); sizes can be narrowed with BENCH_SIZES=10000,100000.
// Results: a table on stdout and bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultOrg,
  emptyGraph,
  execute,
  getCustomer,
  lookup,
  search,
  type ChangeIdentifierCommand,
  type CustomerGraph,
  type LookupQuery,
  type RegisterCommand,
  type SearchQuery,
} from '../src/index';
import {
  createRng,
  customerAt,
  DEFAULT_SEED,
  FIRST_NAMES,
  freshRegisterCommand,
  lookupQueryOf,
  mergeIntoCommand,
  metaAt,
  narrowSearchOf,
  registerCommandOf,
  type GeneratedCustomer,
} from './data';
import {
  cpuModel,
  DEFAULT_ROUNDS,
  distinctIndexes,
  fail,
  fmtRate,
  fmtUs,
  fullGc,
  heapUsed,
  measure,
  nproc,
  parseSizes,
  requireGc,
  type OpResult,
} from './harness';
import { probeMemory, type MemoryProbe } from './memory-probe';

// ---------------------------------------------------------------------------------------------------
// Configuration

const SIZES: readonly number[] = parseSizes(process.env['BENCH_SIZES'], '10000,100000,1000000');

/** Timed rounds per operation (after one untimed warm-up round); the median round is reported. */
const ROUNDS = DEFAULT_ROUNDS;

/** Operations per round. */
const BATCH = {
  register: 5_000,
  lookup: 20_000,
  changeIdentifier: 2_000,
  search: 5_000,
  broadSearch: 20,
} as const;

/** Heap sizes (MiB) of the memory probe: about the heap of the graph at 10k, 100k and 1M customers. */
const PROBE_MIB: readonly number[] =
  process.env['BENCH_PROBE'] === '0' ? [] : [16, 64, 512, 4096];

/** Indexes used for customers created during measurements: far above any loaded population. */
const REGISTER_INDEX_BASE = 500_000_000;
const FRESH_INDEX_BASE = 700_000_000;

const TARGETS = {
  /** The cost per op at the largest size may be at most this multiple of its cost at the smallest. */
  maxCostRatio: 1.5,
  registerPerSec: 20_000,
  lookupPerSec: 500_000,
  narrowSearchMs: 1,
} as const;

requireGc('bench/scaling.ts', 'run it with `npm run bench:scaling`');

// ---------------------------------------------------------------------------------------------------
// The operations

const org = defaultOrg();
const FIRST_ID = org.firstCustomerId;

/** The id a generated customer gets when the population is loaded in index order from the empty graph. */
function idOf(index: number): number {
  return FIRST_ID + index;
}

function load(graph: CustomerGraph, from: number, to: number): CustomerGraph {
  let g = graph;
  for (let i = from; i < to; i++) {
    const r = execute(g, registerCommandOf(customerAt(i)));
    if (r.isErr()) fail(`loading customer ${i}: ${r.error.code} ${r.error.message}`);
    if (r.value.response.createdId !== idOf(i)) fail(`customer ${i} got id ${r.value.response.createdId}`);
    g = r.value.graph;
  }
  return g;
}

function benchRegister(base: CustomerGraph): OpResult {
  return measure(
    BATCH.register,
    (round): RegisterCommand[] => {
      const from = REGISTER_INDEX_BASE + round * BATCH.register;
      const out: RegisterCommand[] = [];
      for (let i = 0; i < BATCH.register; i++) out.push(registerCommandOf(customerAt(from + i)));
      return out;
    },
    (commands) => {
      let g = base;
      let created = 0;
      for (const command of commands) {
        const r = execute(g, command);
        if (r.isErr()) fail(`register: ${r.error.code}`);
        if (r.value.events[0]?.kind === 'CustomerRegistered') created++;
        g = r.value.graph;
      }
      return created;
    },
    'new customers, generated like the population, folded one after another into the graph',
    // A read of the base makes it the newest version of its store again, untimed: otherwise the next
    // round's first register would pay for undoing this whole round, which no caller carrying on from
    // the graph it was given ever pays.
    { after: () => void getCustomer(base, { customerId: FIRST_ID, source: 'ALL' }) },
  );
}

function benchLookup(base: CustomerGraph, n: number): OpResult {
  return measure(
    BATCH.lookup,
    (round): { queries: LookupQuery[]; expected: number[] } => {
      const rng = createRng(DEFAULT_SEED ^ (0x100 + round));
      const queries: LookupQuery[] = [];
      const expected: number[] = [];
      for (let k = 0; k < BATCH.lookup; k++) {
        const i = rng.int(n);
        queries.push(lookupQueryOf(customerAt(i), k % 2 === 1));
        expected.push(idOf(i));
      }
      return { queries, expected };
    },
    ({ queries, expected }) => {
      let found = 0;
      for (let k = 0; k < queries.length; k++) {
        const r = lookup(base, queries[k] as LookupQuery);
        if (r.isOk() && r.value.entity === expected[k]) found++;
      }
      return found;
    },
    'random existing customers in their own source account, half by mobile, half by email',
  );
}

function benchChangeIdentifier(base: CustomerGraph, n: number): OpResult {
  return measure(
    BATCH.changeIdentifier,
    (round): { graph: CustomerGraph; commands: ChangeIdentifierCommand[] } => {
      // Untimed set-up: fresh customers in FACEBOOK/fb-main, each to be merged into a distinct
      // existing customer by adding that customer's mobile.
      let g = base;
      const rng = createRng(DEFAULT_SEED ^ (0x200 + round));
      const targets: GeneratedCustomer[] = distinctIndexes(rng, n, BATCH.changeIdentifier).map((i) => customerAt(i));
      const commands: ChangeIdentifierCommand[] = [];
      for (let k = 0; k < targets.length; k++) {
        const index = FRESH_INDEX_BASE + k;
        const r = execute(g, freshRegisterCommand(index));
        if (r.isErr()) fail(`fresh register: ${r.error.code}`);
        g = r.value.graph;
        commands.push(mergeIntoCommand(r.value.response.createdId, targets[k] as GeneratedCustomer, metaAt(index + 1)));
      }
      return { graph: g, commands };
    },
    ({ graph, commands }) => {
      let g = graph;
      let merged = 0;
      for (const command of commands) {
        const r = execute(g, command);
        if (r.isErr()) fail(`changeIdentifier: ${r.error.code} ${r.error.message}`);
        if (r.value.events.some((e) => e.kind === 'CustomersMerged')) merged++;
        g = r.value.graph;
      }
      return merged;
    },
    'a fresh FACEBOOK customer adds an existing customer\'s mobile and merges into it (each op merges)',
  );
}

interface SearchResult extends OpResult {
  readonly meanMs: number;
  readonly meanTotal: number;
  readonly maxTotal: number;
}

function benchSearch(base: CustomerGraph, n: number): SearchResult {
  let totals = 0;
  let count = 0;
  let maxTotal = 0;
  const result = measure(
    BATCH.search,
    (round): SearchQuery[] => {
      const rng = createRng(DEFAULT_SEED ^ (0x300 + round));
      const queries: SearchQuery[] = [];
      for (let k = 0; k < BATCH.search; k++) queries.push(narrowSearchOf(customerAt(rng.int(n)), k % 2 === 1));
      return queries;
    },
    (queries) => {
      let answered = 0;
      for (const q of queries) {
        const r = search(base, q);
        if (r.isErr()) fail(`search: ${r.error.code}`);
        const total = r.value.pagination.total;
        if (total >= 1 && total <= 10 && r.value.data.length === total) answered++;
        totals += total;
        count++;
        if (total > maxTotal) maxTotal = total;
      }
      return answered;
    },
    'a full stored mobile or a unique email local part as the prefix; at most 10 customers match (limit 10)',
  );
  return { ...result, meanMs: 1000 / result.opsPerSec, meanTotal: totals / count, maxTotal };
}

function benchBroadSearch(base: CustomerGraph): SearchResult {
  let totals = 0;
  let count = 0;
  let maxTotal = 0;
  const result = measure(
    BATCH.broadSearch,
    (round): SearchQuery[] => {
      const out: SearchQuery[] = [];
      for (let k = 0; k < BATCH.broadSearch; k++) {
        const name = FIRST_NAMES[(round * BATCH.broadSearch + k) % FIRST_NAMES.length] ?? 'Priya';
        out.push({ q: name, limit: 10 });
      }
      return out;
    },
    (queries) => {
      let answered = 0;
      for (const q of queries) {
        const r = search(base, q);
        if (r.isErr()) fail(`search: ${r.error.code}`);
        if (r.value.data.length > 0) answered++;
        totals += r.value.pagination.total;
        count++;
        maxTotal = Math.max(maxTotal, r.value.pagination.total);
      }
      return answered;
    },
    'a first name from the generator\'s list (limit 10): total counts every match, so the whole range is scanned',
  );
  return { ...result, meanMs: 1000 / result.opsPerSec, meanTotal: totals / count, maxTotal };
}

// ---------------------------------------------------------------------------------------------------
// Run

interface SizeResult {
  readonly customers: number;
  readonly load: { readonly customers: number; readonly seconds: number; readonly perSec: number };
  readonly heapUsedBytes: number;
  readonly heapBytesPerCustomer: number;
  readonly register: OpResult;
  readonly lookup: OpResult;
  readonly changeIdentifier: OpResult;
  readonly search: SearchResult;
  readonly broadSearch: SearchResult;
}





function pad(s: string, n: number): string {
  return s.padStart(n);
}

function progress(n: number, name: string, r: OpResult, extra?: string): void {
  console.log(
    `[${n}] ${name.padEnd(17)}${fmtRate(r.opsPerSec).padStart(10)}  ${fmtUs(r.usPerOp).padStart(10)}/op  cpu ${fmtUs(r.cpuUsPerOp).padStart(10)}/op  load ${os.loadavg()[0]?.toFixed(1) ?? '?'}${extra === undefined ? '' : `  ${extra}`}`,
  );
}

function printTable(results: readonly SizeResult[]): void {
  const cols = results.map((r) => r.customers.toLocaleString('en-US'));
  const w = 24;
  const row = (label: string, cells: readonly string[]): void =>
    console.log(`${label.padEnd(34)}${cells.map((c) => pad(c, w)).join('')}`);
  console.log();
  row('customers', cols);
  row('load (register fold)', results.map((r) => fmtRate(r.load.perSec)));
  row('heap bytes / customer', results.map((r) => r.heapBytesPerCustomer.toFixed(0)));
  for (const op of ['register', 'lookup', 'changeIdentifier'] as const) {
    row(`${op} ops/s (µs/op)`, results.map((r) => `${fmtRate(r[op].opsPerSec)} (${fmtUs(r[op].usPerOp)})`));
  }
  row('search ≤10 hits ops/s (mean)', results.map((r) => `${fmtRate(r.search.opsPerSec)} (${fmtUs(r.search.usPerOp)})`));
  row('broad name search (mean, hits)', results.map((r) => `${fmtUs(r.broadSearch.usPerOp)} (${Math.round(r.broadSearch.meanTotal)})`));
  for (const op of ['register', 'lookup', 'changeIdentifier', 'search'] as const) {
    row(`${op} CPU µs/op`, results.map((r) => fmtUs(r[op].cpuUsPerOp)));
  }
  console.log();
}

interface Verdict {
  readonly target: string;
  readonly value: string;
  readonly met: boolean;
}

function verdicts(results: readonly SizeResult[]): Verdict[] {
  const small = results[0];
  const large = results[results.length - 1];
  if (small === undefined || large === undefined) return [];
  const out: Verdict[] = [];
  for (const op of ['register', 'lookup', 'changeIdentifier', 'search'] as const) {
    const ratio = large[op].usPerOp / small[op].usPerOp;
    out.push({
      target: `${op}: cost per op at ${large.customers} ≤ ${TARGETS.maxCostRatio}× cost at ${small.customers}`,
      value: `${ratio.toFixed(2)}×`,
      met: ratio <= TARGETS.maxCostRatio,
    });
  }
  out.push({
    target: `register at ${large.customers} ≥ ${TARGETS.registerPerSec}/s`,
    value: fmtRate(large.register.opsPerSec),
    met: large.register.opsPerSec >= TARGETS.registerPerSec,
  });
  out.push({
    target: `lookup at ${large.customers} ≥ ${TARGETS.lookupPerSec}/s`,
    value: fmtRate(large.lookup.opsPerSec),
    met: large.lookup.opsPerSec >= TARGETS.lookupPerSec,
  });
  out.push({
    target: `search (≤ 10 results) at ${large.customers} < ${TARGETS.narrowSearchMs} ms`,
    value: `${large.search.meanMs.toFixed(4)} ms (max hits ${large.search.maxTotal})`,
    met: large.search.meanMs < TARGETS.narrowSearchMs && large.search.maxTotal <= 10,
  });
  return out;
}

function main(): void {
  const started = new Date();
  console.log(`customer-graph scaling benchmark: sizes ${SIZES.join(', ')}, ${ROUNDS} rounds (median reported)`);
  console.log(`node ${process.version}, ${nproc()} cpus, ${cpuModel()}`);

  const probes: MemoryProbe[] = [];
  for (const mib of PROBE_MIB) {
    const p = probeMemory(mib);
    probes.push(p);
    console.log(`memory probe: ${String(mib).padStart(5)} MiB of objects, dependent random read ${p.wallNs.toFixed(0)} ns (cpu ${p.cpuNs.toFixed(0)} ns)`);
    fullGc();
  }

  let graph = emptyGraph(org)._unsafeUnwrap();
  const emptyHeap = heapUsed();
  let loaded = 0;
  const results: SizeResult[] = [];
  for (const n of SIZES) {
    const t0 = performance.now();
    graph = load(graph, loaded, n);
    const seconds = (performance.now() - t0) / 1000;
    const segment = n - loaded;
    loaded = n;
    const heap = heapUsed();
    console.log(
      `\n[${n}] loaded ${segment} customers in ${seconds.toFixed(1)} s (${fmtRate(segment / seconds)}); heap ${(heap / 2 ** 20).toFixed(0)} MiB, ${((heap - emptyHeap) / n).toFixed(0)} B/customer`,
    );
    const register = benchRegister(graph);
    progress(n, 'register', register);
    const lookupResult = benchLookup(graph, n);
    progress(n, 'lookup', lookupResult);
    const changeIdentifier = benchChangeIdentifier(graph, n);
    progress(n, 'changeIdentifier', changeIdentifier);
    const searchResult = benchSearch(graph, n);
    progress(n, 'search', searchResult, `max ${searchResult.maxTotal} hits`);
    const broad = benchBroadSearch(graph);
    progress(n, 'broad search', broad, `${Math.round(broad.meanTotal)} customers matched on average`);
    results.push({
      customers: n,
      load: { customers: segment, seconds, perSec: segment / seconds },
      heapUsedBytes: heap,
      heapBytesPerCustomer: (heap - emptyHeap) / n,
      register,
      lookup: lookupResult,
      changeIdentifier,
      search: searchResult,
      broadSearch: broad,
    });
  }

  printTable(results);
  const checks = verdicts(results);
  for (const v of checks) console.log(`${v.met ? 'MET   ' : 'MISSED'} ${v.target}: ${v.value}`);

  const out = {
    benchmark: 'customer-graph scaling',
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    command: 'npm run bench:scaling',
    nodeArgs: process.execArgv,
    machine: {
      nproc: nproc(),
      cpuModel: cpuModel(),
      node: process.version,
      v8: process.versions.v8,
      totalMemoryBytes: os.totalmem(),
      loadAverageAtEnd: os.loadavg(),
    },
    config: { seed: DEFAULT_SEED, sizes: SIZES, rounds: ROUNDS, batch: BATCH, targets: TARGETS },
    memoryProbe: probes,
    results,
    verdicts: checks,
  };
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const file = process.env['BENCH_OUT'] ?? join(dir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

main();
