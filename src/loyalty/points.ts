// Points in one program: issue, redeem, return, adjust and expire (PTS-2..PTS-5). The events are
// `PointsMoved` and `PointsExpired`; each carries the balance it leaves, which the response answers and
// the fold of an event from outside checks.
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { isIsoDateTime } from '../kernel/dates';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { invalidInput, refuse, type DomainError } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { ledgerOf, withLedger, type Customer } from '../records/customer';
import { balanceAfter, duePoints, expirePoints, isCredit, loyaltyPoints, movePoints, type ProgramLedger } from '../records/ledger';
import { address } from '../decider/addressee';
import { covers, enrolledLedger, knownProgram, liveCustomer, type Fit } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, type CommandSlice, type DecisionContext, type Decision, type EventHandler } from '../decider/slice';

/** Whole points, as the ledger counts them (PTS-2). */
export const pointsAmountSchema = z.number().int().min(-1e12).max(1e12);

function pointsCommandSchema<K extends 'issuePoints' | 'redeemPoints' | 'returnPoints' | 'adjustPoints'>(kind: K) {
  return record({
    kind: z.literal(kind),
    customerId: commandCustomerIdSchema,
    programId: z.number().int().safe(),
    /** Positive; an adjustment may be negative. */
    points: pointsAmountSchema,
    /** When issued points expire (ISO date-time); none for points that never do. */
    expiresOn: text(64).optional(),
    /** The purchase amount behind issued points, added to `cumulativePurchases`. */
    purchase: z.number().min(0).max(1e12).optional(),
    reason: text(256).optional(),
    meta: commandMetaSchema,
  });
}

/** Issue points in one program (PTS-2). */
export const issuePointsCommandSchema = pointsCommandSchema('issuePoints');
/** Redeem points in one program, earliest-expiring first (PTS-2, PTS-3). */
export const redeemPointsCommandSchema = pointsCommandSchema('redeemPoints');
/** Return points in one program (PTS-2). */
export const returnPointsCommandSchema = pointsCommandSchema('returnPoints');
/** Adjust points in one program, up or down (PTS-2). */
export const adjustPointsCommandSchema = pointsCommandSchema('adjustPoints');

/** Expire the points of one program that are due at the command's time (PTS-3). */
export const expirePointsCommandSchema = record({
  kind: z.literal('expirePoints'),
  customerId: commandCustomerIdSchema,
  programId: z.number().int().safe(),
  meta: commandMetaSchema,
});

/** The schema of one of the four point movements: issue, redeem, return or adjust. */
export type PointsCommandSchema = typeof issuePointsCommandSchema | typeof redeemPointsCommandSchema | typeof returnPointsCommandSchema | typeof adjustPointsCommandSchema;

/** Issue, redeem, return or adjust points in one program (PTS-2). */
export type PointsCommand = z.input<PointsCommandSchema>;
/** Expire the points of one program that are due at the command's time (PTS-3). */
export type ExpirePointsCommand = z.input<typeof expirePointsCommandSchema>;

const MOVEMENT = { issuePoints: 'issue', redeemPoints: 'redeem', returnPoints: 'return', adjustPoints: 'adjust' } as const;

/** Points issued, redeemed, returned or adjusted in one program, and the balance they leave (PTS-2). */
export const pointsMovedSchema = record({
  kind: z.literal('PointsMoved'),
  ...eventStampShape,
  customerId: customerIdSchema,
  programId: z.number().int().positive().safe(),
  movement: z.enum(['issue', 'redeem', 'return', 'adjust']),
  /** Positive, except a negative adjustment. */
  points: pointsAmountSchema,
  expiresOn: text(64).refine(isIsoDateTime, 'expected an ISO 8601 date-time with offset').nullable(),
  purchase: z.number().min(0).max(1e15),
  reason: text(1024),
  /** The balance of the program after the movement. */
  balance: z.number().int().min(0),
});

/** Points moved in one program (PTS-2). */
export type PointsMoved = z.output<typeof pointsMovedSchema>;

/** Every lot of the program due at the event's time expired: `points` in all (PTS-3). */
export const pointsExpiredSchema = record({
  kind: z.literal('PointsExpired'),
  ...eventStampShape,
  customerId: customerIdSchema,
  programId: z.number().int().positive().safe(),
  points: z.number().int().min(0),
  balance: z.number().int().min(0),
});

/** Points expired in one program (PTS-3). */
export type PointsExpired = z.output<typeof pointsExpiredSchema>;

/** A `PointsMoved` event, stamped. */
export function pointsMovedEvent(ctx: DecisionContext, facts: Omit<PointsMoved, 'kind' | 'seq' | 'at' | 'till'>): PointsMoved {
  return { kind: 'PointsMoved', ...ctx.stamp(), ...facts };
}

/** The answer of a points movement: the program's balance after it (PTS-2). */
export interface PointsResponse {
  readonly success: true;
  readonly customerId: CustomerId;
  readonly programId: number;
  readonly loyaltyPoints: number;
  readonly warnings: readonly DomainWarning[];
}

/** The addressed customer and its ledger in the program: unknown program 400, not enrolled 1013 (PTS-4). */
export function memberOf(reader: GraphReader, customer: Customer, programId: number, path: readonly string[] = ['programId']): Result<ProgramLedger, DomainError> {
  if (!reader.org.programs.has(programId)) return err(refuse({ reason: 'unknownProgram', code: 400, path, programId }));
  const ledger = ledgerOf(customer, programId);
  return ledger === undefined ? err(refuse({ reason: 'notEnrolled', code: 1013, customerId: customer.id, programId })) : ok(ledger);
}

