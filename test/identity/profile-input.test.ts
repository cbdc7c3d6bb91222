import { describe, expect, it } from 'vitest';
import { COMM_CHANNEL_TYPES, DEFAULT_ORG_CONFIG, defineOrg, execute, type CommChannelInput } from '../../src/index';
import { build, given, registerCmd } from '../support/given';
import { accepted, detailsOf, profileOf, refused, register, run, update } from '../support/requests';

const EMAIL = [{ type: 'email', value: 'tom@example.com' }] as const;

function withChannels(...commChannels: CommChannelInput[]) {
  return register('INSTORE', { identifiers: [...EMAIL], commChannels });
}

/** An org with one extended field of each type and a short custom field. */
const TYPED_ORG = accepted(
  defineOrg({
    ...DEFAULT_ORG_CONFIG,
    id: 'typed',
    extendedFields: [
      { name: 'shoe_size', type: 'number' },
      { name: 'vip', type: 'boolean' },
      { name: 'anniversary', type: 'date' },
      { name: 'tier_colour', type: 'enum', values: ['Gold', 'Silver'] },
      { name: 'nickname', type: 'string', maxLength: 5 },
    ],
    customFields: [{ name: 'code', maxLength: 4 }, { name: 'Favorite Color' }],
  }),
);

function withExtended(extendedFields: Record<string, unknown>) {
  return register('INSTORE', { identifiers: [...EMAIL] }, { extendedFields });
}

function withCustom(fields: Record<string, unknown>) {
  return register('INSTORE', { identifiers: [...EMAIL], fields });
}

describe('CHN-1: channel types and values', () => {
  it('CHN-1: the channel types are mobile, email, wechat, ios, android, line and mobilePush', () => {
    expect([...COMM_CHANNEL_TYPES].sort()).toEqual(['android', 'email', 'ios', 'line', 'mobile', 'mobilePush', 'wechat']);
  });

  it('CHN-1: a channel of each type is accepted and kept on the profile', () => {
    const channels: CommChannelInput[] = [
      { type: 'mobile', value: '9111111111' },
      { type: 'email', value: 'tom@example.com' },
      { type: 'wechat', value: 'wc_tom' },
      { type: 'ios', value: 'ios-token' },
      { type: 'android', value: 'android-token' },
      { type: 'line', value: 'U1' },
      { type: 'mobilePush', value: 'abc123456' },
    ];
    const graph = run([withChannels(...channels)]);
    expect(profileOf(graph, 1, 'INSTORE').commChannels.map((c) => c.type)).toEqual(channels.map((c) => c.type));
  });

  it('CHN-1: another channel type is 8010, on register and on update', () => {
    given().when(withChannels({ type: 'fax', value: '12345' })).fails(8010);
    given().when(withChannels({ type: 'Mobile', value: '9111111111' })).fails(8010);
    given(build([registerCmd([...EMAIL])]).events)
      .when(update(1, 'INSTORE', { profiles: [{ commChannels: [{ type: 'pager', value: '1' }] }] }))
      .fails(8010);
  });

  it('CHN-1: an empty channel value is 8010, whatever the type', () => {
    for (const type of COMM_CHANNEL_TYPES) {
      given().when(withChannels({ type, value: '' })).fails(8010);
      given().when(withChannels({ type, value: '   ' })).fails(8010);
    }
  });
});

describe('CHN-2: mobile and email channels must be valid; booleans may be strings', () => {
  it('CHN-2: a mobile channel with an invalid number is 8058', () => {
    given().when(withChannels({ type: 'mobile', value: '12ab' })).fails(8058);
    given().when(withChannels({ type: 'mobile', value: '123' })).fails(8058);
  });

  it('CHN-2: an email channel with an invalid address is 8057', () => {
    given().when(withChannels({ type: 'email', value: 'tom.example.com' })).fails(8057);
  });

  it('CHN-2: an invalid channel on update is refused the same way, and the profile keeps its channels', () => {
    const graph = run([withChannels({ type: 'email', value: 'tom@example.com' })]);
    expect(refused(execute(graph, update(1, 'INSTORE', { profiles: [{ commChannels: [{ type: 'mobile', value: 'abc' }] }] }))).code).toBe(8058);
    expect(refused(execute(graph, update(1, 'INSTORE', { profiles: [{ commChannels: [{ type: 'email', value: '@x' }] }] }))).code).toBe(8057);
    expect(profileOf(graph, 1, 'INSTORE').commChannels.map((c) => c.value)).toEqual(['tom@example.com']);
  });

  it('CHN-2: valid mobile and email channels are kept in the identifiers normal form', () => {
    const graph = run([withChannels({ type: 'mobile', value: '+91 91010 00001' }, { type: 'email', value: 'Tom@Example.COM' })]);
    expect(profileOf(graph, 1, 'INSTORE').commChannels.map((c) => c.value)).toEqual(['919101000001', 'tom@example.com']);
  });

  it('CHN-2: booleans may come as "true"/"false" strings, as in the Register sample, and are read as booleans', () => {
    const graph = run([
      withChannels(
        {
          type: 'mobilePush',
          value: 'abc123456',
          verified: 'true',
          primary: 'true',
          meta: { lastViewedDate: '2019-10-10T22:04:38+05:30', residence: false, office: 'false' },
        },
        { type: 'mobile', value: '91901000001', primary: true, verified: 'false', meta: { residence: 'true' } },
      ),
    ]);
    expect(profileOf(graph, 1, 'INSTORE').commChannels).toEqual([
      { type: 'mobilePush', value: 'abc123456', primary: true, verified: true, meta: { lastViewedDate: '2019-10-10T22:04:38+05:30', residence: false, office: false } },
      { type: 'mobile', value: '91901000001', primary: true, verified: false, meta: { lastViewedDate: '', residence: true, office: false } },
    ]);
  });

  it('CHN-2: other strings are not booleans (400 naming the field)', () => {
    const error = refused(execute(run([]), withChannels({ type: 'email', value: 'tom@example.com', primary: 'yes' as never })));
    expect(error.code).toBe(400);
    expect(error.message).toContain('primary');
  });
});

