// The identifier index: one table per identifier type, from the normalised value to the live customers
// holding it. Each holding packs the customer and the source account into one integer,
// `customerId * slots + account`, with the org's source accounts numbered from 1, so that one probe
// answers both questions the rules ask: "who holds this in this source account?" (ID-1) and "who holds
// it anywhere else?" (REG-6, CHG-4). Every source account of a record is one the org lists: the decider
// reads accounts through the org, and the fold of an event from outside refuses any other.
import type { CustomerId, SourceAccountKey } from '../kernel/ids';
import type { Org } from '../org/org';
import { MULTI_ACCOUNT_SOURCES, SOURCES, sourceAccountKey, type Source } from '../org/sources';
import type { Customer } from '../records/customer';
import type { ProfileData } from '../records/profile';
import { IDENTIFIER_TABLE } from './graph';
import type { Writer } from './store';

/** Who holds one identifier value: one holding, or (one customer in several source accounts, or several customers) a list. */
export type Holders = number | readonly number[];

/** The source accounts of an org, numbered from 1. */
export interface AccountNumbers {
  readonly slots: number;
  readonly numbers: ReadonlyMap<string, number>;
  readonly keys: readonly SourceAccountKey[];
}

const accountNumbersByOrg = new WeakMap<Org, AccountNumbers>();

/** The numbering of an org's source accounts, made once per org. */
export function accountNumbers(org: Org): AccountNumbers {
  let found = accountNumbersByOrg.get(org);
  if (found === undefined) {
    const keys: SourceAccountKey[] = [];
    for (const source of SOURCES) {
      if (MULTI_ACCOUNT_SOURCES.has(source)) for (const account of org.accounts.get(source) ?? []) keys.push(sourceAccountKey(source, account));
      else keys.push(sourceAccountKey(source, ''));
    }
    found = { slots: keys.length + 1, numbers: new Map(keys.map((k, i) => [k, i + 1])), keys };
    accountNumbersByOrg.set(org, found);
  }
  return found;
}

/** The number of a source account of the org; 0 for one it does not list. */
export function accountNumber(numbers: AccountNumbers, source: Source, accountId: string): number {
  return numbers.numbers.get(MULTI_ACCOUNT_SOURCES.has(source) ? `${source}/${accountId}` : source) ?? 0;
}

/** The customer of a holding. */
export function holderOf(numbers: AccountNumbers, holding: number): CustomerId {
  return Math.floor(holding / numbers.slots) as CustomerId;
}

/** The holding of this source account among the holders, if any (ID-1). */
export function holdingIn(numbers: AccountNumbers, holders: Holders, account: number): CustomerId | undefined {
  if (typeof holders === 'number') return holders % numbers.slots === account ? holderOf(numbers, holders) : undefined;
  for (const h of holders) if (h % numbers.slots === account) return holderOf(numbers, h);
  return undefined;
}

/** Every (source account, customer) of the holders, oldest holding first. */
export function decodeHolders(numbers: AccountNumbers, holders: Holders): { readonly sak: SourceAccountKey; readonly id: CustomerId }[] {
  const out: { sak: SourceAccountKey; id: CustomerId }[] = [];
  for (const h of typeof holders === 'number' ? [holders] : holders) {
    out.push({ sak: numbers.keys[(h % numbers.slots) - 1] as SourceAccountKey, id: holderOf(numbers, h) });
  }
  return out;
}

/** The holdings of a customer as flat triples (identifier table, value, holding), each once; none unless it is live. */
function holdingsOfRecord(numbers: AccountNumbers, customer: Customer | undefined): (number | string)[] {
  const out: (number | string)[] = [];
  if (customer === undefined || customer.status !== 'live') return out;
  for (const profile of customer.profiles) {
    const holding = customer.id * numbers.slots + accountNumber(numbers, profile.source, profile.accountId);
    addHoldings(out, profile, holding);
    for (const p of profile.conflictingProfiles) addHoldings(out, p, holding);
  }
  return out;
}

function addHoldings(out: (number | string)[], p: ProfileData, holding: number): void {
  for (const i of p.identifiers) {
    const table = IDENTIFIER_TABLE.get(i.type);
    if (table !== undefined && indexOfTriple(out, table, i.value, holding) === -1) out.push(table, i.value, holding);
  }
}

function indexOfTriple(triples: readonly (number | string)[], table: number, value: string, holding: number): number {
  for (let k = 0; k < triples.length; k += 3) if (triples[k + 2] === holding && triples[k + 1] === value && triples[k] === table) return k;
  return -1;
}

function addHolding(w: Writer, table: number, value: string, holding: number): void {
  const holders = w.get<Holders>(table, value);
  if (holders === undefined) w.set(table, value, holding);
  else if (typeof holders === 'number') {
    if (holders !== holding) w.set(table, value, Object.freeze([holders, holding]));
  } else if (!holders.includes(holding)) w.set(table, value, Object.freeze([...holders, holding]));
}

function removeHolding(w: Writer, table: number, value: string, holding: number): void {
  const holders = w.get<Holders>(table, value);
  if (holders === undefined) return;
  if (typeof holders === 'number') {
    if (holders === holding) w.delete(table, value);
    return;
  }
  const rest = holders.filter((h) => h !== holding);
  if (rest.length === holders.length) return;
  w.set(table, value, rest.length === 1 ? (rest[0] as number) : Object.freeze(rest));
}

/** Brings the identifier index in line with a record's new version, by difference (ID-1). */
export function reindexIdentifiers(w: Writer, numbers: AccountNumbers, before: Customer | undefined, after: Customer): void {
  const was = holdingsOfRecord(numbers, before);
  const now = holdingsOfRecord(numbers, after);
  for (let k = 0; k < was.length; k += 3) {
    const [table, value, holding] = [was[k] as number, was[k + 1] as string, was[k + 2] as number];
    if (indexOfTriple(now, table, value, holding) === -1) removeHolding(w, table, value, holding);
  }
  for (let k = 0; k < now.length; k += 3) {
    const [table, value, holding] = [now[k] as number, now[k + 1] as string, now[k + 2] as number];
    if (indexOfTriple(was, table, value, holding) === -1) addHolding(w, table, value, holding);
  }
}
