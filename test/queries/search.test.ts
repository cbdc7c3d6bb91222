import { describe, expect, it } from 'vitest';
import { executeAll, search, SEARCH_WINDOW, type CustomerId, type SearchResponse } from '../../src/index';
import { build, changeCmd, registerCmd } from '../support/given';
import { codeOf, FIRST, mergeCmd, must, SECOND, THIRD } from '../support/scenario';

type Graph = ReturnType<typeof build>['graph'];

function ids(response: SearchResponse): CustomerId[] {
  return response.data.map((hit) => hit.userId);
}

function found(graph: Graph, q: string): CustomerId[] {
  return ids(must(search(graph, { q })));
}

/** 1: Tom Sawyer (INSTORE), 2: Becky Thatcher (INSTORE), 3: Huck Finn on WECHAT/22232 with wechat id tomboy. */
const town = () =>
  build([
    registerCmd([{ type: 'email', value: 'tom.sawyer@example.com' }], { firstName: 'Tom', lastName: 'Sawyer' }),
    registerCmd([{ type: 'mobile', value: '9945511111' }], { firstName: 'Becky', lastName: 'Thatcher' }),
    registerCmd([{ type: 'wechat', value: 'TomBoy_88' }], {
      source: 'WECHAT',
      accountId: '22232',
      loyaltyType: 'non_loyalty',
      firstName: 'Huck',
      lastName: 'Finn',
    }),
  ]);

describe('SRCH-1: search finds live customers by the start of a name or identifier value, case-insensitively', () => {
  it('SRCH-1: a first name prefix finds the customer', () => {
    expect(found(town().graph, 'Beck')).toEqual([SECOND]);
  });

  it('SRCH-1: a last name prefix finds the customer', () => {
    expect(found(town().graph, 'Thatch')).toEqual([SECOND]);
  });

  it('SRCH-1: an identifier value prefix finds the customer, whatever the source', () => {
    const { graph } = town();
    expect(found(graph, '919945')).toEqual([SECOND]);
    expect(found(graph, 'TomBoy')).toEqual([THIRD]);
  });

  it('SRCH-1: the match ignores case in both the query and the stored value', () => {
    const { graph } = town();
    expect(found(graph, 'tom')).toEqual([FIRST, THIRD]);
    expect(found(graph, 'TOM')).toEqual([FIRST, THIRD]);
    expect(found(graph, 'tOmBoY_')).toEqual([THIRD]);
  });

  it('SRCH-1: only prefixes match, not text inside a value', () => {
    const { graph } = town();
    expect(found(graph, 'awyer')).toEqual([]);
    expect(found(graph, 'example.com')).toEqual([]);
  });

  it('SRCH-1: a query matching nobody answers no data and total 0', () => {
    const response = must(search(town().graph, { q: 'zzz' }));
    expect(response.data).toEqual([]);
    expect(response.pagination.total).toBe(0);
  });

  it('SRCH-1: a merge victim is never listed; its names and identifiers find the survivor', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'tom.sawyer@example.com' }], { firstName: 'Tom' }),
      registerCmd([{ type: 'wechat', value: 'wc_huck' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty', firstName: 'Huck' }),
      changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'tom.sawyer@example.com' }] }, '22232'),
    ]);
    expect(found(graph, 'huck')).toEqual([FIRST]);
    expect(found(graph, 'wc_h')).toEqual([FIRST]);
  });

  it('SRCH-1: the identifiers and names of a conflicting profile still find the survivor', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'one@example.com' }], { firstName: 'Tom' }),
      registerCmd([{ type: 'email', value: 'becky@example.com' }], { firstName: 'Becky' }),
      mergeCmd(1, 2),
    ]);
    expect(found(graph, 'becky')).toEqual([FIRST]);
  });

  it('SRCH-1: a removed identifier no longer finds the customer; an added one does', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'tom.sawyer@example.com' }, { type: 'mobile', value: '9111111111' }]),
      changeCmd(1, 'INSTORE', { remove: [{ type: 'email', value: 'tom.sawyer@example.com' }], add: [{ type: 'externalId', value: 'TS-77' }] }),
    ]);
    expect(found(graph, 'tom')).toEqual([]);
    expect(found(graph, 'ts-7')).toEqual([FIRST]);
  });

  it('SRCH-1: surrounding spaces in the query are ignored', () => {
    expect(found(town().graph, '  becky ')).toEqual([SECOND]);
  });
});

