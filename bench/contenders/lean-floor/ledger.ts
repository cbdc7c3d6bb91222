// The lean floor's loyalty and subscriptions (PRG-2, PRG-3, PTS-2..PTS-5, TRF-1..TRF-3, MRG-9, MRG-10,
// SUB-1..SUB-5), on the mutable records of ./records.ts, with the library's own tier helper.
import type { Org, PointsCommand, TransferPointsCommand, UpdateSubscriptionsCommand } from '../../../src/index';
import { tierFor } from '../../../src/org/programs';
import { subscriptionKey, type LeanCustomer, type LeanLedger, type LeanLot, type LeanSubscription } from './records';

interface EnrollmentInput {
  readonly programId: number;
  readonly tierNumber?: number;
  readonly loyaltyPoints?: number;
  readonly pointsExpiryDate?: string;
}

/** PRG-2, PRG-3: the enrollments, or 400 for an unknown program or a tier it lacks. */
export function readEnrollments(org: Org, items: readonly unknown[] | undefined): readonly EnrollmentInput[] | number {
  if (items === undefined || items.length === 0) return [];
  for (const item of items as readonly EnrollmentInput[]) {
    const program = org.programs.get(item.programId);
    if (program === undefined) return 400;
    if (item.tierNumber !== undefined && !program.tiers.some((t) => t.serialNumber === item.tierNumber)) return 400;
  }
  return items as readonly EnrollmentInput[];
}

function balance(l: LeanLedger): number {
  return l.issued - l.redeemed - l.returned + l.adjusted;
}

function retier(org: Org, l: LeanLedger): void {
  const program = org.programs.get(l.programId);
  l.tier = program === undefined ? l.floor : tierFor(program, l.issued, l.floor);
}

/** Joins each program the customer is not in yet, with its opening points as a lot. */
export function enroll(org: Org, c: LeanCustomer, items: readonly EnrollmentInput[], at: string): void {
  for (const item of items) {
    if (c.programs.some((l) => l.programId === item.programId)) continue;
    const floor = item.tierNumber ?? org.programs.get(item.programId)?.tiers[0]?.serialNumber ?? 1;
    const points = item.loyaltyPoints ?? 0;
    const lots: LeanLot[] = points > 0 ? [{ issuedOn: at, expiresOn: item.pointsExpiryDate ?? null, remaining: points }] : [];
    const ledger: LeanLedger = { programId: item.programId, issued: points, redeemed: 0, returned: 0, adjusted: 0, floor, tier: floor, lots };
    retier(org, ledger);
    c.programs.push(ledger);
  }
}

/** PTS-3: takes points from the earliest lots (the balance has been checked). */
function debit(l: LeanLedger, points: number): void {
  let left = points;
  while (left > 0 && l.lots.length > 0) {
    const first = l.lots[0] as LeanLot;
    const take = Math.min(first.remaining, left);
    first.remaining -= take;
    left -= take;
    if (first.remaining === 0) l.lots.shift();
  }
}

/** MRG-9, MRG-10: programs both are in add up, the tier is the higher; an OPTOUT on either side wins. */
export function mergeLedgers(org: Org, survivor: LeanCustomer, victim: LeanCustomer): void {
  for (const v of victim.programs) {
    const s = survivor.programs.find((l) => l.programId === v.programId);
    if (s === undefined) {
      survivor.programs.push(v);
      continue;
    }
    s.issued += v.issued;
    s.redeemed += v.redeemed;
    s.returned += v.returned;
    s.adjusted += v.adjusted;
    s.floor = Math.max(s.tier, v.tier);
    s.lots = [...s.lots, ...v.lots].sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
    retier(org, s);
  }
  if (victim.transfers !== null) survivor.transfers = [...(survivor.transfers ?? []), ...victim.transfers];
  if (victim.subscriptions !== null) {
    const mine = (survivor.subscriptions ??= new Map());
    for (const [key, v] of victim.subscriptions) if (v.type === 'OPTOUT' || !mine.has(key)) mine.set(key, v);
  }
}

