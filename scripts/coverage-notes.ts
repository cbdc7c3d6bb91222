// The hand-kept half of docs/coverage.md: docs/coverage-notes.json says, for every request parameter of
// every seed endpoint, where the emulator reads it and whether it is supported, partial or not modelled,
// and lists the known differences from the platform. `checkNotes` holds the notes to the seeds and to
// the route table, so that a note cannot claim a parameter a route does not read (EMU-32).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z, type ZodType } from 'zod';
import type { ApiRoute } from '../src/emulator/routes/types';
import type { SeedEndpoint } from './seed-tables';

/** Where a parameter is read. */
export const PLACES = ['query', 'path', 'body'] as const;
/** How far the emulator serves a parameter. */
export const STATUSES = ['supported', 'partial', 'not modelled'] as const;

const paramNoteSchema = z
  .strictObject({
    in: z.enum(PLACES),
    status: z.enum(STATUSES),
    /** The emulator's name when it is not the seed's: `loyaltyInfo.loyaltyType`, `customerId`. */
    as: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    /** An answer the seed says is "returned by default": the emulator answers it whatever the parameter, which it does not read. */
    byDefault: z.literal(true).optional(),
  })
  .refine((n) => n.status === 'supported' || n.note !== undefined, 'a partial or not modelled parameter says what is missing, or why');

const notesSchema = z.strictObject({
  endpoints: z.array(
    z.strictObject({
      seed: z.string(),
      title: z.string(),
      /** `METHOD url` of the route table. */
      route: z.string(),
      params: z.record(z.string(), paramNoteSchema),
    }),
  ),
  /** `[title, text]` pairs, in the order they are shown. */
  differences: z.array(z.tuple([z.string(), z.string()])),
});

/** The notes of one parameter. */
export type ParamNote = z.output<typeof paramNoteSchema>;
/** The whole notes file. */
export type CoverageNotes = z.output<typeof notesSchema>;
/** The notes of one endpoint. */
export type EndpointNotes = CoverageNotes['endpoints'][number];

/** docs/coverage-notes.json beside this repository's docs. */
export const NOTES_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'coverage-notes.json');

/** Reads and checks the notes file's shape; a bad file throws with zod's message (a script, not the library). */
export function readNotes(path: string = NOTES_PATH): CoverageNotes {
  return notesSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The keys of an object schema, through `readonly`, `optional` and pipes; empty for anything else. */
export function keysOf(schema: ZodType | undefined): readonly string[] {
  let s: unknown = schema;
  for (let i = 0; i < 8; i++) {
    if (s instanceof z.ZodObject) return Object.keys(s.shape);
    if (s instanceof z.ZodReadonly || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodPipe) s = s.in;
    else return [];
  }
  return [];
}

/** `loyaltyInfo.loyaltyType` → `loyaltyInfo`: the top-level key the route's schema must have. */
const headOf = (name: string): string => name.split('.')[0] ?? name;

/** The route of an endpoint's notes, `METHOD url`, in a route table. */
export function routeOf(routes: readonly ApiRoute[], route: string): ApiRoute | undefined {
  return routes.find((r) => `${r.method} ${r.url}` === route);
}

function paramProblems(where: string, name: string, note: ParamNote, route: ApiRoute): string[] {
  const as = note.as ?? name;
  if (note.in === 'path') return route.url.includes(`:${as}`) ? [] : [`${where} ${name}: the route ${route.url} has no path parameter :${as}`];
  if (note.status === 'not modelled' || note.byDefault === true) return [];
  const keys = keysOf(note.in === 'query' ? route.doc?.query : route.doc?.body);
  return keys.includes(headOf(as)) ? [] : [`${where} ${name}: the route's ${note.in} schema has no ${headOf(as)}, yet the note says ${note.status}`];
}

/**
 * What is wrong with the notes against the seeds and the route table (EMU-32): a seed endpoint or parameter
 * without a note, a note for something the seed does not have, a route that does not exist, or a
 * supported or partial parameter that the route's schemas do not read. Empty when all is well.
 */
export function checkNotes(seeds: readonly SeedEndpoint[], notes: CoverageNotes, routes: readonly ApiRoute[]): string[] {
  const problems: string[] = [];
  for (const seed of seeds) {
    const entry = notes.endpoints.find((e) => e.seed === seed.seed && e.title === seed.title);
    if (entry === undefined) {
      problems.push(`no notes for the seed endpoint "${seed.title}" (${seed.seed})`);
      continue;
    }
    const route = routeOf(routes, entry.route);
    if (route === undefined) problems.push(`${seed.title}: no route ${entry.route} in the route table`);
    for (const param of seed.params) {
      const note = entry.params[param.name];
      if (note === undefined) problems.push(`${seed.title}: no note for the parameter ${param.name}`);
      else if (route !== undefined) problems.push(...paramProblems(seed.title, param.name, note, route));
    }
    for (const name of Object.keys(entry.params)) {
      if (!seed.params.some((p) => p.name === name)) problems.push(`${seed.title}: a note for ${name}, which the seed does not list`);
    }
  }
  for (const entry of notes.endpoints) {
    if (!seeds.some((s) => s.seed === entry.seed && s.title === entry.title)) problems.push(`notes for "${entry.title}", which is not an endpoint of ${entry.seed}`);
  }
  return problems;
}
