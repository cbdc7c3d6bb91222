// The floor: the mutable reference model of the property tests (plain Maps changed in place), with what
// it lacks added by this adapter: a mutable B+ tree prefix index for search (first and last names and
// identifier values, lower-cased, + '\0' + customer id), names per profile (the model keeps none), the
// lots a balance is made of and each customer's transfer lines (the model keeps counters only, and the
// rules keep both: PTS-3, TRF-1), and the v1.1 bulk get as one model `get` per id.
import {
  defaultOrg,
  type Org,
  type PointsCommand,
  type RegisterCommand,
  type TransferPointsCommand,
  type UpdateSubscriptionsCommand,
} from '../../src/index';
import { ReferenceModel, type ModelCustomerView, type Outcome } from '../../property-tests/model/reference-model';
import { fail } from '../harness';
import { BTree, compareStrings, prefixPage } from './btree';
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

/** One searchable value of a customer, as the search answer reports it. */
interface FloorPosting {
  readonly customerId: number;
  readonly idType: string;
  readonly idValue: string;
  /** The source account key of the profile (the model's `SOURCE/account`). */
  readonly where: string;
}

interface Names {
  readonly firstName: string;
  readonly lastName: string;
}

export interface FloorSearchAnswer {
  readonly total: number;
  readonly data: readonly {
    readonly userId: number;
    readonly matched: readonly FloorPosting[];
    readonly profiles: readonly { readonly where: string; readonly firstName: string; readonly lastName: string }[];
  }[];
}

const SEP = '\u0000';
const NO_NAMES: Names = { firstName: '', lastName: '' };

/** The model's source account key (`SOURCE/account`, the account empty for single-account sources). */
function sakOf(source: string, accountId: string | undefined): string {
  return `${source}/${accountId ?? ''}`;
}

function postingKey(p: FloorPosting): string {
  // As in customer-graph: within a term, customers sort by id; the exact value last (case-sensitive values).
  return `${p.idValue.toLowerCase()}${SEP}${String(p.customerId).padStart(16, '0')}${SEP}${p.idType}${SEP}${p.where}${SEP}${p.idValue}`;
}

/** Points issued together, consumed earliest first (PTS-3); changed in place. */
interface FloorLot {
  readonly issuedOn: string;
  readonly expiresOn: string | null;
  remaining: number;
}

/** One side of a transfer, as the transfer summary reports it (TRF-1). */
interface FloorTransferLine {
  readonly transferId: number;
  readonly programId: number;
  readonly points: number;
  readonly transferType: 'DEDUCTION' | 'ADDITION';
  readonly fromId: number;
  readonly toId: number;
  readonly notes: string;
  readonly at: string;
}

/** The lots and transfer lines the model does not keep, in mutable lists. */
class FloorLoyalty {
  private readonly lots = new Map<string, FloorLot[]>();
  private readonly lines = new Map<number, FloorTransferLine[]>();
  private nextTransferId = 1;

  /** Adds a lot (an issue, an enrollment's points, the receiving side of a transfer). */
  credit(id: number, programId: number, points: number, at: string, expiresOn: string | null = null): void {
    const key = `${id}/${programId}`;
    let lots = this.lots.get(key);
    if (lots === undefined) {
      lots = [];
      this.lots.set(key, lots);
    }
    lots.push({ issuedOn: at, expiresOn, remaining: points });
  }

  /** Takes points from the earliest lots (the model has checked the balance). */
  debit(id: number, programId: number, points: number): void {
    const lots = this.lots.get(`${id}/${programId}`) ?? [];
    let left = points;
    while (left > 0 && lots.length > 0) {
      const first = lots[0] as FloorLot;
      const take = Math.min(first.remaining, left);
      first.remaining -= take;
      left -= take;
      if (first.remaining === 0) lots.shift();
    }
  }

  /** Records both sides of an accepted transfer and moves its lots. */
  transfer(cmd: TransferPointsCommand): void {
    const line = { transferId: this.nextTransferId++, programId: cmd.programId, points: cmd.points, fromId: cmd.fromId, toId: cmd.toId, notes: cmd.notes ?? '', at: cmd.meta.at };
    this.debit(cmd.fromId, cmd.programId, cmd.points);
    this.credit(cmd.toId, cmd.programId, cmd.points, cmd.meta.at);
    this.linesOf(cmd.fromId).push({ ...line, transferType: 'DEDUCTION' });
    this.linesOf(cmd.toId).push({ ...line, transferType: 'ADDITION' });
  }

