// The sample requests and responses of the seed (000, the v2 Customer API), verbatim, as the golden tests
// send and compare them (EMU-6).

/** POST /v2/customers?source=MOBILE_APP&accountId=400 */
export const REGISTER_SAMPLE = {
  path: '/v2/customers?source=MOBILE_APP&accountId=400',
  body: {
    loyaltyInfo: { loyaltyType: 'loyalty' },
    associatedWith: 'bukl.till',
    profiles: [
      {
        commChannels: [
          {
            type: 'mobilePush',
            meta: { lastViewedDate: '2019-10-10T22:04:38+05:30', residence: false, office: false },
            verified: 'true',
            primary: 'true',
            value: 'abc123456',
          },
          {
            type: 'mobile',
            value: '91901000001',
            primary: true,
            verified: true,
            meta: { lastViewedDate: '', residence: true, office: false },
          },
        ],
        firstName: 'Tom',
        lastName: 'Sawyer',
        identifiers: [
          { type: 'email', value: 'tom.sawyer@example.com' },
          { type: 'mobile', value: '91901000001' },
        ],
        source: 'MOBILE_APP',
        fields: { employee: 'true', dateofbirth: '22-10-2000' },
        accountId: '400',
      },
    ],
    extendedFields: { gender: 'Male', city: 'Bangalore' },
    loyaltyProgramEnrollments: [
      {
        programId: 1016,
        tierNumber: 234,
        loyaltyPoints: 75,
        tierExpiryDate: '2022-02-11T16:36:17+05:30',
        pointsExpiryDate: '2022-02-11T16:36:17+05:30',
      },
    ],
  },
  response: {
    createdId: 130713699,
    warnings: [],
    sideEffects: [
      { awardedPoints: 100, type: 'points' },
      {
        id: 263244517,
        couponType: 'PE',
        couponCode: 'HL1FALGQ',
        validTill: '2120-02-11T23:59:59Z',
        description: 'Test Offer 20',
        discountCode: 'NO_VALUE',
        trimmedCouponCode: 'HL1FALGQ',
        type: 'coupon',
      },
    ],
  },
  /** "If the customer is registered in a different source". */
  combinedResponse: {
    createdId: 342963216,
    warnings: [{ status: false, code: 8050, message: 'Same Customer found in other sources,Combining' }],
    sideEffects: [
      { awardedPoints: 100, type: 'points' },
      {
        id: 263244517,
        couponType: 'PE',
        couponCode: 'HL1FALGQ',
        validTill: '2120-02-11T23:59:59Z',
        description: 'Test Offer 20',
        discountCode: 'NO_VALUE',
        trimmedCouponCode: 'HL1FALGQ',
        type: 'coupon',
      },
    ],
  },
} as const;

/** PUT /v2/customers/329?source=WECHAT&accountId=22232 */
export const UPDATE_SAMPLE = {
  path: '/v2/customers/329?source=WECHAT&accountId=22232',
  body: {
    profiles: [
      {
        firstName: 'Tom',
        lastName: 'Sawyer',
        fields: { gender: 'Male', city: 'Bangalore' },
        identifiers: [
          { type: 'mobile', value: 919111111111 },
          { type: 'email', value: 'tom.sawyer@example.com' },
          { type: 'wechat', value: 'wc_2' },
        ],
        commChannels: [
          { type: 'email', value: 'tom.sawyer@example.com', primary: 'true', verified: 'false', meta: { residence: true } },
          { type: 'wechat', value: 'wc_2', primary: 'true', verified: 'true', meta: { residence: true } },
        ],
        source: 'WECHAT',
        accountId: '1234',
      },
    ],
    loyaltyInfo: { loyaltyType: 'loyalty' },
    extendedFields: { gender: 'MALE', city: 'Bangalore' },
    loyaltyProgramEnrollments: [
      {
        programId: 1016,
        tierNumber: 234,
        loyaltyPoints: 75,
        tierExpiryDate: '2022-02-11T16:36:17+05:30',
        pointsExpiryDate: '2022-02-11T16:36:17+05:30',
      },
    ],
  },
  response: { createdId: 329, warnings: [] },
} as const;

