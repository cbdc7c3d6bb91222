// What a merge victim keeps so that its merge can be undone exactly (MRG-11): both customers as they were
// the instant before the merge, and the merge's stamp and cause. A live customer keeps none (null), so a
// pre-merge copy never holds one of its own and the record nests one level deep at most.
import { z } from 'zod';
import { tillCodeSchema, type TillCode } from '../kernel/ids';
import { record, text } from '../kernel/parse';
import { sourceSchema } from '../org/sources';
import type { Customer } from './customer';
import { identifierSchema } from './profile';

/** What linked two customers: the identifier added in a source account (CHG-4, MRG-7). */
export const mergeCauseSchema = record({ source: sourceSchema, accountId: text(64), identifier: identifierSchema });

/** What linked two customers (MRG-7). */
export type MergeCause = z.output<typeof mergeCauseSchema>;

/**
 * The modification stamp the victim's profile in the cause account had before the changeIdentifier whose only
 * change was adding the cause: an unmerge that releases it gives the profile this stamp back (MRG-15).
 */
export const priorStampSchema = record({ modifiedDate: text(64), modifiedBy: tillCodeSchema });

/** The profile's modification stamp before the merging changeIdentifier (MRG-15). */
export type PriorStamp = z.output<typeof priorStampSchema>;

/** A customer as it was before a merge: live, so it keeps no pre-merge copy of its own (MRG-11). */
export type PremergeRecord = Omit<Customer, 'premerge'> & { readonly premerge: null };

/** Both sides of a merge as they were the instant before it, and the merge's stamp and cause (MRG-11). */
export interface Premerge {
  readonly survivor: PremergeRecord;
  readonly victim: PremergeRecord;
  readonly seq: number;
  readonly at: string;
  readonly till: TillCode;
  readonly cause: MergeCause | null;
  /** The cause profile's stamp before the merging changeIdentifier, when adding the cause was all it did (MRG-15). */
  readonly priorStamp: PriorStamp | null;
}

/** The record as a pre-merge copy: the same customer without a pre-merge copy of its own. */
export function premergeRecord(c: Customer): PremergeRecord {
  return c.premerge === null ? (c as PremergeRecord) : { ...c, premerge: null };
}
