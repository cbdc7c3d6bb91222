// Every target of issue 11 ("Truly persistent and fast"), measured in one run: `npm run bench`.
//
//   node --import tsx bench/targets.ts [--sizes 100000,1000000] [--repeat 2] [--skip emulator,startup,load] [--report-only]
//
// Each part runs in a child process of its own (a clean heap), one after another, never two at once:
//   contenders   the lean mutable floor, customer-graph and the rerooted store (the library before the
//                persistent graph, bench/trees.ts) at each size, `--repeat` times, the order rotating
//                each run so that a slow spell of the shared host does not always land on one of them;
//   persistence  two branches alternately, reads on a kept base, the first read of an old snapshot,
//                against the straight line (bench/persistence.ts), for this tree and the rerooted one;
//   load         1M customers from a file, the log replayed, 1,000 retained snapshots (bench/load.ts);
//   startup      cold start of the CLI and createEmulator (bench/startup.ts, after `npm run build`);
//   emulator     bare fastify, in-memory and durable servers under load (bench/emulator-load.ts).
// Results go to bench/results/targets/; the verdicts to bench/results/targets.{json,md}
// (bench/targets-report.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeReport, type TargetRun } from './targets-report';
import { rerootedTree } from './trees';

const HEAVY = ['--expose-gc', '--max-old-space-size=12288', '--max-semi-space-size=64', '--import', 'tsx'] as const;
const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const outDir = join(here, 'results', 'targets');

const PARTS = ['contenders', 'persistence', 'load', 'startup', 'emulator'] as const;
type Part = (typeof PARTS)[number];

/** Rounds of each persistence pattern: 10,000 for the targets; the rerooted store pays its distances, so fewer. */
const PERSISTENCE_ROUNDS = 10_000;
const REROOTED_PERSISTENCE_ROUNDS = 1_000;

function run(what: string, args: readonly string[], cwd = root, env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n[targets] ${what}\n$ (cd ${cwd} && node ${args.join(' ')})`);
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal ?? '?'})`);
}

function main(): void {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, repeat: { type: 'string' }, skip: { type: 'string' }, 'report-only': { type: 'boolean' } },
  });
  const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number);
  const repeat = Number(values.repeat ?? '2');
  const skip = new Set((values.skip ?? '').split(',').filter((s) => s !== ''));
  for (const s of skip) if (!(PARTS as readonly string[]).includes(s)) throw new Error(`--skip: unknown part ${s} (parts: ${PARTS.join(', ')})`);
  const does = (p: Part): boolean => !skip.has(p) && values['report-only'] !== true;
  mkdirSync(outDir, { recursive: true });
  const tree = rerootedTree();
  if ('missing' in tree) console.log(`[targets] the rerooted store is not measured: ${tree.missing}`);
  const previous = join(here, 'results', 'targets.json');
  const started: TargetRun =
    values['report-only'] === true && existsSync(previous)
      ? (JSON.parse(readFileSync(previous, 'utf8')) as { run: TargetRun }).run
      : { startedAt: new Date().toISOString(), sizes, repeat, rerooted: 'dir' in tree ? tree.dir : null };

  if (does('contenders')) {
    const contenders = ['lean-floor', 'customer-graph', ...('dir' in tree ? ['rerooted'] : [])];
    for (let i = 0; i < repeat; i++) {
      const order = contenders.map((_, k) => contenders[(k + i) % contenders.length] as string);
      for (const name of order) {
        const out = join(outDir, `${name}.run${i}.json`);
        const args = [...HEAVY, join('bench', 'contenders.ts'), '--contender', name === 'rerooted' ? 'customer-graph' : name, '--sizes', sizes.join(','), '--out', out];
        run(`${name}, run ${i + 1} of ${repeat}`, args, name === 'rerooted' && 'dir' in tree ? tree.dir : root);
      }
    }
  }
  if (does('persistence')) {
    for (const size of sizes) {
      const base = [...HEAVY, join(here, 'persistence.ts'), '--size', String(size), '--repeat', String(Math.max(2, repeat))];
      run(`persistence at ${size}`, [...base, '--rounds', String(PERSISTENCE_ROUNDS), '--out', join(outDir, `persistence.${size}.json`)]);
      // The rerooted store at 1M would take hours at these distances; its 100k figures make the point.
      if ('dir' in tree && size <= 100_000) {
        const args = [...base, '--rounds', String(REROOTED_PERSISTENCE_ROUNDS), '--tree', tree.dir, '--out', join(outDir, `persistence-rerooted.${size}.json`)];
        run(`persistence of the rerooted store at ${size}`, args);
      }
    }
  }
  if (does('load')) {
    const size = Math.max(...sizes);
    run(`load at ${size}`, [...HEAVY, join('bench', 'load.ts')], root, { ...process.env, BENCH_LOAD_SIZE: String(size), BENCH_OUT: join(outDir, 'load.json') });
  }
  if (does('startup')) {
    if (!existsSync(join(root, 'dist', 'cli.cjs'))) throw new Error('startup needs the built command: npm run build');
    run('startup', ['--import', 'tsx', join('bench', 'startup.ts'), '--rounds', '9', '--out', join(outDir, 'startup.json')]);
  }
  if (does('emulator')) {
    const args = ['--import', 'tsx', join('bench', 'emulator-load.ts'), '--duration', '5', '--warmup', '1', '--rounds', '3', '--wait-quiet', '5', '--out', join(outDir, 'emulator-load.json')];
    run('emulator', args);
  }
  const report = writeReport(outDir, values['report-only'] === true ? started : { ...started, finishedAt: new Date().toISOString() });
  writeFileSync(join(here, 'results', 'targets.md'), report.markdown);
  writeFileSync(join(here, 'results', 'targets.json'), `${JSON.stringify(report.json, null, 2)}\n`);
  console.log(`\n${report.markdown}`);
}

main();
