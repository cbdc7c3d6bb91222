import type { Result } from 'neverthrow';
import { z } from 'zod';
import type { CustomerId } from '../kernel/ids';
import { record } from '../kernel/parse';
import type { DomainError } from '../kernel/refusals';
import type { GoodwillStatus, GoodwillType } from '../records/goodwill';
import { address } from '../decider/addressee';
import type { CustomerGraph } from '../graph/graph';
import { page, pageSchema, queryCustomerIdSchema, runQuery, tillView, type Paged, type TillView } from './query';

/** The query of Get Customer Goodwill Requests (GDW-3). */
export const goodwillQuerySchema = record({
  customerId: queryCustomerIdSchema,
  requestId: z.number().int().safe().optional(),
  oneStep: z.boolean().optional(),
  programId: z.number().int().safe().optional(),
  autoApprove: z.boolean().optional(),
  ...pageSchema,
});

/** The query of Get Customer Goodwill Requests (GDW-3). */
export type GoodwillQuery = z.input<typeof goodwillQuerySchema>;

/** A goodwill request as the seed lists it (GDW-1). */
export interface GoodwillView {
  readonly id: number;
  readonly addedBy: TillView;
  readonly updatedBy: TillView;
  readonly addedOn: string;
  readonly updatedOn: string;
  readonly userId: CustomerId;
  readonly requestId: number;
  readonly goodwillType: GoodwillType;
  readonly goodwillStatus: GoodwillStatus;
  readonly programId: number | null;
  readonly comments: string;
  readonly reason: string;
  readonly approvedValue?: string;
  readonly updatedComments: string;
  readonly oneStep: boolean;
}

/** Get Customer Goodwill Requests, newest first, with the seed's filters and pagination (GDW-3). */
export function goodwillRequests(graph: CustomerGraph, query: GoodwillQuery): Result<Paged<GoodwillView>, DomainError> {
  return runQuery(graph, query, goodwillQuerySchema, (reader, q) =>
    address(reader, 'goodwillRequests', q.customerId).map((c) =>
      page(
        c.goodwill
          .filter(
            (g) =>
              (q.requestId === undefined || g.id === q.requestId) &&
              (q.oneStep === undefined || g.oneStep === q.oneStep) &&
              (q.programId === undefined || g.programId === q.programId) &&
              (q.autoApprove === undefined || g.autoApproved === q.autoApprove),
          )
          .sort((a, b) => b.id - a.id)
          .map((g) => ({
            id: g.id,
            addedBy: tillView(reader.org, g.addedBy),
            updatedBy: tillView(reader.org, g.updatedBy),
            addedOn: g.addedOn,
            updatedOn: g.updatedOn,
            userId: c.id,
            requestId: g.id,
            goodwillType: g.goodwillType,
            goodwillStatus: g.goodwillStatus,
            programId: g.programId,
            comments: g.comments,
            reason: g.reason,
            ...(g.approvedValue === null ? {} : { approvedValue: g.approvedValue }),
            updatedComments: g.updatedComments,
            oneStep: g.oneStep,
          })),
        q.limit,
        q.offset,
      ),
    ),
  );
}
