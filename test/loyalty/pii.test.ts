import { describe, expect, it } from 'vitest';
import {
  changeRequests,
  customerCoupons,
  customerGetV11,
  execute,
  getCustomer,
  graphSnapshot,
  loyaltyDetails,
  lookup,
  pointsTransfers,
  search,
  type Command,
  type CustomerGraph,
  type RegisterCommand,
} from '../../src/index';
import { build, changeCmd, META, registerCmd } from '../support/given';
import { deletePii, issue, issueCoupon, registerEnrolled, subscriptions, transfer } from '../support/loyalty-state';
import { merge, update } from '../support/requests';
import { asKind, FIRST, FOURTH, must, refusal, SECOND, THIRD } from '../support/scenario';
import { indexContents } from '../../src/graph/contents';
import { decodePosting } from '../../src/graph/search-index';

/** Alice's personal values: every one must be gone from the graph after her PII deletion. */
const ALICE_VALUES = {
  firstName: 'Alicewyn',
  lastName: 'Liddellstone',
  email: 'alicewyn@example.com',
  mobile: '919111122223',
  externalId: 'EXT-ALICEWYN',
  wechat: 'wc_alicewyn_7',
  addedEmail: 'alicewyn.second@example.com',
  removedExternalId: 'EXT-OLD-ALICEWYN',
  channelEmail: 'alicewyn.channel@example.com',
  customField: 'Turquoiseberry',
  city: 'Zanzibarton',
} as const;

/** Vic's personal values: Vic merges into Alice, so they are Alice's by the time she asks for deletion. */
const VIC_VALUES = {
  firstName: 'Victorinox',
  lastName: 'Mergedovich',
  email: 'victorinox@example.com',
  mobile: '919444455556',
  nationality: 'Atlanteanish',
} as const;

const ALICE_REGISTERS: RegisterCommand = {
  kind: 'register',
  source: 'INSTORE',
  body: {
    loyaltyInfo: { loyaltyType: 'loyalty' },
    profiles: [
      {
        firstName: ALICE_VALUES.firstName,
        lastName: ALICE_VALUES.lastName,
        identifiers: [
          { type: 'email', value: ALICE_VALUES.email },
          { type: 'mobile', value: ALICE_VALUES.mobile },
          { type: 'externalId', value: ALICE_VALUES.externalId },
          { type: 'externalId', value: ALICE_VALUES.removedExternalId },
        ],
        commChannels: [{ type: 'email', value: ALICE_VALUES.channelEmail, primary: true, verified: true }],
        fields: { 'Favorite Color': ALICE_VALUES.customField },
      },
    ],
    extendedFields: { city: ALICE_VALUES.city },
    loyaltyProgramEnrollments: [{ programId: 1016, loyaltyPoints: 500 }],
  },
  meta: META,
};

/** Alice in a second source: combined into customer 1 (REG-6). */
const ALICE_ON_WECHAT = registerCmd(
  [
    { type: 'email', value: ALICE_VALUES.email },
    { type: 'wechat', value: ALICE_VALUES.wechat },
  ],
  { source: 'WECHAT', accountId: '22232', firstName: ALICE_VALUES.firstName },
);

/** Vic, registered in INSTORE too: after the merge his profile is a conflicting profile of Alice's (MRG-3). */
const VIC_REGISTERS = registerEnrolled(
  {
    firstName: VIC_VALUES.firstName,
    lastName: VIC_VALUES.lastName,
    identifiers: [
      { type: 'email', value: VIC_VALUES.email },
      { type: 'mobile', value: VIC_VALUES.mobile },
    ],
  },
  [{ programId: 1016, loyaltyPoints: 50 }],
  { extendedFields: { nationality: VIC_VALUES.nationality } },
);

/** Bob, who stays: he trades points with Alice. */
const BOB_REGISTERS = registerEnrolled({ firstName: 'Bob', identifiers: [{ type: 'email', value: 'bob@example.com' }] }, [{ programId: 1016, loyaltyPoints: 100 }]);

