// Start-up: the time from spawning the command to its first answer, and the cost of a fresh in-process
// emulator with its first request, against the floors that bound them (issue 11's start-up targets).
//
//   node --import tsx bench/startup.ts [--rounds 9] [--out FILE]       (needs `npm run build` first)
//
// Cold start: each contender is spawned in turn, round after round (interleaved), and timed from spawn to
// the end of one authenticated lookup answered over HTTP: the built command (`dist/cli.cjs`, through its
// code cache, warmed by an untimed first start), the bundle loaded without the cache, and a bare
// `node:http` server answering `{}` (Node's own start, the floor). In-process: `createEmulator()` with the
// default org and its first `request()`, repeated after warm-up in one process, the median reported.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEmulator } from '../src/emulator';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const AUTH = `Basic ${Buffer.from('demo.till:demo').toString('base64')}`;
const LOOKUP = '/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919876543210';
const BARE = "const s=require('node:http').createServer((q,r)=>r.end('{}')).listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port))";

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '9' }, out: { type: 'string' } } });
const rounds = Number(values.rounds);
const cache = mkdtempSync(join(tmpdir(), 'customer-graph-startup-'));
const env = { ...process.env, XDG_CACHE_HOME: cache, PORT: '' };

const contenders: Record<string, { args: string[]; env: NodeJS.ProcessEnv }> = {
  'customer-graph serve (dist/cli.cjs, code cache)': { args: [join(ROOT, 'dist/cli.cjs'), 'serve', '--port', '0', '--quiet'], env },
  'the bundle without the cache': { args: [join(ROOT, 'dist/cli-bundle.cjs'), 'serve', '--port', '0', '--quiet'], env },
  'bare node:http server (floor)': { args: ['-e', BARE], env },
};

async function firstAnswer(args: string[], childEnv: NodeJS.ProcessEnv, lingerMs = 0): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: childEnv });
  let out = '';
  const url = await new Promise<string>((done, fail) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) done(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`exited with ${code}: ${out}`)));
  });
  const res = await fetch(`${url}${LOOKUP}`, { headers: { authorization: AUTH } });
  await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 404 && res.status !== 200) throw new Error(`answered ${res.status}`);
  if (lingerMs > 0) await new Promise((r) => setTimeout(r, lingerMs));
  child.kill('SIGKILL');
  await new Promise((done) => child.once('exit', done));
  return ms;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('run npm run build first');
  const first = contenders['customer-graph serve (dist/cli.cjs, code cache)']!;
  // The first start writes the code cache a second after it starts; a server lives longer than that.
  await firstAnswer(first.args, first.env, 1500);
  if (readdirSync(join(cache, 'customer-graph')).length !== 1) throw new Error('the first start wrote no code cache');
  const times = new Map<string, number[]>(Object.keys(contenders).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, c] of Object.entries(contenders)) times.get(name)!.push(await firstAnswer(c.args, c.env));
  }
  const floor = median(times.get('bare node:http server (floor)')!);
  process.stdout.write(`\ncold start to the first answer, ${rounds} interleaved rounds (median, and ratio to the floor)\n\n| contender | median ms | × floor |\n|---|---:|---:|\n`);
  for (const [name, ts] of times) process.stdout.write(`| ${name} | ${median(ts).toFixed(0)} | ${(median(ts) / floor).toFixed(2)} |\n`);

  const created: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const emulator = await createEmulator();
    const t1 = performance.now();
    await emulator.request({ method: 'GET', path: LOOKUP, till: 'demo.till' });
    const t2 = performance.now();
    if (i >= 20) {
      created.push(t1 - t0);
      answered.push(t2 - t1);
    }
    await emulator.close();
  }
  process.stdout.write(`\ncreateEmulator() with the default org: ${median(created).toFixed(2)} ms; its first in-process request: ${median(answered).toFixed(2)} ms; together ${(median(created) + median(answered)).toFixed(2)} ms (medians of 40 after 20 warm-up)\n`);
  rmSync(cache, { recursive: true, force: true });
  if (values.out !== undefined) {
    const coldMs = Object.fromEntries([...times].map(([name, ts]) => [name, median(ts)]));
    const result = { rounds, coldStartMedianMs: coldMs, createEmulatorMs: median(created), firstRequestMs: median(answered) };
    writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
