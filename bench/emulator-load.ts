// The emulator under load: requests per second and latency percentiles of Fetch Customer ID
// (GET /v2/customers/lookup) and Register Customer (POST /v2/customers) over loopback, driven by autocannon.
//
// It starts the real server (`src/cli.ts serve`) in a child process, once durable (`--data DIR`: every
// accepted write is appended to the event log and fdatasync'ed before the answer) and once in memory,
// preloads N generated customers through the emulator's event-log import (PUT /_emulator/events), then runs
// each scenario for a fixed time after a short warm-up. Every response is checked: a lookup must name the
// customer the preload gave that identifier, a register must answer with a createdId; anything else counts
// as a mismatch, and the org's customer count must grow by exactly the registers that succeeded.
//
//   npm run bench:emulator [-- --customers 10000 --duration 10 --connections 16,64 --modes durable,memory]
//
// Writes bench/results/emulator-load.json (or --out FILE) and prints a table.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { customerAt, freshRegisterCommand, lookupQueryOf } from './data';
import { buildPreload, type Preload } from './preload';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TILL = 'demo.till';
const PASSWORD = 'demo';
const AUTH = `Basic ${Buffer.from(`${TILL}:${PASSWORD}`, 'utf8').toString('base64')}`;
/** Fresh registrations use customer indexes from here up, far from the preloaded 0..N-1. */
const FRESH_INDEX_BASE = 500_000_000;
/** Other processes using less than this many cores count as a quiet machine. */
const QUIET_CORES = 0.3;
/** The issue's target for lookups on the 2-core machine. */
const LOOKUP_TARGET = { rps: 5000, p99Ms: 20 };

type Mode = 'durable' | 'memory' | 'bare';
type Kind = 'lookup' | 'register';

interface Options {
  readonly customers: number;
  readonly duration: number;
  readonly warmup: number;
  readonly connections: readonly number[];
  readonly modes: readonly Mode[];
  readonly out: string;
  /** Before each scenario, wait up to this many seconds for other processes to leave the CPUs idle. */
  readonly waitQuiet: number;
  /** Runs a scenario again (up to this many times) when other processes took CPU during it; keeps the cleanest run. */
  /** How many times every scenario runs, the modes taking turns; the median round is reported. */
  readonly rounds: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly kind: Kind;
  readonly mode: Mode;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Responses received in the measured window. */
  readonly requests: number;
  readonly rps: number;
  /** From every response's own timing (autocannon's float milliseconds), nearest-rank percentiles. */
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly mean: number };
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  /** 2xx answers whose body was not the expected one. */
  readonly mismatches: number;
  readonly statusCodes: Record<string, number>;
  /** CPU time used per wall second (1 = one core busy), by the server and by this load generator. */
  readonly serverCpuCores: number;
  readonly loadGeneratorCpuCores: number;
  /** CPU used by everything else on the machine meanwhile (other processes competing for the cores). */
  readonly otherCpuCores: number;
  readonly customersBefore: number;
  readonly customersAfter: number;
  /** How many measured runs it took to get one without much competing load (the kept run is the quietest). */
  readonly attempts?: number;
}

export interface EmulatorLoadResults {
  readonly benchmark: 'customer-graph emulator load';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Record<string, unknown>;
  readonly command: string;
  readonly server: string;
  readonly loadGenerator: string;
  readonly customersPreloaded: number;
  readonly settings: Record<string, unknown>;
  readonly preloadSeconds: Partial<Record<Mode, number>>;
  readonly fsyncProbe: { readonly dir: string; readonly writes: number; readonly p50Ms: number; readonly p99Ms: number };
  readonly target: { readonly lookup: typeof LOOKUP_TARGET; readonly met: boolean | undefined };
  readonly scenarios: readonly ScenarioResult[];
}

// ---------------------------------------------------------------------------------------------------
// Options

function readOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      customers: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      modes: { type: 'string' },
      out: { type: 'string' },
      'wait-quiet': { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(
      'Usage: npm run bench:emulator -- [--customers N] [--duration S] [--warmup S] [--connections C[,C...]] [--modes bare,memory,durable] [--rounds N] [--wait-quiet S] [--out FILE]\n',
    );
    process.exit(0);
  }
  const int = (raw: string | undefined, fallback: number, name: string): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: not a whole number: ${raw}`);
    return n;
  };
  const modes = (values.modes ?? 'bare,memory,durable').split(',').map((m) => m.trim());
  for (const m of modes) if (m !== 'durable' && m !== 'memory' && m !== 'bare') throw new Error(`--modes: unknown mode ${m}`);
  const connections = (values.connections ?? '16,64').split(',').map((c) => int(c.trim(), 16, 'connections'));
  return {
    customers: Math.max(1, int(values.customers, 10_000, 'customers')),
    duration: Math.max(1, int(values.duration, 10, 'duration')),
    warmup: int(values.warmup, 2, 'warmup'),
    connections: connections.map((c) => Math.max(1, c)),
    modes: modes as Mode[],
    out: values.out ?? join(ROOT, 'bench', 'results', 'emulator-load.json'),
    waitQuiet: int(values['wait-quiet'], 60, 'wait-quiet'),
    rounds: Math.max(1, int(values.rounds, 3, 'rounds')),
  };
}

// ---------------------------------------------------------------------------------------------------
// The server in a child process

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  readonly pid: number;
  stderr(): string;
}

async function startServer(mode: Mode, dataDir: string | undefined): Promise<Server> {
  // The built command, as `npm start` and the published bin run it; the floor is bench/bare-server.mjs.
  const args =
    mode === 'bare'
      ? [join(ROOT, 'bench', 'bare-server.mjs')]
      : [join(ROOT, 'dist', 'cli.cjs'), 'serve', '--port', '0', '--quiet', ...(dataDir === undefined ? [] : ['--data', dataDir])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } });
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s\n${out}${err}`)), 60_000);
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${out}${err}`));
    });
  });
  if (child.pid === undefined) throw new Error('server has no pid');
  return { url, child, pid: child.pid, stderr: () => err };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((done) => server.child.once('exit', () => done()));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Busy and total CPU time of the whole machine so far, in seconds (from /proc/stat). */
async function machineCpuSeconds(): Promise<{ busy: number; total: number }> {
  try {
    const stat = await readFile('/proc/stat', 'utf8');
    const fields = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

/** CPU cores other processes keep busy: the machine's busy time over one second, less the server's. */
async function otherLoad(serverPid: number): Promise<number> {
  const m0 = await machineCpuSeconds();
  const s0 = await processCpuSeconds(serverPid);
  const own0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, 1000));
  const m1 = await machineCpuSeconds();
  const s1 = await processCpuSeconds(serverPid);
  const own = process.cpuUsage(own0);
  return m1.busy - m0.busy - (s1 - s0) - (own.user + own.system) / 1e6;
}

/**
 * Waits, up to `seconds`, until other processes use less than QUIET_CORES: the cores are shared, and
 * a compile or test run elsewhere halves what the server gets. Returns the load seen last.
 */
async function waitForQuiet(serverPid: number, seconds: number, log: (s: string) => void): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let load = await otherLoad(serverPid);
  let said = false;
  while (load > QUIET_CORES && Date.now() < until) {
    if (!said) log(`  other processes keep ${load.toFixed(2)} cores busy: waiting up to ${seconds} s for quiet...`);
    said = true;
    load = await otherLoad(serverPid);
  }
  if (load > QUIET_CORES && seconds > 0) log(`  still ${load.toFixed(2)} cores busy elsewhere: measuring anyway (see otherCpuCores)`);
  return load;
}

/** The server's CPU time so far, in seconds (user + system, from /proc). */
async function processCpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the command name: indexes 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function call(url: string, method: string, path: string, body?: string, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    // keep the text
  }
  return { status: response.status, json };
}

async function customerCount(url: string): Promise<number> {
  const { status, json } = await call(url, 'GET', '/_emulator/org');
  const count = (json as { customers?: unknown }).customers;
  if (status !== 200 || typeof count !== 'number') throw new Error(`GET /_emulator/org answered ${status}: ${JSON.stringify(json)}`);
  return count;
}

// ---------------------------------------------------------------------------------------------------
// Scenarios

/** Deterministic pseudo-random indexes (xorshift32), so runs pick the same customers. */
function indexStream(seed: number, n: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

interface Check {
  mismatches: number;
}

/** The autocannon request of a scenario: a new path or body per request, and a check of each answer. */
function requestOf(kind: Kind, mode: Mode, preload: Preload, check: Check, freshCounter: { next: number }): autocannon.Request {
  // The floor answers fixed bodies: only its status is checked.
  const checked = mode !== 'bare';
  if (kind === 'lookup') {
    const pick = indexStream(0x1ee7, preload.ids.length);
    return {
      method: 'GET',
      setupRequest(request, context) {
        const i = pick();
        const q = lookupQueryOf(customerAt(i), (i & 1) === 0);
        const params = new URLSearchParams({ source: q.source, ...(q.accountId === undefined ? {} : { accountId: q.accountId }), identifierName: q.identifierName, identifierValue: String(q.identifierValue) });
        (context as { expected?: string }).expected = `{"entity":${preload.ids[i]},`;
        return { ...request, path: `/v2/customers/lookup?${params.toString()}` };
      },
      onResponse(status, body, context) {
        if (checked && status >= 200 && status < 300 && !body.startsWith((context as { expected?: string }).expected ?? '\0')) check.mismatches++;
      },
    };
  }
  return {
    method: 'POST',
    setupRequest(request) {
      const command = freshRegisterCommand(FRESH_INDEX_BASE + freshCounter.next++);
      const params = new URLSearchParams({ source: command.source, ...(command.accountId === undefined ? {} : { accountId: command.accountId }) });
      return { ...request, path: `/v2/customers?${params.toString()}`, body: JSON.stringify(command.body) };
    },
    onResponse(status, body) {
      if (checked && status >= 200 && status < 300 && !/^\{"createdId":[1-9][0-9]*,"warnings":\[\]/.test(body)) check.mismatches++;
    },
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const round = (x: number, digits = 3): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

async function runScenario(
  server: Server,
  kind: Kind,
  mode: Mode,
  connections: number,
  seconds: number,
  preload: Preload,
  freshCounter: { next: number },
  record: boolean,
): Promise<ScenarioResult> {
  const check: Check = { mismatches: 0 };
  const latencies: number[] = [];
  const customersBefore = await customerCount(server.url);
  const serverCpu0 = await processCpuSeconds(server.pid);
  const machineCpu0 = await machineCpuSeconds();
  const ownCpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        requests: [requestOf(kind, mode, preload, check, freshCounter)],
      },
      (error: unknown, r: autocannon.Result) => (error === null || error === undefined ? done(r) : fail(error instanceof Error ? error : new Error(String(error)))),
    );
    if (record) instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
  const ownCpu = process.cpuUsage(ownCpu0);
  const serverCpu1 = await processCpuSeconds(server.pid);
  const machineCpu1 = await machineCpuSeconds();
  // Let the requests that were in flight when autocannon stopped reach the server before counting.
  await new Promise((r) => setTimeout(r, 250));
  const customersAfter = await customerCount(server.url);

  const serverCores = (serverCpu1 - serverCpu0) / wall;
  const generatorCores = (ownCpu.user + ownCpu.system) / 1e6 / wall;
  const machineBusyCores = (machineCpu1.busy - machineCpu0.busy) / wall;
  const sorted = Float64Array.from(latencies).sort();
  const mean = latencies.length === 0 ? Number.NaN : latencies.reduce((a, b) => a + b, 0) / latencies.length;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  const ok2xx = result['2xx'];
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);

  // Every successful register must have created exactly one customer. The requests still in flight when
  // autocannon stops (at most one per connection) are applied by the server without being counted as 2xx,
  // so the growth lies between the 2xx answers and the requests sent.
  const created = customersAfter - customersBefore;
  if (mode !== 'bare' && kind === 'register' && (created < ok2xx || created > result.requests.sent)) {
    check.mismatches += created < ok2xx ? ok2xx - created : created - result.requests.sent;
  }
  if (kind === 'lookup' && customersAfter !== customersBefore) check.mismatches += Math.abs(customersAfter - customersBefore);

  return {
    name: `${kind} (${mode === 'durable' ? 'durable, group commit' : mode === 'memory' ? 'in memory' : 'bare fastify, fixed body'})`,
    kind,
    mode,
    connections,
    durationSeconds: round(result.duration, 2),
    requests: responses,
    rps: round(responses / result.duration, 1),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN)),
      mean: round(mean),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: check.mismatches,
    statusCodes,
    serverCpuCores: round(serverCores, 2),
    loadGeneratorCpuCores: round(generatorCores, 2),
    otherCpuCores: round(Math.max(0, machineBusyCores - serverCores - generatorCores), 2),
    customersBefore,
    customersAfter,
  };
}

// ---------------------------------------------------------------------------------------------------
// Context

/** How long a small append plus fdatasync takes in the directory the durable server writes to. */
async function fsyncProbe(dir: string, writes = 200): Promise<EmulatorLoadResults['fsyncProbe']> {
  const file = join(dir, 'fsync-probe.bin');
  const handle = await open(file, 'a');
  const times: number[] = [];
  const line = Buffer.from(`${'x'.repeat(600)}\n`);
  try {
    for (let i = 0; i < writes; i++) {
      const t0 = process.hrtime.bigint();
      await handle.write(line);
      await handle.datasync();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
  const sorted = Float64Array.from(times).sort();
  return { dir, writes, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) };
}

function machine(): Record<string, unknown> {
  return {
    nproc: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
  };
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padEnd(n) : s.padStart(n);
}

export function formatTable(scenarios: readonly ScenarioResult[]): string {
  const head = ['scenario', 'conn', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non2xx', 'err', 'mism', 'srv cpu', 'gen cpu', 'other'];
  const rows = scenarios.map((s) => [
    s.name,
    String(s.connections),
    String(s.requests),
    s.rps.toFixed(0),
    s.latencyMs.p50.toFixed(2),
    s.latencyMs.p90.toFixed(2),
    s.latencyMs.p99.toFixed(2),
    s.latencyMs.max.toFixed(1),
    String(s.non2xx),
    String(s.errors),
    String(s.mismatches),
    s.serverCpuCores.toFixed(2),
    s.loadGeneratorCpuCores.toFixed(2),
    s.otherCpuCores.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0, i === 0)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The issue's ratios: durable against in memory, and the emulator against the bare fastify floor (median rounds). */
export function formatRatios(scenarios: readonly ScenarioResult[]): string {
  const rps = (kind: Kind, mode: Mode, connections: number): number | undefined => scenarios.find((s) => s.kind === kind && s.mode === mode && s.connections === connections)?.rps;
  const lines = ['| operation | connections | durable / in memory | in memory / bare fastify | durable / bare fastify |', '|---|---:|---:|---:|---:|'];
  const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '-' : (a / b).toFixed(2));
  for (const kind of ['lookup', 'register'] as const) {
    for (const c of [...new Set(scenarios.map((s) => s.connections))]) {
      lines.push(`| ${kind} | ${c} | ${ratio(rps(kind, 'durable', c), rps(kind, 'memory', c))} | ${ratio(rps(kind, 'memory', c), rps(kind, 'bare', c))} | ${ratio(rps(kind, 'durable', c), rps(kind, 'bare', c))} |`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const machineInfo = machine();
  const log = (s: string) => process.stderr.write(`${s}\n`);

  log(`building the preload: ${options.customers} generated customers...`);
  const preload = buildPreload(options.customers);
  log(`  ${(preload.ndjson.length / 1e6).toFixed(1)} MB of event log`);

  const scenarios: ScenarioResult[] = [];
  const preloadSeconds: Partial<Record<Mode, number>> = {};
  const freshCounter = { next: 0 };
  const workDir = await mkdtemp(join(tmpdir(), 'customer-graph-load-'));
  let probe: EmulatorLoadResults['fsyncProbe'] | undefined;
  try {
    probe = await fsyncProbe(workDir);
    log(`fdatasync of a small append in ${workDir}: p50 ${probe.p50Ms} ms, p99 ${probe.p99Ms} ms`);
    // Every server runs for the whole benchmark, and the scenarios take turns between the modes, round
    // after round (interleaved and repeated), so that the ratios between modes compare the same moments.
    const servers = new Map<Mode, Server>();
    try {
      for (const mode of options.modes) {
        const dataDir = mode === 'durable' ? join(workDir, 'data') : undefined;
        if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
        const server = await startServer(mode, dataDir);
        servers.set(mode, server);
        if (mode === 'bare') continue;
        log(`[${mode}] server at ${server.url} (pid ${server.pid}); importing the preload...`);
        const t0 = process.hrtime.bigint();
        const imported = await call(server.url, 'PUT', '/_emulator/events', preload.ndjson, 'application/x-ndjson');
        preloadSeconds[mode] = round(Number(process.hrtime.bigint() - t0) / 1e9, 2);
        const count = (imported.json as { customers?: unknown }).customers;
        if (imported.status !== 200 || count !== options.customers) {
          throw new Error(`import answered ${imported.status}: ${JSON.stringify(imported.json).slice(0, 500)}`);
        }
        log(`  ${count} customers in ${preloadSeconds[mode]} s`);
      }
      const runs = new Map<string, ScenarioResult[]>();
      for (let round = 0; round < options.rounds; round++) {
        for (const kind of ['lookup', 'register'] as const) {
          for (const connections of options.connections) {
            for (const mode of options.modes) {
              const server = servers.get(mode)!;
              if (options.waitQuiet > 0) await waitForQuiet(server.pid, options.waitQuiet, log);
              if (options.warmup > 0) await runScenario(server, kind, mode, connections, options.warmup, preload, freshCounter, false);
              const run = await runScenario(server, kind, mode, connections, options.duration, preload, freshCounter, true);
              const key = `${kind}/${connections}/${mode}`;
              runs.set(key, [...(runs.get(key) ?? []), run]);
              log(`  round ${round + 1}: ${run.name}, ${connections} connections: ${run.rps.toFixed(0)} req/s, p99 ${run.latencyMs.p99} ms, other cpu ${run.otherCpuCores}, non2xx ${run.non2xx}, errors ${run.errors}, mismatches ${run.mismatches}`);
            }
          }
        }
      }
      // The median round of each scenario by requests per second; errors of any round are kept.
      for (const list of runs.values()) {
        const sorted = [...list].sort((a, b) => a.rps - b.rps);
        const median = sorted[Math.floor(sorted.length / 2)]!;
        const sum = (f: (r: ScenarioResult) => number): number => list.reduce((a, r) => a + f(r), 0);
        scenarios.push({ ...median, attempts: list.length, non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts), mismatches: sum((r) => r.mismatches) });
      }
    } finally {
      for (const [mode, server] of servers) {
        await stopServer(server);
        const stderr = server.stderr().trim();
        if (stderr !== '') log(`[${mode}] server stderr:\n${stderr}`);
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const lookups = scenarios.filter((s) => s.kind === 'lookup');
  const met = lookups.length === 0 ? undefined : lookups.every((s) => s.rps >= LOOKUP_TARGET.rps && s.latencyMs.p99 < LOOKUP_TARGET.p99Ms);
  const results: EmulatorLoadResults = {
    benchmark: 'customer-graph emulator load',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machineInfo, loadAverageAtEnd: loadavg().map((x) => round(x, 2)) },
    command: `npm run bench:emulator${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    server: 'node --import tsx src/cli.ts serve --port 0 --quiet [--data DIR], a child process on 127.0.0.1',
    loadGenerator: `autocannon (library, in this process, pipelining 1, keep-alive), ${options.warmup} s warm-up before each ${options.duration} s run`,
    customersPreloaded: options.customers,
    settings: { durationSeconds: options.duration, warmupSeconds: options.warmup, connections: options.connections, modes: options.modes, waitQuietSeconds: options.waitQuiet, rounds: options.rounds, quietCores: QUIET_CORES },
    preloadSeconds,
    fsyncProbe: probe ?? { dir: workDir, writes: 0, p50Ms: Number.NaN, p99Ms: Number.NaN },
    target: { lookup: LOOKUP_TARGET, met },
    scenarios,
  };
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);

  process.stdout.write(`\nemulator load, ${options.customers} customers preloaded, ${machineInfo['nproc']} cores (${String(machineInfo['cpuModel'])}), ${process.version}\n\n`);
  process.stdout.write(`${formatTable(scenarios)}\n\n${formatRatios(scenarios)}\n\n`);
  if (met !== undefined) {
    process.stdout.write(`lookup target (>= ${LOOKUP_TARGET.rps} req/s with p99 < ${LOOKUP_TARGET.p99Ms} ms): ${met ? 'met' : 'NOT met'} in every lookup scenario\n`);
  }
  const bad = scenarios.filter((s) => s.non2xx + s.errors + s.timeouts + s.mismatches > 0);
  if (bad.length > 0) {
    process.stdout.write(`errors in: ${bad.map((s) => s.name).join('; ')}\n`);
    process.exitCode = 1;
  }
  process.stdout.write(`written to ${options.out}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
