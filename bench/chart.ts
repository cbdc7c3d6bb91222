// The cost of each operation against the size of the graph, one small chart per operation, drawn as a
// self-contained SVG (no scripts, no external fonts or stylesheets) from the per-contender result files
// bench/results/<contender>.json.
//
//   node --import tsx bench/chart.ts [--out FILE] [RESULTS.json ...]
//
// Without files it reads bench/results/{floor,naive-immer,customer-graph}.json, skipping the missing ones,
// and writes bench/results/cost-vs-size.svg. `renderChart` is pure: the same results give the same bytes.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OP_NAMES } from './contenders/types';

// ---------------------------------------------------------------------------------------------------
// The input: what the comparison benchmark writes per contender

export interface OpResult {
  readonly usPerOp: number;
  readonly opsPerSec?: number;
  readonly cpuUsPerOp?: number;
  readonly rounds?: readonly number[];
}

export interface SizeResult {
  readonly customers: number;
  readonly loadSeconds?: number;
  readonly heapBytesPerCustomer?: number;
  readonly ops: Readonly<Record<string, OpResult | undefined>>;
}

export interface ContenderResults {
  readonly contender: string;
  readonly machine?: Readonly<Record<string, unknown>>;
  readonly command?: string;
  readonly sizes: readonly SizeResult[];
}

/** The operations, in the order the panels are drawn; operations found only in the data come after. */
export const OPERATIONS: readonly string[] = OP_NAMES;

/** The graph sizes every chart shows on its x axis, measured or not. */
const STANDARD_SIZES: readonly number[] = [10_000, 100_000, 1_000_000];

/** The contenders in legend order, with a colour (Okabe–Ito, safe for colour blindness), a dash and a marker. */
const CONTENDER_STYLES: readonly { readonly name: string; readonly colour: string; readonly dash: string; readonly marker: Marker }[] = [
  { name: 'floor', colour: '#0072B2', dash: '7 4', marker: 'square' },
  { name: 'naive-immer', colour: '#D55E00', dash: '2 3', marker: 'triangle' },
  { name: 'customer-graph', colour: '#009E73', dash: '', marker: 'circle' },
];
const EXTRA_STYLES: readonly { readonly colour: string; readonly dash: string; readonly marker: Marker }[] = [
  { colour: '#CC79A7', dash: '10 3 2 3', marker: 'diamond' },
  { colour: '#E69F00', dash: '4 2', marker: 'square' },
  { colour: '#56B4E9', dash: '1 2', marker: 'triangle' },
  { colour: '#000000', dash: '12 4', marker: 'diamond' },
];

type Marker = 'circle' | 'square' | 'triangle' | 'diamond';

// ---------------------------------------------------------------------------------------------------
// Formatting

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A coordinate with at most two decimals. */
const n = (x: number): string => String(Math.round(x * 100) / 100);

/** 10000 → "10k", 1000000 → "1M". */
export function formatCount(count: number): string {
  const short = (x: number) => String(Number(x.toPrecision(3)));
  if (count >= 1e9) return `${short(count / 1e9)}G`;
  if (count >= 1e6) return `${short(count / 1e6)}M`;
  if (count >= 1e3) return `${short(count / 1e3)}k`;
  return short(count);
}

/** A duration given in microseconds: "50 ns", "1 µs", "250 µs", "2 ms", "1.5 s". */
export function formatMicros(us: number): string {
  const short = (x: number) => String(Number(x.toPrecision(3)));
  if (us >= 1e6) return `${short(us / 1e6)} s`;
  if (us >= 1e3) return `${short(us / 1e3)} ms`;
  if (us >= 1) return `${short(us)} µs`;
  return `${short(us * 1e3)} ns`;
}

// ---------------------------------------------------------------------------------------------------
// Scales

interface LogScale {
  readonly lo: number;
  readonly hi: number;
  /** Pixel position of a value. */
  at(value: number): number;
}