  private linesOf(id: number): FloorTransferLine[] {
    let lines = this.lines.get(id);
    if (lines === undefined) {
      lines = [];
      this.lines.set(id, lines);
    }
    return lines;
  }
}

/** The mutable floor, with its search index, names, lots and transfer lines. */
export class FloorModel {
  readonly model: ReferenceModel;
  /** Search postings by key, in key order: a prefix search is a range scan. Mutated in place. */
  readonly tree = new BTree<string, FloorPosting>(undefined, compareStrings);
  /** Names of each profile, by customer id (the customer whose profile it was first) and source account key. */
  private readonly names = new Map<number, Map<string, Names>>();
  /** The keys of each customer's postings now in the tree, so a change writes only the difference. */
  private readonly postings = new Map<number, Set<string>>();

  readonly loyalty = new FloorLoyalty();

  constructor(readonly org: Org) {
    this.model = new ReferenceModel(org);
  }

  private setNames(id: number, sak: string, names: Names): void {
    let byAccount = this.names.get(id);
    if (byAccount === undefined) {
      byAccount = new Map();
      this.names.set(id, byAccount);
    }
    byAccount.set(sak, names);
  }

  private namesOf(id: number, sak: string): Names {
    return this.names.get(id)?.get(sak) ?? NO_NAMES;
  }

  /** The postings a customer should have now: every profile, conflicting ones too; none unless live. */
  private postingsOf(id: number): Map<string, FloorPosting> {
    const out = new Map<string, FloorPosting>();
    const c = this.model.customers.get(id);
    if (c === undefined || !c.live) return out;
    const add = (idType: string, idValue: string, where: string): void => {
      if (idValue === '') return;
      const p: FloorPosting = { customerId: id, idType, idValue, where };
      out.set(postingKey(p), p);
    };
    for (const [sak, profile] of c.profiles) {
      const own = this.namesOf(id, sak);
      add('firstName', own.firstName, sak);
      add('lastName', own.lastName, sak);
      for (const i of profile.identifiers) add(i.type, i.value, sak);
      for (const x of profile.conflicting) {
        const where = `${sak}<${x.mergedFrom}`;
        const n = this.namesOf(x.mergedFrom, sak);
        add('firstName', n.firstName, where);
        add('lastName', n.lastName, where);
        for (const i of x.identifiers) add(i.type, i.value, where);
      }
    }
    return out;
  }

  /** Brings the tree in line with the customer's postings, writing only the difference. */
  private reindex(id: number): void {
    const before = this.postings.get(id);
    const after = this.postingsOf(id);
    if (before !== undefined) for (const k of before) if (!after.has(k)) this.tree.delete(k);
    for (const [k, p] of after) if (before?.has(k) !== true) this.tree.set(k, p);
    if (after.size === 0) this.postings.delete(id);
    else this.postings.set(id, new Set(after.keys()));
  }

  register(cmd: RegisterCommand): Outcome<{ createdId: number; combined: boolean }> {
    const r = this.model.register(cmd);
    if (!r.ok) return r;
    const input = cmd.body.profiles.find((p) => p.source === undefined || p.source === cmd.source);
    this.setNames(r.value.createdId, sakOf(cmd.source, cmd.accountId), {
      firstName: input?.firstName?.trim() ?? '',
      lastName: input?.lastName?.trim() ?? '',
    });
    this.reindex(r.value.createdId);
    if (!r.value.combined) {
      // The enrollments of the benchmark's population (bench/data.ts), as the model has accepted them.
      for (const raw of cmd.body.loyaltyProgramEnrollments ?? []) {
        const e = raw as { readonly programId: number; readonly loyaltyPoints?: number; readonly pointsExpiryDate?: string };
        const points = e.loyaltyPoints ?? 0;
        if (points > 0) this.loyalty.credit(r.value.createdId, e.programId, points, cmd.meta.at, e.pointsExpiryDate ?? null);
      }
    }
    return r;
  }

