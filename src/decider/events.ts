// Every event, declared once in its slice, and their union: the schema reads an event brought from
// outside into the library's own frozen copy (ARC-4), and the types are derived from it.
import { z } from 'zod';
import { identifierAddedSchema, identifierRemovedSchema } from '../identity/change-identifier';
import { customersMergedSchema } from '../identity/merge';
import { customerUnmergedSchema } from '../identity/unmerge';
import { customerRegisteredSchema, sourceProfileCombinedSchema } from '../identity/register';
import { customerUpdatedSchema } from '../identity/update';
import { couponIssuedSchema, couponRedeemedSchema } from '../loyalty/coupons';
import { programEnrolledSchema } from '../loyalty/enrollment';
import { goodwillRequestedSchema, goodwillResolvedSchema } from '../loyalty/goodwill';
import { piiDeletedSchema } from '../loyalty/pii';
import { pointsExpiredSchema, pointsMovedSchema } from '../loyalty/points';
import { subscriptionsChangedSchema } from '../loyalty/subscriptions';
import { pointsTransferredSchema } from '../loyalty/transfers';
import { clockAdvancedSchema } from '../loyalty/clock';
import { tierReviewedSchema } from '../loyalty/tier-review';

/** The schema of every graph event (ARC-4). */
export const graphEventSchema = z.discriminatedUnion('kind', [
  customerRegisteredSchema,
  sourceProfileCombinedSchema,
  customerUpdatedSchema,
  identifierAddedSchema,
  identifierRemovedSchema,
  customersMergedSchema,
  customerUnmergedSchema,
  programEnrolledSchema,
  pointsMovedSchema,
  pointsExpiredSchema,
  pointsTransferredSchema,
  subscriptionsChangedSchema,
  couponIssuedSchema,
  couponRedeemedSchema,
  goodwillRequestedSchema,
  goodwillResolvedSchema,
  piiDeletedSchema,
  tierReviewedSchema,
  clockAdvancedSchema,
]);

/** Everything that can happen to the graph; the n-th event has sequence number `seq` n (ARC-2). */
export type GraphEvent = z.output<typeof graphEventSchema>;

/** The kind of an event. */
export type EventKind = GraphEvent['kind'];

/** Each event by its kind. */
export type EventMap = { readonly [K in EventKind]: Extract<GraphEvent, { readonly kind: K }> };
