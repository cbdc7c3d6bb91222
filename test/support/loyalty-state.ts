// Typed request builders for the loyalty and communication state, used by the subscription, change
// request, merge, embed, PII and v1.1 tests.
import type {
  CommandMeta,
  DeletePiiCommand,
  IssueCouponCommand,
  PointsCommand,
  ProfileInput,
  RegisterCommand,
  RequestGoodwillCommand,
  TransferPointsCommand,
  UpdateSubscriptionsCommand,
} from '../../src/index';
import { META } from './given';

/** One item of `loyaltyProgramEnrollments`. */
export interface Enrollment {
  readonly programId: number;
  readonly tierNumber?: number;
  readonly loyaltyPoints?: number;
  readonly tierExpiryDate?: string;
  readonly pointsExpiryDate?: string;
}

/** A loyalty registration in INSTORE (or the given source) enrolling the customer in programs. */
export function registerEnrolled(
  profile: ProfileInput,
  enrollments: readonly Enrollment[],
  options: { readonly source?: string; readonly accountId?: string; readonly meta?: CommandMeta; readonly extendedFields?: Record<string, unknown> } = {},
): RegisterCommand {
  return {
    kind: 'register',
    source: options.source ?? 'INSTORE',
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    body: {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [profile],
      loyaltyProgramEnrollments: enrollments,
      ...(options.extendedFields === undefined ? {} : { extendedFields: options.extendedFields }),
    },
    meta: options.meta ?? META,
  };
}

/** Issues points in a program. */
export function issue(customerId: number, programId: number, points: number, meta: CommandMeta = META): PointsCommand {
  return { kind: 'issuePoints', customerId, programId, points, meta };
}

/** Redeems points in a program. */
export function redeem(customerId: number, programId: number, points: number, meta: CommandMeta = META): PointsCommand {
  return { kind: 'redeemPoints', customerId, programId, points, meta };
}

/** Transfers points between two customers. */
export function transfer(fromId: number, toId: number, programId: number, points: number, meta: CommandMeta = META): TransferPointsCommand {
  return { kind: 'transferPoints', fromId, toId, programId, points, meta };
}

/** Issues a coupon from a plain offer. */
export function issueCoupon(customerId: number, description: string, meta: CommandMeta = META): IssueCouponCommand {
  return { kind: 'issueCoupon', customerId, series: { description, validTill: '2030-12-31T23:59:59+05:30' }, meta };
}

/** A one-step goodwill request for points. */
export function goodwillPoints(customerId: number, programId: number, points: number, meta: CommandMeta = META): RequestGoodwillCommand {
  return { kind: 'requestGoodwill', customerId, goodwillType: 'POINTS', programId, points, oneStep: true, meta };
}

/** Update Subscription Details with the given items. */
export function subscriptions(
  customerId: number,
  items: UpdateSubscriptionsCommand['body']['subscriptions'],
  meta: CommandMeta = META,
): UpdateSubscriptionsCommand {
  return { kind: 'updateSubscriptions', customerId, body: { subscriptions: items }, meta };
}

/** A PII deletion request. */
export function deletePii(customerId: number, meta: CommandMeta = META): DeletePiiCommand {
  return { kind: 'deletePii', customerId, meta };
}

/** Metadata at another time of the default till. */
export function at(time: string, till: string = META.till): CommandMeta {
  return { at: time, till };
}
