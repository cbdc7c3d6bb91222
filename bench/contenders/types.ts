// What the three contenders of the side-by-side benchmark (bench/contenders.ts) implement: the same
// operations over the same seeded inputs, each returning how many of its operations had the expected,
// verified outcome. No side effects on import.
import type {
  ChangeIdentifierCommand,
  GetCustomerQuery,
  LookupQuery,
  PointsCommand,
  RegisterCommand,
  SearchQuery,
  TransferPointsCommand,
  UpdateCommand,
  UpdateSubscriptionsCommand,
  V11Query,
} from '../../src/index';

export const CONTENDERS = ['floor', 'lean-floor', 'naive-immer', 'customer-graph'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

export function isContenderName(s: string): s is ContenderName {
  return (CONTENDERS as readonly string[]).includes(s);
}

/** The measured operations, in the order they run and are reported. */
export const OP_NAMES = [
  'register',
  'registerCombine',
  'changeIdentifierMerge',
  'update',
  'lookup',
  'getWithEmbeds',
  'search',
  'updateSubscriptions',
  'issuePoints',
  'transferPoints',
  'v11BulkGet10',
] as const;
export type OpName = (typeof OP_NAMES)[number];

/** The write operations: each op of a round is folded onto the state left by the previous one. */
export const WRITE_OPS: ReadonlySet<OpName> = new Set<OpName>([
  'register',
  'registerCombine',
  'changeIdentifierMerge',
  'update',
  'updateSubscriptions',
  'issuePoints',
  'transferPoints',
]);

/** A registration of an existing customer's mobile in another source: it must combine into `expected` (8050). */
export interface CombineItem {
  readonly command: RegisterCommand;
  readonly expected: number;
}

/** A changeIdentifier that must merge its customer into `survivor` (8051). */
export interface MergeItem {
  readonly command: ChangeIdentifierCommand;
  readonly survivor: number;
}

export interface LookupItem {
  readonly query: LookupQuery;
  readonly expected: number;
}

export interface GetItem {
  readonly query: GetCustomerQuery;
  readonly expected: number;
}

/** A narrow search: at most 10 customers match, `expected` among them. */
export interface SearchItem {
  readonly query: SearchQuery;
  readonly expected: number;
}

export interface UpdateItem {
  readonly command: UpdateCommand;
}

/**
 * A v1.1 get of ten ids, each of which must be answered successfully, as itself (none is a victim):
 * customer-graph's items are checked by their stored mobile, the others' by id.
 */
export interface V11Item {
  readonly query: V11Query;
  readonly ids: readonly number[];
  readonly mobiles: readonly string[];
}

/**
 * One contender. Immutable contenders fold each round of a write op onto their base state and drop the
 * result, so every round starts from the same population; the mutable floor keeps what it wrote (as a
 * mutable store does) except registrations, which it removes after each round (`afterRound`).
 */
export interface Contender {
  readonly name: ContenderName;
  /** Builds the population: generated customers 0..n-1, getting ids `firstCustomerId + index`, from scratch. */
  build(commands: Iterable<RegisterCommand>, n: number): void;
  /** Drops all state (before measuring the empty heap of the next size). */
  reset(): void;
  /**
   * Untimed set-up: registers `commands` on the state the next write op starts from, and answers the
   * created ids (fresh customers that the merge op then merges).
   */
  stage(commands: readonly RegisterCommand[]): number[];
  register(commands: readonly RegisterCommand[]): number;
  registerCombine(items: readonly CombineItem[]): number;
  changeIdentifierMerge(items: readonly MergeItem[]): number;
  update(items: readonly UpdateItem[]): number;
  lookup(items: readonly LookupItem[]): number;
  getWithEmbeds(items: readonly GetItem[]): number;
  search(items: readonly SearchItem[]): number;
  updateSubscriptions(commands: readonly UpdateSubscriptionsCommand[]): number;
  issuePoints(commands: readonly PointsCommand[]): number;
  transferPoints(commands: readonly TransferPointsCommand[]): number;
  v11BulkGet10(items: readonly V11Item[]): number;
  /** Outside the timed region, after each round of `op`. */
  afterRound(op: OpName): void;
}
