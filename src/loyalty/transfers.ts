// Points transfers between two live customers in one program (TRF-1..TRF-3). The event is
// `PointsTransferred`; its id comes from the graph's transfer counter.
import { err, type Result } from 'neverthrow';
import { z } from 'zod';
import { customerIdSchema } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { invalidInput, type DomainError } from '../kernel/refusals';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import { withLedger } from '../records/customer';
import { movePoints } from '../records/ledger';
import type { PointsTransfer } from '../records/transfers';
import { address } from '../decider/addressee';
import { covers, enrolledLedger, knownProgram, twoLiveCustomers } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import type { GraphReader } from '../decider/read-model';
import { eventStampShape, type CommandSlice, type DecisionContext, type Decision, type EventHandler } from '../decider/slice';
import { debitCovered, memberOf, pointsAmountSchema } from './points';

/** Transfer points between two live customers in one program (TRF-1..TRF-3). */
export const transferPointsCommandSchema = record({
  kind: z.literal('transferPoints'),
  fromId: commandCustomerIdSchema,
  toId: commandCustomerIdSchema,
  programId: z.number().int().safe(),
  points: pointsAmountSchema,
  notes: text(1024).optional(),
  meta: commandMetaSchema,
});

/** Transfer points between two live customers in one program (TRF-1..TRF-3). */
export type TransferPointsCommand = z.input<typeof transferPointsCommandSchema>;

/** Points moved from one live customer to another in one program (TRF-1). */
export const pointsTransferredSchema = record({
  kind: z.literal('PointsTransferred'),
  ...eventStampShape,
  transferId: z.number().int().positive().safe(),
  fromId: customerIdSchema,
  toId: customerIdSchema,
  programId: z.number().int().positive().safe(),
  points: z.number().int().min(1).max(1e12),
  notes: text(1024),
});

/** Points moved from one live customer to another in one program (TRF-1). */
export type PointsTransferred = z.output<typeof pointsTransferredSchema>;

/** The answer of a points transfer (TRF-1). */
export interface TransferResponse {
  readonly success: true;
  readonly transferId: number;
  readonly warnings: readonly DomainWarning[];
}

/**
 * Decides a transfer (TRF-1..TRF-3): two different live customers (400, 8015, 8069), a program of the
 * org both are enrolled in (400, 1013), positive points (400), never more than the sender holds (1010).
 */
export function decideTransfer(
  reader: GraphReader,
  cmd: z.output<typeof transferPointsCommandSchema>,
  ctx: DecisionContext,
): Result<Decision<readonly [PointsTransferred]>, DomainError> {
  if (cmd.fromId === cmd.toId) return err(invalidInput(['toId'], 'a customer cannot transfer points to itself'));
  return address(reader, 'transfer', cmd.fromId).andThen((from) =>
    address(reader, 'transfer', cmd.toId).andThen((to) =>
      memberOf(reader, from, cmd.programId).andThen((held) =>
        memberOf(reader, to, cmd.programId).andThen(() => {
          if (cmd.points <= 0) return err(invalidInput(['points'], 'expected a positive integer'));
          return debitCovered(from, held, cmd.points).map(() => ({
            events: [
              {
                kind: 'PointsTransferred',
                ...ctx.stamp(),
                transferId: ctx.take('transfer'),
                fromId: from.id,
                toId: to.id,
                programId: cmd.programId,
                points: cmd.points,
                notes: cmd.notes ?? '',
              },
            ] as const,
          }));
        }),
      ),
    ),
  );
}

/** Transfer points (TRF-1, TRF-2). */
export const transferPointsSlice: CommandSlice<z.output<typeof transferPointsCommandSchema>, Decision<readonly [PointsTransferred]>, TransferResponse> = {
  decide: decideTransfer,
  respond: ({ events: [e] }) => ({ success: true, transferId: e.transferId, warnings: NO_WARNINGS }),
};

/** One side of a transfer, as each party's summary lists it (TRF-1). */
function sideOf(e: PointsTransferred, transferType: PointsTransfer['transferType']): PointsTransfer {
  return Object.freeze({ transferId: e.transferId, programId: e.programId, points: e.points, transferType, fromId: e.fromId, toId: e.toId, notes: e.notes, at: e.at });
}

/** Folding `PointsTransferred`: a DEDUCTION for the sender, an ADDITION for the receiver, the total conserved (TRF-1, TRF-2). */
export const pointsTransferredHandler: EventHandler<PointsTransferred> = {
  misfit: (reader, e) =>
    knownProgram(reader, e.programId)
      .andThen(() => twoLiveCustomers(reader, e.fromId, e.toId))
      .andThen(([from, to]) => enrolledLedger(to, e.programId).andThen(() => enrolledLedger(from, e.programId).andThen((l) => covers(from, l, e.points))))
      .match(() => undefined, (m) => m),
  creates: (e) => [{ counter: 'transfer', id: e.transferId }],
  apply(reader, e) {
    const from = reader.customer(e.fromId);
    const to = reader.customer(e.toId);
    const program = reader.program(e.programId);
    const out = movePoints(program, reader.ledger(from, e.programId), 'transferOut', e.points, e);
    const into = movePoints(program, reader.ledger(to, e.programId), 'transferIn', e.points, e);
    return {
      records: [
        withLedger(from, out, { transfers: Object.freeze([...from.transfers, sideOf(e, 'DEDUCTION')]) }),
        withLedger(to, into, { transfers: Object.freeze([...to.transfers, sideOf(e, 'ADDITION')]) }),
      ],
      history: [from.id, to.id],
    };
  },
};
