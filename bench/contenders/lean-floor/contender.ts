// The lean floor as a contender of bench/contenders.ts: the same operations as the others on one mutable
// LeanStore, which keeps what it wrote (as a mutable store does) except registrations, removed after
// each register round so that every round starts from the same population.
import { defaultOrg, type Org, type PointsCommand, type RegisterCommand, type TransferPointsCommand, type UpdateSubscriptionsCommand } from '../../../src/index';
import { fail } from '../../harness';
import type { CombineItem, Contender, GetItem, LookupItem, MergeItem, OpName, SearchItem, UpdateItem, V11Item } from '../types';
import { getCustomer, lookup } from './reads';
import { LeanStore } from './store';
import { points, transferPoints, updateSubscriptions } from './writes';

export class LeanFloorContender implements Contender {
  readonly name = 'lean-floor' as const;
  store: LeanStore;
  /** Customers created by the current register round, removed after it. */
  private created = 0;

  constructor(private readonly org: Org = defaultOrg()) {
    this.store = new LeanStore(org);
  }

  build(commands: Iterable<RegisterCommand>, n: number): void {
    const s = new LeanStore(this.org);
    let i = 0;
    for (const command of commands) {
      const r = s.register(command);
      if (!r.ok) fail(`loading customer ${i}: ${r.code}`);
      if (r.value.createdId !== this.org.firstCustomerId + i || r.value.combined) fail(`customer ${i} got id ${r.value.createdId}`);
      i++;
    }
    if (i !== n) fail(`loaded ${i} customers, expected ${n}`);
    this.store = s;
  }

  reset(): void {
    this.store = new LeanStore(this.org);
  }

  stage(commands: readonly RegisterCommand[]): number[] {
    return commands.map((command) => {
      const r = this.store.register(command);
      if (!r.ok || r.value.combined) fail(`staging a registration: ${r.ok ? 'combined' : r.code}`);
      return r.value.createdId;
    });
  }

  register(commands: readonly RegisterCommand[]): number {
    const s = this.store;
    for (const command of commands) {
      const r = s.register(command);
      if (!r.ok) fail(`register: ${r.code}`);
      if (!r.value.combined) this.created++;
    }
    return this.created;
  }

  registerCombine(items: readonly CombineItem[]): number {
    const s = this.store;
    let combined = 0;
    for (const { command, expected } of items) {
      const r = s.register(command);
      if (!r.ok) fail(`registerCombine: ${r.code}`);
      if (r.value.combined && r.value.createdId === expected) combined++;
    }
    return combined;
  }

  changeIdentifierMerge(items: readonly MergeItem[]): number {
    const s = this.store;
    let merged = 0;
    for (const { command, survivor } of items) {
      const r = s.changeIdentifier(command);
      if (!r.ok) fail(`changeIdentifier: ${r.code}`);
      if (r.value.mergedInto === survivor) merged++;
    }
    return merged;
  }

  update(items: readonly UpdateItem[]): number {
    const s = this.store;
    let updated = 0;
    for (const { command } of items) {
      const r = s.update(command);
      if (!r.ok) fail(`update: ${r.code}`);
      if (r.value.createdId === command.customerId) updated++;
    }
    return updated;
  }

  lookup(items: readonly LookupItem[]): number {
    const s = this.store;
    let found = 0;
    for (const { query, expected } of items) {
      const r = lookup(s, query);
      if (r.ok && r.value.entity === expected) found++;
    }
    return found;
  }

  getWithEmbeds(items: readonly GetItem[]): number {
    const s = this.store;
    let found = 0;
    for (const { query, expected } of items) {
      const r = getCustomer(s, query);
      if (r.ok && r.value.id === expected && r.value.subscriptions !== undefined && (r.value.programs?.length ?? 0) > 0) found++;
    }
    return found;
  }

  search(items: readonly SearchItem[]): number {
    const s = this.store;
    let answered = 0;
    for (const { query, expected } of items) {
      const r = s.searchIndex.search(query.q, query.limit ?? 10, query.offset ?? 0, (id) => s.customer(id)?.profiles ?? []);
      if (r.total >= 1 && r.total <= 10 && r.data.length === r.total && r.data.some((h) => h.userId === expected)) answered++;
    }
    return answered;
  }

  updateSubscriptions(commands: readonly UpdateSubscriptionsCommand[]): number {
    const s = this.store;
    let done = 0;
    for (const command of commands) {
      const r = updateSubscriptions(s, command);
      if (!r.ok) fail(`updateSubscriptions: ${r.code}`);
      if (r.value.length === command.body.subscriptions.length) done++;
    }
    return done;
  }

  issuePoints(commands: readonly PointsCommand[]): number {
    const s = this.store;
    let done = 0;
    for (const command of commands) {
      const r = points(s, command);
      if (!r.ok) fail(`issuePoints: ${r.code}`);
      if (r.value.loyaltyPoints >= command.points) done++;
    }
    return done;
  }

  transferPoints(commands: readonly TransferPointsCommand[]): number {
    const s = this.store;
    let done = 0;
    for (const command of commands) {
      const r = transferPoints(s, command);
      if (!r.ok) fail(`transferPoints: ${r.code}`);
      if (r.value.transferId > 0) done++;
    }
    return done;
  }

  v11BulkGet10(items: readonly V11Item[]): number {
    const s = this.store;
    let answered = 0;
    for (const { ids } of items) {
      // Ten gets with the programs and subscriptions that `mlp` and `subscriptions` ask for.
      let ok = 0;
      for (const customerId of ids) {
        const r = getCustomer(s, { customerId, source: 'ALL', embed: ['mlp', 'subscriptions'] });
        if (r.ok && r.value.id === customerId) ok++;
      }
      if (ok === ids.length) answered++;
    }
    return answered;
  }

  afterRound(op: OpName): void {
    if (op === 'register') {
      this.store.forget(this.created);
      this.created = 0;
    }
  }
}
