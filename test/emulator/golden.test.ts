// Golden tests: every sample request of the seed (000, the v2 Customer API), sent over HTTP to a real
// emulator as documented, gets a response of the documented shape (EMU-6). The samples address customers
// 329, 418 and 17742; each sample gets an org whose first customer id is that id, and the test registers
// the customer first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, type OrgConfig } from '../../src/index';
import { basicHeader } from '../../src/emulator/index';
import { expectError, expectShape, registerBody, serve, type TestServer } from './support/http';
import {
  CHANGE_IDENTIFIER_SAMPLE,
  GET_SAMPLE,
  LOOKUP_SAMPLE,
  PENDING_SAMPLES,
  REGISTER_SAMPLE,
  SEARCH_SAMPLE,
  UPDATE_SAMPLE,
} from './support/seed-samples';

/** An org like the default one, with its own first id and its own till (till codes are unique across orgs). */
function goldenOrg(id: string, firstCustomerId: number, extra: Partial<OrgConfig> = {}): OrgConfig {
  return { ...DEFAULT_ORG_CONFIG, id, firstCustomerId, tills: [{ code: `${id}.till`, password: 'pw' }], ...extra };
}

const as = (org: string) => basicHeader(`${org}.till`, 'pw');

let server: TestServer;

beforeAll(async () => {
  server = await serve({
    orgs: [
      // Register: the default org's tills (the sample is associated with bukl.till) and a registration
      // reward, so that the answer carries the sample's points and coupon side effects.
      {
        ...DEFAULT_ORG_CONFIG,
        id: 'golden-register',
        registrationReward: {
          points: { programId: 1016, points: 100 },
          coupon: { description: 'Test Offer 20', validTill: '2120-02-11T23:59:59Z' },
        },
      },
      goldenOrg('g329', 329),
      goldenOrg('g418', 418),
      goldenOrg('g17742', 17742),
      goldenOrg('gsearch', 261504789),
      goldenOrg('glookup', 306),
    ],
  });
});

afterAll(async () => {
  await server.close();
});

describe('EMU-6: every sample request of the seed gets a response of the documented shape', () => {
  it('EMU-6 REG-1: POST /v2/customers?source=MOBILE_APP&accountId=400 with the sample body', async () => {
    const res = await server.call('POST', REGISTER_SAMPLE.path, { body: REGISTER_SAMPLE.body });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, REGISTER_SAMPLE.response);
    const body = res.body as { sideEffects: { type: string }[]; warnings: unknown[] };
    expect(body.sideEffects.map((s) => s.type)).toEqual(['points', 'coupon']);
    expect(body.warnings).toEqual([]);
  });

  it('EMU-6 REG-6: the same customer from a different source answers the sample "registered in a different source" (warning 8050)', async () => {
    const res = await server.call('POST', '/v2/customers?source=INSTORE', {
      body: registerBody([{ type: 'email', value: 'TOM.SAWYER@example.com' }]),
    });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, REGISTER_SAMPLE.combinedResponse);
    expect((res.body as { warnings: unknown[] }).warnings).toEqual(REGISTER_SAMPLE.combinedResponse.warnings);
  });

  it('EMU-6 UPD-1: PUT /v2/customers/329?source=WECHAT&accountId=22232 with the sample body', async () => {
    const auth = as('g329');
    const setup = await server.call('POST', '/v2/customers?source=WECHAT&accountId=22232', {
      auth,
      body: registerBody([{ type: 'wechat', value: 'wc_2' }], { loyaltyType: 'non_loyalty' }),
    });
    expect(setup.body).toMatchObject({ createdId: 329 });
    const res = await server.call('PUT', UPDATE_SAMPLE.path, { auth, body: UPDATE_SAMPLE.body });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(UPDATE_SAMPLE.response);
  });

  it('EMU-6 CHG-1: POST /v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232 with the sample body', async () => {
    const auth = as('g418');
    const setup = await server.call('POST', '/v2/customers?source=WECHAT&accountId=22232', {
      auth,
      body: registerBody(
        [
          { type: 'wechat', value: 'wc_418' },
          { type: 'email', value: 'tom.sawyer@example.com' },
        ],
        { loyaltyType: 'non_loyalty' },
      ),
    });
    expect(setup.body).toMatchObject({ createdId: 418 });
    const res = await server.call('POST', CHANGE_IDENTIFIER_SAMPLE.path, { auth, body: CHANGE_IDENTIFIER_SAMPLE.body });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(CHANGE_IDENTIFIER_SAMPLE.response);
    const added = await server.call('GET', '/v2/customers/lookup?source=WECHAT&accountId=22232&identifierName=wechat&identifierValue=ray11', { auth });
    expect(added.body).toEqual({ entity: 418, warnings: [] });
  });

  it('EMU-6 SRCH-2: GET /v2/customers/search?limit=10&offset=0&q=tom', async () => {
    const auth = as('gsearch');
    for (const [i, name] of ['Tom', 'Tommy', 'Thomas'].entries()) {
      await server.call('POST', '/v2/customers?source=INSTORE', {
        auth,
        body: registerBody([{ type: 'email', value: `t${i}@example.com` }], { firstName: name }),
      });
    }
    const res = await server.call('GET', SEARCH_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, SEARCH_SAMPLE.response);
    expect(res.body).toMatchObject({ pagination: { limit: 10, offset: 0, total: 2 } });
  });

  it('EMU-6 LKP-1: GET /v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111', async () => {
    const auth = as('glookup');
    await server.call('POST', '/v2/customers?source=INSTORE', { auth, body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
    const res = await server.call('GET', LOOKUP_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(LOOKUP_SAMPLE.response);
  });

  it('EMU-6 GET-1: GET /v2/customers/17742?source=WECHAT&accountId=22232', async () => {
    const auth = as('g17742');
    const setup = await server.call('POST', '/v2/customers?source=WECHAT&accountId=22232', {
      auth,
      body: {
        loyaltyInfo: { loyaltyType: 'non_loyalty' },
        profiles: [
          {
            firstName: 'Tom',
            lastName: 'Sawyer',
            fields: { Gender: 'Male', 'Favorite Color': 'Green' },
            identifiers: [{ type: 'email', value: 'tom.sawyer@example.com' }],
            commChannels: [{ type: 'wechat', value: 'ojOPTwFOX-aBmdRlE9MHptPjt2w19', primary: true, verified: true }],
          },
        ],
        extendedFields: { city: 'Bangalore', gender: 'Male' },
      },
    });
    expect(setup.body).toMatchObject({ createdId: 17742 });
    const res = await server.call('GET', GET_SAMPLE.path, { auth });
    expect(res.status, res.text).toBe(200);
    expectShape(res.body, GET_SAMPLE.response);
    // The authenticated till is the createdBy of what it created (EMU-1, ORG-5).
    expect(res.body).toMatchObject({
      id: 17742,
      profiles: [{ source: 'WECHAT', userId: 17742, attribution: { createdBy: { code: 'g17742.till', type: 'TILL' } } }],
      extendedFields: { city: 'Bangalore', gender: 'Male' },
    });
  });

  it.each(PENDING_SAMPLES)('EMU-6 EMU-14: $method $path is documented and answers 501 naming what is missing', async ({ method, path }) => {
    const res = await server.call(method, path, method === 'POST' ? { body: {} } : {});
    const message = expectError(res, 501, 501);
    expect(message).toMatch(/needs .+ from the library/);
  });
});
