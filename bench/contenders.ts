// One contender of the side-by-side benchmark (issue #5), in its own process so that its heap is clean:
//
//   node --expose-gc --max-old-space-size=12288 --max-semi-space-size=64 --import tsx \
//     bench/contenders.ts --contender floor|lean-floor|naive-immer|customer-graph [--sizes 10000,100000] [--out FILE]
//
// It builds the seeded population at each size (from scratch), measures every operation of OP_NAMES with
// the methodology of bench/harness.ts, and writes bench/results/<contender>.json. bench/compare.ts runs
// the three and writes the comparison. BENCH_SIZES narrows the sizes as --sizes does; BENCH_ROUNDS sets the
// number of timed rounds.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  defaultOrg,
  type PointsCommand,
  type RegisterCommand,
  type TransferPointsCommand,
  type UpdateSubscriptionsCommand,
} from '../src/index';
import {
  combineRegisterCommandOf,
  createRng,
  customerAt,
  DEFAULT_SEED,
  enrolledRegisterCommandOf,
  freshRegisterCommand,
  getWithEmbedsQueryOf,
  issuePointsCommandOf,
  lookupQueryOf,
  mergeIntoCommand,
  metaAt,
  narrowSearchOf,
  storedMobile,
  subscriptionCommandOf,
  transferCommandOf,
  updateCommandOf,
  v11QueryOf10,
} from './data';
import { batchFor, DEFAULT_SIZES, MAX_SIZE } from './contenders/config';
import { CustomerGraphContender } from './contenders/customer-graph';
import { FloorContender } from './contenders/floor';
import { LeanFloorContender } from './contenders/lean-floor/contender';
import { NaiveImmerContender } from './contenders/naive-immer';
import {
  isContenderName,
  OP_NAMES,
  type CombineItem,
  type Contender,
  type ContenderName,
  type GetItem,
  type LookupItem,
  type MergeItem,
  type OpName,
  type SearchItem,
  type UpdateItem,
  type V11Item,
} from './contenders/types';
import {
  DEFAULT_ROUNDS,
  distinctIndexes,
  fail,
  fmtRate,
  fmtUs,
  heapUsed,
  machineInfo,
  measure,
  parseSizes,
  requireGc,
  type MachineInfo,
  type OpResult,
} from './harness';

requireGc('bench/contenders.ts', 'run it with bench/compare.ts, or node --expose-gc --import tsx bench/contenders.ts');

// ---------------------------------------------------------------------------------------------------
// The results file (read by bench/compare.ts and the chart: keep this shape)

export interface ContenderOpResult {
  readonly usPerOp: number;
  readonly opsPerSec: number;
  readonly cpuUsPerOp: number;
  readonly rounds: readonly number[];
  /** When bench/compare.ts kept the best of several runs: every run's µs/op. */
  readonly repeats?: readonly number[];
}

export interface ContenderSizeResult {
  readonly customers: number;
  readonly loadSeconds: number;
  readonly heapBytesPerCustomer: number;
  readonly ops: Partial<Record<OpName, ContenderOpResult>>;
}

export interface ContenderResults {
  readonly contender: ContenderName;
  readonly machine: MachineInfo;
  readonly command: string;
  readonly sizes: readonly ContenderSizeResult[];
}

// ---------------------------------------------------------------------------------------------------
// Inputs: the same for every contender (a contender with a smaller batch takes a prefix of each round's)

const ROUNDS = DEFAULT_ROUNDS;

/** Indexes of customers created during measurements: far above any loaded population, and apart. */
const REGISTER_INDEX_BASE = 500_000_000;
const FRESH_INDEX_BASE = 700_000_000;

const org = defaultOrg();

function idOf(index: number): number {
  return org.firstCustomerId + index;
}

function* population(n: number): Generator<RegisterCommand> {
  for (let i = 0; i < n; i++) yield enrolledRegisterCommandOf(customerAt(i));
}

/** A round's rng for one operation: `round` 0 is the warm-up. */
function rngFor(op: OpName, round: number): ReturnType<typeof createRng> {
  return createRng(DEFAULT_SEED ^ ((OP_NAMES.indexOf(op) + 1) * 0x1000 + round));
}

function toResult(r: OpResult): ContenderOpResult {
  return { usPerOp: r.usPerOp, opsPerSec: r.opsPerSec, cpuUsPerOp: r.cpuUsPerOp, rounds: r.rounds };
}

