// Faults and latency per org (EMU-24): a test suite tells the emulator to answer some requests with an
// error, late, or not at all, so that its code under test can be checked against a failing API. Rules are
// memory only and per org, like the journal: one suite's faults never reach another org's requests.
import { z } from 'zod';
import { err, ok, type Result } from 'neverthrow';
import { errorReply, type ApiError, type Reply } from '../http/reply';

/** How many rules one org may hold (EMU-24); more is 409, so that a runaway suite cannot grow memory without end. */
export const FAULT_RULE_LIMIT = 100;

/** Whether a string compiles as a JavaScript regular expression. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The body of `POST /_emulator/faults` (EMU-24): what to match, exactly one effect, and how often. */
export const faultRuleSchema = z
  .object({
    method: z.string().min(1).transform((m) => m.toUpperCase()).optional(),
    path: z.string().startsWith('/').optional(),
    pathPattern: z.string().refine(compiles, 'not a valid regular expression').optional(),
    bodyContains: z.string().min(1).optional(),
    status: z.number().int().min(400).max(599).optional(),
    code: z.number().int().optional(),
    message: z.string().min(1).optional(),
    delayMs: z.number().int().min(0).max(60000).optional(),
    drop: z.literal(true).optional(),
    probability: z.number().min(0).max(1).optional(),
    count: z.number().int().min(1).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    // Checked here rather than by a union so that the 400 names the field at fault.
    if (rule.path !== undefined && rule.pathPattern !== undefined) ctx.addIssue({ code: 'custom', path: ['pathPattern'], message: 'give path or pathPattern, not both' });
    const effects = [rule.status, rule.delayMs, rule.drop].filter((e) => e !== undefined).length;
    if (effects !== 1) ctx.addIssue({ code: 'custom', path: ['status'], message: 'give exactly one effect: status, delayMs or drop' });
    if (rule.status === undefined && (rule.code !== undefined || rule.message !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [rule.code !== undefined ? 'code' : 'message'], message: 'only with status' });
    }
  });

/** A rule as given (EMU-24). */
export type FaultRuleInput = z.output<typeof faultRuleSchema>;

/** A rule as held and listed: the input, its id, and the times it still applies (`null`: unlimited). */
export type FaultRule = Omit<FaultRuleInput, 'count'> & { readonly id: string; readonly remaining: number | null };

/** What a matched rule does to a request (EMU-24). */
export type FaultEffect =
  | { readonly kind: 'status'; readonly reply: Reply }
  | { readonly kind: 'delay'; readonly delayMs: number }
  | { readonly kind: 'drop' };

/** What a rule can match on: the method, the path without query, and the raw body text. */
export interface FaultRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** mulberry32: a small seeded PRNG, so that a probability rule gives the same pattern in every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface HeldRule {
  readonly rule: Omit<FaultRule, 'remaining'>;
  readonly pattern: RegExp | undefined;
  remaining: number | null;
}

/**
 * The fault and latency rules of every org, by org id (EMU-24). A request is checked against its org's
 * rules in the order they were added; the first that matches and wins its probability draw applies, and its
 * count goes down (at zero it is removed). One seeded PRNG serves every org, so that a suite given
 * `faultSeed` sees the same pattern each run.
 */
export class FaultRules {
  private readonly byOrg = new Map<string, HeldRule[]>();
  private readonly random: () => number;
  private nextId = 1;

  constructor(seed?: number) {
    this.random = seed === undefined ? Math.random : mulberry32(seed);
  }

  add(orgId: string, input: FaultRuleInput): Result<FaultRule, ApiError> {
    const list = this.byOrg.get(orgId) ?? [];
    if (list.length >= FAULT_RULE_LIMIT) return err({ code: 409, status: 409, message: `An org may hold at most ${FAULT_RULE_LIMIT} fault rules: delete some first.` });
    // The schema checks the pattern; a direct caller that skipped it gets a 400, not an exception.
    if (input.pathPattern !== undefined && !compiles(input.pathPattern)) return err({ code: 400, status: 400, message: 'Invalid input: pathPattern: not a valid regular expression' });
    const { count, ...rest } = input;
    const held: HeldRule = {
      rule: { id: String(this.nextId++), ...rest },
      pattern: input.pathPattern === undefined ? undefined : new RegExp(input.pathPattern),
      remaining: count ?? null,
    };
    list.push(held);
    this.byOrg.set(orgId, list);
    return ok(view(held));
  }

  list(orgId: string): FaultRule[] {
    return (this.byOrg.get(orgId) ?? []).map(view);
  }

  /** Removes one rule; false when the org holds none with that id. */
  remove(orgId: string, id: string): boolean {
    const list = this.byOrg.get(orgId) ?? [];
    const at = list.findIndex((h) => h.rule.id === id);
    if (at === -1) return false;
    list.splice(at, 1);
    return true;
  }

  clear(orgId: string): void {
    this.byOrg.delete(orgId);
  }

  /** The effect for a request, if a rule applies; the rule's count is spent. */
  take(orgId: string, request: FaultRequest): FaultEffect | undefined {
    const list = this.byOrg.get(orgId);
    if (list === undefined) return undefined;
    for (const held of list) {
      if (!matches(held, request)) continue;
      const p = held.rule.probability ?? 1;
      // A certain rule draws nothing, so that adding one does not shift the pattern of a seeded one.
      if (p < 1 && this.random() >= p) continue;
      if (held.remaining !== null && --held.remaining <= 0) list.splice(list.indexOf(held), 1);
      return effectOf(held.rule);
    }
    return undefined;
  }
}

function view(held: HeldRule): FaultRule {
  return { ...held.rule, remaining: held.remaining };
}

function matches(held: HeldRule, request: FaultRequest): boolean {
  const { rule, pattern } = held;
  if (rule.method !== undefined && rule.method !== request.method.toUpperCase()) return false;
  if (rule.path !== undefined && rule.path !== request.path) return false;
  if (pattern !== undefined && !pattern.test(request.path)) return false;
  if (rule.bodyContains !== undefined && !request.body.includes(rule.bodyContains)) return false;
  return true;
}

function effectOf(rule: Omit<FaultRule, 'remaining'>): FaultEffect {
  if (rule.drop === true) return { kind: 'drop' };
  if (rule.delayMs !== undefined) return { kind: 'delay', delayMs: rule.delayMs };
  const status = rule.status ?? 500;
  const message = rule.message ?? `Fault injected by the emulator (status ${status}).`;
  return { kind: 'status', reply: errorReply({ code: rule.code ?? status, status, message }) };
}
