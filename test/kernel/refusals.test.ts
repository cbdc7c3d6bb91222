import { describe, expect, it } from 'vitest';
import {
  decide,
  ERROR_MESSAGES,
  execute,
  type Command,
  type DomainError,
  type ErrorCode,
} from '../../src/index';
import { build, changeCmd, given, META, registerCmd } from '../support/given';
import { accepted, merge, refused, register, registerBody, run, update } from '../support/requests';

const ALICE = registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'mobile', value: '9111111111' }]);
const BOB = registerCmd([{ type: 'email', value: 'bob@example.com' }]);

/** Texts of the seed's Response Codes and per-endpoint tables, as the seed prints them. */
const SEED_TEXT: Partial<Record<ErrorCode, string>> = {
  1001: 'Unable to register. Invalid mobile number.',
  1002: 'Unable to register. Invalid email id.',
  1003: 'Unable to register. Invalid external id.',
  1007: 'Unable to register customer. No valid primary identifier mobile number, email ID, or external ID passed.',
  1014: 'Customer is registered already.',
  1016: 'Unable to register. Email provided already exists for some other user.',
  1017: 'Provided Custom Field is invalid.',
  1032: 'A customer already exists with the same mobile number.',
  1033: 'A customer already exists with the same external id.',
  1045: 'No valid identifier (mobile/email) passed for non-loyalty customer.',
  1046: 'Conversion of loyalty customer to non-loyalty is not allowed.',
  1104: 'Invalid identifier or no identifier passed.',
  8010: 'communication channel is invalid.',
  8011: 'Invalid source account passed.',
  8012: 'Invalid source passed.',
  8015: 'No customer found with the given identifier.',
  8045: 'Account id is not passed.',
  8053: 'Each identifier is registered with a different customer in other source. Unable to merge accounts.',
  8057: 'Invalid email id passed in the communication channel.',
  8058: 'Invalid mobile number passed in the communication channel.',
  8065: 'No customer found in the given source with the given identifier.',
  8066: 'Unable to combine,User id already used in same source.',
  8069: 'The customer is merged into another account.',
  91020: 'Invalid TILL passed for registration.',
  91021: 'Invalid attribution TILL passed.',
};

/** One refused command per documented code of Register and Update, against a graph holding Alice and Bob. */
function refusals(): [ErrorCode, Command][] {
  const withChannel = (type: string, value: string) =>
    register('INSTORE', { identifiers: [{ type: 'email', value: 'c@example.com' }], commChannels: [{ type, value }] });
  return [
    [1001, registerCmd([{ type: 'mobile', value: 'abc' }])],
    [1002, registerCmd([{ type: 'email', value: 'abc' }])],
    [1003, registerCmd([{ type: 'externalId', value: 'null' }])],
    [1007, registerCmd([{ type: 'cuid', value: 'c1' }])],
    [1014, registerCmd([{ type: 'email', value: 'bob@example.com' }])],
    [1016, registerCmd([{ type: 'cuid', value: 'c1' }, { type: 'email', value: 'bob@example.com' }])],
    [1017, registerCmd([{ type: 'email', value: 'c@example.com' }], { fields: { hobby: 'chess' } })],
    [1032, registerCmd([{ type: 'cuid', value: 'c1' }, { type: 'mobile', value: '9111111111' }])],
    [1045, registerCmd([], { loyaltyType: 'non_loyalty' })],
    [1046, update(1, 'INSTORE', { loyaltyInfo: { loyaltyType: 'non_loyalty' } })],
    [1104, registerCmd([{ type: 'nickname', value: 'al' }])],
    [8010, withChannel('fax', '1')],
    [8011, registerCmd([{ type: 'email', value: 'c@example.com' }], { source: 'WECHAT', accountId: 'nope' })],
    [8012, registerCmd([{ type: 'email', value: 'c@example.com' }], { source: 'MYSPACE' })],
    [8015, update(42, 'INSTORE', {})],
    [8045, registerCmd([{ type: 'email', value: 'c@example.com' }], { source: 'WECHAT' })],
    [8053, registerCmd([{ type: 'email', value: 'alice@example.com' }, { type: 'email', value: 'bob@example.com' }], { source: 'WEBSITE' })],
    [8057, withChannel('email', 'c.example.com')],
    [8058, withChannel('mobile', '12')],
    [8065, update(1, 'WEBSITE', {})],
    [91020, register('INSTORE', { identifiers: [{ type: 'email', value: 'c@example.com' }] }, { associatedWith: 'nobody' })],
    [91021, register('INSTORE', { identifiers: [{ type: 'email', value: 'c@example.com' }] }, { meta: { at: META.at, till: 'nobody' } })],
  ];
}