/** Everything that happens to Alice before she asks for deletion. */
const ALICES_LIFE: readonly Command[] = [
  ALICE_REGISTERS, // 1
  ALICE_ON_WECHAT,
  VIC_REGISTERS, // 2
  BOB_REGISTERS, // 3
  changeCmd(SECOND, 'INSTORE', { add: [{ type: 'externalId', value: 'EXT-VIC' }] }),
  merge(FIRST, SECOND),
  changeCmd(FIRST, 'INSTORE', { add: [{ type: 'email', value: ALICE_VALUES.addedEmail }], remove: [{ type: 'externalId', value: ALICE_VALUES.removedExternalId }] }),
  update(FIRST, 'INSTORE', { profiles: [{ lastName: ALICE_VALUES.lastName }] }),
  issue(FIRST, 1016, 120),
  issueCoupon(FIRST, 'Birthday treat'),
  transfer(FIRST, THIRD, 1016, 30),
  transfer(THIRD, FIRST, 1016, 10),
  subscriptions(FIRST, [{ channel: 'SMS', priority: 'BULK', type: 'OPTOUT' }]),
];

function lifeAndDeletion(): { before: CustomerGraph; after: CustomerGraph } {
  const before = build(ALICES_LIFE).graph;
  const after = must(execute(before, deletePii(FIRST))).graph;
  return { before, after };
}

/** Everything the graph holds, as text: the records, the search index, the identifier index keys and the history. */
function everything(graph: CustomerGraph): string {
  return JSON.stringify({
    snapshot: graphSnapshot(graph)._unsafeUnwrap(),
    search: indexContents(graph).searchKeys.map(decodePosting),
    identifierKeys: indexContents(graph).identifiers,
    history: [...indexContents(graph).history],
  }).toLowerCase();
}

/** The v1.1 seed's answer for a customer deleted on a PII request. */
const PII_DELETED_MESSAGE = 'Customer is deleted after PII delete request';

const PERSONAL_VALUES = [...Object.values(ALICE_VALUES), ...Object.values(VIC_VALUES), 'EXT-VIC', '9111122223', '9444455556'];

