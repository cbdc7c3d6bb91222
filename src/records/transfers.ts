import type { CustomerId } from '../kernel/ids';

/** One side of a points transfer, as Get Points Transfer Summary lists it (TRF-1). */
export interface PointsTransfer {
  readonly transferId: number;
  readonly programId: number;
  readonly points: number;
  /** DEDUCTION for the sender, ADDITION for the receiver (TRF-1). */
  readonly transferType: 'DEDUCTION' | 'ADDITION';
  readonly fromId: CustomerId;
  readonly toId: CustomerId;
  readonly notes: string;
  readonly at: string;
}