describe('SRCH-2: the answer has pagination and, per customer, userId, matchedIdentifiers and profiles', () => {
  it('SRCH-2: each hit lists the customer, the values that matched (type, value, source, account) and its profiles', () => {
    const response = must(search(town().graph, { q: 'tom' }));
    expect(response.pagination).toEqual({ limit: 10, offset: 0, total: 2 });
    expect(response.warnings).toEqual([]);
    expect(response.data).toEqual([
      {
        userId: FIRST,
        matchedIdentifiers: [
          { idType: 'firstName', idValue: 'Tom', source: 'INSTORE', accountId: '' },
          { idType: 'email', idValue: 'tom.sawyer@example.com', source: 'INSTORE', accountId: '' },
        ],
        profiles: [{ source: 'INSTORE', accountId: '', firstName: 'Tom', lastName: 'Sawyer' }],
      },
      {
        userId: THIRD,
        matchedIdentifiers: [{ idType: 'wechat', idValue: 'TomBoy_88', source: 'WECHAT', accountId: '22232' }],
        profiles: [{ source: 'WECHAT', accountId: '22232', firstName: 'Huck', lastName: 'Finn' }],
      },
    ]);
  });

  it('SRCH-2: total counts customers, not matching values', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'tom@example.com' }, { type: 'externalId', value: 'TOM-1' }], {
        firstName: 'Tom',
        lastName: 'Tomlinson',
      }),
    ]);
    const response = must(search(graph, { q: 'tom' }));
    expect(response.pagination.total).toBe(1);
    expect(response.data).toHaveLength(1);
    expect(response.data[0]?.matchedIdentifiers.map((m) => m.idType).sort()).toEqual(['email', 'externalId', 'firstName', 'lastName']);
  });

  it('SRCH-2: a customer matched in two sources lists a match per source and every profile', () => {
    const { graph } = build([
      registerCmd([{ type: 'email', value: 'tom@example.com' }], { firstName: 'Tom' }),
      registerCmd([{ type: 'email', value: 'tom@example.com' }], { source: 'WECHAT', accountId: '1234', firstName: 'Tommy' }),
    ]);
    const [hit] = must(search(graph, { q: 'tom' })).data;
    expect(hit?.matchedIdentifiers.map((m) => [m.idType, m.source, m.accountId]).sort()).toEqual([
      ['email', 'INSTORE', ''],
      ['email', 'WECHAT', '1234'],
      ['firstName', 'INSTORE', ''],
      ['firstName', 'WECHAT', '1234'],
    ]);
    expect(hit?.profiles.map((p) => [p.source, p.accountId, p.firstName])).toEqual([
      ['INSTORE', '', 'Tom'],
      ['WECHAT', '1234', 'Tommy'],
    ]);
  });

  describe('SRCH-2: pagination over five customers named Tom', () => {
    const toms = () =>
      build(
        [1, 2, 3, 4, 5].map((n) =>
          registerCmd([{ type: 'email', value: `t${n}@example.com` }], { firstName: 'Tom', lastName: `Number${n}` }),
        ),
      );

    it('SRCH-2: limit and offset pick a page; total counts every matching customer', () => {
      const { graph } = toms();
      const first = must(search(graph, { q: 'tom', limit: 2 }));
      expect(first.pagination).toEqual({ limit: 2, offset: 0, total: 5 });
      expect(first.data).toHaveLength(2);
      const last = must(search(graph, { q: 'tom', limit: 2, offset: 4 }));
      expect(last.pagination).toEqual({ limit: 2, offset: 4, total: 5 });
      expect(last.data).toHaveLength(1);
    });

    it('SRCH-2: consecutive pages are disjoint and together list every customer once', () => {
      const { graph } = toms();
      const pages = [0, 2, 4].map((offset) => ids(must(search(graph, { q: 'tom', limit: 2, offset }))));
      const all = pages.flat();
      expect(new Set(all).size).toBe(5);
      expect(all).toEqual(ids(must(search(graph, { q: 'tom', limit: 5 }))));
    });

    it('SRCH-2: an offset past the end answers no data with the same total', () => {
      const response = must(search(toms().graph, { q: 'tom', offset: 10 }));
      expect(response.data).toEqual([]);
      expect(response.pagination).toEqual({ limit: 10, offset: 10, total: 5 });
    });
  });
});