describe('PII-1: a PII deletion removes the personal data of the customer', () => {
  it('PII-1: no name, identifier, channel value or field value of the customer (or of a customer merged into it) remains in the graph', () => {
    const { before, after } = lifeAndDeletion();
    const text = everything(after);
    // The values are present before: the probe finds what it looks for.
    for (const value of PERSONAL_VALUES) expect(everything(before), value).toContain(value.toLowerCase());
    for (const value of PERSONAL_VALUES) expect(text, value).not.toContain(value.toLowerCase());
  });

  it('PII-1: another customer data is left as it was', () => {
    const { before, after } = lifeAndDeletion();
    expect(must(getCustomer(after, { customerId: THIRD, source: 'ALL' }))).toEqual(must(getCustomer(before, { customerId: THIRD, source: 'ALL' })));
    expect(everything(after)).toContain('bob@example.com');
  });

  it('PII-1: lookup finds nothing by any former identifier of the customer', () => {
    const { after } = lifeAndDeletion();
    const probes: [string, string, string, string?][] = [
      ['email', ALICE_VALUES.email, 'ALL'],
      ['email', ALICE_VALUES.addedEmail, 'INSTORE'],
      ['mobile', ALICE_VALUES.mobile, 'ALL'],
      ['externalId', ALICE_VALUES.externalId, 'ALL'],
      ['wechat', ALICE_VALUES.wechat, 'WECHAT', '22232'],
      ['email', VIC_VALUES.email, 'ALL'],
      ['mobile', VIC_VALUES.mobile, 'ALL'],
    ];
    for (const [identifierName, identifierValue, source, accountId] of probes) {
      const result = lookup(after, { source, identifierName, identifierValue, ...(accountId === undefined ? {} : { accountId }) });
      expect(result.isErr(), `${identifierName} ${identifierValue}`).toBe(true);
      expect(refusal(result).code).toBe(source === 'ALL' ? 8015 : 8065);
    }
  });

  it('PII-1: search finds the customer neither by name nor by identifier', () => {
    const { before, after } = lifeAndDeletion();
    const hits = (graph: CustomerGraph, q: string) => must(search(graph, { q })).data.map((h) => h.userId);
    for (const q of [ALICE_VALUES.firstName, ALICE_VALUES.lastName, ALICE_VALUES.email, ALICE_VALUES.externalId, VIC_VALUES.firstName, '9191111']) {
      expect(hits(before, q), q).toContain(FIRST);
      expect(hits(after, q), q).toEqual([]);
    }
  });

  it('PII-1: points, coupons and transfers stay readable and unchanged in amount', () => {
    const { before, after } = lifeAndDeletion();
    expect(must(loyaltyDetails(after, { customerId: FIRST }))).toEqual(must(loyaltyDetails(before, { customerId: FIRST })));
    expect(must(customerCoupons(after, FIRST))).toEqual(must(customerCoupons(before, FIRST)));
    const amounts = (g: CustomerGraph) => must(pointsTransfers(g, FIRST)).data.map((t) => [t.transferId, t.transferType, t.pointsTransferred, t.transferredFrom.userId, t.transferredTo.userId]);
    expect(amounts(after)).toEqual(amounts(before));
    expect(amounts(after)).toHaveLength(2);
  });

  it('PII-1: transfer summaries, the customer own and the other party, show no name of the deleted customer', () => {
    const { after } = lifeAndDeletion();
    const parties = [...must(pointsTransfers(after, FIRST)).data, ...must(pointsTransfers(after, THIRD)).data].flatMap((t) => [t.transferredFrom, t.transferredTo]);
    const deleted = parties.filter((p) => p.userId === FIRST);
    expect(deleted.length).toBeGreaterThan(0);
    for (const p of deleted) expect([p.firstName, p.lastName]).toEqual(['', '']);
    expect(parties.filter((p) => p.userId === THIRD).every((p) => p.firstName === 'Bob')).toBe(true);
  });

  it('PII-1: the identifier change history goes; merge, points and coupon lines stay', () => {
    const { before, after } = lifeAndDeletion();
    const types = (g: CustomerGraph) => must(changeRequests(g, { customerId: FIRST, limit: 100 })).data.map((l) => l.baseType);
    expect(types(before)).toEqual(expect.arrayContaining(['EMAIL', 'EXTERNAL_ID', 'MERGE', 'POINTS', 'COUPON']));
    const kept = types(after);
    expect(kept.filter((t) => t === 'EMAIL' || t === 'MOBILE' || t === 'EXTERNAL_ID')).toEqual([]);
    expect(kept).toEqual(expect.arrayContaining(['MERGE', 'POINTS', 'COUPON']));
  });

  it('PII-1: the former identifiers can be registered again, by a new customer', () => {
    const { after } = lifeAndDeletion();
    const again = must(
      execute(
        after,
        asKind(
          registerCmd([
            { type: 'email', value: ALICE_VALUES.email },
            { type: 'mobile', value: ALICE_VALUES.mobile },
            { type: 'externalId', value: ALICE_VALUES.externalId },
          ]),
          'register',
        ),
      ),
    );
    expect(again.response.createdId).toBe(FOURTH);
    expect(again.response.warnings).toEqual([]);
    expect(must(lookup(again.graph, { source: 'ALL', identifierName: 'email', identifierValue: ALICE_VALUES.email })).entity).toBe(FOURTH);
    const wechat = must(execute(again.graph, asKind(registerCmd([{ type: 'wechat', value: ALICE_VALUES.wechat }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }), 'register')));
    expect(wechat.response.createdId).toBe(FOURTH + 1);
  });

  it('PII-1: the customer keeps its id: v2 and loyalty reads still address it by that id', () => {
    const { after } = lifeAndDeletion();
    expect(must(loyaltyDetails(after, { customerId: FIRST })).data.every((p) => p.loyaltyId === FIRST)).toBe(true);
    expect(refusal(getCustomer(after, { customerId: FIRST, source: 'ALL' })).code).toBe(8015);
  });
});

