import type { Result } from 'neverthrow';
import type { CustomerId } from '../kernel/ids';
import type { DomainError } from '../kernel/refusals';
import type { DomainWarning } from '../kernel/warnings';
import { address } from '../decider/addressee';
import type { CustomerGraph } from '../graph/graph';
import type { QueryReader } from '../graph/reader';
import { queryCustomerIdSchema, runQuery } from './query';

/** A party of a transfer as the summary names it. */
export interface TransferParty {
  readonly userId: CustomerId;
  readonly firstName: string;
  readonly lastName: string;
}

/** One line of Get Points Transfer Summary (TRF-1). */
export interface TransferView {
  readonly pointsTransferDate: string;
  readonly pointsTransferred: number;
  readonly transferId: number;
  readonly transferType: 'DEDUCTION' | 'ADDITION';
  readonly transferredFrom: TransferParty;
  readonly transferredTo: TransferParty;
  readonly notes: string;
  readonly programName: string;
}

function party(reader: QueryReader, id: CustomerId): TransferParty {
  // Names are read at query time, so a PII deletion of either party leaves no name behind (PII-1).
  const c = reader.chainEnd(id);
  const p = c?.profiles.find((x) => x.firstName !== '' || x.lastName !== '');
  return { userId: id, firstName: p?.firstName ?? '', lastName: p?.lastName ?? '' };
}

/** Get Points Transfer Summary: the customer's DEDUCTIONs and ADDITIONs, oldest first (TRF-1). */
export function pointsTransfers(
  graph: CustomerGraph,
  customerId: number,
): Result<{ readonly data: readonly TransferView[]; readonly warnings: readonly DomainWarning[]; readonly errors: readonly DomainError[] }, DomainError> {
  return runQuery(graph, customerId, queryCustomerIdSchema, (reader, id) =>
    address(reader, 'pointsTransfers', id).map((c) => ({
      data: c.transfers.map((t) => ({
        pointsTransferDate: `${t.at.slice(0, 10)} ${t.at.slice(11, 19)}`,
        pointsTransferred: t.points,
        transferId: t.transferId,
        transferType: t.transferType,
        transferredFrom: party(reader, t.fromId),
        transferredTo: party(reader, t.toId),
        notes: t.notes,
        programName: reader.org.programs.get(t.programId)?.name ?? '',
      })),
      warnings: [],
      errors: [],
    })),
  );
}
