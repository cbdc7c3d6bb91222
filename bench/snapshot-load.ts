// Restart cost with and without a snapshot (issue 12, EMU-20): an org of N generated customers, started
// from its whole log (every line replayed) and from a snapshot at its last line (the snapshot read back,
// no line to replay), interleaved and repeated in one process; and the bytes per customer of each file.
//
//   node --expose-gc --max-old-space-size=12288 --import tsx bench/snapshot-load.ts [--sizes 100000,1000000] [--writes 1,5] [--repeat 3]
//
// `--writes K`: each customer registered, then renamed K - 1 times (each rename a log line and an entry of
// the customer's history, which the snapshot keeps too).
//
// Also timed: writing the snapshot (what a compaction costs, off the org's queue). Results go to
// bench/results/snapshot-load.json.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultOrg } from '../src/index';
import { writeManifest } from '../src/emulator/runtime/manifest';
import { OrgRuntime } from '../src/emulator/runtime/org-runtime';
import { writeSnapshotFile } from '../src/emulator/runtime/snapshot-file';
import { writePreloadLog } from './preload';

const here = dirname(fileURLToPath(import.meta.url));
const quiet = (): void => undefined;

async function timeStart(dir: string, customers: number): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const org = await OrgRuntime.durable(defaultOrg(), dir, quiet);
  const ms = performance.now() - t0;
  if (org.graph.customerCount !== customers) throw new Error(`started with ${org.graph.customerCount} customers, not ${customers}`);
  await org.close();
  return ms;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, writes: { type: 'string' }, repeat: { type: 'string' } } });
  const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number);
  const writesPerCustomer = (values.writes ?? '1').split(',').map(Number);
  const repeat = Number(values.repeat ?? '3');
  const rows = [];
  for (const size of sizes) for (const writes of writesPerCustomer) {
    const logDir = mkdtempSync(join(tmpdir(), 'replay-'));
    const snapDir = mkdtempSync(join(tmpdir(), 'snapshot-'));
    try {
      console.log(`[snapshot-load] ${size} customers, ${writes} writes each: writing the log...`);
      const { graph, lines } = writePreloadLog(join(logDir, 'default.events.jsonl'), size, writes);
      const writeMs: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const t0 = performance.now();
        await writeSnapshotFile(join(snapDir, 'default.snapshot.1.jsonl'), graph, lines);
        writeMs.push(performance.now() - t0);
      }
      writeFileSync(join(snapDir, 'default.log.2.jsonl'), '');
      await writeManifest(snapDir, 'default', { v: 1, next: 3, snapshots: [{ file: 'default.snapshot.1.jsonl', lines }], segments: [{ file: 'default.log.2.jsonl', base: lines }], fromSnapshot: false });
      const replay: number[] = [];
      const snapshot: number[] = [];
      for (let i = 0; i < repeat; i++) {
        // Alternating which goes first, so that a slow spell of the host does not always land on one.
        if (i % 2 === 0) {
          replay.push(await timeStart(logDir, size));
          snapshot.push(await timeStart(snapDir, size));
        } else {
          snapshot.push(await timeStart(snapDir, size));
          replay.push(await timeStart(logDir, size));
        }
        console.log(`[snapshot-load] ${size}×${writes} round ${i + 1}: replay ${replay.at(-1)?.toFixed(0)} ms, snapshot ${snapshot.at(-1)?.toFixed(0)} ms`);
      }
      const best = (xs: number[]): number => Math.min(...xs);
      const logBytes = statSync(join(logDir, 'default.events.jsonl')).size;
      const snapshotBytes = statSync(join(snapDir, 'default.snapshot.1.jsonl')).size;
      rows.push({
        customers: size,
        writesPerCustomer: writes,
        replayMs: replay,
        snapshotLoadMs: snapshot,
        snapshotWriteMs: writeMs,
        bestSnapshotOverReplay: best(snapshot) / best(replay),
        logBytesPerCustomer: logBytes / size,
        snapshotBytesPerCustomer: snapshotBytes / size,
      });
    } finally {
      rmSync(logDir, { recursive: true, force: true });
      rmSync(snapDir, { recursive: true, force: true });
    }
  }
  console.log(`\n[snapshot-load] load average ${loadavg()[0]?.toFixed(1)} on this host`);
  console.log('| customers | writes each | replay ms (best, all) | snapshot load ms (best, all) | snapshot / replay | snapshot write ms (best) | log B/customer | snapshot B/customer |');
  console.log('|---:|---:|---|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const all = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(
      `| ${r.customers} | ${r.writesPerCustomer} | ${Math.min(...r.replayMs).toFixed(0)} (${all(r.replayMs)}) | ${Math.min(...r.snapshotLoadMs).toFixed(0)} (${all(r.snapshotLoadMs)}) | ${r.bestSnapshotOverReplay.toFixed(2)} | ${Math.min(...r.snapshotWriteMs).toFixed(0)} | ${r.logBytesPerCustomer.toFixed(0)} | ${r.snapshotBytesPerCustomer.toFixed(0)} |`,
    );
  }
  writeFileSync(join(here, 'results', 'snapshot-load.json'), `${JSON.stringify({ sizes, repeat, loadavg: loadavg(), rows }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