describe('SRCH-2, SRCH-3: a search counts at most SEARCH_WINDOW matching customers', () => {
  // One more Tom than the window holds; the first one's email is tz@…, whose posting sorts after every 'tom'.
  const crowd = () => {
    const email = (n: number): string => (n === 0 ? 'tz@example.com' : `x${n}@example.com`);
    const many = Array.from({ length: SEARCH_WINDOW + 1 }, (_, n) => registerCmd([{ type: 'email', value: email(n) }], { firstName: 'Tom', lastName: `N${n}` }));
    const { graph } = build([]);
    return executeAll(graph, many)._unsafeUnwrap().graph;
  };

  it('SRCH-2: past the window, total reads SEARCH_WINDOW; the last page of the window is full and the pages before it are disjoint', () => {
    const graph = crowd();
    expect(must(search(graph, { q: 'tom' })).pagination.total).toBe(SEARCH_WINDOW);
    const last = must(search(graph, { q: 'tom', offset: SEARCH_WINDOW - 100, limit: 100 }));
    expect(last.data).toHaveLength(100);
    expect(last.pagination.total).toBe(SEARCH_WINDOW);
    // Ordered by term, then id: the window holds the first SEARCH_WINDOW customers of the order.
    expect(last.data.at(-1)?.userId).toBe(SEARCH_WINDOW);
  });

  it('SRCH-3: a page that would end past the window is 400 naming offset; one that ends on it is answered', () => {
    const graph = crowd();
    expect(codeOf(search(graph, { q: 'tom', offset: SEARCH_WINDOW - 9 }))).toBe(400);
    expect(codeOf(search(graph, { q: 'tom', offset: SEARCH_WINDOW - 1, limit: 2 }))).toBe(400);
    expect(search(graph, { q: 'tom', offset: SEARCH_WINDOW }).isErr() && search(graph, { q: 'tom', offset: SEARCH_WINDOW })._unsafeUnwrapErr().message).toContain('offset');
    expect(must(search(graph, { q: 'tom', offset: SEARCH_WINDOW - 10 })).data).toHaveLength(10);
  });

  it('SRCH-2: a customer on the page lists every value that matched, even those the scan of the window never reached', () => {
    const graph = crowd();
    // q 't': customer 1's 'tom' comes first, then 10,000 other Toms fill the window, and its 'tz@…' comes after them.
    const hit = must(search(graph, { q: 't', limit: 1 })).data[0];
    expect(hit?.userId).toBe(1);
    expect(hit?.matchedIdentifiers).toEqual([
      { idType: 'firstName', idValue: 'Tom', source: 'INSTORE', accountId: '' },
      { idType: 'email', idValue: 'tz@example.com', source: 'INSTORE', accountId: '' },
    ]);
  });
});

describe('SRCH-3: q, limit and offset are validated', () => {
  it('SRCH-3: an empty or blank q is 400', () => {
    const { graph } = town();
    expect(codeOf(search(graph, { q: '' }))).toBe(400);
    expect(codeOf(search(graph, { q: '   ' }))).toBe(400);
  });

  it('SRCH-3: limit defaults to 10 and offset to 0', () => {
    expect(must(search(town().graph, { q: 't' })).pagination).toMatchObject({ limit: 10, offset: 0 });
  });

  it('SRCH-3: limit 1 and limit 100 are accepted', () => {
    const { graph } = town();
    expect(must(search(graph, { q: 'tom', limit: 1 })).data).toHaveLength(1);
    expect(must(search(graph, { q: 'tom', limit: 100 })).pagination.limit).toBe(100);
  });

  it('SRCH-3: a limit of 0, above 100 or not whole is 400', () => {
    const { graph } = town();
    expect(codeOf(search(graph, { q: 'tom', limit: 0 }))).toBe(400);
    expect(codeOf(search(graph, { q: 'tom', limit: 101 }))).toBe(400);
    expect(codeOf(search(graph, { q: 'tom', limit: 2.5 }))).toBe(400);
  });

  it('SRCH-3: a negative or fractional offset is 400', () => {
    const { graph } = town();
    expect(codeOf(search(graph, { q: 'tom', offset: -1 }))).toBe(400);
    expect(codeOf(search(graph, { q: 'tom', offset: 0.5 }))).toBe(400);
  });

  it('SRCH-3: the 400 names the offending field', () => {
    const result = search(town().graph, { q: 'tom', limit: 0 });
    expect(result.isErr() ? result.error.message : '').toContain('limit');
  });
});
