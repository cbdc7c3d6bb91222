// The loyalty setup writes under /_emulator/, outside the documented API (EMU-13): the seeds document reads
// of points, transfers, goodwill and coupons, and PII deletion, but no endpoint that makes them. Each route
// is one library command, through the org's queue and log like every write (EMU-8, EMU-10), acting as the
// authenticated till (EMU-1); refusals are the library's documented codes.
import { errorReply } from '../http/reply';
import { customerPathSchema, goodwillPathSchema, parseInput } from '../http/params';
import {
  couponIssueSetupBodySchema,
  couponRedeemSetupBodySchema,
  deletePiiSetupBodySchema,
  goodwillResolveBodySchema,
  goodwillSetupBodySchema,
  pointsSetupBodySchema,
  transferSetupBodySchema,
} from '../http/setup-schemas';
import { commitCommand, optional, type ApiRoute, SETUP_TAG } from './types';
import { couponResponseSchema, goodwillResponseSchema, piiResponseSchema, pointsResponseSchema, transferResponseSchema } from '../http/setup-response-schemas';

const POINTS_KIND = { issue: 'issuePoints', redeem: 'redeemPoints', return: 'returnPoints', adjust: 'adjustPoints' } as const;

export const loyaltySetupRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/_emulator/points',
    summary: 'Emulator: issue, redeem, return, adjust or expire points',
    dryRun: true,
    doc: { body: pointsSetupBodySchema, response: pointsResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const body = parseInput(pointsSetupBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const b = body.value;
      if (b.movement === 'expire') {
        return commitCommand(ctx, { kind: 'expirePoints', customerId: b.customerId, programId: b.programId, meta: ctx.meta });
      }
      return commitCommand(ctx, {
        kind: POINTS_KIND[b.movement],
        customerId: b.customerId,
        programId: b.programId,
        // The schema requires points for every movement but expire.
        points: b.points ?? 0,
        ...optional('expiresOn', b.expiresOn),
        ...optional('purchase', b.purchase),
        ...optional('reason', b.reason),
        meta: ctx.meta,
      });
    },
  },
  {
    method: 'POST',
    url: '/_emulator/pointsTransfers',
    summary: 'Emulator: transfer points',
    dryRun: true,
    doc: { body: transferSetupBodySchema, response: transferResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const body = parseInput(transferSetupBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const b = body.value;
      return commitCommand(ctx, {
        kind: 'transferPoints',
        fromId: b.fromId,
        toId: b.toId,
        programId: b.programId,
        points: b.points,
        ...optional('notes', b.notes),
        meta: ctx.meta,
      });
    },
  },
  {
    method: 'POST',
    url: '/_emulator/goodwill',
    summary: 'Emulator: raise a goodwill request',
    dryRun: true,
    doc: { body: goodwillSetupBodySchema, response: goodwillResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const body = parseInput(goodwillSetupBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const b = body.value;
      return commitCommand(ctx, {
        kind: 'requestGoodwill',
        customerId: b.customerId,
        goodwillType: b.goodwillType,
        ...optional('programId', b.programId),
        ...optional('points', b.points),
        ...optional('series', b.series),
        ...optional('reason', b.reason),
        ...optional('comments', b.comments),
        ...optional('oneStep', b.oneStep),
        meta: ctx.meta,
      });
    },
  },
  {
    method: 'POST',
    url: '/_emulator/goodwill/:requestId/resolve',
    summary: 'Emulator: approve or reject a goodwill request',
    dryRun: true,
    doc: { params: goodwillPathSchema, body: goodwillResolveBodySchema, response: goodwillResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const path = parseInput(goodwillPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const body = parseInput(goodwillResolveBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      const b = body.value;
      return commitCommand(ctx, {
        kind: 'resolveGoodwill',
        customerId: b.customerId,
        requestId: path.value.requestId,
        decision: b.decision,
        ...optional('comments', b.comments),
        meta: ctx.meta,
      });
    },
  },
  {
    method: 'POST',
    url: '/_emulator/coupons',
    summary: 'Emulator: issue a coupon',
    dryRun: true,
    doc: { body: couponIssueSetupBodySchema, response: couponResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const body = parseInput(couponIssueSetupBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      return commitCommand(ctx, { kind: 'issueCoupon', customerId: body.value.customerId, series: body.value.series, meta: ctx.meta });
    },
  },
  {
    method: 'POST',
    url: '/_emulator/coupons/redeem',
    summary: 'Emulator: redeem a coupon',
    dryRun: true,
    doc: { body: couponRedeemSetupBodySchema, response: couponResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const body = parseInput(couponRedeemSetupBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      return commitCommand(ctx, { kind: 'redeemCoupon', customerId: body.value.customerId, couponCode: body.value.couponCode, meta: ctx.meta });
    },
  },
  {
    method: 'POST',
    url: '/_emulator/customers/:customerId/deletePii',
    summary: "Emulator: delete a customer's PII",
    dryRun: true,
    doc: { params: customerPathSchema, body: deletePiiSetupBodySchema, response: piiResponseSchema, tags: SETUP_TAG },
    async handle(ctx) {
      const path = parseInput(customerPathSchema, ctx.params, 'path');
      if (path.isErr()) return errorReply(path.error);
      const body = parseInput(deletePiiSetupBodySchema, ctx.body, 'body');
      if (body.isErr()) return errorReply(body.error);
      return commitCommand(ctx, { kind: 'deletePii', customerId: path.value.customerId, meta: ctx.meta });
    },
  },
];
