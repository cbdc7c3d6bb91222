declare const brand: unique symbol;

/** A nominal type: the same runtime value, but not interchangeable with another brand. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** The platform's numeric user id of a customer (REG-1). */
export type CustomerId = Brand<number, 'CustomerId'>;

/** One source account: `INSTORE`, or `WECHAT/22232` for a multi-account source (SRC-2). */
export type SourceAccountKey = Brand<string, 'SourceAccountKey'>;

/** The code of a till, the actor behind every write (ORG-5). */
export type TillCode = Brand<string, 'TillCode'>;

/** Brands a number as a customer id; the caller vouches that it names a customer. */
export function customerId(n: number): CustomerId {
  return n as CustomerId;
}

/** Brands a till code. */
export function tillCode(code: string): TillCode {
  return code as TillCode;
}
