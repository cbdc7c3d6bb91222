// Bulk loading and replay at scale, and what old snapshots cost:
//   1. load N generated customers from an NDJSON file of Register Customer commands (read, parse, execute);
//   2. replay the log of the events that load produced (one event per line) from the empty graph, through
//      the public, validating `evolve`;
//   3. keep 1000 consecutive snapshots (graphs after 1000 updates) and measure the heap they retain.
// Run with `npm run bench:load` (BENCH_LOAD_SIZE narrows N, default 1,000,000). Results on stdout and in
// bench/results/load.json.
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultOrg,
  emptyGraph,
  evolve,
  evolveAll,
  execute,
  executeAll,
  getCustomer,
  type Command,
  type CustomerGraph,
  type GraphEvent,
} from '../src/index';
import { createRng, customerAt, DEFAULT_SEED, metaAt, registerCommandOf } from './data';
import { fail, fmtRate, fullGc, heapUsed, machineInfo, requireGc, settle } from './harness';

requireGc('bench/load.ts', 'run it with `npm run bench:load`');

const N = Number(process.env['BENCH_LOAD_SIZE'] ?? 1_000_000);
const SNAPSHOTS = 1000;
const TARGETS = { loadSeconds: 20, snapshotBytes: 10 * 1024 } as const;

/** Calls `each` with every line of a file, reading it in 16 MiB chunks: a 1 GB file is never one string. */
function forEachLine(path: string, each: (line: string) => void): void {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(16 * 1024 * 1024);
  let carry = '';
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      // Cut at the last newline byte: a multi-byte UTF-8 character is never split between two chunks.
      const last = chunk.lastIndexOf(0x0a, n - 1);
      if (last === -1) {
        carry += chunk.toString('utf8', 0, n);
        continue;
      }
      const text = carry + chunk.toString('utf8', 0, last + 1);
      carry = chunk.toString('utf8', last + 1, n);
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        if (end > start) each(text.slice(start, end));
        start = end + 1;
      }
    }
    if (carry.trim() !== '') each(carry);
  } finally {
    closeSync(fd);
  }
}

