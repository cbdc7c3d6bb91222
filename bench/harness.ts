// The measuring methodology shared by the benchmarks (bench/scaling.ts, bench/contenders.ts): a full GC
// and a wait for its concurrent sweeping before every timed round, one untimed warm-up round, inputs built
// outside the timed region, the median round reported in wall-clock and CPU time, and a count of verified
// outcomes that must equal the number of operations. Importing this module has no side effects.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Rng } from './data';

// ---------------------------------------------------------------------------------------------------
// Garbage collection and settling

const gcFn = (globalThis as { gc?: () => void }).gc;

/** Exits with a message when the process was started without `--expose-gc`. */
export function requireGc(script: string, hint = 'run it with `npm run bench`'): void {
  if (gcFn === undefined) {
    console.error(`${script} needs --expose-gc: ${hint}.`);
    process.exit(1);
  }
}

/** One full (major) collection. */
export function gc(): void {
  if (gcFn === undefined) throw new Error('the benchmark needs node --expose-gc');
  gcFn();
}

export function fullGc(): void {
  gc();
  gc();
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks until the process is idle: after a full GC of a multi-GiB heap, V8 keeps sweeping it on helper
 * threads for a second or more, and a round timed meanwhile would pay for the forced collection rather
 * than for its own operations. Waits in 50 ms slices until one uses under 5% of a core (at most 20 s).
 */
export function settle(): void {
  const slice = 50;
  for (let waited = 0; waited < 20_000; waited += slice) {
    const c0 = process.cpuUsage();
    Atomics.wait(sleeper, 0, 0, slice);
    const c = process.cpuUsage(c0);
    if ((c.user + c.system) / 1000 < slice * 0.05) return;
  }
}

/** A full GC, then wait for its concurrent work to finish: the clean start of every timed round. */
export function collect(): void {
  gc();
  settle();
}

/** The heap in use after a full collection. */
export function heapUsed(): number {
  fullGc();
  settle();
  return process.memoryUsage().heapUsed;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const hi = sorted[mid] ?? Number.NaN;
  const lo = sorted[mid - 1] ?? hi;
  return sorted.length % 2 === 1 ? hi : (lo + hi) / 2;
}

export function fail(message: string): never {
  throw new Error(`benchmark check failed: ${message}`);
}

/** `count` distinct indexes in [0, n), drawn from the rng. */
export function distinctIndexes(rng: Rng, n: number, count: number): number[] {
  if (count > n) fail(`cannot draw ${count} distinct customers from ${n}`);
  const seen = new Set<number>();
  const out: number[] = [];
  while (out.length < count) {
    const i = rng.int(n);
    if (seen.has(i)) continue;
    seen.add(i);
    out.push(i);
  }
  return out;
}

/** Sizes from BENCH_SIZES (comma-separated), else the defaults; ascending. */
export function parseSizes(spec: string | undefined, defaults: string): number[] {
  return (spec ?? defaults)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------
// Measuring

/** Timed rounds per operation (after one untimed warm-up round) unless a caller says otherwise. */
export const DEFAULT_ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

export interface OpResult {
  readonly ops: number;
  /** Median round, operations per second (wall clock). */
  readonly opsPerSec: number;
  /** Median round, microseconds per operation (wall clock). */
  readonly usPerOp: number;
  /** Every timed round, operations per second (wall clock). */
  readonly rounds: readonly number[];
  /**
   * Median round, process CPU time (user + system, all threads, GC helpers included) per operation, in
   * microseconds: less sensitive than wall clock to other processes competing for the two cores.
   */
  readonly cpuUsPerOp: number;
  readonly note?: string;
}

export interface MeasureOptions<T> {
  /** Timed rounds (default `DEFAULT_ROUNDS`). */
  readonly rounds?: number;
  /** Runs after each round, outside the timed region (e.g. to undo a mutable contender's writes). */
  readonly after?: (input: T, round: number) => void;
}

/**
 * Times `rounds` rounds of `run` (plus one warm-up), each after a full GC that has finished its
 * concurrent sweeping; `prepare` builds the round's inputs outside the timed region (its argument is 0 for
 * the warm-up, then 1..rounds). `run` returns how many operations it did and verified: anything but `ops`
 * fails the benchmark.
 */
export function measure<T>(
  ops: number,
  prepare: (round: number) => T,
  run: (input: T) => number,
  note?: string,
  options: MeasureOptions<T> = {},
): OpResult {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const input = prepare(round + 1);
    collect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const done = run(input);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (done !== ops) fail(`expected ${ops} operations, did ${done}`);
    options.after?.(input, round + 1);
    if (round >= 0) {
      rates.push((ops / ms) * 1000);
      cpu.push((c.user + c.system) / ops);
    }
  }
  const opsPerSec = median(rates);
  return {
    ops,
    opsPerSec,
    usPerOp: 1e6 / opsPerSec,
    rounds: rates,
    cpuUsPerOp: median(cpu),
    ...(note === undefined ? {} : { note }),
  };
}

// ---------------------------------------------------------------------------------------------------
// The machine, and formatting

export function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export function nproc(): number {
  try {
    return Number(execSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.availableParallelism();
  }
}

export interface MachineInfo {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly v8: string;
  readonly totalMemoryBytes: number;
  readonly loadAverageAtEnd: readonly number[];
}

/** What the results files record about the machine (the load average as of the call). */
export function machineInfo(): MachineInfo {
  return {
    nproc: nproc(),
    cpuModel: cpuModel(),
    node: process.version,
    v8: process.versions.v8,
    totalMemoryBytes: os.totalmem(),
    loadAverageAtEnd: os.loadavg(),
  };
}

export function fmtRate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M/s` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k/s` : `${x.toFixed(1)}/s`;
}

export function fmtUs(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`;
}