/** A debit may not take more than the balance: 1010 (PTS-4). */
export function debitCovered(customer: Customer, ledger: ProgramLedger, asked: number): Result<ProgramLedger, DomainError> {
  const held = loyaltyPoints(ledger);
  return asked > held ? err(refuse({ reason: 'notEnoughPoints', code: 1010, customerId: customer.id, programId: ledger.programId, held, asked })) : ok(ledger);
}

/**
 * Decides a movement of points (PTS-2, PTS-4): a live customer (8015, 8069), a program of the org (400)
 * it is enrolled in (1013), whole points of the right sign (400), and no debit beyond the balance (1010).
 */
export function decidePoints(reader: GraphReader, cmd: z.output<PointsCommandSchema>, ctx: DecisionContext): Result<Decision<readonly [PointsMoved]>, DomainError> {
  const movement = MOVEMENT[cmd.kind];
  return address(reader, 'points', cmd.customerId).andThen((customer) =>
    memberOf(reader, customer, cmd.programId).andThen((ledger) => {
      if (cmd.points === 0 || (movement !== 'adjust' && cmd.points < 0)) {
        return err(invalidInput(['points'], movement === 'adjust' ? 'expected a non-zero integer' : 'expected a positive integer'));
      }
      if (cmd.expiresOn !== undefined && !isIsoDateTime(cmd.expiresOn)) return err(invalidInput(['expiresOn'], 'expected an ISO 8601 date-time with offset'));
      const covered = isCredit(movement, cmd.points) ? ok(ledger) : debitCovered(customer, ledger, Math.abs(cmd.points));
      return covered.map((l) => ({
        events: [
          pointsMovedEvent(ctx, {
            customerId: customer.id,
            programId: cmd.programId,
            movement,
            points: cmd.points,
            expiresOn: cmd.expiresOn ?? null,
            purchase: movement === 'issue' ? (cmd.purchase ?? 0) : 0,
            reason: cmd.reason ?? '',
            balance: balanceAfter(l, movement, cmd.points),
          }),
        ] as const,
      }));
    }),
  );
}

/** Decides an expiry (PTS-3): every lot of the program due at the command's time. */
export function decideExpire(reader: GraphReader, cmd: z.output<typeof expirePointsCommandSchema>, ctx: DecisionContext): Result<Decision<readonly [PointsExpired]>, DomainError> {
  return address(reader, 'points', cmd.customerId).andThen((customer) =>
    memberOf(reader, customer, cmd.programId).map((ledger) => {
      const points = duePoints(ledger, ctx.at);
      return { events: [{ kind: 'PointsExpired', ...ctx.stamp(), customerId: customer.id, programId: cmd.programId, points, balance: loyaltyPoints(ledger) - points }] as const };
    }),
  );
}

function respond(decision: Decision<readonly [PointsMoved] | readonly [PointsExpired]>): PointsResponse {
  const [e] = decision.events;
  return { success: true, customerId: e.customerId, programId: e.programId, loyaltyPoints: e.balance, warnings: NO_WARNINGS };
}

/** Issue, redeem, return and adjust points (PTS-2, PTS-4). */
export const pointsSlice: CommandSlice<z.output<PointsCommandSchema>, Decision<readonly [PointsMoved]>, PointsResponse> = { decide: decidePoints, respond };

/** Expire due points (PTS-3). */
export const expirePointsSlice: CommandSlice<z.output<typeof expirePointsCommandSchema>, Decision<readonly [PointsExpired]>, PointsResponse> = { decide: decideExpire, respond };

function balanceIs(e: { readonly customerId: CustomerId; readonly programId: number; readonly balance: number }, expected: number): Fit<number> {
  return expected === e.balance ? ok(expected) : err({ misfit: 'balance', customerId: e.customerId, programId: e.programId, expected, found: e.balance });
}

/** Folding `PointsMoved`: the movement applied to the ledger, earliest-expiring points first (PTS-2, PTS-3). */
export const pointsMovedHandler: EventHandler<PointsMoved> = {
  misfit(reader, e) {
    const fit = knownProgram(reader, e.programId).andThen(() =>
      liveCustomer(reader, e.customerId).andThen((c) =>
        enrolledLedger(c, e.programId).andThen((l) => {
          if (e.points === 0 || (e.movement !== 'adjust' && e.points < 0)) return err({ misfit: 'shape' as const, path: ['points'], problem: 'not a movement of this sign' });
          return (isCredit(e.movement, e.points) ? ok(l) : covers(c, l, Math.abs(e.points))).andThen((ledger) => balanceIs(e, balanceAfter(ledger, e.movement, e.points)));
        }),
      ),
    );
    return fit.isErr() ? fit.error : undefined;
  },
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    const moved = movePoints(reader.program(e.programId), reader.ledger(c, e.programId), e.movement, e.points, e, { expiresOn: e.expiresOn, purchase: e.purchase });
    return { records: [withLedger(c, moved)], history: [c.id] };
  },
};

/** Folding `PointsExpired`: every lot due at the event's time expires (PTS-3). */
export const pointsExpiredHandler: EventHandler<PointsExpired> = {
  misfit(reader, e) {
    const fit = knownProgram(reader, e.programId).andThen(() =>
      liveCustomer(reader, e.customerId).andThen((c) =>
        enrolledLedger(c, e.programId).andThen((l) => {
          const due = duePoints(l, e.at);
          if (due !== e.points) return err({ misfit: 'shape' as const, path: ['points'], problem: `${due} points are due, the event says ${e.points}` });
          return balanceIs(e, loyaltyPoints(l) - due);
        }),
      ),
    );
    return fit.isErr() ? fit.error : undefined;
  },
  apply(reader, e) {
    const c = reader.customer(e.customerId);
    return { records: [withLedger(c, expirePoints(reader.program(e.programId), reader.ledger(c, e.programId), e))], history: [c.id] };
  },
};
