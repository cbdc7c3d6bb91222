import { z } from 'zod';

/** The platform's numeric user id of a customer: a positive safe integer (REG-1). */
export const customerIdSchema = z.number().int().positive().safe().brand<'CustomerId'>();

/** The platform's numeric user id of a customer (REG-1). */
export type CustomerId = z.output<typeof customerIdSchema>;

/** The code of a till, the actor behind every write (ORG-5). */
export const tillCodeSchema = z.string().min(1).max(64).brand<'TillCode'>();

/** The code of a till, the actor behind every write (ORG-5). */
export type TillCode = z.output<typeof tillCodeSchema>;

/** One source account: `INSTORE`, or `WECHAT/22232` for a multi-account source (SRC-2). */
export type SourceAccountKey = string & z.$brand<'SourceAccountKey'>;

/** Brands a number as a customer id; the caller vouches that it names a customer. Internal. */
export function customerId(n: number): CustomerId {
  return n as CustomerId;
}

/** Brands a till code; the caller vouches that it is one of the org's. Internal. */
export function tillCode(code: string): TillCode {
  return code as TillCode;
}
