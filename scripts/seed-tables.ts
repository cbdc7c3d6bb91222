// Reads the request-parameter tables of the seeds (the v2 Customer API and the v1.1 bulk get): each
// endpoint's method, URI and the rows `name | type | description` of its "Request … Parameter(s)" tables.
// A row's name is taken as the seed prints it, its `*` or `**` (mandatory) marks removed. Used by
// scripts/coverage.ts to write docs/coverage.md and by test/docs/coverage.test.ts to check it (EMU-32).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One row of a seed's request-parameter table. */
export interface SeedParam {
  readonly name: string;
  /** The seed's mark: `*` mandatory, `**` mandatory in some cases (a multi-account source), empty otherwise. */
  readonly mark: '' | '*' | '**';
  readonly type: string;
  readonly description: string;
  /** The heading the table stands under, e.g. `Request Body Parameters`. */
  readonly table: string;
}

/** One endpoint of a seed, with its request parameters in the order the seed lists them. */
export interface SeedEndpoint {
  readonly seed: string;
  readonly title: string;
  readonly method: string;
  readonly uri: string;
  readonly params: readonly SeedParam[];
}

/** The two seeds, by file name: C the v2 Customer API, B the v1.1 bulk get. */
export const SEED_FILES = ['000_9c3a1ce221eba9b0.txt', '002_22c917f8064c5e6a.txt'] as const;

/** Where the seeds are: `../shared/seeds` beside the repository (see .ci/run). */
export const SEEDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'seeds');

const PARAM_HEADING = /^(?:#{2,4}\s*)?(Request (?:Query |Body |Path )?Parameters?)\s*$/i;
const ENDPOINT_HEADING = /^##\s+(.+?)\s*$/;
const FIRST_LINE_ENDPOINT = /^(get|post|put|delete)\s+(https?:\/\/\S+)/i;
const SEPARATOR = /^[\s|:-]+$/;

function cellsOf(line: string): string[] {
  const cells = line.split('|').map((c) => c.trim());
  if (line.trim().endsWith('|')) cells.pop();
  return cells;
}

function rowOf(cells: readonly string[], columns: number, table: string): SeedParam | undefined {
  const raw = cells[0] ?? '';
  const name = raw.replace(/\*+$/, '').trim();
  if (name === '') return undefined;
  const stars = raw.length - raw.replace(/\*+$/, '').length;
  const three = columns >= 3;
  return { name, mark: stars === 0 ? '' : stars === 1 ? '*' : '**', type: three ? (cells[1] ?? '') : '', description: (three ? cells.slice(2) : cells.slice(1)).join(' ').trim(), table };
}

interface Draft {
  title: string;
  method: string;
  uri: string;
  params: SeedParam[];
}

/** The endpoints of one seed's text: those with an HTTP method and a URI; sections without (codes, prose) are left out. */
export function parseSeed(seed: string, text: string): SeedEndpoint[] {
  const lines = text.split(/\r?\n/);
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  const first = FIRST_LINE_ENDPOINT.exec(lines[0] ?? '');
  if (first !== null) {
    const url = new URL((first[2] ?? '').replace('{host}', 'host'));
    current = { title: `${(first[1] ?? '').toUpperCase()} ${url.pathname}`, method: (first[1] ?? '').toUpperCase(), uri: url.pathname, params: [] };
    drafts.push(current);
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = ENDPOINT_HEADING.exec(line);
    if (heading !== null) {
      current = { title: heading[1] ?? '', method: '', uri: '', params: [] };
      drafts.push(current);
      continue;
    }
    if (current === undefined) continue;
    const method = /^HTTP Methods?\s*\|\s*([A-Z]+)/.exec(line);
    if (method !== null && current.method === '') current.method = method[1] ?? '';
    const uri = /^URI\s*\|\s*`([^`']+)/.exec(line);
    if (uri !== null && current.uri === '') current.uri = uri[1] ?? '';
    const table = PARAM_HEADING.exec(line.trim());
    if (table === null) continue;
    // The table's header is the first line with a `|` after the heading, then its separator, then rows.
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').includes('|') && !ENDPOINT_HEADING.test(lines[j] ?? '')) j++;
    const columns = cellsOf(lines[j] ?? '').length;
    if (!SEPARATOR.test(lines[j + 1] ?? '')) continue;
    for (j += 2; j < lines.length && (lines[j] ?? '').includes('|') && !/^#/.test(lines[j] ?? ''); j++) {
      const row = rowOf(cellsOf(lines[j] ?? ''), columns, table[1] ?? '');
      if (row !== undefined) current.params.push(row);
    }
    i = j - 1;
  }
  return drafts.filter((d) => d.method !== '').map((d) => ({ seed, ...d }));
}

/** Every endpoint of both seeds, read from `dir`. */
export function readSeeds(dir: string = SEEDS_DIR): SeedEndpoint[] {
  return SEED_FILES.flatMap((file) => parseSeed(file, readFileSync(join(dir, file), 'utf8')));
}
