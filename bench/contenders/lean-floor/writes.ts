// The lean floor's points, transfer and subscription commands: the till and the customers checked in the
// reference model's order, then the ledger rules of ./ledger.ts.
import type { PointsCommand, TransferPointsCommand, UpdateSubscriptionsCommand } from '../../../src/index';
import { movePoints, subscribe, transfer } from './ledger';
import type { LeanSubscription } from './records';
import { refuse, type LeanOutcome, type LeanStore } from './store';

function outcome<T>(r: number | T): LeanOutcome<T> {
  return typeof r === 'number' ? refuse(r) : { ok: true, value: r };
}

/** Issue, redeem, return or adjust points (PTS-2, PTS-4). */
export function points(store: LeanStore, cmd: PointsCommand): LeanOutcome<{ readonly loyaltyPoints: number }> {
  if (!store.org.tills.has(cmd.meta.till)) return refuse(91021);
  const c = store.actionable(cmd.customerId);
  return typeof c === 'number' ? refuse(c) : outcome(movePoints(store.org, c, cmd));
}

/** A points transfer between two live members of one program (TRF-1..TRF-3). */
export function transferPoints(store: LeanStore, cmd: TransferPointsCommand): LeanOutcome<{ readonly transferId: number }> {
  if (!store.org.tills.has(cmd.meta.till)) return refuse(91021);
  if (cmd.fromId === cmd.toId) return refuse(400);
  const from = store.actionable(cmd.fromId);
  if (typeof from === 'number') return refuse(from);
  const to = store.actionable(cmd.toId);
  if (typeof to === 'number') return refuse(to);
  if (!store.org.programs.has(cmd.programId)) return refuse(400);
  const r = outcome(transfer(from, to, cmd, store.nextTransferId));
  if (r.ok) store.nextTransferId++;
  return r;
}

/** Update Subscription Details (SUB-1, SUB-2, SUB-4, SUB-5). */
export function updateSubscriptions(store: LeanStore, cmd: UpdateSubscriptionsCommand): LeanOutcome<readonly LeanSubscription[]> {
  if (!store.org.tills.has(cmd.meta.till)) return refuse(91021);
  const c = store.actionable(cmd.customerId);
  return typeof c === 'number' ? refuse(c) : outcome(subscribe(c, cmd));
}
