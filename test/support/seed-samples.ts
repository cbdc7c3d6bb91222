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

/** GET /v2/customers/29372667/loyaltyDetails (Fetch Customer Loyalty Details). */
export const LOYALTY_DETAILS_SAMPLE = {
  path: '/v2/customers/29372667/loyaltyDetails',
  response: {
    data: [
      {
        redeemed: 200,
        expired: 0,
        returned: 1100.2139892578125,
        adjusted: 50,
        lifetimePoints: 500,
        loyaltyPoints: 350,
        cumulativePurchases: 8500,
        loyaltyId: 52350728,
        currentSlab: 'Gold',
        nextSlab: 'Platinum',
        nextSlabSerialNumber: 3,
        nextSlabDescription: 'Platinum tier',
        slabSNo: 2,
        slabExpiryDate: '2117-12-29T23:59:59+05:30',
        programId: 1219,
      },
      {
        redeemed: 2500,
        expired: 300,
        returned: 102.68399810791016,
        adjusted: 30,
        lifetimePoints: 5000,
        loyaltyPoints: 2200,
        cumulativePurchases: 43560,
        loyaltyId: 52350728,
        currentSlab: 'Platinum',
        nextSlab: 'Star',
        nextSlabSerialNumber: -1,
        nextSlabDescription: 'Top level tier',
        slabSNo: 1,
        slabExpiryDate: '2117-12-29T23:59:59+05:30',
        programId: 1223,
      },
    ],
    warnings: [],
    errors: [],
  },
} as const;

/** POST /v2/customers/17742/subscriptions (Update Subscription Details). */
export const UPDATE_SUBSCRIPTIONS_SAMPLE = {
  path: '/v2/customers/17742/subscriptions',
  body: {
    communicationId: -1,
    campaignId: -1,
    reason: 'Example reason',
    scope: { scope: 'USER', subScope: 'NONE' },
    subscriptions: [
      { channel: 'EMAIL', accountId: '', priority: 'BULK', type: 'OPTOUT' },
      { channel: 'MOBILE', accountId: '', priority: 'BULK', type: 'OPTOUT' },
      { channel: 'EMAIL', accountId: '', priority: 'TRANS', type: 'OPTIN' },
      { channel: 'MOBILE', accountId: '123', priority: 'TRANS', type: 'OPTIN' },
    ],
  },
  response: {
    scope: {
      scopeId: 0,
      scope: 'USER',
      subScope: 'NONE',
      setCreatedOn: false,
      setPriority: false,
      setScopeId: false,
      setScope: true,
      setSubScope: true,
    },
    subscriptions: [
      { channel: 'EMAIL', accountId: '', priority: 'BULK', type: 'OPTOUT' },
      { channel: 'EMAIL', accountId: '', priority: 'TRANS', type: 'OPTIN' },
      { channel: 'SMS', accountId: '123', priority: 'TRANS', type: 'OPTIN' },
    ],
    campaignId: -1,
    communicationId: -1,
    reason: 'Sample reason',
    warnings: [],
  },
} as const;