function logScale(domainLo: number, domainHi: number, pixelLo: number, pixelHi: number): LogScale {
  const a = Math.log10(domainLo);
  const b = Math.log10(domainHi);
  const span = b - a || 1;
  return { lo: domainLo, hi: domainHi, at: (v) => pixelLo + ((Math.log10(v) - a) / span) * (pixelHi - pixelLo) };
}

/** Major ticks of a log axis over [lo, hi]: powers of ten, with 2 and 5 between them when there are few. */
function logTicks(lo: number, hi: number): { major: number[]; minor: number[] } {
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const powers: number[] = [];
  for (let e = first; e <= last; e++) powers.push(10 ** e);
  const all: number[] = [];
  for (const p of powers) for (let m = 1; m <= 9; m++) all.push(m * p);
  let major = powers.filter(inside);
  // Many decades: label every second or third power of ten, the others stay as minor grid lines.
  const step = Math.ceil(major.length / 6);
  if (step > 1) {
    const labelled = major.filter((v) => Math.round(Math.log10(v)) % step === 0);
    return { major: labelled, minor: major.filter((v) => !labelled.includes(v)) };
  }
  if (major.length < 3) major = all.filter((v) => inside(v) && [1, 2, 5].includes(Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9))));
  const minor = last - first <= 5 ? all.filter((v) => inside(v) && !major.some((m) => Math.abs(m - v) <= v * 1e-9)) : [];
  return { major, minor };
}

/** The y domain of a panel: whole decades around the data (at least one decade). */
function yDomain(values: readonly number[]): [number, number] {
  if (values.length === 0) return [1, 10];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  let a = Math.floor(Math.log10(lo) + 1e-9);
  let b = Math.ceil(Math.log10(hi) - 1e-9);
  if (b <= a) b = a + 1;
  // Keep the data off the frame when it sits right on a decade line.
  if (Math.abs(Math.log10(lo) - a) < 0.05) a -= 1;
  if (Math.abs(Math.log10(hi) - b) < 0.05) b += 1;
  return [10 ** a, 10 ** b];
}

// ---------------------------------------------------------------------------------------------------
// Drawing

function markerSvg(kind: Marker, x: number, y: number, r: number, colour: string, title: string): string {
  const t = `<title>${escapeXml(title)}</title>`;
  const paint = `fill="${colour}" stroke="#ffffff" stroke-width="1"`;
  switch (kind) {
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" ${paint}>${t}</circle>`;
    case 'square':
      return `<rect x="${n(x - r * 0.9)}" y="${n(y - r * 0.9)}" width="${n(r * 1.8)}" height="${n(r * 1.8)}" ${paint}>${t}</rect>`;
    case 'triangle': {
      const h = r * 1.15;
      return `<polygon points="${n(x)},${n(y - h)} ${n(x + h)},${n(y + h * 0.8)} ${n(x - h)},${n(y + h * 0.8)}" ${paint}>${t}</polygon>`;
    }
    case 'diamond': {
      const h = r * 1.25;
      return `<polygon points="${n(x)},${n(y - h)} ${n(x + h)},${n(y)} ${n(x)},${n(y + h)} ${n(x - h)},${n(y)}" ${paint}>${t}</polygon>`;
    }
  }
}

interface Series {
  readonly contender: string;
  readonly colour: string;
  readonly dash: string;
  readonly marker: Marker;
  /** Points by size, in increasing customers, only those with a usable value. */
  readonly points: ReadonlyMap<string, readonly { readonly customers: number; readonly us: number }[]>;
}

const usable = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