/** Issue, redeem, return or adjust points (PTS-2, PTS-4): answers the balance after, or the code. */
export function movePoints(org: Org, c: LeanCustomer, cmd: PointsCommand): number | { readonly loyaltyPoints: number } {
  if (!org.programs.has(cmd.programId)) return 400;
  const l = c.programs.find((x) => x.programId === cmd.programId);
  if (l === undefined) return 1013;
  const adjust = cmd.kind === 'adjustPoints';
  if (cmd.points === 0 || (!adjust && cmd.points < 0)) return 400;
  const isDebit = cmd.kind === 'redeemPoints' || cmd.kind === 'returnPoints' || (adjust && cmd.points < 0);
  if (isDebit && Math.abs(cmd.points) > balance(l)) return 1010;
  switch (cmd.kind) {
    case 'issuePoints':
      l.issued += cmd.points;
      l.lots.push({ issuedOn: cmd.meta.at, expiresOn: cmd.expiresOn ?? null, remaining: cmd.points });
      break;
    case 'redeemPoints':
      l.redeemed += cmd.points;
      debit(l, cmd.points);
      break;
    case 'returnPoints':
      l.returned += cmd.points;
      debit(l, cmd.points);
      break;
    case 'adjustPoints':
      l.adjusted += cmd.points;
      if (cmd.points < 0) debit(l, -cmd.points);
      else l.lots.push({ issuedOn: cmd.meta.at, expiresOn: null, remaining: cmd.points });
      break;
  }
  retier(org, l);
  return { loyaltyPoints: balance(l) };
}

/** TRF-1..TRF-3: an adjustment on both sides (lifetime points and tiers do not move), with a line on each. */
export function transfer(from: LeanCustomer, to: LeanCustomer, cmd: TransferPointsCommand, transferId: number): number | { readonly transferId: number } {
  const sender = from.programs.find((l) => l.programId === cmd.programId);
  const receiver = to.programs.find((l) => l.programId === cmd.programId);
  if (sender === undefined || receiver === undefined) return 1013;
  if (cmd.points <= 0) return 400;
  if (cmd.points > balance(sender)) return 1010;
  sender.adjusted -= cmd.points;
  receiver.adjusted += cmd.points;
  debit(sender, cmd.points);
  receiver.lots.push({ issuedOn: cmd.meta.at, expiresOn: null, remaining: cmd.points });
  const line = { transferId, programId: cmd.programId, points: cmd.points, fromId: from.id, toId: to.id, notes: cmd.notes ?? '', at: cmd.meta.at };
  (from.transfers ??= []).push({ ...line, transferType: 'DEDUCTION' });
  (to.transfers ??= []).push({ ...line, transferType: 'ADDITION' });
  return { transferId };
}

const CHANNELS: ReadonlySet<string> = new Set(['EMAIL', 'SMS', 'WECHAT', 'ANDROID', 'IOS', 'LINE']);

/** Update Subscription Details (SUB-1, SUB-2, SUB-4, SUB-5): answers the states set, or the code. */
export function subscribe(c: LeanCustomer, cmd: UpdateSubscriptionsCommand): number | readonly LeanSubscription[] {
  const scopes = cmd.body.scope;
  if (Array.isArray(scopes) && scopes.length > 1) return 1105;
  const scope: unknown = Array.isArray(scopes) ? scopes[0] : scopes;
  if (scope !== undefined) {
    if (typeof scope !== 'object' || scope === null) return 1103;
    const { scope: name, subScope } = scope as { scope?: unknown; subScope?: unknown };
    if (name !== 'USER' || (subScope !== undefined && subScope !== 'NONE')) return 1103;
  }
  const read: LeanSubscription[] = [];
  for (const s of cmd.body.subscriptions) {
    const upper = s.channel.toUpperCase();
    const channel = upper === 'MOBILE' ? 'SMS' : upper;
    if (!CHANNELS.has(channel)) return 1101;
    const priority = s.priority.toUpperCase();
    if (priority !== 'TRANS' && priority !== 'BULK') return 1102;
    const type = s.type.toUpperCase();
    if (type !== 'OPTIN' && type !== 'OPTOUT') return 1106;
    read.push({ channel, priority, accountId: s.accountId ?? '', type });
  }
  const mine = (c.subscriptions ??= new Map());
  for (const s of read) mine.set(subscriptionKey(s), s);
  return read;
}

export { balance };
