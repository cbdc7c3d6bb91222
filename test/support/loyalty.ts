import { expect } from 'vitest';
import {
  defaultOrg,
  DEFAULT_ORG_CONFIG,
  defineOrg,
  execute,
  loyaltyDetails,
  type Command,
  type CommandMeta,
  type CustomerGraph,
  type IssueCouponCommand,
  type Org,
  type OrgConfig,
  type PointsCommand,
  type ProgramDef,
  type ProgramDetails,
  type RegisterCommand,
  type RequestGoodwillCommand,
  type ResponseByKind,
  type TransferPointsCommand,
} from '../../src/index';
import { META } from './given';
import { must } from './scenario';

/** The metadata of a command made at another time by the demo till. */
export function at(time: string, till: string = META.till): CommandMeta {
  return { at: time, till };
}

/** One item of `loyaltyProgramEnrollments`, as the seed's Register and Update bodies carry it. */
export interface Enrollment {
  readonly programId: number;
  readonly tierNumber?: number;
  readonly loyaltyPoints?: number;
  readonly tierExpiryDate?: string;
  readonly pointsExpiryDate?: string;
}

/** A loyalty registration in INSTORE with one email, enrolling in the given programs. */
export function member(
  email: string,
  enrollments: readonly unknown[] = [],
  options: { readonly firstName?: string; readonly lastName?: string; readonly meta?: CommandMeta } = {},
): RegisterCommand {
  return {
    kind: 'register',
    source: 'INSTORE',
    body: {
      loyaltyInfo: { loyaltyType: 'loyalty' },
      profiles: [
        {
          identifiers: [{ type: 'email', value: email }],
          ...(options.firstName === undefined ? {} : { firstName: options.firstName }),
          ...(options.lastName === undefined ? {} : { lastName: options.lastName }),
        },
      ],
      // Tests send malformed enrollments too: the library reads them as untrusted input.
      ...(enrollments.length === 0 ? {} : { loyaltyProgramEnrollments: enrollments as Enrollment[] }),
    },
    meta: options.meta ?? META,
  };
}

/** A points movement: issue, redeem, return or adjust. */
export function pointsCmd(
  kind: PointsCommand['kind'],
  customerId: number,
  programId: number,
  points: number,
  extra: { readonly expiresOn?: string; readonly purchase?: number; readonly meta?: CommandMeta } = {},
): PointsCommand {
  return {
    kind,
    customerId,
    programId,
    points,
    ...(extra.expiresOn === undefined ? {} : { expiresOn: extra.expiresOn }),
    ...(extra.purchase === undefined ? {} : { purchase: extra.purchase }),
    meta: extra.meta ?? META,
  };
}

/** A points transfer. */
export function transferCmd(fromId: number, toId: number, programId: number, points: number, notes?: string): TransferPointsCommand {
  return { kind: 'transferPoints', fromId, toId, programId, points, ...(notes === undefined ? {} : { notes }), meta: META };
}

/** A coupon offer valid until the given time. */
export function offer(description: string, validTill = '2120-02-11T23:59:59Z'): IssueCouponCommand['series'] {
  return { description, validTill };
}

/** An Issue Coupon command. */
export function issueCouponCmd(customerId: number, series: IssueCouponCommand['series'], meta: CommandMeta = META): IssueCouponCommand {
  return { kind: 'issueCoupon', customerId, series, meta };
}

/** A goodwill request for points in a program. */
export function pointsGoodwill(
  customerId: number,
  programId: number,
  points: number,
  extra: { readonly comments?: string; readonly oneStep?: boolean; readonly meta?: CommandMeta } = {},
): RequestGoodwillCommand {
  return {
    kind: 'requestGoodwill',
    customerId,
    goodwillType: 'POINTS',
    programId,
    points,
    ...(extra.comments === undefined ? {} : { comments: extra.comments }),
    ...(extra.oneStep === undefined ? {} : { oneStep: extra.oneStep }),
    meta: extra.meta ?? META,
  };
}

/** Executes one command and answers the new graph and the documented response; fails the test on a refusal. */
export function step<C extends Command>(graph: CustomerGraph, command: C): { graph: CustomerGraph; response: ResponseByKind[C['kind']] } {
  const done = must(execute(graph, command));
  return { graph: done.graph, response: done.response };
}

/** One program of the default org, as its configuration defines it. */
export function programOf(id: number, org: Org = defaultOrg()): ProgramDef {
  const program = org.programs.get(id);
  if (program === undefined) return expect.fail(`no program ${id}`);
  return program;
}

/** Fetch Customer Loyalty Details for one program; fails the test when the customer is not enrolled in it. */
export function standing(graph: CustomerGraph, customerId: number, programId: number): ProgramDetails {
  const [details] = must(loyaltyDetails(graph, { customerId, programId })).data;
  if (details === undefined) return expect.fail(`customer ${customerId} is not enrolled in ${programId}`);
  return details;
}

/** The balance of one program, as Fetch Customer Loyalty Details answers it. */
export function balanceOf(graph: CustomerGraph, customerId: number, programId: number): number {
  return standing(graph, customerId, programId).loyaltyPoints;
}

/** The default org with some of its configuration changed. */
export function orgWith(changes: Partial<OrgConfig>): Org {
  return must(defineOrg({ ...DEFAULT_ORG_CONFIG, id: 'variant', ...changes }));
}