/** GET /v2/customers/17742/subscriptions (Retrieve Subscription Details). */
export const GET_SUBSCRIPTIONS_SAMPLE = {
  path: '/v2/customers/17742/subscriptions',
  response: {
    subscriptions: [
      { channel: 'EMAIL', priority: 'TRANS', type: 'OPTIN' },
      { channel: 'SMS', priority: 'TRANS', type: 'OPTIN' },
      { channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' },
      { channel: 'SMS', priority: 'BULK', type: 'OPTIN' },
    ],
    campaignId: 0,
    communicationId: 0,
    warnings: [],
  },
} as const;

/** GET /v2/customers/343015431/pointsTransfers (Get Points Transfer Summary of Customer). */
export const POINTS_TRANSFERS_SAMPLE = {
  path: '/v2/customers/343015431/pointsTransfers',
  response: {
    data: [
      {
        pointsTransferDate: '2019-10-16 15:53:42',
        pointsTransferred: 15.0,
        transferId: 100,
        transferType: 'DEDUCTION',
        transferredFrom: { userId: 343015431, firstName: 'Tom', lastName: 'Sawyer' },
        transferredTo: { userId: 343015432, firstName: 'James', lastName: 'Thomas' },
        notes: '',
        programName: 'Nightly_ApiAutoDefaultProgram',
      },
      {
        pointsTransferDate: '2019-10-26 10:23:42',
        pointsTransferred: 5.0,
        transferId: 100,
        transferType: 'ADDITION',
        transferredFrom: { userId: 343015432, firstName: 'James', lastName: 'Thomas' },
        transferredTo: { userId: 343015431, firstName: 'Tom', lastName: 'Sawyer' },
        notes: '',
        programName: 'Nightly_ApiAutoDefaultProgram',
      },
    ],
    warnings: [],
    errors: [],
  },
} as const;

/**
 * GET /v2/customers/368881003/retroRequest (Get Change Requests): the pagination and the first of the
 * sample's five lines (the first is the one with every key; some later lines lack `reason`, `comments` or
 * `oneStep`).
 */
export const CHANGE_REQUESTS_SAMPLE = {
  path: '/v2/customers/368881003/retroRequest',
  response: {
    pagination: { limit: 10, offset: 0, total: 5 },
    data: [
      {
        id: 5,
        status: 'REJECTED',
        addedBy: {
          id: 15091433,
          code: 'till.india1',
          description: '',
          name: 'till.india1',
          type: 'TILL',
          adminType: 'GENERAL',
          isActive: true,
          isOuEnabled: false,
          timeZoneId: 0,
          currencyId: 0,
          languageId: 0,
        },
        addedByParent: {
          id: 15091431,
          code: 'store_india',
          description: '',
          name: 'StoreIndia',
          type: 'STORE',
          adminType: 'GENERAL',
          isActive: true,
          isOuEnabled: false,
          timeZoneId: 0,
          currencyId: 23,
          languageId: 148,
        },
        updatedBy: {
          id: 8730028,
          code: 'Patel',
          name: 'Nayan Kumar',
          type: 'ADMIN_USER',
          adminType: 'GENERAL',
          isActive: true,
          isOuEnabled: false,
          timeZoneId: 0,
          currencyId: 0,
          languageId: 0,
        },
        addedOn: '2015-07-22T15:48:15+05:30',
        updatedOn: '2015-10-13T16:04:38+05:30',
        userId: 9113108,
        requestId: 116681,
        baseType: 'RETRO',
        reason: '_memcare("Insufficient validation from requestor d',
        comments: '操作已失败于服务器。错误讯',
        transactionId: 2866,
        warnings: [],
        reqAdd: true,
        oneStep: false,
      },
    ],
    warnings: [],
    errors: [],
  },
} as const;

const SAMPLE_ADMIN = {
  id: 15000449,
  code: '1371622280_919866643044',
  description: '',
  name: '1371622280_Ashish',
  type: 'ADMIN_USER',
  adminType: 'GENERAL',
  isActive: true,
  isOuEnabled: false,
  timeZoneId: 0,
  currencyId: 0,
  languageId: 0,
} as const;

/** GET /v2/customers/343040815/goodwillRequest (Get Customer Goodwill Requests): an APPROVED and a PENDING request. */
export const GOODWILL_REQUESTS_SAMPLE = {
  path: '/v2/customers/343040815/goodwillRequest',
  response: {
    pagination: { limit: 10, offset: 0, total: 2 },
    data: [
      {
        id: 43114,
        addedBy: SAMPLE_ADMIN,
        updatedBy: SAMPLE_ADMIN,
        addedOn: '2019-11-04T15:18:23+05:30',
        updatedOn: '2019-11-04T15:18:23+05:30',
        userId: 343040815,
        requestId: 770197,
        goodwillType: 'POINTS',
        goodwillStatus: 'APPROVED',
        comments: 'sample',
        reason: ' ',
        approvedValue: '450',
        updatedComments: 'sample; AUTO_APPROVED',
        oneStep: false,
      },
      {
        id: 43113,
        addedBy: SAMPLE_ADMIN,
        updatedBy: SAMPLE_ADMIN,
        addedOn: '2019-11-04T15:17:55+05:30',
        updatedOn: '2019-11-04T15:17:55+05:30',
        userId: 343040815,
        requestId: 770196,
        goodwillType: 'POINTS',
        goodwillStatus: 'PENDING',
        comments: '',
        reason: ' ',
        oneStep: false,
      },
    ],
    warnings: [],
    errors: [],
  },
} as const;

/**
 * GET /v2/customers/343040815/coupons (Get Customer Coupons). The seed's sample response is empty; the
 * documented coupon is the one of the Register sample's `sideEffects` (CPN-1), in the lists' envelope.
 */
export const COUPONS_SAMPLE = {
  path: '/v2/customers/343040815/coupons',
  response: {
    data: [
      {
        id: 263244517,
        couponType: 'PE',
        couponCode: 'HL1FALGQ',
        validTill: '2120-02-11T23:59:59Z',
        description: 'Test Offer 20',
        discountCode: 'NO_VALUE',
        trimmedCouponCode: 'HL1FALGQ',
      },
    ],
    warnings: [],
    errors: [],
  },
} as const;

/**
 * The v1.1 get (seed 002): its two sample requests, and the response as its "Response parameter" table
 * documents it (`status.*`, `customer.*`, `registered_store.*`, `registered_till.*`, `fraud_details.status`,
 * `extended_fields.field`, `item_status.*`), in the v1.1 envelope `response.status` and
 * `response.customers.customer[]`. The seed shows no sample body, so the values here are placeholders: the
 * table documents names and meanings, not values.
 */
export const V11_SAMPLES = {
  byEmail: '/v1.1/customer/get?format=json&email=sai.ishina9%40gmail.com%2Csai.ishina95%40gmail.com%2C9478341389%40pixar.com',
  emails: ['sai.ishina9@gmail.com', 'sai.ishina95@gmail.com', '9478341389@pixar.com'],
  byId: '/v1.1/customer/get?format=json&id=387020208%2C3879773',
  response: {
    response: {
      status: { success: true, code: 200, message: 'SUCCESS', total: 1, success_count: 1 },
      customers: {
        customer: [
          {
            firstname: 'Tom',
            lastname: 'Sawyer',
            mobile: '919111111111',
            email: 'tom@example.com',
            external_id: '',
            lifetime_points: 0,
            lifetime_purchases: 0,
            loyalty_points: 0,
            current_slab: '',
            registered_on: '',
            updated_on: '',
            type: 'LOYALTY',
            source: 'INSTORE',
            registered_by: '',
            registered_store: { code: '', name: '' },
            registered_till: { code: '', name: '' },
            fraud_details: { status: 'NONE' },
            extended_fields: { field: [{ name: 'gender', value: 'Male' }] },
            item_status: { success: true, code: 1000, message: 'Customer retrieved successfully' },
          },
        ],
      },
    },
  },
  /** A value that names no customer: the value under its own key, and the item's status only. */
  failedItem: { id: '387020208', item_status: { success: false, code: 816, message: 'Customer not found for organization.' } },
} as const;
