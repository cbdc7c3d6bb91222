// Every command, declared once in its slice, and their union: the schema validates a command before any
// rule runs (ARC-4), and the types are derived from it.
import { z } from 'zod';
import { changeIdentifierCommandSchema } from '../identity/change-identifier';
import { mergeCommandSchema } from '../identity/merge';
import { unmergeCommandSchema } from '../identity/unmerge';
import { registerCommandSchema } from '../identity/register';
import { updateCommandSchema } from '../identity/update';
import { issueCouponCommandSchema, redeemCouponCommandSchema } from '../loyalty/coupons';
import { requestGoodwillCommandSchema, resolveGoodwillCommandSchema } from '../loyalty/goodwill';
import { deletePiiCommandSchema } from '../loyalty/pii';
import {
  adjustPointsCommandSchema,
  expirePointsCommandSchema,
  issuePointsCommandSchema,
  redeemPointsCommandSchema,
  returnPointsCommandSchema,
} from '../loyalty/points';
import { updateSubscriptionsCommandSchema } from '../loyalty/subscriptions';
import { advanceClockCommandSchema } from '../loyalty/clock';
import { transferPointsCommandSchema } from '../loyalty/transfers';

/** Every command of the graph, validated before any rule runs (ARC-4). */
export const commandSchema = z.discriminatedUnion('kind', [
  registerCommandSchema,
  updateCommandSchema,
  changeIdentifierCommandSchema,
  mergeCommandSchema,
  unmergeCommandSchema,
  issuePointsCommandSchema,
  redeemPointsCommandSchema,
  returnPointsCommandSchema,
  adjustPointsCommandSchema,
  expirePointsCommandSchema,
  transferPointsCommandSchema,
  updateSubscriptionsCommandSchema,
  issueCouponCommandSchema,
  redeemCouponCommandSchema,
  requestGoodwillCommandSchema,
  resolveGoodwillCommandSchema,
  deletePiiCommandSchema,
  advanceClockCommandSchema,
]);

/** Every write the graph decides on, as a caller writes it (ARC-2). */
export type Command = z.input<typeof commandSchema>;

/** A command as the rules read it: the library's own parsed, frozen copy. */
export type ParsedCommand = z.output<typeof commandSchema>;

/** The kind of a command. */
export type CommandKind = ParsedCommand['kind'];

/** Each parsed command by its kind. */
export type CommandMap = { readonly [K in CommandKind]: Extract<ParsedCommand, { readonly kind: K }> };

/** The identity commands (REG, UPD, CHG, MRG). */
export type IdentityCommand = Extract<Command, { readonly kind: 'register' | 'update' | 'changeIdentifier' | 'merge' | 'unmerge' }>;

/** The loyalty and communication commands (PTS, TRF, SUB, CPN, GDW, PII) and the clock (CLK). */
export type LoyaltyCommand = Exclude<Command, IdentityCommand>;
