// The contender under test: customer-graph through its public API only (src/index.ts).
import {
  customerGetV11,
  defaultOrg,
  emptyGraph,
  execute,
  executeAll,
  getCustomer,
  lookup,
  search,
  type CustomerGraph,
  type Org,
  type PointsCommand,
  type RegisterCommand,
  type TransferPointsCommand,
  type UpdateSubscriptionsCommand,
} from '../../src/index';
import { fail } from '../harness';
import type {
  CombineItem,
  Contender,
  GetItem,
  LookupItem,
  MergeItem,
  OpName,
  SearchItem,
  UpdateItem,
  V11Item,
} from './types';

/** Registrations per executeAll call when building the population. */
const BUILD_CHUNK = 10_000;

export class CustomerGraphContender implements Contender {
  readonly name = 'customer-graph' as const;
  private readonly org: Org;
  private base: CustomerGraph;
  /** The graph the next write op starts from, when `stage` prepared one; dropped after that op. */
  private staged: CustomerGraph | undefined;

  constructor(org: Org = defaultOrg()) {
    this.org = org;
    this.base = emptyGraph(org)._unsafeUnwrap();
  }

  /** The bulk path (executeAll, BUILD_CHUNK registrations a call): the library's own way to load many. */
  build(commands: Iterable<RegisterCommand>, n: number): void {
    let g = emptyGraph(this.org)._unsafeUnwrap();
    let i = 0;
    let chunk: RegisterCommand[] = [];
    const flush = (): void => {
      const r = executeAll(g, chunk);
      if (r.isErr()) fail(`loading customers ${i}..: ${r.error.message}`);
      for (const outcome of r.value.outcomes) {
        if (outcome.isErr()) fail(`loading customer ${i}: ${outcome.error.code} ${outcome.error.message}`);
        const created = (outcome.value.response as { readonly createdId?: number }).createdId;
        if (created !== this.org.firstCustomerId + i) fail(`customer ${i} got id ${created}`);
        i++;
      }
      g = r.value.graph;
      chunk = [];
    };
    for (const command of commands) {
      chunk.push(command);
      if (chunk.length === BUILD_CHUNK) flush();
    }
    if (chunk.length > 0) flush();
    if (i !== n) fail(`loaded ${i} customers, expected ${n}`);
    this.base = g;
    this.staged = undefined;
    this.touch();
  }

  reset(): void {
    this.base = emptyGraph(this.org)._unsafeUnwrap();
    this.staged = undefined;
  }

  /** The state a write op starts from: the staged graph once, else the base. */
  private start(): CustomerGraph {
    const g = this.staged ?? this.base;
    this.staged = undefined;
    return g;
  }

  stage(commands: readonly RegisterCommand[]): number[] {
    let g = this.staged ?? this.base;
    const ids: number[] = [];
    for (const command of commands) {
      const r = execute(g, command);
      if (r.isErr()) fail(`staging a registration: ${r.error.code} ${r.error.message}`);
      if (r.value.events[0]?.kind !== 'CustomerRegistered') fail('staging a registration did not create a customer');
      ids.push(r.value.response.createdId);
      g = r.value.graph;
    }
    this.staged = g;
    return ids;
  }

  register(commands: readonly RegisterCommand[]): number {
    let g = this.start();
    let created = 0;
    for (const command of commands) {
      const r = execute(g, command);
      if (r.isErr()) fail(`register: ${r.error.code} ${r.error.message}`);
      if (r.value.events[0]?.kind === 'CustomerRegistered') created++;
      g = r.value.graph;
    }
    return created;
  }

  registerCombine(items: readonly CombineItem[]): number {
    let g = this.start();
    let combined = 0;
    for (const { command, expected } of items) {
      const r = execute(g, command);
      if (r.isErr()) fail(`registerCombine: ${r.error.code} ${r.error.message}`);
      const res = r.value.response;
      if (res.createdId === expected && res.warnings.some((w) => w.code === 8050)) combined++;
      g = r.value.graph;
    }
    return combined;
  }