describe('ERR-1: every refusal is a value with a documented code and message', () => {
  it('ERR-1: each refusal of Register and Update carries its documented code and starts with the seed text', () => {
    const graph = run([ALICE, BOB]);
    for (const [code, command] of refusals()) {
      const error = refused(decide(graph, command));
      const text = SEED_TEXT[code] ?? expect.fail(`no seed text for ${code}`);
      expect([error.code, error.message.slice(0, text.length)]).toEqual([code, text]);
    }
  });

  it('ERR-1: a refusal is returned, not thrown, and the graph is left as it was', () => {
    const graph = run([ALICE, BOB]);
    for (const [, command] of refusals()) {
      const result = execute(graph, command);
      expect(result.isErr()).toBe(true);
    }
    expect(accepted(execute(graph, register('INSTORE', { identifiers: [{ type: 'email', value: 'c@example.com' }] }))).response.createdId).toBe(3);
  });

  it('ERR-1: the documented messages of the model are the seed texts', () => {
    for (const [code, text] of Object.entries(SEED_TEXT)) {
      expect(ERROR_MESSAGES[Number(code) as ErrorCode]).toBe(text);
    }
  });

  it('ERR-1: refusals that name a field or a survivor start with the documented text and add the name', () => {
    const graph = run([ALICE, BOB, merge(1, 2)]);
    const field = refused(execute(graph, registerCmd([{ type: 'email', value: 'c@example.com' }], { fields: { hobby: 'chess' } })));
    expect(field.message.startsWith(ERROR_MESSAGES[1017])).toBe(true);
    expect(field.message).toContain('hobby');
    const victim = refused(execute(graph, update(2, 'INSTORE', {})));
    expect(victim.message.startsWith(ERROR_MESSAGES[8069])).toBe(true);
    expect(victim).toMatchObject({ code: 8069, survivorId: 1 });
  });

  it('ERR-1: a blocked value is refused with the documented code, and the message says it is blocked', () => {
    const error = refused(execute(run([]), registerCmd([{ type: 'mobile', value: '-1' }])));
    expect(error.code).toBe(1001);
    expect(error.message.startsWith(ERROR_MESSAGES[1001])).toBe(true);
    expect(error.message).toContain('blocked');
  });
});