  changeIdentifier(cmd: Parameters<ReferenceModel['changeIdentifier']>[0]): Outcome<{ mergedInto: number | null }> {
    const victimId = cmd.customerId;
    const before = this.model.customers.get(victimId);
    // The model replaces the victim's profile map on a merge: keep the entries to see where each went.
    const victimProfiles = before === undefined ? [] : [...before.profiles];
    const r = this.model.changeIdentifier(cmd);
    if (!r.ok) return r;
    const survivorId = r.value.mergedInto;
    if (survivorId !== null) {
      const survivor = this.model.customers.get(survivorId);
      if (survivor === undefined) fail(`floor: unknown survivor ${survivorId}`);
      // A profile that became the survivor's own (its account was new to the survivor) takes its names
      // along; one that became conflicting keeps them under the victim's id, which it names.
      for (const [sak, profile] of victimProfiles) {
        if (survivor.profiles.get(sak) !== profile) continue;
        const names = this.names.get(victimId)?.get(sak);
        if (names === undefined) continue;
        this.names.get(victimId)?.delete(sak);
        this.setNames(survivorId, sak, names);
      }
      this.reindex(survivorId);
    }
    this.reindex(victimId);
    return r;
  }

  update(cmd: Parameters<ReferenceModel['update']>[0]): Outcome<{ createdId: number }> {
    const r = this.model.update(cmd);
    if (!r.ok) return r;
    const input = cmd.body.profiles?.find((p) => p.source === undefined || p.source === cmd.source);
    if (input?.firstName !== undefined || input?.lastName !== undefined) {
      const sak = sakOf(cmd.source, cmd.accountId);
      const old = this.namesOf(cmd.customerId, sak);
      this.setNames(cmd.customerId, sak, {
        firstName: input.firstName?.trim() ?? old.firstName,
        lastName: input.lastName?.trim() ?? old.lastName,
      });
      this.reindex(cmd.customerId);
    }
    return r;
  }

  /** Fetch Customers: live customers with a first name, last name or identifier value starting with `q`. */
  search(q: string, limit = 10, offset = 0): FloorSearchAnswer {
    const { total, page } = prefixPage(this.tree, q, limit, offset);
    const data: FloorSearchAnswer['data'][number][] = [];
    for (const [id, matched] of page) {
      const c = this.model.customers.get(id);
      if (c === undefined) continue;
      data.push({ userId: id, matched, profiles: [...c.profiles.keys()].map((where) => ({ where, ...this.namesOf(id, where) })) });
    }
    return { total, data };
  }

  /** Removes customers the floor registered (all of them new, none combined): the undo of a register round. */
  forget(ids: readonly number[]): void {
    for (const id of ids) {
      const c = this.model.customers.get(id);
      if (c === undefined) continue;
      for (const [sak, profile] of c.profiles) {
        for (const i of profile.identifiers) {
          const key = `${i.type}|${i.value}`;
          const holders = this.model.index.get(key);
          holders?.delete(sak);
          if (holders?.size === 0) this.model.index.delete(key);
        }
      }
      for (const k of this.postings.get(id) ?? []) this.tree.delete(k);
      this.postings.delete(id);
      this.names.delete(id);
      this.model.customers.delete(id);
    }
    if (ids.length > 0) this.model.nextId = Math.min(...ids);
  }
}

export class FloorContender implements Contender {
  readonly name = 'floor' as const;
  private floor: FloorModel;
  /** Customers created by the current register round, forgotten after it. */
  private created: number[] = [];

  constructor(private readonly org: Org = defaultOrg()) {
    this.floor = new FloorModel(org);
  }

  build(commands: Iterable<RegisterCommand>, n: number): void {
    this.floor = new FloorModel(this.org);
    let i = 0;
    for (const command of commands) {
      const r = this.floor.register(command);
      if (!r.ok) fail(`loading customer ${i}: ${r.code}`);
      if (r.value.createdId !== this.org.firstCustomerId + i || r.value.combined) fail(`customer ${i} got id ${r.value.createdId}`);
      i++;
    }
    if (i !== n) fail(`loaded ${i} customers, expected ${n}`);
  }

  reset(): void {
    this.floor = new FloorModel(this.org);
  }

  stage(commands: readonly RegisterCommand[]): number[] {
    return commands.map((command) => {
      const r = this.floor.register(command);
      if (!r.ok || r.value.combined) fail(`staging a registration: ${r.ok ? 'combined' : r.code}`);
      return r.value.createdId;
    });
  }