  changeIdentifierMerge(items: readonly MergeItem[]): number {
    let g = this.start();
    let merged = 0;
    for (const { command, survivor } of items) {
      const r = execute(g, command);
      if (r.isErr()) fail(`changeIdentifier: ${r.error.code} ${r.error.message}`);
      if (r.value.events.some((e) => e.kind === 'CustomersMerged' && e.survivorId === survivor && e.victimId === command.customerId)) merged++;
      g = r.value.graph;
    }
    return merged;
  }

  update(items: readonly UpdateItem[]): number {
    let g = this.start();
    let updated = 0;
    for (const { command } of items) {
      const r = execute(g, command);
      if (r.isErr()) fail(`update: ${r.error.code} ${r.error.message}`);
      if (r.value.response.createdId === command.customerId && r.value.events[0]?.kind === 'CustomerUpdated') updated++;
      g = r.value.graph;
    }
    return updated;
  }

  lookup(items: readonly LookupItem[]): number {
    const g = this.base;
    let found = 0;
    for (const { query, expected } of items) {
      const r = lookup(g, query);
      if (r.isOk() && r.value.entity === expected) found++;
    }
    return found;
  }

  getWithEmbeds(items: readonly GetItem[]): number {
    const g = this.base;
    let found = 0;
    for (const { query, expected } of items) {
      const r = getCustomer(g, query);
      if (
        r.isOk() &&
        r.value.id === expected &&
        r.value.pointsSummary !== undefined &&
        r.value.subscriptionInfo !== undefined &&
        (r.value.loyaltyProgramDetails?.length ?? 0) > 0
      ) {
        found++;
      }
    }
    return found;
  }

  search(items: readonly SearchItem[]): number {
    const g = this.base;
    let answered = 0;
    for (const { query, expected } of items) {
      const r = search(g, query);
      if (r.isErr()) fail(`search: ${r.error.code}`);
      const { total } = r.value.pagination;
      if (total >= 1 && total <= 10 && r.value.data.length === total && r.value.data.some((h) => h.userId === expected)) answered++;
    }
    return answered;
  }

  updateSubscriptions(commands: readonly UpdateSubscriptionsCommand[]): number {
    let g = this.start();
    let done = 0;
    for (const command of commands) {
      const r = execute(g, command);
      if (r.isErr()) fail(`updateSubscriptions: ${r.error.code} ${r.error.message}`);
      if (r.value.events[0]?.kind === 'SubscriptionsChanged') done++;
      g = r.value.graph;
    }
    return done;
  }

  issuePoints(commands: readonly PointsCommand[]): number {
    let g = this.start();
    let done = 0;
    for (const command of commands) {
      const r = execute(g, command);
      if (r.isErr()) fail(`issuePoints: ${r.error.code} ${r.error.message}`);
      if (r.value.response.customerId === command.customerId && r.value.response.loyaltyPoints >= command.points) done++;
      g = r.value.graph;
    }
    return done;
  }

  transferPoints(commands: readonly TransferPointsCommand[]): number {
    let g = this.start();
    let done = 0;
    for (const command of commands) {
      const r = execute(g, command);
      if (r.isErr()) fail(`transferPoints: ${r.error.code} ${r.error.message}`);
      if (r.value.response.transferId > 0) done++;
      g = r.value.graph;
    }
    return done;
  }

  v11BulkGet10(items: readonly V11Item[]): number {
    const g = this.base;
    let answered = 0;
    for (const { query, ids, mobiles } of items) {
      const r = customerGetV11(g, query);
      if (r.isErr()) fail(`v11: ${r.error.code} ${r.error.message}`);
      const { status, customers } = r.value.response;
      if (status.success_count === ids.length && customers.customer.every((c, k) => c['mobile'] === mobiles[k] && c['loyalty_programs'] !== undefined)) answered++;
    }
    return answered;
  }

  /**
   * One read of the base outside the timed region. The graph is persistent, so the base costs what the
   * newest version costs; the read only warms the caches that the previous round's writes left cold
   * (bench/persistence.ts measures that first read, on the newest graph and on an old snapshot alike).
   */
  private touch(): void {
    void getCustomer(this.base, { customerId: this.org.firstCustomerId, source: 'ALL' });
  }

  afterRound(_op: OpName): void {
    this.staged = undefined;
    this.touch();
  }
}
