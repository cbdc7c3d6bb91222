// The error contract of the HTTP API: the standard error body (EMU-2), the status of each code (EMU-3),
// 400 naming the field (EMU-4), never a 500 for bad input and never a stack (EMU-5), the limits (EMU-7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_CONFIG, MAX_SEARCH_LIMIT } from '../../src/index';
import { errorBodySchema, statusForCode, type ApiRoute } from '../../src/emulator';
import { call, expectError, registerBody, serve, type HttpAnswer, type TestServer } from './support/http';

let server: TestServer;
let tom: number;
let becky: number;

beforeAll(async () => {
  server = await serve({
    orgs: [
      {
        ...DEFAULT_ORG_CONFIG,
        customFields: [...(DEFAULT_ORG_CONFIG.customFields ?? []), { name: '__proto__' }, { name: 'constructor' }],
      },
    ],
  });
  const a = await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
  tom = (a.body as { createdId: number }).createdId;
  const b = await server.call('POST', '/v2/customers?source=WEBSITE', {
    body: registerBody([{ type: 'email', value: 'becky@example.com' }], { firstName: 'Becky', loyaltyType: 'non_loyalty' }),
  });
  becky = (b.body as { createdId: number }).createdId;
});

afterAll(async () => {
  await server.close();
});

describe('EMU-2: every refusal has the standard error body', () => {
  it('EMU-2 ERR-1: a documented refusal is {"errors":[{status:false, code, message}],"warnings":[]}', async () => {
    const res = await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '919111111111' }]) });
    expectError(res, 409, 1014);
    expect(errorBodySchema.parse(res.body).errors[0]?.message).toBe('Customer is registered already.');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('EMU-2 ERR-3: warnings of a success are in its warnings', async () => {
    const res = await server.call('POST', '/v2/customers?source=MARTJACK', {
      body: registerBody([{ type: 'mobile', value: '9111111111' }]),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ createdId: tom, warnings: [{ status: false, code: 8050, message: expect.any(String) }] });
  });

  it('EMU-2: an unknown endpoint is 404 with the standard error body', async () => {
    expectError(await server.call('GET', '/v2/nothing/here'), 404, 404);
    expectError(await server.call('DELETE', '/v2/customers/1'), 404, 404);
  });
});

describe('EMU-3: the HTTP status of each documented code', () => {
  it('EMU-3: not-found codes are 404', async () => {
    expectError(await server.call('GET', '/v2/customers/999999?source=ALL'), 404, 8015);
    expectError(await server.call('GET', `/v2/customers/${tom}?source=WECHAT&accountId=22232`), 404, 8065);
    expectError(await server.call('GET', '/v2/customers/lookup?source=INSTORE&identifierName=email&identifierValue=no@example.com'), 404, 8065);
    expectError(await server.call('POST', '/v2/customers/999999/changeIdentifier?source=INSTORE', { body: { add: [{ type: 'email', value: 'x@example.com' }] } }), 404, 8009);
    expectError(await server.call('PUT', '/v2/customers/999999?source=INSTORE', { body: { profiles: [{ firstName: 'X' }] } }), 404, 8015);
  });

  it('EMU-3: conflicts with the graph (identifier held, merged ids) are 409', async () => {
    expectError(
      await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '919111111111' }, { type: 'email', value: 'new@example.com' }]) }),
      409,
      1032,
    );
    const merged = await server.call('POST', `/v2/customers/${becky}/changeIdentifier?source=WEBSITE`, { body: { add: [{ type: 'mobile', value: '919111111111' }] } });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ success: true, warnings: [{ code: 8051 }] });
    const victim = expectError(await server.call('GET', `/v2/customers/${becky}?source=ALL`), 409, 8069);
    expect(victim).toContain(String(tom));
    expectError(await server.call('POST', `/v2/customers/${becky}/changeIdentifier?source=WEBSITE`, { body: { add: [{ type: 'email', value: 'b2@example.com' }] } }), 409, 8067);
  });

  it('EMU-3: every other documented code is 400', async () => {
    expectError(await server.call('POST', '/v2/customers?source=NOWHERE', { body: registerBody([{ type: 'email', value: 'a@example.com' }]) }), 400, 8012);
    expectError(await server.call('POST', '/v2/customers?source=WECHAT', { body: registerBody([{ type: 'email', value: 'a@example.com' }]) }), 400, 8045);
    expectError(await server.call('GET', '/v2/customers/lookup?source=INSTORE&identifierName=shoeSize&identifierValue=9'), 400, 8013);
    expectError(await server.call('POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'mobile', value: '12' }]) }), 400, 1001);
    expect([8050, 1046, 8010, 91015, 1017].map(statusForCode)).toEqual([400, 400, 400, 400, 400]);
    expect([8015, 8065, 8009].map(statusForCode)).toEqual([404, 404, 404]);
    expect([1014, 8008, 8053, 8069, 9029].map(statusForCode)).toEqual([409, 409, 409, 409, 409]);
  });
});