function seriesOf(results: readonly ContenderResults[]): Series[] {
  const known = new Map(CONTENDER_STYLES.map((s) => [s.name, s]));
  const ordered = [...results].sort((a, b) => {
    const ia = CONTENDER_STYLES.findIndex((s) => s.name === a.contender);
    const ib = CONTENDER_STYLES.findIndex((s) => s.name === b.contender);
    return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || (a.contender < b.contender ? -1 : a.contender > b.contender ? 1 : 0);
  });
  let extra = 0;
  return ordered.map((r) => {
    const style = known.get(r.contender) ?? EXTRA_STYLES[extra++ % EXTRA_STYLES.length] ?? { colour: '#000000', dash: '', marker: 'circle' as const };
    const points = new Map<string, { customers: number; us: number }[]>();
    const sizes = [...r.sizes].filter((s) => usable(s.customers)).sort((a, b) => a.customers - b.customers);
    for (const size of sizes) {
      for (const [op, result] of Object.entries(size.ops)) {
        if (!usable(result?.usPerOp)) continue;
        const list = points.get(op) ?? [];
        list.push({ customers: size.customers, us: result.usPerOp });
        points.set(op, list);
      }
    }
    return { contender: r.contender, colour: style.colour, dash: style.dash, marker: style.marker, points };
  });
}

