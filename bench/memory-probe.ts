// How long one dependent random read through JS objects takes as the heap they live in grows. Every graph
// operation is a chain of such reads (HAMT levels, B+ tree levels, key strings, records), so this is the
// machine's floor for how the cost of an operation grows from 10k to 1M customers. No side effects on import.
import { createRng } from './data';

/** One probe: objects spread over `mebibytes` of heap, linked in a single random cycle. */
export interface MemoryProbe {
  readonly mebibytes: number;
  /** Wall-clock nanoseconds per dependent read. */
  readonly wallNs: number;
  /** Process CPU nanoseconds per dependent read (less sensitive to other processes). */
  readonly cpuNs: number;
}

interface Cell {
  next: Cell | null;
  readonly value: number;
  readonly pad1: number;
  readonly pad2: number;
}

/** Bytes per `Cell` on a 64-bit V8 heap without pointer compression: map, properties, elements, 4 fields. */
const CELL_BYTES = 56;

/** Follows `reads` links through a random cycle of objects occupying about `mebibytes` of heap. */
export function probeMemory(mebibytes: number, reads = 1_000_000, seed = 0x5eed): MemoryProbe {
  const n = Math.max(2, Math.floor((mebibytes * 1024 * 1024) / CELL_BYTES));
  const cells: Cell[] = new Array<Cell>(n);
  for (let i = 0; i < n; i++) cells[i] = { next: null, value: i, pad1: 0, pad2: 0 };
  // Sattolo's shuffle gives a single cycle through every cell, so the walk never settles in a small loop.
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i);
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  for (let i = 0; i < n; i++) {
    const from = cells[order[i] ?? 0];
    const to = cells[order[(i + 1) % n] ?? 0];
    if (from !== undefined && to !== undefined) from.next = to;
  }
  let cell: Cell = cells[0] ?? { next: null, value: 0, pad1: 0, pad2: 0 };
  let sum = 0;
  for (let i = 0; i < Math.min(reads, 100_000); i++) cell = cell.next ?? cell; // warm-up: JIT and TLB
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < reads; i++) {
    cell = cell.next ?? cell;
    sum += cell.value;
  }
  const wallNs = ((performance.now() - t0) * 1e6) / reads;
  const cpu = process.cpuUsage(c0);
  if (sum < 0) throw new Error('unreachable');
  return { mebibytes, wallNs, cpuNs: ((cpu.user + cpu.system) * 1000) / reads };
}