function measureOp(c: Contender, op: OpName, n: number): OpResult {
  const batch = batchFor(c.name, op, n, ROUNDS);
  const after = (): void => c.afterRound(op);
  const opts = { rounds: ROUNDS, after };
  switch (op) {
    case 'register':
      return measure(
        batch,
        (round): RegisterCommand[] => {
          const from = REGISTER_INDEX_BASE + round * batch;
          const out: RegisterCommand[] = [];
          for (let i = 0; i < batch; i++) out.push(enrolledRegisterCommandOf(customerAt(from + i)));
          return out;
        },
        (commands) => c.register(commands),
        undefined,
        opts,
      );
    case 'registerCombine': {
      // Distinct customers over all rounds: the floor keeps its combines, and a second one in JD is 8066.
      const targets = distinctIndexes(rngFor(op, 0), n, batch * (ROUNDS + 1));
      return measure(
        batch,
        (round): CombineItem[] =>
          targets.slice(round * batch, (round + 1) * batch).map((i) => ({
            command: combineRegisterCommandOf(customerAt(i), metaAt(REGISTER_INDEX_BASE + i)),
            expected: idOf(i),
          })),
        (items) => c.registerCombine(items),
        undefined,
        opts,
      );
    }
    case 'changeIdentifierMerge': {
      // Distinct survivors over all rounds: after a merge the floor's survivor holds the mobile in FACEBOOK too.
      const targets = distinctIndexes(rngFor(op, 0), n, batch * (ROUNDS + 1));
      return measure(
        batch,
        (round): MergeItem[] => {
          const fresh: RegisterCommand[] = [];
          for (let k = 0; k < batch; k++) fresh.push(freshRegisterCommand(FRESH_INDEX_BASE + round * batch + k));
          const ids = c.stage(fresh);
          return targets.slice(round * batch, (round + 1) * batch).map((i, k) => {
            const id = ids[k];
            if (id === undefined) return fail('staging created too few customers');
            return { command: mergeIntoCommand(id, customerAt(i), metaAt(FRESH_INDEX_BASE + round * batch + k + 1)), survivor: idOf(i) };
          });
        },
        (items) => c.changeIdentifierMerge(items),
        undefined,
        opts,
      );
    }
    case 'update':
      return measure(
        batch,
        (round): UpdateItem[] => {
          const rng = rngFor(op, round);
          const out: UpdateItem[] = [];
          for (let k = 0; k < batch; k++) {
            const i = rng.int(n);
            out.push({ command: updateCommandOf(idOf(i), customerAt(i), round * batch + k, metaAt(REGISTER_INDEX_BASE + k)) });
          }
          return out;
        },
        (items) => c.update(items),
        undefined,
        opts,
      );
    case 'lookup':
      return measure(
        batch,
        (round): LookupItem[] => {
          const rng = rngFor(op, round);
          const out: LookupItem[] = [];
          for (let k = 0; k < batch; k++) {
            const i = rng.int(n);
            out.push({ query: lookupQueryOf(customerAt(i), k % 2 === 1), expected: idOf(i) });
          }
          return out;
        },
        (items) => c.lookup(items),
        undefined,
        opts,
      );
    case 'getWithEmbeds':
      return measure(
        batch,
        (round): GetItem[] => {
          const rng = rngFor(op, round);
          const out: GetItem[] = [];
          for (let k = 0; k < batch; k++) {
            const i = rng.int(n);
            out.push({ query: getWithEmbedsQueryOf(idOf(i)), expected: idOf(i) });
          }
          return out;
        },
        (items) => c.getWithEmbeds(items),
        undefined,
        opts,
      );
    case 'search':
      return measure(
        batch,
        (round): SearchItem[] => {
          const rng = rngFor(op, round);
          const out: SearchItem[] = [];
          for (let k = 0; k < batch; k++) {
            const i = rng.int(n);
            out.push({ query: narrowSearchOf(customerAt(i), k % 2 === 1), expected: idOf(i) });
          }
          return out;
        },
        (items) => c.search(items),
        undefined,
        opts,
      );
    case 'updateSubscriptions':
      return measure(
        batch,
        (round): UpdateSubscriptionsCommand[] => {
          const rng = rngFor(op, round);
          const out: UpdateSubscriptionsCommand[] = [];
          for (let k = 0; k < batch; k++) out.push(subscriptionCommandOf(idOf(rng.int(n)), round * batch + k, metaAt(REGISTER_INDEX_BASE + k)));
          return out;
        },
        (commands) => c.updateSubscriptions(commands),
        undefined,
        opts,
      );
    case 'issuePoints':
      return measure(
        batch,
        (round): PointsCommand[] => {
          const rng = rngFor(op, round);
          const out: PointsCommand[] = [];
          for (let k = 0; k < batch; k++) out.push(issuePointsCommandOf(idOf(rng.int(n)), 10 + rng.int(90), metaAt(REGISTER_INDEX_BASE + k)));
          return out;
        },
        (commands) => c.issuePoints(commands),
        undefined,
        opts,
      );
    case 'transferPoints':
      return measure(
        batch,
        (round): TransferPointsCommand[] => {
          const rng = rngFor(op, round);
          const out: TransferPointsCommand[] = [];
          for (let k = 0; k < batch; k++) {
            const [from, to] = distinctIndexes(rng, n, 2);
            out.push(transferCommandOf(idOf(from ?? 0), idOf(to ?? 1), 1, metaAt(REGISTER_INDEX_BASE + k)));
          }
          return out;
        },
        (commands) => c.transferPoints(commands),
        undefined,
        opts,
      );
    case 'v11BulkGet10':
      return measure(
        batch,
        (round): V11Item[] => {
          const rng = rngFor(op, round);
          const out: V11Item[] = [];
          for (let k = 0; k < batch; k++) {
            const indexes = distinctIndexes(rng, n, 10);
            const ids = indexes.map(idOf);
            out.push({ query: v11QueryOf10(ids), ids, mobiles: indexes.map(storedMobile) });
          }
          return out;
        },
        (items) => c.v11BulkGet10(items),
        undefined,
        opts,
      );
  }
}