/** Writes lines to a file through a 16 MiB buffer. */
class LineWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(line: string): void {
    this.parts.push(line, '\n');
    this.size += line.length + 1;
    if (this.size > 16 * 1024 * 1024) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function main(): void {
  const org = defaultOrg();
  const dir = mkdtempSync(join(os.tmpdir(), 'customer-graph-load-'));
  const commandsFile = join(dir, 'customers.ndjson');
  const eventsFile = join(dir, 'events.ndjson');
  console.log(`customer-graph load benchmark: ${N.toLocaleString('en-US')} customers; files in ${dir}`);
  try {
    // The generated file: one Register Customer command per line (untimed).
    const t0 = performance.now();
    const out = new LineWriter(commandsFile);
    for (let i = 0; i < N; i++) out.write(JSON.stringify(registerCommandOf(customerAt(i))));
    out.close();
    const fileBytes = statSync(commandsFile).size;
    console.log(`generated ${(fileBytes / 2 ** 20).toFixed(0)} MiB of commands in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // 1. Load: read, parse and execute every line; keep the events for the replay.
    const emptyHeap = heapUsed();
    let graph: CustomerGraph = emptyGraph(org)._unsafeUnwrap();
    const events: GraphEvent[][] = [];
    let lines = 0;
    const l0 = performance.now();
    const c0 = process.cpuUsage();
    forEachLine(commandsFile, (line) => {
      const r = execute(graph, JSON.parse(line) as Command);
      if (r.isErr()) fail(`line ${lines + 1}: ${r.error.code} ${r.error.message}`);
      graph = r.value.graph;
      events.push(r.value.events as GraphEvent[]);
      lines++;
    });
    const loadSeconds = (performance.now() - l0) / 1000;
    const loadCpu = process.cpuUsage(c0);
    if (graph.customerCount !== N || lines !== N) fail(`loaded ${graph.customerCount} customers from ${lines} lines`);
    console.log(`load: ${N} customers in ${loadSeconds.toFixed(1)} s (${fmtRate(N / loadSeconds)}), cpu ${((loadCpu.user + loadCpu.system) / 1e6).toFixed(1)} s`);

    // The event log of the load (untimed), then the heap of the loaded graph alone.
    const log = new LineWriter(eventsFile);
    let eventCount = 0;
    for (const list of events) for (const e of list) {
      log.write(JSON.stringify(e));
      eventCount++;
    }
    log.close();
    events.length = 0;
    const heap = heapUsed();
    const heapPerCustomer = (heap - emptyHeap) / N;
    console.log(`heap: ${(heap / 2 ** 20).toFixed(0)} MiB, ${heapPerCustomer.toFixed(0)} B per customer; event log ${(statSync(eventsFile).size / 2 ** 20).toFixed(0)} MiB, ${eventCount} events`);

    // 3. Snapshots: 1000 updates from the loaded graph, keeping every one of the 1000 graphs. What they
    // retain beyond the loaded graph is the undo log of each update and the record versions it replaced.
    // What they retain is the heap with them (and the loaded graph before them) kept less the heap once
    // they are dropped, the newest graph kept both times: the difference of two full-GC readings of the same state, which the noise of one
    // reading against an earlier one (about a megabyte on a 1.4 GiB heap) does not swamp.
    const loadedCount = graph.customerCount;
    const loadedEvents = graph.eventCount;
    const sample = sampleCustomers(graph, 1000);
    const updates = updateCommands(N, SNAPSHOTS);
    const kept: CustomerGraph[] = [];
    let last = graph;
    for (const u of updates) {
      last = mustGraph(execute(last, u));
      kept.push(last);
    }
    // The kept snapshots are all still readable, each as it was; reading the newest again makes it the
    // head of the store, so that dropping the others frees them.
    const probeId = (updates[0] as { customerId: number }).customerId;
    // Read through `kept` only: a variable holding the oldest snapshot would keep the whole chain alive.
    const name = getCustomer(kept[0] as CustomerGraph, { customerId: probeId, source: 'ALL' }).map((d) => d.profiles[0]?.firstName);
    if (name.isErr() || name.value !== 'Updated0') fail(`snapshot 0 reads ${JSON.stringify(name)}`);
    if (getCustomer(last, { customerId: probeId, source: 'ALL' }).isErr()) fail('the newest graph no longer reads');
    const withKept = heapUsed();
    // The loaded graph is the oldest snapshot of the chain: it goes too, so the newest alone is left.
    kept.length = 0;
    graph = last;
    const allKept = withKept - heapUsed();
    const perSnapshot = allKept / (SNAPSHOTS + 1);
    console.log(`snapshots: ${SNAPSHOTS} kept retain ${(allKept / 2 ** 20).toFixed(2)} MiB: ${perSnapshot.toFixed(0)} B per snapshot`);

    // 2. Replay the event log from the empty graph through the public evolve, which validates each event.
    graph = emptyGraph(org)._unsafeUnwrap();
    fullGc();
    settle();
    let replayed: CustomerGraph = emptyGraph(org)._unsafeUnwrap();
    let replayedEvents = 0;
    const r0 = performance.now();
    forEachLine(eventsFile, (line) => {
      const next = evolve(replayed, JSON.parse(line) as unknown);
      if (next.isErr()) fail(`replay refused event ${replayedEvents + 1}: ${next.error.message}`);
      replayed = next._unsafeUnwrap();
      replayedEvents++;
    });
    const replaySeconds = (performance.now() - r0) / 1000;
    if (replayed.customerCount !== loadedCount || replayed.eventCount !== loadedEvents) {
      fail(`replay gave ${replayed.customerCount} customers and ${replayed.eventCount} events, not ${loadedCount} and ${loadedEvents}`);
    }
    for (const [id, json] of sample) {
      if (JSON.stringify(getCustomer(replayed, { customerId: id, source: 'ALL' })._unsafeUnwrap()) !== json) fail(`customer ${id} differs after replay`);
    }
    console.log(`replay: ${replayedEvents} events in ${replaySeconds.toFixed(1)} s (${fmtRate(replayedEvents / replaySeconds)}); 1000 sampled customers identical`);

    // 4. The bulk path: the same file through executeAll, and the same log through evolveAll, a chunk of
    // BULK_CHUNK lines per call (each call one batch of in-place writes), checked against the one-by-one graphs.
    replayed = emptyGraph(org)._unsafeUnwrap();
    fullGc();
    settle();
    const bulkLoad = timed(() => {
      let bulk = emptyGraph(org)._unsafeUnwrap();
      forEachChunk(commandsFile, (chunk) => {
        const done = executeAll(bulk, chunk as Command[])._unsafeUnwrap();
        const refused = done.outcomes.find((o) => o.isErr());
        if (refused !== undefined) fail(`executeAll refused a command: ${refused._unsafeUnwrapErr().message}`);
        bulk = done.graph;
      });
      return bulk;
    });
    checkSample(bulkLoad.value, loadedCount, sample, 'executeAll');
    console.log(`bulk load (executeAll, ${BULK_CHUNK} commands a call): ${bulkLoad.seconds.toFixed(1)} s, ${(bulkLoad.seconds / loadSeconds).toFixed(2)}x the one-by-one load`);
    bulkLoad.value = emptyGraph(org)._unsafeUnwrap();
    fullGc();
    settle();
    const bulkReplay = timed(() => {
      let bulk = emptyGraph(org)._unsafeUnwrap();
      forEachChunk(eventsFile, (chunk) => {
        const next = evolveAll(bulk, chunk);
        if (next.isErr()) fail(`evolveAll refused: ${next.error.message}`);
        bulk = next._unsafeUnwrap();
      });
      return bulk;
    });
    checkSample(bulkReplay.value, loadedCount, sample, 'evolveAll');
    console.log(`bulk replay (evolveAll, ${BULK_CHUNK} events a call): ${bulkReplay.seconds.toFixed(1)} s, ${(bulkReplay.seconds / replaySeconds).toFixed(2)}x the one-by-one replay`);

    const result = {
      benchmark: 'customer-graph load',
      command: 'npm run bench:load',
      startedAt: new Date().toISOString(),
      machine: machineInfo(),
      customers: N,
      commandFileBytes: fileBytes,
      load: { seconds: loadSeconds, perSec: N / loadSeconds, cpuSeconds: (loadCpu.user + loadCpu.system) / 1e6 },
      heapBytesPerCustomer: heapPerCustomer,
      replay: { events: replayedEvents, seconds: replaySeconds, perSec: replayedEvents / replaySeconds },
      bulk: { chunk: BULK_CHUNK, executeAllSeconds: bulkLoad.seconds, evolveAllSeconds: bulkReplay.seconds },
      snapshots: { kept: SNAPSHOTS, retainedBytes: allKept, bytesPerSnapshot: perSnapshot },
      targets: TARGETS,
      verdicts: [
        { target: `load ${N} customers in under ${TARGETS.loadSeconds} s (one by one)`, value: `${loadSeconds.toFixed(1)} s`, met: loadSeconds < TARGETS.loadSeconds },
        { target: `load ${N} customers in under ${TARGETS.loadSeconds} s (executeAll)`, value: `${bulkLoad.seconds.toFixed(1)} s`, met: bulkLoad.seconds < TARGETS.loadSeconds },
        { target: 'at most 1.5 KB of heap per customer', value: `${heapPerCustomer.toFixed(0)} B`, met: heapPerCustomer <= 1536 },
        { target: `one retained snapshot costs at most ${TARGETS.snapshotBytes} B`, value: `${perSnapshot.toFixed(0)} B`, met: perSnapshot <= TARGETS.snapshotBytes },
      ],
    };
    for (const v of result.verdicts) console.log(`${v.met ? 'MET   ' : 'MISSED'} ${v.target}: ${v.value}`);
    const here = dirname(fileURLToPath(import.meta.url));
    mkdirSync(join(here, 'results'), { recursive: true });
    const file = process.env['BENCH_OUT'] ?? join(here, 'results', 'load.json');
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many lines the bulk path hands to one executeAll or evolveAll. */
const BULK_CHUNK = 10_000;

/** Calls `each` with the parsed lines of a file, BULK_CHUNK at a time. */
function forEachChunk(path: string, each: (chunk: unknown[]) => void): void {
  let chunk: unknown[] = [];
  forEachLine(path, (line) => {
    chunk.push(JSON.parse(line) as unknown);
    if (chunk.length >= BULK_CHUNK) {
      each(chunk);
      chunk = [];
    }
  });
  if (chunk.length > 0) each(chunk);
}

function timed<T>(run: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

function checkSample(graph: CustomerGraph, count: number, sample: ReadonlyMap<number, string>, what: string): void {
  if (graph.customerCount !== count) fail(`${what} gave ${graph.customerCount} customers, not ${count}`);
  // The sample was read before the 1000 updates; a customer an update renamed differs there alone.
  let same = 0;
  for (const [id, json] of sample) if (JSON.stringify(getCustomer(graph, { customerId: id, source: 'ALL' })._unsafeUnwrap()) === json) same++;
  if (same !== sample.size) fail(`${what}: ${sample.size - same} of ${sample.size} sampled customers differ from the one-by-one load`);
}

/** Updates of the first names of random loaded customers, each a new snapshot. */
function updateCommands(n: number, count: number): Command[] {
  const rng = createRng(DEFAULT_SEED ^ 0x500);
  const out: Command[] = [];
  for (let k = 0; k < count; k++) {
    const c = customerAt(rng.int(n));
    out.push({
      kind: 'update',
      customerId: defaultOrg().firstCustomerId + c.index,
      source: c.account.source,
      ...(c.account.accountId === undefined ? {} : { accountId: c.account.accountId }),
      body: { profiles: [{ firstName: `Updated${k}` }] },
      meta: metaAt(2 * n + k),
    });
  }
  return out;
}

function mustGraph(r: ReturnType<typeof execute>): CustomerGraph {
  if (r.isErr()) fail(`update: ${r.error.code} ${r.error.message}`);
  return r.value.graph;
}

function sampleCustomers(graph: CustomerGraph, count: number): Map<number, string> {
  const rng = createRng(DEFAULT_SEED ^ 0x600);
  const out = new Map<number, string>();
  for (let k = 0; k < count; k++) {
    const id = graph.org.firstCustomerId + rng.int(graph.customerCount);
    out.set(id, JSON.stringify(getCustomer(graph, { customerId: id, source: 'ALL' })._unsafeUnwrap()));
  }
  return out;
}

main();
