// Golden tests: every sample request body of the seed (000, the v2 Customer API) goes through the library
// against the default org, and each answer has the seed's documented shape (ORG-2). The seed's sample ids
// (329, 418, 17742) do not exist in a fresh graph, so each test first registers the customer it addresses.
import { describe, expect, it } from 'vitest';
import {
  defaultOrg,
  emptyGraph,
  execute,
  getCustomer,
  lookup,
  search,
  type ChangeIdentifierCommand,
  type Command,
  type CustomerGraph,
  type CustomerId,
  type RegisterBody,
  type RegisterCommand,
  type UpdateCommand,
} from '../src/index';
import { META, registerCmd } from './support/given';
import {
  CHANGE_IDENTIFIER_SAMPLE as SEED_CHANGE_IDENTIFIER,
  REGISTER_SAMPLE as SEED_REGISTER,
  UPDATE_SAMPLE as SEED_UPDATE,
} from './support/seed-samples';
import { must } from './support/scenario';

/** The body of the seed's Register Customer sample, verbatim (shared with the emulator's golden tests). */
const REGISTER_SAMPLE_BODY: RegisterBody = SEED_REGISTER.body;

/** POST /v2/customers?source=MOBILE_APP&accountId=400 */
const REGISTER_SAMPLE: RegisterCommand = {
  kind: 'register',
  source: 'MOBILE_APP',
  accountId: '400',
  body: REGISTER_SAMPLE_BODY,
  meta: META,
};

/** PUT /v2/customers/329?source=WECHAT&accountId=22232 (the body's profile says account 1234: the query wins). */
function updateSample(customerId: number): UpdateCommand {
  return {
    kind: 'update',
    customerId,
    source: 'WECHAT',
    accountId: '22232',
    body: SEED_UPDATE.body,
    meta: META,
  };
}

/** POST /v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232 */
function changeIdentifierSample(customerId: number): ChangeIdentifierCommand {
  return {
    kind: 'changeIdentifier',
    customerId,
    source: 'WECHAT',
    accountId: '22232',
    ...SEED_CHANGE_IDENTIFIER.body,
    meta: META,
  };
}

/** Registers setup customers in the default org and answers the graph and their ids. */
function setup(...commands: readonly Command[]): { graph: CustomerGraph; ids: CustomerId[] } {
  let graph = emptyGraph(defaultOrg())._unsafeUnwrap();
  const ids: CustomerId[] = [];
  for (const command of commands) {
    const done = must(execute(graph, command));
    graph = done.graph;
    if ('createdId' in done.response) ids.push(done.response.createdId);
  }
  return { graph, ids };
}

function onlyId(ids: readonly CustomerId[]): CustomerId {
  const [id] = ids;
  if (id === undefined) expect.fail('setup registered nobody');
  return id;
}

