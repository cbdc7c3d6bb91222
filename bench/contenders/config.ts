// Sizes and batches of the side-by-side benchmark, shared by bench/contenders.ts (which measures) and
// bench/compare.ts (which reports them). No side effects on import.
import type { ContenderName, OpName } from './types';

/** The sizes each contender runs by default (BENCH_SIZES or --sizes narrow them). */
export const DEFAULT_SIZES: Readonly<Record<ContenderName, string>> = {
  floor: '10000,100000,1000000',
  'lean-floor': '10000,100000,1000000',
  'customer-graph': '10000,100000,1000000',
  // Every naive write copies the whole Maps: 1M would take hours, and is not what the comparison needs.
  'naive-immer': '10000,100000',
};

/** The largest size a contender accepts. */
export const MAX_SIZE: Readonly<Record<ContenderName, number>> = {
  floor: 1_000_000,
  'lean-floor': 1_000_000,
  'customer-graph': 1_000_000,
  'naive-immer': 100_000,
};

/** Operations per round for the floor and customer-graph. */
const FULL_BATCH: Readonly<Record<OpName, number>> = {
  register: 5_000,
  registerCombine: 1_000,
  changeIdentifierMerge: 1_000,
  update: 5_000,
  lookup: 20_000,
  getWithEmbeds: 5_000,
  search: 5_000,
  updateSubscriptions: 5_000,
  issuePoints: 5_000,
  transferPoints: 5_000,
  v11BulkGet10: 1_000,
};

/** Naive immer: each write copies O(N), and each search scans every term, so few per round. */
const NAIVE_WRITES = 20;
const NAIVE_BATCH: Readonly<Record<OpName, number>> = {
  register: NAIVE_WRITES,
  registerCombine: NAIVE_WRITES,
  changeIdentifierMerge: NAIVE_WRITES,
  update: NAIVE_WRITES,
  lookup: 20_000,
  getWithEmbeds: 5_000,
  search: 20,
  updateSubscriptions: NAIVE_WRITES,
  issuePoints: NAIVE_WRITES,
  transferPoints: NAIVE_WRITES,
  v11BulkGet10: 1_000,
};

/**
 * Operations per round of `op` for `contender` at `customers`, with `rounds` timed rounds (plus one
 * warm-up). Combine and merge need a distinct existing customer per operation over all rounds (the floor
 * keeps its writes: a second combine into the same customer in the same source would be 8066), so they
 * never take more than customers / (rounds + 1).
 */
export function batchFor(contender: ContenderName, op: OpName, customers: number, rounds: number): number {
  const base = (contender === 'naive-immer' ? NAIVE_BATCH : FULL_BATCH)[op];
  if (op === 'registerCombine' || op === 'changeIdentifierMerge') return Math.max(1, Math.min(base, Math.floor(customers / (rounds + 1))));
  return base;
}

/** What each operation does, for the report. */
export const OP_NOTES: Readonly<Record<OpName, string>> = {
  register: 'a new customer generated like the population (enrolled in program 1016), folded one after another',
  registerCombine: "an existing customer's mobile registered in JD: combines into it (8050); a distinct customer per op",
  changeIdentifierMerge: "a fresh FACEBOOK customer (registered untimed) adds an existing customer's mobile and merges into it (8051)",
  update: 'new first and last names and loyaltyType loyalty (an upgrade or a no-op) on a random customer in its own source account',
  lookup: 'Fetch Customer ID of a random customer in its own source account, half by mobile, half by email',
  getWithEmbeds: 'Fetch Customer Details, source ALL, embed points, subscriptions and mlp',
  search: 'a stored mobile or a unique email local part as the prefix: at most 10 customers match (limit 10)',
  updateSubscriptions: 'one channel and priority opted in or out',
  issuePoints: 'issue 10..99 points in program 1016',
  transferPoints: 'transfer 1 point in program 1016 between two random members',
  v11BulkGet10: 'v1.1 get of 10 random ids with options mlp and subscriptions (one op = one bulk get of 10; floor and naive immer: 10 gets)',
};