/** POST /v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232 */
export const CHANGE_IDENTIFIER_SAMPLE = {
  path: '/v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232',
  body: { add: [{ type: 'wechat', value: 'ray11' }], remove: [{ type: 'email', value: 'tom.sawyer@example.com' }] },
  response: { success: true, warnings: [] },
} as const;

/** GET /v2/customers/search?limit=10&offset=0&q=tom */
export const SEARCH_SAMPLE = {
  path: '/v2/customers/search?limit=10&offset=0&q=tom',
  response: {
    pagination: { limit: 10, offset: 0, total: 33 },
    data: [
      {
        userId: 261504789,
        matchedIdentifiers: [{ idType: 'firstName', idValue: 'Tom', source: 'INSTORE', accountId: '' }],
        profiles: [{ source: 'INSTORE', firstName: 'Tom', lastName: 'Sawyer' }],
      },
    ],
    warnings: [],
    errors: [],
  },
} as const;

/** GET /v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111 */
export const LOOKUP_SAMPLE = {
  path: '/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111',
  response: { entity: 306, warnings: [] },
} as const;

/** GET /v2/customers/17742?source=WECHAT&accountId=22232 */
export const GET_SAMPLE = {
  path: '/v2/customers/17742?source=WECHAT&accountId=22232',
  response: {
    id: 17742,
    profiles: [
      {
        firstName: 'Tom',
        lastName: 'Sawyer',
        attribution: {
          createDate: '2016-06-23T19:11:18+08:00',
          createdBy: { code: 'rr.till', description: '', name: 'rr.till', type: 'TILL' },
          modifiedBy: { code: 'rr.till', description: '', name: 'rr.till', type: 'TILL' },
          modifiedDate: '2016-08-12T18:50:23+08:00',
        },
        fields: { Gender: 'Male', 'Favorite Color': 'Green' },
        identifiers: [{ type: 'email', value: 'tom.sawyer@example.com' }],
        commChannels: [
          {
            type: 'wechat',
            value: 'ojOPTwFOX-aBmdRlE9MHptPjt2w19',
            primary: true,
            verified: true,
            meta: { residence: false, office: false },
          },
        ],
        source: 'WECHAT',
        userId: 17742,
        conflictingProfileList: [],
        autoUpdateTime: '2016-08-12T18:50:23+08:00',
      },
    ],
    loyaltyInfo: {
      loyaltyType: 'non_loyalty',
      attributionV2: {
        createDate: '2016-06-23T19:11:18+08:00',
        createdBy: { code: 'rr.till', name: 'rr.till' },
        modifiedBy: { code: 'rr.till', name: 'rr.till' },
        modifiedDate: '2016-08-12T18:50:23+08:00',
      },
      lifetimePurchases: 230,
    },
    segments: {},
    extendedFields: { city: 'Bangalore', gender: 'Male' },
    warnings: [],
  },
} as const;

/** The documented samples of endpoints the emulator does not serve yet (EMU-14): method and path. */
export const PENDING_SAMPLES = [
  { method: 'GET', path: '/v2/customers/29372667/loyaltyDetails' },
  { method: 'POST', path: '/v2/customers/17742/subscriptions' },
  { method: 'GET', path: '/v2/customers/17742/subscriptions' },
  { method: 'GET', path: '/v2/customers/343015431/pointsTransfers' },
  { method: 'GET', path: '/v2/customers/368881003/retroRequest' },
  { method: 'GET', path: '/v2/customers/343040815/goodwillRequest' },
  { method: 'GET', path: '/v2/customers/343040815/coupons' },
  { method: 'GET', path: '/v1.1/customer/get?format=json&id=387020208%2C3879773' },
] as const;