/** Renders the results as a self-contained SVG document: one panel per operation, log–log axes. */
export function renderChart(results: readonly ContenderResults[]): string {
  const series = seriesOf(results);
  const seen = new Set<string>();
  for (const s of series) for (const op of s.points.keys()) seen.add(op);
  const ops = [...OPERATIONS, ...[...seen].filter((op) => !OPERATIONS.includes(op)).sort()];

  // The x domain, shared by every panel: 10k, 100k and 1M customers and any other size measured, a little
  // beyond each end, so that panels drawn from partial results keep the same axes.
  const sizes = results.flatMap((r) => r.sizes.map((s) => s.customers)).filter(usable);
  const xTicks = [...new Set([...STANDARD_SIZES, ...sizes])].sort((a, b) => a - b);
  const xLo = (xTicks[0] ?? 1e4) / 10 ** 0.18;
  const xHi = (xTicks[xTicks.length - 1] ?? 1e6) * 10 ** 0.18;

  const columns = 4;
  const panelW = 250;
  const panelH = 200;
  const gapX = 26;
  const gapY = 34;
  const plot = { left: 58, right: 10, top: 26, bottom: 36 };
  const marginX = 24;
  const headerH = 84;
  const legendSlot = ops.length % columns !== 0;
  const rows = Math.ceil(ops.length / columns);
  const width = marginX * 2 + columns * panelW + (columns - 1) * gapX;
  const legendBelowH = legendSlot ? 0 : 40 + series.length * 26;
  const height = headerH + rows * panelH + (rows - 1) * gapY + legendBelowH + 16;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif" role="img" aria-labelledby="chart-title chart-desc">`,
  );
  const title = 'cost per operation against graph size';
  const machine = results.find((r) => r.machine !== undefined)?.machine;
  const machineText =
    machine === undefined
      ? ''
      : [
          typeof machine['cpuModel'] === 'string' ? machine['cpuModel'] : undefined,
          typeof machine['nproc'] === 'number' ? `${machine['nproc']} cores` : undefined,
          typeof machine['node'] === 'string' ? `Node ${machine['node']}` : undefined,
        ]
          .filter((x): x is string => x !== undefined)
          .join(', ');
  const subtitle = `time per operation (log scale) against customers in the graph (log scale)${machineText === '' ? '' : `; ${machineText}`}`;
  out.push(`<title id="chart-title">${escapeXml(title)}</title>`);
  out.push(`<desc id="chart-desc">${escapeXml(`${subtitle}. Contenders: ${series.map((s) => s.contender).join(', ') || 'none'}.`)}</desc>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${marginX}" y="34" font-size="22" font-weight="bold" fill="#111111">${escapeXml(title)}</text>`);
  out.push(`<text x="${marginX}" y="58" font-size="13" fill="#444444">${escapeXml(subtitle)}</text>`);

  if (series.length === 0) {
    out.push(`<text x="${n(width / 2)}" y="${n(headerH + 60)}" font-size="16" text-anchor="middle" fill="#666666">no results to draw</text>`);
  }

  ops.forEach((op, index) => {
    const col = index % columns;
    const row = Math.floor(index / columns);
    const px = marginX + col * (panelW + gapX);
    const py = headerH + row * (panelH + gapY);
    const x0 = px + plot.left;
    const x1 = px + panelW - plot.right;
    const y0 = py + plot.top;
    const y1 = py + panelH - plot.bottom;
    const values = series.flatMap((s) => (s.points.get(op) ?? []).map((p) => p.us));
    const [yLo, yHi] = yDomain(values);
    const xs = logScale(xLo, xHi, x0, x1);
    const ys = logScale(yLo, yHi, y1, y0);
    const clip = `clip-${index}`;

    out.push(`<g aria-label="${escapeXml(op)}">`);
    out.push(`<clipPath id="${clip}"><rect x="${n(x0)}" y="${n(y0)}" width="${n(x1 - x0)}" height="${n(y1 - y0)}"/></clipPath>`);
    out.push(`<rect x="${n(x0)}" y="${n(y0)}" width="${n(x1 - x0)}" height="${n(y1 - y0)}" fill="#fafafa" stroke="none"/>`);
    out.push(`<text x="${n(x0)}" y="${n(py + 16)}" font-size="14" font-weight="bold" fill="#111111">${escapeXml(op)}</text>`);

    // Grid and y ticks.
    const { major, minor } = logTicks(yLo, yHi);
    for (const v of minor) out.push(`<line x1="${n(x0)}" x2="${n(x1)}" y1="${n(ys.at(v))}" y2="${n(ys.at(v))}" stroke="#eeeeee" stroke-width="1"/>`);
    for (const v of major) {
      const y = ys.at(v);
      out.push(`<line x1="${n(x0)}" x2="${n(x1)}" y1="${n(y)}" y2="${n(y)}" stroke="#d4d4d4" stroke-width="1"/>`);
      out.push(`<line x1="${n(x0 - 4)}" x2="${n(x0)}" y1="${n(y)}" y2="${n(y)}" stroke="#555555" stroke-width="1"/>`);
      out.push(`<text x="${n(x0 - 6)}" y="${n(y + 4)}" font-size="11" text-anchor="end" fill="#333333">${escapeXml(formatMicros(v))}</text>`);
    }
    // X ticks: the standard and measured sizes; a label too close to the previous one is left out.
    let lastLabel = Number.NEGATIVE_INFINITY;
    for (const v of xTicks) {
      const x = xs.at(v);
      out.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${n(y0)}" y2="${n(y1)}" stroke="#e4e4e4" stroke-width="1"/>`);
      out.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${n(y1)}" y2="${n(y1 + 4)}" stroke="#555555" stroke-width="1"/>`);
      if (x - lastLabel < 34) continue;
      lastLabel = x;
      out.push(`<text x="${n(x)}" y="${n(y1 + 16)}" font-size="11" text-anchor="middle" fill="#333333">${escapeXml(formatCount(v))}</text>`);
    }
    out.push(`<rect x="${n(x0)}" y="${n(y0)}" width="${n(x1 - x0)}" height="${n(y1 - y0)}" fill="none" stroke="#888888" stroke-width="1"/>`);
    out.push(`<text x="${n((x0 + x1) / 2)}" y="${n(y1 + 30)}" font-size="11" text-anchor="middle" fill="#555555">customers</text>`);
    if (col === 0) {
      const cy = (y0 + y1) / 2;
      out.push(`<text x="${n(px + 10)}" y="${n(cy)}" font-size="11" text-anchor="middle" fill="#555555" transform="rotate(-90 ${n(px + 10)} ${n(cy)})">per operation</text>`);
    }

    if (values.length === 0 && series.length > 0) {
      out.push(`<text x="${n((x0 + x1) / 2)}" y="${n((y0 + y1) / 2)}" font-size="12" text-anchor="middle" fill="#888888">no data</text>`);
    }

    // One line and its markers per contender.
    for (const s of series) {
      const points = s.points.get(op) ?? [];
      if (points.length === 0) continue;
      const coords = points.map((p) => `${n(xs.at(p.customers))},${n(ys.at(p.us))}`).join(' ');
      if (points.length > 1) {
        out.push(
          `<polyline points="${coords}" fill="none" stroke="${s.colour}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`} clip-path="url(#${clip})"/>`,
        );
      }
      for (const p of points) {
        const label = `${s.contender}, ${op}, ${formatCount(p.customers)} customers: ${formatMicros(p.us)} per operation`;
        out.push(markerSvg(s.marker, xs.at(p.customers), ys.at(p.us), 4, s.colour, label));
      }
    }
    out.push('</g>');
  });

  // The legend: in the first free panel slot, or below the panels when none is free.
  const slot = ops.length;
  const lx = legendSlot ? marginX + (slot % columns) * (panelW + gapX) + plot.left : marginX + plot.left;
  const ly = legendSlot ? headerH + Math.floor(slot / columns) * (panelH + gapY) + plot.top : headerH + rows * (panelH + gapY) - gapY + 24;
  out.push('<g aria-label="legend">');
  out.push(`<text x="${n(lx)}" y="${n(ly + 4)}" font-size="14" font-weight="bold" fill="#111111">contender</text>`);
  series.forEach((s, i) => {
    const y = ly + 28 + i * 26;
    out.push(
      `<line x1="${n(lx)}" x2="${n(lx + 44)}" y1="${n(y)}" y2="${n(y)}" stroke="${s.colour}" stroke-width="2.5"${s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`}/>`,
    );
    out.push(markerSvg(s.marker, lx + 22, y, 4.5, s.colour, s.contender));
    out.push(`<text x="${n(lx + 54)}" y="${n(y + 4)}" font-size="13" fill="#111111">${escapeXml(s.contender)}</text>`);
  });
  if (legendSlot) {
    const noteY = ly + 28 + series.length * 26 + 8;
    const notes = ['lower is better', 'both axes logarithmic', 'missing points: not measured'];
    notes.forEach((t, i) => out.push(`<text x="${n(lx)}" y="${n(noteY + i * 16)}" font-size="11" fill="#666666">${escapeXml(t)}</text>`));
  }
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Reading result files

/** Checks the shape of a result file loosely: enough to draw it. */
export function parseContenderResults(json: unknown, where: string): ContenderResults {
  const fail = (problem: string): never => {
    throw new Error(`${where}: ${problem}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const r = json as Record<string, unknown>;
  if (typeof r['contender'] !== 'string') return fail('no "contender" name');
  if (!Array.isArray(r['sizes'])) return fail('no "sizes" array');
  for (const [i, size] of (r['sizes'] as unknown[]).entries()) {
    if (typeof size !== 'object' || size === null) return fail(`sizes[${i}] is not an object`);
    const s = size as Record<string, unknown>;
    if (typeof s['customers'] !== 'number') return fail(`sizes[${i}].customers is not a number`);
    if (typeof s['ops'] !== 'object' || s['ops'] === null) return fail(`sizes[${i}].ops is not an object`);
  }
  return json as ContenderResults;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_INPUTS = ['floor', 'naive-immer', 'customer-graph'].map((c) => join(ROOT, 'bench', 'results', `${c}.json`));

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  const out = values.out ?? join(ROOT, 'bench', 'results', 'cost-vs-size.svg');
  const inputs = positionals.length > 0 ? positionals : DEFAULT_INPUTS;
  const results: ContenderResults[] = [];
  for (const file of inputs) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        process.stderr.write(`skipping ${file}: not there\n`);
        continue;
      }
      throw error;
    }
    results.push(parseContenderResults(JSON.parse(text) as unknown, file));
  }
  if (results.length === 0) {
    process.stderr.write('no result files found: run the comparison benchmark first\n');
    return 1;
  }
  await writeFile(out, renderChart(results));
  process.stdout.write(`${out}: ${results.map((r) => r.contender).join(', ')}\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
