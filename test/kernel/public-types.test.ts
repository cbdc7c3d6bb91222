import { describe, expect, expectTypeOf, it } from 'vitest';
import { defaultOrg, emptyGraph, execute, type ChangeIdentifierResponse, type Command, type CustomersMerged, type IdentityCommand, type CustomerId, type DomainError, type ErrorCode, type GraphEvent, type MergedCustomerError, type RegisterResponse, type SourceAccountKey, type TillCode } from '../../src/index';
import { customerId } from '../../src/kernel/ids';
import { META } from '../support/given';

describe('public types (ERR-1, ARC-2)', () => {
  it('brands keep ids apart: a number, a till code or a source-account key is not a CustomerId', () => {
    expectTypeOf<number>().not.toMatchTypeOf<CustomerId>();
    expectTypeOf<TillCode>().not.toMatchTypeOf<CustomerId>();
    expectTypeOf<SourceAccountKey>().not.toMatchTypeOf<TillCode>();
    expectTypeOf(customerId(7)).toEqualTypeOf<CustomerId>();
    expect(customerId(7)).toBe(7);
  });

  it('ERR-1: every DomainError carries a literal documented code and a reason, its facts as fields, and errors about victims name the survivor', () => {
    expectTypeOf<DomainError['code']>().toMatchTypeOf<ErrorCode>();
    expectTypeOf<Extract<DomainError, { code: 8067 | 8069 }>>().toEqualTypeOf<MergedCustomerError>();
    expectTypeOf<MergedCustomerError['survivorId']>().toEqualTypeOf<CustomerId>();
    expectTypeOf<Extract<DomainError, { reason: 'alreadyRegistered' }>>().toEqualTypeOf<{
      readonly reason: 'alreadyRegistered';
      readonly code: 1014;
      readonly customerId: CustomerId;
    } & { readonly message: string }>();
    expectTypeOf<Extract<DomainError, { reason: 'notEnoughPoints' }>['held']>().toEqualTypeOf<number>();
  });

  it('ARC-2: commands and events are tagged unions on `kind`', () => {
    expectTypeOf<IdentityCommand['kind']>().toEqualTypeOf<'register' | 'update' | 'changeIdentifier' | 'merge' | 'unmerge'>();
    expectTypeOf<IdentityCommand>().toMatchTypeOf<Command>();
    expectTypeOf<Extract<GraphEvent, { kind: 'CustomersMerged' }>>().toEqualTypeOf<CustomersMerged>();
    expectTypeOf<CustomersMerged['survivorId']>().toEqualTypeOf<CustomerId>();
    expect(['register', 'update', 'changeIdentifier', 'merge'] satisfies IdentityCommand['kind'][]).toHaveLength(4);
  });

  it('execute answers the response type of the command kind', () => {
    const graph = emptyGraph(defaultOrg())._unsafeUnwrap();
    const registered = execute(graph, {
      kind: 'register',
      source: 'INSTORE',
      body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'a@b.co' }] }] },
      meta: META,
    } as const);
    expectTypeOf(registered._unsafeUnwrap().response).toEqualTypeOf<RegisterResponse>();
    const changed = execute(registered._unsafeUnwrap().graph, {
      kind: 'changeIdentifier',
      customerId: 1,
      source: 'INSTORE',
      add: [{ type: 'mobile', value: '9111111111' }],
      meta: META,
    } as const);
    expectTypeOf(changed._unsafeUnwrap().response).toEqualTypeOf<ChangeIdentifierResponse>();
    expect(changed._unsafeUnwrap().response.success).toBe(true);
  });
});