describe('PII-2: afterwards the customer answers "Customer is deleted after PII delete request" (8015)', () => {
  it('PII-2: Fetch Customer Details answers 8015 with the PII message, for ALL and for a source it had', () => {
    const { after } = lifeAndDeletion();
    expect(refusal(getCustomer(after, { customerId: FIRST, source: 'ALL' }))).toEqual({ reason: 'piiDeleted', code: 8015, customerId: FIRST, message: PII_DELETED_MESSAGE });
    expect(refusal(getCustomer(after, { customerId: FIRST, source: 'INSTORE', embed: ['points'] }))).toEqual({ reason: 'piiDeleted', code: 8015, customerId: FIRST, message: PII_DELETED_MESSAGE });
  });

  it('PII-2: v1.1 get by id answers the item with 8015 and the PII message', () => {
    const { after } = lifeAndDeletion();
    const answer = must(customerGetV11(after, { id: String(FIRST) })).response;
    expect(answer.customers.customer[0]?.item_status).toMatchObject({ success: false, code: 8015, message: PII_DELETED_MESSAGE });
    expect(answer.status).toMatchObject({ code: 500, total: 1, success_count: 0 });
  });

  it('PII-2: v1.1 get by a former identifier finds no one', () => {
    const { after } = lifeAndDeletion();
    const answer = must(customerGetV11(after, { email: ALICE_VALUES.email })).response;
    expect(answer.customers.customer[0]?.item_status).toMatchObject({ success: false, code: 1012 });
  });

  it('PII-2: v1.1 get by the id of a customer merged into the deleted one answers the PII message, not the victim data', () => {
    const { after } = lifeAndDeletion();
    const item = must(customerGetV11(after, { id: String(SECOND) })).response.customers.customer[0];
    expect(item?.item_status).toMatchObject({ success: false, code: 8015, message: PII_DELETED_MESSAGE });
    expect(JSON.stringify(item ?? {}).toLowerCase()).not.toContain(VIC_VALUES.nationality.toLowerCase());
  });

  it('PII-2: v2 get of that victim is 8069 naming the deleted survivor, which answers the PII message', () => {
    const { after } = lifeAndDeletion();
    expect(refusal(getCustomer(after, { customerId: SECOND, source: 'ALL' }))).toMatchObject({ code: 8069, survivorId: FIRST });
    expect(refusal(getCustomer(after, { customerId: FIRST, source: 'ALL' })).message).toBe(PII_DELETED_MESSAGE);
  });

  it('PII-2: every write to the deleted customer is refused with 8015 and the PII message', () => {
    const { after } = lifeAndDeletion();
    const writes: Command[] = [
      update(FIRST, 'INSTORE', { profiles: [{ firstName: 'Again' }] }),
      changeCmd(FIRST, 'INSTORE', { add: [{ type: 'email', value: 'again@example.com' }] }),
      subscriptions(FIRST, [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' }]),
      issue(FIRST, 1016, 10),
      issueCoupon(FIRST, 'Another'),
      transfer(THIRD, FIRST, 1016, 5),
      merge(FIRST, THIRD),
      merge(THIRD, FIRST),
      deletePii(FIRST),
    ];
    for (const write of writes) {
      const result = execute(after, write);
      expect(refusal(result), write.kind).toMatchObject({ reason: 'piiDeleted', code: 8015, message: PII_DELETED_MESSAGE });
    }
  });
});
