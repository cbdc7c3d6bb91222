// Fair sharing (issue 12): how long a tiny request to a quiet org waits while another org is attacked.
//
//   node --import tsx bench/stalls.ts [--customers 100000] [--seconds 3] [--repeat 2]
//
// One server with `--data` on a temporary directory, three orgs: `default` preloaded with N generated
// customers (its log written to the directory first, and replayed at start: no import body could hold a
// large one), `quiet` with one customer, `scratch` empty. A probe looks the quiet org's customer up over HTTP, one request after another, the
// whole time. The server and the probe run in worker threads of their own (bench/stalls-worker.ts), the
// attackers in the main thread, so that each has its own event loop. Each scenario runs for `--seconds`, in rotating order, `--repeat` times:
//   idle       nothing else;
//   search     8 clients sending GET /v2/customers/search?q=a to `default` back to back;
//   snapshot   GET /_emulator/snapshot of `default`, again and again;
//   export     GET /_emulator/events of `default`, again and again;
//   import     PUT /_emulator/events of a 20,000-line log into `scratch`, again and again.
// Reported: the probe's median and worst wait, and the worst as a multiple of the idle median, from the
// same run. Results go to bench/results/stalls.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { buildPreload, writePreloadLog } from './preload';

const here = dirname(fileURLToPath(import.meta.url));
const auth = (till: string, password: string): string => `Basic ${Buffer.from(`${till}:${password}`).toString('base64')}`;
const DEMO = auth('demo.till', 'demo');
const QUIET = auth('quiet.till', 'quiet');
const SCRATCH = auth('scratch.till', 'scratch');

type Scenario = 'idle' | 'search' | 'snapshot' | 'export' | 'import';
const SCENARIOS: readonly Scenario[] = ['idle', 'search', 'snapshot', 'export', 'import'];

async function send(url: string, init: RequestInit): Promise<number> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return res.status;
}

/** A worker thread running a TypeScript file: tsx's loader is registered in the worker first. */
function tsWorker(file: string, workerData: unknown): Worker {
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, seconds: { type: 'string' }, repeat: { type: 'string' } } });
  const customers = Number(values.customers ?? '100000');
  const seconds = Number(values.seconds ?? '3');
  const repeat = Number(values.repeat ?? '2');
  console.log(`[stalls] writing a preload log of ${customers} customers and building a 20,000-line import...`);
  const dataDir = mkdtempSync(join(tmpdir(), 'stalls-'));
  writePreloadLog(join(dataDir, 'default.events.jsonl'), customers);
  const importLog = buildPreload(20_000).ndjson.replaceAll('"demo.till"', '"scratch.till"');
  const workerFile = join(here, 'stalls-worker.ts');
  const serverThread = tsWorker(workerFile, { role: 'server', dataDir });
  const server = await new Promise<{ url: string }>((resolve) => serverThread.once('message', resolve));
  const ndjson = { 'content-type': 'application/x-ndjson' };
  const one = await send(`${server.url}/v2/customers?source=INSTORE`, {
    method: 'POST',
    headers: { authorization: QUIET, 'content-type': 'application/json' },
    body: JSON.stringify({ loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 'Quiet', identifiers: [{ type: 'mobile', value: '919999999999' }] }] }),
  });
  if (one !== 200) throw new Error(`quiet register answered ${one}`);
  const probeUrl = `${server.url}/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919999999999`;
  const probe = tsWorker(workerFile, { role: 'probe', url: probeUrl, authorization: QUIET });
  const probeFor = (ms: number): Promise<number[]> =>
    new Promise((resolve) => {
      probe.once('message', resolve);
      probe.postMessage(ms);
    });

  const attack: Record<Scenario, () => Promise<unknown>> = {
    idle: async () => undefined,
    search: () => send(`${server.url}/v2/customers/search?q=a&limit=10`, { headers: { authorization: DEMO } }),
    snapshot: () => send(`${server.url}/_emulator/snapshot`, { headers: { authorization: DEMO } }),
    export: () => send(`${server.url}/_emulator/events`, { headers: { authorization: DEMO } }),
    import: () => send(`${server.url}/_emulator/events`, { method: 'PUT', headers: { authorization: SCRATCH, ...ndjson }, body: importLog }),
  };
  const clients: Record<Scenario, number> = { idle: 0, search: 8, snapshot: 1, export: 1, import: 1 };

  const waits: Record<Scenario, number[]> = { idle: [], search: [], snapshot: [], export: [], import: [] };
  const attacks: Record<Scenario, number> = { idle: 0, search: 0, snapshot: 0, export: 0, import: 0 };
  for (let run = 0; run < repeat; run++) {
    const order = SCENARIOS.map((_, i) => SCENARIOS[(i + run) % SCENARIOS.length] as Scenario);
    for (const scenario of order) {
      const end = performance.now() + seconds * 1000;
      const attackers = Array.from({ length: clients[scenario] }, async () => {
        while (performance.now() < end) {
          await attack[scenario]();
          attacks[scenario]++;
        }
      });
      // Let the attack begin before probing.
      await new Promise((resolve) => setTimeout(resolve, 50));
      waits[scenario].push(...(await probeFor(end - performance.now())));
      await Promise.all(attackers);
    }
  }
  await probe.terminate();
  serverThread.postMessage('close');
  await new Promise((resolve) => serverThread.once('message', resolve));
  await serverThread.terminate();
  rmSync(dataDir, { recursive: true, force: true });

  const idleMedian = quantile([...waits.idle].sort((a, b) => a - b), 0.5);
  const rows = SCENARIOS.map((s) => {
    const sorted = [...waits[s]].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    const worst = sorted.at(-1) ?? Number.NaN;
    return { scenario: s, probes: sorted.length, attacks: attacks[s], medianMs: median, p99Ms: quantile(sorted, 0.99), worstMs: worst, worstOverIdleMedian: worst / idleMedian };
  });
  console.log(`\n[stalls] ${customers} customers in org default; load average ${loadavg()[0]?.toFixed(1)} on this host`);
  console.log('| scenario | attack requests | probes | probe median ms | p99 ms | worst ms | worst / idle median |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.scenario} | ${r.attacks} | ${r.probes} | ${r.medianMs.toFixed(2)} | ${r.p99Ms.toFixed(1)} | ${r.worstMs.toFixed(1)} | ${r.worstOverIdleMedian.toFixed(0)}× |`);
  }
  writeFileSync(join(here, 'results', 'stalls.json'), `${JSON.stringify({ customers, seconds, repeat, loadavg: loadavg(), rows }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