/** A customer in WECHAT account 22232, as the Update, changeIdentifier and get samples address. */
const WECHAT_TOM = registerCmd(
  [
    { type: 'email', value: 'tom.sawyer@example.com' },
    { type: 'wechat', value: 'wc_2' },
  ],
  { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty', firstName: 'Tom', lastName: 'Sawyer' },
);

const TILL_VIEW = { code: expect.any(String), description: expect.any(String), name: expect.any(String), type: 'TILL' };

describe('ORG-2: the default org accepts every sample request of the seed, answering the documented shape', () => {
  it('ORG-2: Register (source=MOBILE_APP&accountId=400) answers createdId, warnings and sideEffects', () => {
    const done = must(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), REGISTER_SAMPLE));
    expect(Object.keys(done.response).sort()).toEqual(['createdId', 'sideEffects', 'warnings']);
    expect(done.response).toEqual({ createdId: expect.any(Number), warnings: [], sideEffects: expect.any(Array) });
    expect(Number.isInteger(done.response.createdId) && done.response.createdId > 0).toBe(true);
    const view = must(getCustomer(done.graph, { customerId: done.response.createdId, source: 'MOBILE_APP', accountId: '400' }));
    expect(view.profiles[0]).toMatchObject({ firstName: 'Tom', lastName: 'Sawyer', source: 'MOBILE_APP', accountId: '400' });
    expect({ ...view.extendedFields }).toEqual({ gender: 'Male', city: 'Bangalore' });
  });

  it('ORG-2: Register of the same person in another account answers the existing createdId with warning 8050, as the seed second sample', () => {
    const { graph, ids } = setup(REGISTER_SAMPLE);
    const done = must(execute(graph, { ...REGISTER_SAMPLE, accountId: '123' }));
    expect(done.response).toEqual({
      createdId: onlyId(ids),
      warnings: [{ status: false, code: 8050, message: 'Same Customer found in other sources,Combining' }],
      sideEffects: expect.any(Array),
    });
  });

  it('ORG-2: Update (source=WECHAT&accountId=22232, body account 1234) answers createdId and warnings', () => {
    const { graph, ids } = setup(
      registerCmd([{ type: 'wechat', value: 'wc_2' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
    );
    const id = onlyId(ids);
    const done = must(execute(graph, updateSample(id)));
    expect(done.response).toEqual({ createdId: id, warnings: [] });
    const view = must(getCustomer(done.graph, { customerId: id, source: 'WECHAT', accountId: '22232' }));
    expect(view.profiles[0]).toMatchObject({ firstName: 'Tom', lastName: 'Sawyer', fields: { gender: 'Male', city: 'Bangalore' } });
    expect(view.loyaltyInfo.loyaltyType).toBe('loyalty');
    expect({ ...view.extendedFields }).toEqual({ gender: 'Male', city: 'Bangalore' });
    expect(getCustomer(done.graph, { customerId: id, source: 'WECHAT', accountId: '1234' }).isErr()).toBe(true);
  });

  it('ORG-2: changeIdentifier (source=WECHAT&accountId=22232) answers success and warnings', () => {
    const { graph, ids } = setup(WECHAT_TOM);
    const id = onlyId(ids);
    const done = must(execute(graph, changeIdentifierSample(id)));
    expect(done.response).toEqual({ success: true, warnings: [] });
    expect(must(lookup(done.graph, { source: 'WECHAT', accountId: '22232', identifierName: 'wechat', identifierValue: 'ray11' })).entity).toBe(id);
    expect(lookup(done.graph, { source: 'WECHAT', accountId: '22232', identifierName: 'email', identifierValue: 'tom.sawyer@example.com' }).isErr()).toBe(true);
  });

  it('ORG-2: lookup (source=INSTORE&identifierName=mobile&identifierValue=919111111111) answers entity and warnings', () => {
    const { graph, ids } = setup(registerCmd([{ type: 'mobile', value: '919111111111' }]));
    const response = must(lookup(graph, { source: 'INSTORE', identifierName: 'mobile', identifierValue: '919111111111' }));
    expect(response).toEqual({ entity: onlyId(ids), warnings: [] });
  });

  it('ORG-2: search (limit=10&offset=0&q=tom) answers pagination, data with userId, matchedIdentifiers and profiles, warnings and errors', () => {
    const { graph } = setup(
      REGISTER_SAMPLE,
      registerCmd([{ type: 'email', value: 'tom2@example.com' }], { firstName: 'Tom', lastName: 'Sawyer' }),
      registerCmd([{ type: 'email', value: 'becky@example.com' }], { firstName: 'Becky', lastName: 'Thatcher' }),
    );
    const response = must(search(graph, { q: 'tom', limit: 10, offset: 0 }));
    expect(Object.keys(response).sort()).toEqual(['data', 'errors', 'pagination', 'warnings']);
    expect(response.pagination).toEqual({ limit: 10, offset: 0, total: 2 });
    expect(response.warnings).toEqual([]);
    expect(response.errors).toEqual([]);
    expect(response.data).toHaveLength(2);
    for (const hit of response.data) {
      expect(hit).toEqual({
        userId: expect.any(Number),
        matchedIdentifiers: expect.arrayContaining([
          { idType: expect.any(String), idValue: expect.any(String), source: expect.any(String), accountId: expect.any(String) },
        ]),
        profiles: [expect.objectContaining({ source: expect.any(String), firstName: 'Tom', lastName: 'Sawyer' })],
      });
    }
  });

  it('ORG-2: get (source=WECHAT&accountId=22232) answers id, profiles, loyaltyInfo, segments, extendedFields and warnings', () => {
    const { graph, ids } = setup(WECHAT_TOM);
    const id = onlyId(ids);
    const view = must(getCustomer(graph, { customerId: id, source: 'WECHAT', accountId: '22232' }));
    expect(Object.keys(view).sort()).toEqual(['extendedFields', 'id', 'loyaltyInfo', 'profiles', 'segments', 'warnings']);
    expect(view).toEqual({
      id,
      profiles: [
        expect.objectContaining({
          firstName: 'Tom',
          lastName: 'Sawyer',
          attribution: { createDate: META.at, createdBy: TILL_VIEW, modifiedBy: TILL_VIEW, modifiedDate: META.at },
          fields: expect.any(Object),
          identifiers: expect.arrayContaining([{ type: 'email', value: 'tom.sawyer@example.com' }]),
          commChannels: expect.any(Array),
          source: 'WECHAT',
          userId: id,
          conflictingProfileList: [],
          autoUpdateTime: META.at,
        }),
      ],
      loyaltyInfo: {
        loyaltyType: 'non_loyalty',
        attributionV2: {
          createDate: META.at,
          createdBy: { code: META.till, name: expect.any(String) },
          modifiedBy: { code: META.till, name: expect.any(String) },
          modifiedDate: META.at,
        },
        lifetimePurchases: expect.any(Number),
      },
      segments: {},
      extendedFields: expect.any(Object),
      warnings: [],
    });
  });
});
