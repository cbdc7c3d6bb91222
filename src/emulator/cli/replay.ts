// `customer-graph replay`: a scenario of requests in the API's own vocabulary (one JSON object per line:
// method, path, query, body, and optionally the till), applied in order to fresh orgs, one response each
// (EMU-12). The clock is deterministic, so the same scenario always prints the same answers.
import { DEFAULT_ORG_CONFIG, type Org, type OrgConfig } from '../../index';
import { createEmulator, steppingClock } from '../runtime/emulator';
import { z } from 'zod';

/** One line of a `customer-graph replay` scenario: a request in the API's own vocabulary (EMU-12). */
export const scenarioLineSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'get', 'post', 'put', 'delete']).transform((m) => m.toUpperCase()),
  path: z.string().min(1).max(2048).startsWith('/'),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.unknown().optional(),
  /** The till that sends the request; the org's first till by default. */
  till: z.string().max(64).optional(),
});

/** One line of a replay scenario. */
export type ScenarioLine = z.output<typeof scenarioLineSchema>;


/** The outcome of one scenario line: the response, or why the line could not be sent. */
export interface ReplayedLine {
  /** 1-based line number in the scenario file. */
  readonly line: number;
  readonly method?: string;
  /** The path with its query string, as sent. */
  readonly path?: string;
  readonly status?: number;
  readonly body?: unknown;
  /** Set when the line is not a valid scenario line; nothing was sent. */
  readonly error?: string;
}

/** Options of a replay. */
export interface ReplayOptions {
  readonly orgs?: readonly (OrgConfig | Org)[];
  /** The time of the first request; each next request is `step` seconds later. Default 2024-01-01T00:00:00Z. */
  readonly at?: string;
  readonly step?: number;
}

const DEFAULT_START = '2024-01-01T00:00:00Z';

function firstTill(org: Org | OrgConfig): string | undefined {
  if (org.tills instanceof Map) return [...(org as Org).tills.keys()][0];
  return (org as OrgConfig).tills[0]?.code;
}

/** Lines that are empty or start with `#` or `//` are comments. */
function isComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#') || t.startsWith('//');
}

/** Replays a scenario's text against fresh, in-memory orgs with a stepping clock; one result per request line (EMU-12). */
export async function replayScenario(text: string, options: ReplayOptions = {}): Promise<ReplayedLine[]> {
  const orgs = options.orgs ?? [DEFAULT_ORG_CONFIG];
  const emulator = await createEmulator({ orgs, clock: steppingClock(options.at ?? DEFAULT_START, options.step ?? 1) });
  const defaultTill = orgs[0] === undefined ? undefined : firstTill(orgs[0]);
  const out: ReplayedLine[] = [];
  try {
    for (const [i, raw] of text.split('\n').entries()) {
      const line = i + 1;
      if (isComment(raw)) continue;
      let json: unknown;
      try {
        json = JSON.parse(raw) as unknown;
      } catch (error) {
        out.push({ line, error: `not JSON (${error instanceof Error ? error.message : 'unreadable'})` });
        continue;
      }
      const parsed = scenarioLineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        out.push({ line, error: `${(issue?.path ?? []).join('.') || 'line'}: ${issue?.message ?? 'invalid'}` });
        continue;
      }
      const req = parsed.data;
      const query = Object.entries(req.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
      const path = query.length === 0 ? req.path : `${req.path}${req.path.includes('?') ? '&' : '?'}${query.join('&')}`;
      const till = req.till ?? defaultTill;
      const res = await emulator.request({
        method: req.method,
        path,
        ...(req.body === undefined ? {} : { body: req.body }),
        ...(till === undefined ? {} : { till }),
      });
      out.push({ line, method: req.method, path, status: res.status, body: res.body });
    }
  } finally {
    await emulator.close();
  }
  return out;
}