// ---------------------------------------------------------------------------------------------------
// Run

function contenderOf(name: ContenderName): Contender {
  switch (name) {
    case 'floor':
      return new FloorContender(org);
    case 'lean-floor':
      return new LeanFloorContender(org);
    case 'naive-immer':
      return new NaiveImmerContender(org);
    case 'customer-graph':
      return new CustomerGraphContender(org);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: { contender: { type: 'string' }, sizes: { type: 'string' }, out: { type: 'string' }, ops: { type: 'string' } },
  });
  const name = values.contender ?? '';
  if (!isContenderName(name)) {
    console.error('usage: bench/contenders.ts --contender floor|lean-floor|naive-immer|customer-graph [--sizes 10000,100000] [--out FILE] [--ops register,lookup]');
    process.exit(2);
  }
  const sizes = parseSizes(values.sizes ?? process.env['BENCH_SIZES'], DEFAULT_SIZES[name]).filter((n) => {
    if (n > MAX_SIZE[name]) console.log(`[${name}] skipping ${n}: above this contender's largest size ${MAX_SIZE[name]}`);
    return n <= MAX_SIZE[name];
  });
  const only = values.ops === undefined ? undefined : new Set(values.ops.split(',').map((s) => s.trim()));
  const ops = OP_NAMES.filter((op) => only === undefined || only.has(op));
  const here = dirname(fileURLToPath(import.meta.url));
  const file = values.out ?? join(here, 'results', `${name}.json`);

  console.log(`contender ${name}: sizes ${sizes.join(', ')}, ${ROUNDS} rounds after a warm-up (median reported)`);
  const contender = contenderOf(name);
  const results: ContenderSizeResult[] = [];
  for (const n of sizes) {
    contender.reset();
    const emptyHeap = heapUsed();
    const t0 = performance.now();
    contender.build(population(n), n);
    const loadSeconds = (performance.now() - t0) / 1000;
    const heap = heapUsed();
    const heapBytesPerCustomer = (heap - emptyHeap) / n;
    console.log(
      `\n[${name} ${n}] built in ${loadSeconds.toFixed(1)} s (${fmtRate(n / loadSeconds)}); heap ${(heap / 2 ** 20).toFixed(0)} MiB, ${heapBytesPerCustomer.toFixed(0)} B/customer`,
    );
    const opResults: Partial<Record<OpName, ContenderOpResult>> = {};
    for (const op of ops) {
      const r = measureOp(contender, op, n);
      opResults[op] = toResult(r);
      console.log(
        `[${name} ${n}] ${op.padEnd(22)}${fmtRate(r.opsPerSec).padStart(10)}  ${fmtUs(r.usPerOp).padStart(10)}/op  cpu ${fmtUs(r.cpuUsPerOp).padStart(10)}/op  (${r.ops}/round)  load ${os.loadavg()[0]?.toFixed(1) ?? '?'}`,
      );
    }
    results.push({ customers: n, loadSeconds, heapBytesPerCustomer, ops: opResults });
  }
  contender.reset();

  const out: ContenderResults = {
    contender: name,
    machine: machineInfo(),
    command: [
      ...['BENCH_SIZES', 'BENCH_ROUNDS'].flatMap((v) => (process.env[v] === undefined ? [] : [`${v}=${process.env[v]}`])),
      'node',
      ...process.execArgv,
      'bench/contenders.ts',
      ...process.argv.slice(2),
    ].join(' '),
    sizes: results,
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

main();