describe('EMU-4: malformed JSON, wrong types and unknown values are 400 naming the field', () => {
  const cases: [string, string, string, unknown, RegExp][] = [
    ['malformed JSON', 'POST', '/v2/customers?source=INSTORE', '{"loyaltyInfo": {', /body: malformed JSON/],
    ['no body', 'POST', '/v2/customers?source=INSTORE', undefined, /body: /],
    ['an array body', 'POST', '/v2/customers?source=INSTORE', [], /body: /],
    ['a wrong type', 'POST', '/v2/customers?source=INSTORE', { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: 'Tom' }, /body\.profiles: /],
    ['a wrong nested type', 'POST', '/v2/customers?source=INSTORE', { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ firstName: 7 }] }, /body\.profiles\.0\.firstName: /],
    ['an unknown loyalty type', 'POST', '/v2/customers?source=INSTORE', { loyaltyInfo: { loyaltyType: 'gold' }, profiles: [{ identifiers: [{ type: 'email', value: 'g@example.com' }] }] }, /loyaltyInfo\.loyaltyType/],
    ['a missing source', 'POST', '/v2/customers', registerBody([{ type: 'email', value: 'g@example.com' }]), /query\.source: /],
    ['a wrong changeIdentifier type', 'POST', '/v2/customers/1/changeIdentifier?source=INSTORE', { add: { type: 'email' } }, /body\.add: /],
    ['a non-integer id', 'GET', '/v2/customers/12abc?source=ALL', undefined, /path\.customerId: /],
    ['a negative id', 'PUT', '/v2/customers/-1?source=INSTORE', { profiles: [] }, /path\.customerId: /],
    ['an id beyond a safe integer', 'GET', '/v2/customers/999999999999999999999?source=ALL', undefined, /path\.customerId: /],
    ['a non-integer limit', 'GET', '/v2/customers/search?q=tom&limit=ten', undefined, /query\.limit: /],
    ['a zero limit', 'GET', '/v2/customers/search?q=tom&limit=0', undefined, /query\.limit: /],
    ['a negative offset', 'GET', '/v2/customers/search?q=tom&offset=-1', undefined, /query\.offset: /],
    ['a missing q', 'GET', '/v2/customers/search', undefined, /query\.q: /],
    ['a parameter given twice', 'GET', '/v2/customers/lookup?source=ALL&source=INSTORE&identifierName=email&identifierValue=a@b.c', undefined, /query\.source: given more than once/],
    ['a missing identifierValue', 'GET', '/v2/customers/lookup?source=ALL&identifierName=email', undefined, /query\.identifierValue: /],
    ['an unknown embed', 'GET', '/v2/customers/1?source=ALL&embed=shoes', undefined, /embed/],
  ];

  it.each(cases)('EMU-4 ERR-2: %s', async (_name, method, path, body, message) => {
    const res =
      typeof body === 'string'
        ? await server.call(method, path, { raw: body, headers: { 'content-type': 'application/json' } })
        : await server.call(method, path, body === undefined ? {} : { body });
    expect(expectError(res, 400, 400)).toMatch(message);
  });

  it('EMU-4: unknown values (source, identifier type, channel type) get their documented code, naming what was wrong', async () => {
    expect(expectError(await server.call('GET', '/v2/customers/1?source=MARS'), 400, 8012)).toMatch(/source/i);
    expect(
      expectError(await server.call('POST', '/v2/customers?source=INSTORE', { body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'ch@example.com' }], commChannels: [{ type: 'pigeon', value: 'x' }] }] } }), 400, 8010),
    ).toMatch(/channel/i);
    expect(
      expectError(await server.call('POST', '/v2/customers?source=INSTORE', { body: { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'ef@example.com' }] }], extendedFields: { shoeSize: 9 } } }), 400, 91015),
    ).toMatch(/shoeSize/);
  });

  it('EMU-4 ARC-4: __proto__ and constructor keys in a body stay data (kept as field names, never a prototype)', async () => {
    const raw = '{"loyaltyInfo":{"loyaltyType":"loyalty"},"profiles":[{"firstName":"Proto","identifiers":[{"type":"email","value":"proto@example.com"}],"fields":{"__proto__":"p","constructor":"c"}}]}';
    const res = await server.call('POST', '/v2/customers?source=INSTORE', { raw, headers: { 'content-type': 'application/json' } });
    expect(res.status, res.text).toBe(200);
    const id = (res.body as { createdId: number }).createdId;
    const got = await server.call('GET', `/v2/customers/${id}?source=INSTORE`);
    expect(got.text).toContain('"fields":{"__proto__":"p","constructor":"c"}');
    expect(({} as Record<string, unknown>)['p']).toBeUndefined();
    // A key the org has not enabled is refused by name, not by the parser.
    const refused = await server.call('POST', '/v2/customers?source=INSTORE', {
      raw: '{"loyaltyInfo":{"loyaltyType":"loyalty"},"profiles":[{"identifiers":[{"type":"email","value":"p2@example.com"}]}],"extendedFields":{"__proto__":{"polluted":true}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(expectError(refused, 400, 91015)).toContain('__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('EMU-4: a body is read as JSON whatever its content type (curl -d sends form-encoded)', async () => {
    const res = await server.call('POST', '/v2/customers?source=INSTORE', {
      raw: JSON.stringify(registerBody([{ type: 'email', value: 'form@example.com' }])),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status, res.text).toBe(200);
  });
});

describe('EMU-7: limits', () => {
  it('EMU-7: a body over 1 MiB is 413 with the standard error body; one just under is read', async () => {
    const pad = (n: number) => JSON.stringify({ ...(registerBody([{ type: 'email', value: 'big@example.com' }]) as object), pad: 'x'.repeat(n) });
    const over = pad(1024 * 1024);
    expect(Buffer.byteLength(over)).toBeGreaterThan(1024 * 1024);
    expectError(await server.call('POST', '/v2/customers?source=INSTORE', { raw: over, headers: { 'content-type': 'application/json' } }), 413, 413);
    const under = pad(1024 * 1024 - 200);
    expect(Buffer.byteLength(under)).toBeLessThanOrEqual(1024 * 1024);
    const ok = await server.call('POST', '/v2/customers?source=INSTORE', { raw: under, headers: { 'content-type': 'application/json' } });
    expect(ok.status, ok.text).toBe(200);
  });

  it('EMU-7: a chunked body over 1 MiB (no Content-Length) is 413 as well', async () => {
    const big = new TextEncoder().encode(`{"pad":"${'y'.repeat(1100 * 1024)}"}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 64 * 1024) controller.enqueue(big.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/v2/customers?source=INSTORE`, {
      method: 'POST',
      headers: { authorization: 'Basic ZGVtby50aWxsOmRlbW8=', 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(errorBodySchema.safeParse(await res.json()).success).toBe(true);
  });

  it(`EMU-7 SRCH-3: a search limit above ${MAX_SEARCH_LIMIT} is capped, not refused`, async () => {
    const res = await server.call('GET', '/v2/customers/search?q=tom&limit=100000&offset=0');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pagination: { limit: MAX_SEARCH_LIMIT, offset: 0 } });
  });

  it('EMU-7: a trailing slash is the same endpoint', async () => {
    expect((await server.call('GET', '/v2/customers/search/?q=tom')).status).toBe(200);
  });
});

describe('EMU-5: bad input never gets a 500, and no answer carries a stack trace', () => {
  const hostile: unknown[] = [
    null,
    0,
    'text',
    true,
    [],
    [[[[[]]]]],
    { loyaltyInfo: null },
    { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [null] },
    { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'mobile', value: 1e308 }] }] },
    { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'mobile', value: -0 }] }] },
    { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: '__proto__', value: 'x' }] }] },
    { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'deep@example.com' }], fields: { a: { b: { c: [1, 2, { d: null }] } } } }] },
    { loyaltyInfo: { loyaltyType: 'loyalty' }, profiles: [{ identifiers: [{ type: 'email', value: 'enr@example.com' }] }], loyaltyProgramEnrollments: [null, 'x', { programId: 'x' }] },
    { add: [{ type: 'email', value: null }], remove: 'x' },
    { profiles: [{ commChannels: [{ type: 'email', value: {} }] }] },
    { survivorId: 'x', victimId: 1e300 },
  ];
  const raw = [
    '{',
    '}',
    'null',
    '{"a":1}{"b":2}',
    '\u0000\u0001',
    '"\\ud800"',
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  ];
  const endpoints: [string, string][] = [
    ['POST', '/v2/customers?source=INSTORE'],
    ['PUT', '/v2/customers/1?source=INSTORE'],
    ['POST', '/v2/customers/1/changeIdentifier?source=INSTORE'],
    ['POST', '/_emulator/merge'],
    ['PUT', '/_emulator/events'],
  ];

  const check = (res: HttpAnswer) => {
    expect(res.status, res.text).toBeLessThan(500);
    expect(res.text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+|node_modules|Error:/);
  };

  it.each(endpoints)('EMU-5: %s %s answers hostile JSON bodies with a 2xx or 4xx, never a stack', async (method, path) => {
    for (const body of hostile) check(await server.call(method, path, { raw: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
    for (const text of raw) check(await server.call(method, path, { raw: text, headers: { 'content-type': 'application/json' } }));
  });

  it('EMU-5: hostile query strings and paths never get a 500', async () => {
    const paths = [
      '/v2/customers/lookup?source=%ZZ&identifierName=email&identifierValue=a',
      '/v2/customers/lookup?source=ALL&identifierName=email&identifierValue=%00%ff',
      `/v2/customers/lookup?source=ALL&identifierName=email&identifierValue=${'a'.repeat(5000)}`,
      '/v2/customers/search?q=%E0%A4%A',
      '/v2/customers/search?q=__proto__&__proto__=1&constructor=2',
      '/v2/customers/%E0%A4%A?source=ALL',
      `/v2/customers/${'9'.repeat(300)}?source=ALL`,
      '/v2/customers/1?source=ALL&embed=%22points',
    ];
    for (const path of paths) check(await server.call('GET', path));
  });

  it('EMU-5: an unexpected exception in a handler becomes a 500 with a generic message and no stack, and the server goes on', async () => {
    const failing: ApiRoute = {
      method: 'GET',
      url: '/_test/boom',
      summary: 'always throws',
      handle: () => {
        throw new Error('secret detail at /home/someone/file.ts:12');
      },
    };
    const warnings: string[] = [];
    const local = await serve({ routes: [failing], warn: (line) => warnings.push(line) });
    try {
      const res = await local.call('GET', '/_test/boom');
      expect(expectError(res, 500, 500)).not.toContain('secret');
      expect(warnings.join('\n')).toContain('secret detail');
      expect((await local.call('GET', '/v2/customers/search?q=x')).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('EMU-5: a clock that fails is a 500 with a generic message too, and no stack', async () => {
    const local = await serve({
      clock: () => {
        throw new Error('clock broke');
      },
    });
    try {
      expectError(await call(local.url, 'POST', '/v2/customers?source=INSTORE', { body: registerBody([{ type: 'email', value: 'c@example.com' }]) }), 500, 500);
    } finally {
      await local.close();
    }
  });
});
