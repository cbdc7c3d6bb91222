// The cost of using several versions of one graph (issue "Truly persistent and fast"), against the
// straight line, at one size, through the public API. One op is one register or one lookup.
//
//   node --expose-gc --max-old-space-size=12288 --import tsx bench/persistence.ts [--size 100000] [--rounds 1000] [--repeat 3]
//     [--tree DIR] [--out FILE]
//
// --tree runs the same patterns against another tree's library (bench/trees.ts: the rerooted store);
// --out writes the figures as JSON.
//
// Patterns, each `rounds` rounds of one register and one lookup, the patterns interleaved and repeated,
// each keeping its best run:
//   line       writes and reads on the newest graph;
//   branches   two branches A and B from one base, used alternately (write A, read B, write B, read A);
//   published  writes on the newest graph, reads on the base kept from before them;
// and `snapshot`: the first lookup on a graph 10,000 writes old (best of `repeat`).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CustomerGraph, RegisterCommand } from '../src/index';
import { customerAt, freshRegisterCommand, lookupQueryOf, registerCommandOf } from './data';

const { values } = parseArgs({
  options: { size: { type: 'string' }, rounds: { type: 'string' }, repeat: { type: 'string' }, tree: { type: 'string' }, out: { type: 'string' } },
});
const size = Number(values.size ?? 100_000);
const rounds = Number(values.rounds ?? 1000);
const repeat = Number(values.repeat ?? 3);
const tree = values.tree === undefined ? undefined : resolve(values.tree);
const { defaultOrg, emptyGraph, execute, lookup } = (await import(
  tree === undefined ? '../src/index' : pathToFileURL(join(tree, 'src', 'index.ts')).href
)) as typeof import('../src/index');
const org = defaultOrg();

function write(g: CustomerGraph, command: RegisterCommand): CustomerGraph {
  const r = execute(g, command);
  if (r.isErr()) throw new Error(`register: ${r.error.code} ${r.error.message}`);
  return r.value.graph;
}

function read(g: CustomerGraph, i: number): void {
  const c = customerAt(i % size);
  const r = lookup(g, lookupQueryOf(c, i % 2 === 0));
  if (r.isErr()) throw new Error(`lookup: ${r.error.code} ${r.error.message}`);
}

let base = emptyGraph(org)._unsafeUnwrap();
for (let i = 0; i < size; i++) base = write(base, registerCommandOf(customerAt(i)));

let fresh = 10_000_000;
function nextCommand(): RegisterCommand {
  return freshRegisterCommand(fresh++);
}

const patterns: Record<string, () => number> = {
  line: () => {
    let g = base;
    const t = performance.now();
    for (let i = 0; i < rounds; i++) {
      g = write(g, nextCommand());
      read(g, i * 7919);
    }
    return performance.now() - t;
  },
  branches: () => {
    let a = base;
    let b = base;
    const t = performance.now();
    for (let i = 0; i < rounds; i += 2) {
      a = write(a, nextCommand());
      read(b, i * 7919);
      b = write(b, nextCommand());
      read(a, (i + 1) * 7919);
    }
    return performance.now() - t;
  },
  published: () => {
    let g = base;
    const t = performance.now();
    for (let i = 0; i < rounds; i++) {
      g = write(g, nextCommand());
      read(base, i * 7919);
    }
    return performance.now() - t;
  },
};

const best: Record<string, number> = {};
for (let r = 0; r < repeat; r++) {
  for (const [name, run] of Object.entries(patterns)) {
    (globalThis as { gc?: () => void }).gc?.();
    const us = (run() * 1000) / (2 * rounds);
    best[name] = Math.min(best[name] ?? Infinity, us);
  }
}

// The first read after 10,000 writes pays cold caches whichever version it reads; the first read of the
// newest graph after the same writes is the control that tells the snapshot's age from that.
let snapshot = Infinity;
let newest = Infinity;
for (let r = 0; r < repeat; r++) {
  for (const which of ['snapshot', 'newest'] as const) {
    const kept = base;
    let g = base;
    for (let i = 0; i < 10_000; i++) g = write(g, nextCommand());
    const t = performance.now();
    read(which === 'snapshot' ? kept : g, r);
    const us = (performance.now() - t) * 1000;
    if (which === 'snapshot') snapshot = Math.min(snapshot, us);
    else newest = Math.min(newest, us);
  }
}

const line = best['line'] as number;
console.log(`persistence at ${size} customers, ${rounds} rounds, best of ${repeat} (µs per op; one op = one register or one lookup)`);
for (const [name, us] of Object.entries(best)) console.log(`  ${name.padEnd(10)} ${us.toFixed(2).padStart(10)} µs/op  ${(us / line).toFixed(2)}× the line`);
console.log(`  first lookup on a snapshot 10,000 writes old: ${snapshot.toFixed(1)} µs (on the newest graph after the same writes: ${newest.toFixed(1)} µs)`);
if (values.out !== undefined) {
  const result = { tree: tree ?? null, size, rounds, repeat, usPerOp: best, snapshotFirstReadUs: snapshot, newestFirstReadUs: newest };
  writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
}