describe('FLD-1: custom fields must be enabled, scalar and within length (1017)', () => {
  it('FLD-1: an enabled custom field with a string, number or boolean value is kept as text', () => {
    const graph = run([withCustom({ employee: true, city: 'Pune', dateofbirth: 22102000 })]);
    expect({ ...profileOf(graph, 1, 'INSTORE').fields }).toEqual({ employee: 'true', city: 'Pune', dateofbirth: '22102000' });
  });

  it('FLD-1: a custom field the org has not enabled is 1017 naming it', () => {
    const error = refused(execute(run([]), withCustom({ shoe_size: '9' })));
    expect(error).toMatchObject({ code: 1017, field: 'shoe_size' });
    expect(error.message).toContain('shoe_size');
  });

  it('FLD-1: an object, array or null value is 1017', () => {
    for (const value of [{ nested: 'x' }, ['a'], null]) {
      given().when(withCustom({ city: value })).fails(1017);
    }
  });

  it("FLD-1: a value longer than the field's length is 1017; one of that length is accepted", () => {
    given([], TYPED_ORG).when(withCustom({ code: 'ABCDE' })).fails(1017);
    given([], TYPED_ORG).when(withCustom({ code: 'ABCD' })).accepted();
  });

  it('FLD-1: an unenabled custom field on update is 1017 and changes nothing', () => {
    const graph = run([withCustom({ city: 'Pune' })]);
    expect(refused(execute(graph, update(1, 'INSTORE', { profiles: [{ fields: { city: 'Delhi', hobby: 'chess' } }] }))).code).toBe(1017);
    expect({ ...profileOf(graph, 1, 'INSTORE').fields }).toEqual({ city: 'Pune' });
  });

  it('FLD-1: __proto__ and constructor as custom field keys are refused as not enabled, as data, without touching Object.prototype', () => {
    for (const json of ['{"__proto__": {"polluted": "yes"}}', '{"__proto__": "x"}', '{"constructor": {"prototype": {"polluted": "yes"}}}', '{"constructor": "x"}']) {
      const fields = JSON.parse(json) as Record<string, unknown>;
      const error = refused(execute(run([]), withCustom(fields)));
      expect(error).toMatchObject({ code: 1017, field: Object.keys(fields)[0] });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('FLD-1: in an org that enables fields named __proto__ and constructor, they are stored as plain data', () => {
    const org = accepted(defineOrg({ ...DEFAULT_ORG_CONFIG, id: 'odd', customFields: [{ name: '__proto__' }, { name: 'constructor' }] }));
    const fields = JSON.parse('{"__proto__": "a", "constructor": "b"}') as Record<string, unknown>;
    const graph = run([withCustom(fields)], org);
    const stored = profileOf(graph, 1, 'INSTORE').fields;
    expect(Object.entries(stored)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
    expect(({} as Record<string, unknown>)['constructor']).toBe(Object);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('FLD-2: extended fields must be enabled and of the field type (91015)', () => {
  it('FLD-2: an extended field the org has not enabled is 91015 naming it', () => {
    const error = refused(execute(run([]), withExtended({ favourite_band: 'Queen' })));
    expect(error).toMatchObject({ code: 91015, field: 'favourite_band' });
    expect(error.message).toContain('favourite_band');
  });

  it('FLD-2: __proto__ and constructor as extended field keys are 91015, as data', () => {
    for (const json of ['{"__proto__": {"polluted": "yes"}}', '{"constructor": "x"}']) {
      const extendedFields = JSON.parse(json) as Record<string, unknown>;
      expect(refused(execute(run([]), withExtended(extendedFields)))).toMatchObject({ code: 91015, field: Object.keys(extendedFields)[0] });
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('FLD-2: values of each type are accepted and kept as text', () => {
    const graph = run([withExtended({ shoe_size: 9.5, vip: true, anniversary: '2020-02-29', tier_colour: 'Gold', nickname: 'Tom' })], TYPED_ORG);
    expect({ ...detailsOf(graph, 1).extendedFields }).toEqual({
      shoe_size: '9.5',
      vip: 'true',
      anniversary: '2020-02-29',
      tier_colour: 'Gold',
      nickname: 'Tom',
    });
  });

  it('FLD-2: a number field refuses what is not a number', () => {
    for (const value of ['nine', '', true, {}]) {
      given([], TYPED_ORG).when(withExtended({ shoe_size: value })).fails(91015);
    }
    given([], TYPED_ORG).when(withExtended({ shoe_size: '10' })).accepted();
  });

  it('FLD-2: a boolean field takes true/false only', () => {
    for (const value of ['yes', 1, 'TRUEISH']) {
      given([], TYPED_ORG).when(withExtended({ vip: value })).fails(91015);
    }
    given([], TYPED_ORG).when(withExtended({ vip: 'false' })).accepted();
  });

  it('FLD-2: a date field takes real calendar dates only', () => {
    for (const value of ['22-10-2000', '2020-13-01', '2021-02-29', '2021-02-31', '2021-04-31', 'tomorrow']) {
      given([], TYPED_ORG).when(withExtended({ anniversary: value })).fails(91015);
    }
    given([], TYPED_ORG).when(withExtended({ anniversary: '2024-02-29' })).accepted();
    given([], TYPED_ORG).when(withExtended({ anniversary: '2024-05-01T10:00:00+05:30' })).accepted();
  });

  it('FLD-2: an enum field takes one of its values only', () => {
    given([], TYPED_ORG).when(withExtended({ tier_colour: 'Bronze' })).fails(91015);
    given().when(withExtended({ gender: 'Robot' })).fails(91015);
  });

  it("FLD-2: a value longer than the field's length is 91015", () => {
    given([], TYPED_ORG).when(withExtended({ nickname: 'Thomas' })).fails(91015);
  });

  it('FLD-2: an invalid extended field on update is 91015 and changes nothing', () => {
    const graph = run([withExtended({ city: 'Pune' })]);
    expect(refused(execute(graph, update(1, 'INSTORE', { extendedFields: { city: 'Delhi', dob: 'yesterday' } })))).toMatchObject({ code: 91015, field: 'dob' });
    expect({ ...detailsOf(graph, 1).extendedFields }).toEqual({ city: 'Pune' });
  });
});

describe('FLD-2: equal extended fields of different customers stay independent', () => {
  it('FLD-2: many customers registered with the same extended fields each keep them, and an update of one changes no other, in this graph or an older one', () => {
    const commands = Array.from({ length: 20 }, (_, i) =>
      registerCmd([{ type: 'mobile', value: `91111111${String(i).padStart(2, '0')}` }], { extendedFields: { gender: 'Male', city: 'Pune' } }),
    );
    const before = run(commands);
    const after = accepted(execute(before, update(1, 'INSTORE', { extendedFields: { gender: 'Female' } }))).graph;
    expect({ ...detailsOf(after, 1).extendedFields }).toEqual({ gender: 'Female', city: 'Pune' });
    for (let id = 2; id <= 20; id++) expect({ ...detailsOf(after, id).extendedFields }).toEqual({ gender: 'Male', city: 'Pune' });
    expect({ ...detailsOf(before, 1).extendedFields }).toEqual({ gender: 'Male', city: 'Pune' });
  });

  it('FLD-2: extended fields with many distinct values (more than any cache of shared maps holds) are each kept as given', () => {
    const commands = Array.from({ length: 5000 }, (_, i) =>
      registerCmd([{ type: 'externalId', value: `X${i}` }], { loyaltyType: 'non_loyalty', extendedFields: { city: `City ${i}` } }),
    );
    const graph = run(commands);
    for (const id of [1, 2500, 4097, 5000]) expect({ ...detailsOf(graph, id).extendedFields }).toEqual({ city: `City ${id - 1}` });
  });
});

describe('FLD-3: names and enum values match case-insensitively and are stored in the org spelling', () => {
  it('FLD-3: extended field names and enum values are stored in the org spelling (the samples send Male and MALE)', () => {
    const graph = run([withExtended({ GENDER: 'MALE', City: 'Bangalore' })]);
    expect({ ...detailsOf(graph, 1).extendedFields }).toEqual({ gender: 'Male', city: 'Bangalore' });
  });

  it('FLD-3: an update in another spelling sets the same field', () => {
    const graph = run([withExtended({ gender: 'Male' }), update(1, 'INSTORE', { extendedFields: { Gender: 'female' } })]);
    expect({ ...detailsOf(graph, 1).extendedFields }).toEqual({ gender: 'Female' });
  });

  it('FLD-3: custom field names are stored in the org spelling', () => {
    const graph = run([withCustom({ 'favorite color': 'blue', EMPLOYEE: 'true' })]);
    expect({ ...profileOf(graph, 1, 'INSTORE').fields }).toEqual({ 'Favorite Color': 'blue', employee: 'true' });
  });

  it('FLD-3: custom field values are kept as given (only enum values of extended fields are respelled)', () => {
    const graph = run([withCustom({ gender: 'MALE' })]);
    expect({ ...profileOf(graph, 1, 'INSTORE').fields }).toEqual({ gender: 'MALE' });
  });
});