  register(commands: readonly RegisterCommand[]): number {
    const f = this.floor;
    const created = this.created;
    for (const command of commands) {
      const r = f.register(command);
      if (!r.ok) fail(`register: ${r.code}`);
      if (!r.value.combined) created.push(r.value.createdId);
    }
    return created.length;
  }

  registerCombine(items: readonly CombineItem[]): number {
    const f = this.floor;
    let combined = 0;
    for (const { command, expected } of items) {
      const r = f.register(command);
      if (!r.ok) fail(`registerCombine: ${r.code}`);
      if (r.value.combined && r.value.createdId === expected) combined++;
    }
    return combined;
  }

  changeIdentifierMerge(items: readonly MergeItem[]): number {
    const f = this.floor;
    let merged = 0;
    for (const { command, survivor } of items) {
      const r = f.changeIdentifier(command);
      if (!r.ok) fail(`changeIdentifier: ${r.code}`);
      if (r.value.mergedInto === survivor) merged++;
    }
    return merged;
  }

  update(items: readonly UpdateItem[]): number {
    const f = this.floor;
    let updated = 0;
    for (const { command } of items) {
      const r = f.update(command);
      if (!r.ok) fail(`update: ${r.code}`);
      if (r.value.createdId === command.customerId) updated++;
    }
    return updated;
  }

  lookup(items: readonly LookupItem[]): number {
    const m = this.floor.model;
    let found = 0;
    for (const { query, expected } of items) {
      const r = m.lookup(query);
      if (r.ok && r.value.entity === expected) found++;
    }
    return found;
  }

  getWithEmbeds(items: readonly GetItem[]): number {
    const m = this.floor.model;
    let found = 0;
    for (const { query, expected } of items) {
      const r = m.get(query);
      if (r.ok && r.value.id === expected && r.value.subscriptions !== undefined && (r.value.programs?.length ?? 0) > 0) found++;
    }
    return found;
  }

  search(items: readonly SearchItem[]): number {
    const f = this.floor;
    let answered = 0;
    for (const { query, expected } of items) {
      const r = f.search(query.q, query.limit ?? 10, query.offset ?? 0);
      if (r.total >= 1 && r.total <= 10 && r.data.length === r.total && r.data.some((h) => h.userId === expected)) answered++;
    }
    return answered;
  }

  updateSubscriptions(commands: readonly UpdateSubscriptionsCommand[]): number {
    const m = this.floor.model;
    let done = 0;
    for (const command of commands) {
      const r = m.updateSubscriptions(command);
      if (!r.ok) fail(`updateSubscriptions: ${r.code}`);
      if (r.value.subscriptions.length === command.body.subscriptions.length) done++;
    }
    return done;
  }

  issuePoints(commands: readonly PointsCommand[]): number {
    const m = this.floor.model;
    let done = 0;
    for (const command of commands) {
      const r = m.points(command);
      if (!r.ok) fail(`issuePoints: ${r.code}`);
      this.floor.loyalty.credit(command.customerId, command.programId, command.points, command.meta.at, command.expiresOn ?? null);
      if (r.value.loyaltyPoints >= command.points) done++;
    }
    return done;
  }

  transferPoints(commands: readonly TransferPointsCommand[]): number {
    const m = this.floor.model;
    let done = 0;
    for (const command of commands) {
      const r = m.transfer(command);
      if (!r.ok) fail(`transferPoints: ${r.code}`);
      this.floor.loyalty.transfer(command);
      if (r.value.fromId === command.fromId && r.value.toId === command.toId) done++;
    }
    return done;
  }

  v11BulkGet10(items: readonly V11Item[]): number {
    const m = this.floor.model;
    let answered = 0;
    for (const { ids } of items) {
      // The model has no v1.1 get: ten gets with the programs and subscriptions that `mlp` and
      // `subscriptions` ask for.
      const out: ModelCustomerView[] = [];
      for (const customerId of ids) {
        const r = m.get({ customerId, source: 'ALL', embed: ['mlp', 'subscriptions'] });
        if (r.ok) out.push(r.value);
      }
      if (out.length === ids.length && out.every((c, k) => c.id === ids[k])) answered++;
    }
    return answered;
  }

  afterRound(op: OpName): void {
    if (op === 'register') {
      this.floor.forget(this.created);
      this.created = [];
    }
  }
}