describe('ERR-2: malformed input is 400 naming the field', () => {
  function badInput(command: unknown): DomainError {
    const error = refused(decide(run([]), command as Command));
    expect(error.code).toBe(400);
    return error;
  }

  it('ERR-2: a missing mandatory field is 400 naming it', () => {
    const error = badInput({ kind: 'register', source: 'INSTORE', body: { loyaltyInfo: { loyaltyType: 'loyalty' } }, meta: META });
    expect(error.message).toContain('body.profiles');
    expect('path' in error && error.path).toEqual(['body', 'profiles']);
  });

  it('ERR-2: a value of the wrong type is 400 naming it', () => {
    const error = badInput(
      registerBody('INSTORE', {
        loyaltyInfo: { loyaltyType: 'loyalty' },
        profiles: [{ firstName: 42 as never, identifiers: [{ type: 'email', value: 'a@example.com' }] }],
      }),
    );
    expect(error.message).toContain('body.profiles.0.firstName');
  });

  it('ERR-2: an identifier value that is neither text nor number is 400 naming it', () => {
    const error = badInput(registerCmd([{ type: 'email', value: { nested: true } as never }]));
    expect(error.message).toContain('identifiers.0.value');
  });

  it('ERR-2: custom or extended fields that are not an object are 400 naming them', () => {
    expect(badInput(registerCmd([{ type: 'email', value: 'a@example.com' }], { extendedFields: ['gender'] as never })).message).toContain('extendedFields');
    expect(badInput(registerCmd([{ type: 'email', value: 'a@example.com' }], { fields: 'city=Pune' as never })).message).toContain('fields');
  });

  it('ERR-2: a time that is not an ISO date-time with offset is 400 naming meta.at', () => {
    for (const at of ['yesterday', '2024-05-01', '2024-05-01T10:00:00', '2024-13-01T10:00:00Z', '2024-05-01T25:00:00Z']) {
      const error = badInput(register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: { at, till: META.till } }));
      expect(error.message).toContain('meta.at');
    }
  });

  it('ERR-2: a date-time on a day the calendar does not have is 400', () => {
    for (const at of ['2021-02-29T10:00:00Z', '2024-04-31T10:00:00+05:30', '2024-02-30T00:00:00Z']) {
      badInput(register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: { at, till: META.till } }));
    }
    given().when(register('INSTORE', { identifiers: [{ type: 'email', value: 'a@example.com' }] }, { meta: { at: '2024-02-29T23:59:59.5-08:00', till: META.till } })).accepted();
  });

  it('ERR-2: an unknown command kind or a non-integer customer id is 400', () => {
    badInput({ kind: 'delete', customerId: 1, meta: META });
    badInput({ kind: 'update', customerId: 1.5, source: 'INSTORE', body: {}, meta: META });
    badInput(null);
  });

  it('ERR-2: a malformed update is 400 and leaves the customer as it was', () => {
    const graph = run([ALICE]);
    const error = refused(execute(graph, update(1, 'INSTORE', { profiles: [{ lastName: ['S'] as never }] })));
    expect(error.code).toBe(400);
    expect(error.message).toContain('lastName');
  });
});

describe('ERR-3: warnings are reported beside a success', () => {
  it('ERR-3: a combining registration succeeds and reports {status: false, code: 8050, message}', () => {
    const done = accepted(execute(run([ALICE]), registerCmd([{ type: 'email', value: 'alice@example.com' }], { source: 'WEBSITE' })));
    expect(done.response).toEqual({
      createdId: 1,
      warnings: [{ status: false, code: 8050, message: 'Same Customer found in other sources,Combining' }],
      sideEffects: [],
    });
  });

  it('ERR-3: a merge through changeIdentifier succeeds and reports 8051 naming the survivor', () => {
    const graph = run([ALICE, registerCmd([{ type: 'wechat', value: 'wc_b' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' })]);
    const done = accepted(execute(graph, changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232')));
    expect(done.response).toEqual({
      success: true,
      warnings: [{ status: false, code: 8051, message: 'Same identifier found in other source. Merging into the account with user id 1.' }],
    });
  });

  it('ERR-3: a plain success has an empty warnings list', () => {
    expect(accepted(execute(run([]), ALICE)).response).toMatchObject({ warnings: [] });
    expect(accepted(execute(run([ALICE]), update(1, 'INSTORE', {}))).response).toEqual({ createdId: 1, warnings: [] });
  });

  it('ERR-3: warnings are derived from the events of the success: a combine event answers 8050', () => {
    const done = accepted(execute(run([ALICE]), registerCmd([{ type: 'email', value: 'alice@example.com' }], { source: 'WEBSITE' })));
    expect(done.events.map((e) => e.kind)).toEqual(['SourceProfileCombined']);
    expect(done.response.warnings.map((w) => [w.status, w.code])).toEqual([[false, 8050]]);
  });
});
