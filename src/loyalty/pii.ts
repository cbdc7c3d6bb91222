// PII deletion (PII-1, PII-2): names, identifiers, channels, fields and the identifier change history
// go; the id, points, coupons and transfers stay. The event is `PiiDeleted`.
import { z } from 'zod';
import { customerIdSchema, type CustomerId } from '../kernel/ids';
import { record } from '../kernel/parse';
import { NO_WARNINGS, type DomainWarning } from '../kernel/warnings';
import type { Customer } from '../records/customer';
import { EMPTY_FIELDS } from '../records/field-map';
import { EMPTY_LIST, freezeDeep, recordWith } from '../records/freeze';
import type { ProfileData, SourceProfile } from '../records/profile';
import type { HistoryEntry } from '../graph/history';
import { address } from '../decider/addressee';
import { liveCustomer } from '../decider/fit';
import { commandCustomerIdSchema, commandMetaSchema } from '../decider/meta';
import { eventStampShape, type CommandSlice, type Decision, type EventHandler, type FoldReader } from '../decider/slice';

/** Delete a customer's personal data (PII-1, PII-2). */
export const deletePiiCommandSchema = record({ kind: z.literal('deletePii'), customerId: commandCustomerIdSchema, meta: commandMetaSchema });

/** Delete a customer's personal data (PII-1, PII-2). */
export type DeletePiiCommand = z.input<typeof deletePiiCommandSchema>;

/** The customer's personal data deleted: names, identifiers, channels, fields, identifier history (PII-1). */
export const piiDeletedSchema = record({ kind: z.literal('PiiDeleted'), ...eventStampShape, customerId: customerIdSchema });

/** The customer's personal data deleted (PII-1). */
export type PiiDeleted = z.output<typeof piiDeletedSchema>;

/** The answer of a PII deletion (PII-1). */
export interface PiiResponse {
  readonly success: true;
  readonly customerId: CustomerId;
  readonly warnings: readonly DomainWarning[];
}

/** Delete the personal data of a live customer (PII-1); a deleted customer answers 8015 since (PII-2). */
export const deletePiiSlice: CommandSlice<z.output<typeof deletePiiCommandSchema>, Decision<readonly [PiiDeleted]>, PiiResponse> = {
  decide: (reader, cmd, ctx) =>
    address(reader, 'deletePii', cmd.customerId).map((c) => ({ events: [{ kind: 'PiiDeleted', ...ctx.stamp(), customerId: c.id }] as const })),
  respond: ({ events: [e] }) => ({ success: true, customerId: e.customerId, warnings: NO_WARNINGS }),
};

function scrubbed<P extends ProfileData>(p: P): P {
  return { ...p, firstName: '', lastName: '', identifiers: EMPTY_LIST, commChannels: EMPTY_LIST, fields: EMPTY_FIELDS };
}

function scrubProfile(p: SourceProfile): SourceProfile {
  return { ...scrubbed(p), conflictingProfiles: p.conflictingProfiles.map(scrubbed) };
}

// What a PII deletion removes from the history: every event that carries names or identifiers (PII-1).
function withoutPersonalData(entry: HistoryEntry): HistoryEntry[] {
  const e = entry.event;
  switch (e.kind) {
    case 'CustomerRegistered':
    case 'SourceProfileCombined':
    case 'CustomerUpdated':
    case 'IdentifierAdded':
    case 'IdentifierRemoved':
      return [];
    case 'CustomersMerged':
      return [{ seq: entry.seq, event: Object.freeze({ ...e, cause: null }) }];
    case 'CustomerUnmerged':
      return [{ seq: entry.seq, event: Object.freeze({ ...e, released: null }) }];
    default:
      return [entry];
  }
}

/** Folding `PiiDeleted`: the record keeps its id, points, coupons and transfers, and its history loses personal data (PII-1). */
export const piiDeletedHandler: EventHandler<PiiDeleted> = {
  misfit: (reader, e) => liveCustomer(reader, e.customerId).match(() => undefined, (m) => m),
  apply(reader, e) {
    const c: Customer = reader.customer(e.customerId);
    const deleted = freezeDeep<Customer>({ ...c, status: 'deleted', profiles: c.profiles.map(scrubProfile), extendedFields: EMPTY_FIELDS, piiDeletedOn: e.at });
    const rewrites = [c.id, ...c.victims].map((id) => ({ id, entries: reader.history(id).flatMap(withoutPersonalData) }));
    const copies = copiesHolding(reader, c).map((v) => recordWith(v, { premerge: null }));
    return { records: [deleted, ...copies], history: [], rewrites };
  },
};

/**
 * The merge victims whose copies from before their merge hold the personal data of the customer or of its
 * victims, which go with it, so those merges can no longer be undone (MRG-12, 9032): its victims, which keep
 * copies of it; and, for each survivor that any of them was unmerged from, the victims that merged into that
 * survivor while it was inside.
 */
function copiesHolding(reader: FoldReader, c: Customer): Customer[] {
  const found = new Map<CustomerId, Customer>();
  for (const id of c.victims) {
    const v = reader.customer(id);
    if (v.premerge !== null) found.set(id, v);
  }
  for (const gone of [c.id, ...c.victims]) {
    for (const { event: e } of reader.history(gone)) {
      if (e.kind !== 'CustomerUnmerged' || e.victimId !== gone) continue;
      for (const id of reader.customer(e.survivorId).victims) {
        const v = reader.customer(id);
        if (v.premerge !== null && v.premerge.survivor.victims.includes(gone)) found.set(id, v);
      }
    }
  }
  return [...found.values()];
}
