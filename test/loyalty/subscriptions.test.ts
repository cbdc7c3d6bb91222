import { describe, expect, it } from 'vitest';
import {
  execute,
  getSubscriptions,
  PII_DELETED_MESSAGE,
  SUBSCRIPTION_CHANNELS,
  type Subscription,
  type UpdateSubscriptionsCommand,
} from '../../src/index';
import { build, changeCmd, given, META, registerCmd } from '../support/given';
import { FIRST, must, refusal, SECOND } from '../support/scenario';

type SubscriptionBody = UpdateSubscriptionsCommand['body'];
type SubscriptionItem = SubscriptionBody['subscriptions'][number];

/** An Update Subscription Details request. */
function subscribe(customerId: number, body: SubscriptionBody): UpdateSubscriptionsCommand {
  return { kind: 'updateSubscriptions', customerId, body, meta: META };
}

/** A request that changes only the given items, with no scope. */
function change(customerId: number, ...subscriptions: SubscriptionItem[]): UpdateSubscriptionsCommand {
  return subscribe(customerId, { subscriptions });
}

/** The seed's sample POST body of Update Subscription Details, verbatim. */
const SEED_REQUEST: SubscriptionBody = {
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
};

/** The `embed=subscriptions` sample of Fetch Customer Details: the state of a customer nobody changed. */
const SEED_DEFAULT_STATE = [
  { channel: 'EMAIL', priority: 'TRANS', type: 'OPTIN' },
  { channel: 'SMS', priority: 'TRANS', type: 'OPTIN' },
  { channel: 'ANDROID', priority: 'TRANS', type: 'OPTIN' },
  { channel: 'IOS', priority: 'TRANS', type: 'OPTIN' },
  { channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' },
  { channel: 'SMS', priority: 'BULK', type: 'OPTIN' },
  { channel: 'ANDROID', priority: 'BULK', type: 'OPTIN' },
  { channel: 'IOS', priority: 'BULK', type: 'OPTIN' },
];

const ALICE = registerCmd([{ type: 'email', value: 'alice@example.com' }], { firstName: 'Alice' });
const BOB = registerCmd([{ type: 'wechat', value: 'wc_bob' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty', firstName: 'Bob' });

function stateOf(graph: Parameters<typeof getSubscriptions>[0], id: number): readonly Subscription[] {
  return must(getSubscriptions(graph, id)).subscriptions;
}

function statusOf(state: readonly Subscription[], channel: string, priority: string, accountId = ''): string | undefined {
  return state.find((s) => s.channel === channel && s.priority === priority && s.accountId === accountId)?.type;
}

describe('SUB-1: subscriptions are kept per channel, priority and account', () => {
  it('SUB-1: an OPTOUT changes only its own channel and priority', () => {
    const { graph } = build([ALICE, change(FIRST, { channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' })]);
    const state = stateOf(graph, FIRST);
    expect(statusOf(state, 'EMAIL', 'BULK')).toBe('OPTOUT');
    expect(statusOf(state, 'EMAIL', 'TRANS')).toBe('OPTIN');
    expect(statusOf(state, 'SMS', 'BULK')).toBe('OPTIN');
  });

  it('SUB-1: the same channel and priority in another account is a subscription of its own', () => {
    const { graph } = build([ALICE, change(FIRST, { channel: 'SMS', accountId: '123', priority: 'TRANS', type: 'OPTOUT' })]);
    const state = stateOf(graph, FIRST);
    expect(statusOf(state, 'SMS', 'TRANS', '123')).toBe('OPTOUT');
    expect(statusOf(state, 'SMS', 'TRANS', '')).toBe('OPTIN');
  });

  it('SUB-1: a repeated OPTIN is accepted and leaves the state as it was', () => {
    const optIn = change(FIRST, { channel: 'EMAIL', priority: 'TRANS', type: 'OPTIN' });
    const once = build([ALICE, optIn]).graph;
    const twice = must(execute(once, optIn));
    expect(twice.response.subscriptions).toEqual([{ channel: 'EMAIL', accountId: '', priority: 'TRANS', type: 'OPTIN' }]);
    expect(stateOf(twice.graph, FIRST)).toEqual(stateOf(once, FIRST));
  });

  it('SUB-1: a later request for the same subscription replaces the earlier one', () => {
    const { graph } = build([
      ALICE,
      change(FIRST, { channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }),
      change(FIRST, { channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' }),
    ]);
    const state = stateOf(graph, FIRST);
    expect(state.filter((s) => s.channel === 'EMAIL' && s.priority === 'BULK')).toEqual([
      { channel: 'EMAIL', accountId: '', priority: 'BULK', type: 'OPTIN' },
    ]);
  });

  it('SUB-1: subscriptions are per customer: one customer opting out leaves another subscribed', () => {
    const { graph } = build([ALICE, BOB, change(FIRST, { channel: 'SMS', priority: 'BULK', type: 'OPTOUT' })]);
    expect(statusOf(stateOf(graph, FIRST), 'SMS', 'BULK')).toBe('OPTOUT');
    expect(statusOf(stateOf(graph, SECOND), 'SMS', 'BULK')).toBe('OPTIN');
  });
});

describe('SUB-2: channels are EMAIL, SMS, WECHAT, ANDROID, IOS and LINE, case-insensitive; MOBILE is SMS', () => {
  it('SUB-2: every documented channel is accepted in any case and reported in upper case', () => {
    const items = ['email', 'Sms', 'wechat', 'ANDROID', 'iOS', 'line'].map(
      (channel): SubscriptionItem => ({ channel, priority: 'bulk', type: 'optout' }),
    );
    const done = must(execute(build([ALICE]).graph, change(FIRST, ...items)));
    expect(done.response.subscriptions.map((s) => s.channel)).toEqual([...SUBSCRIPTION_CHANNELS]);
    const state = stateOf(done.graph, FIRST);
    for (const channel of SUBSCRIPTION_CHANNELS) expect(statusOf(state, channel, 'BULK')).toBe('OPTOUT');
  });

  it('SUB-2: a MOBILE request is reported and kept as SMS', () => {
    const done = must(execute(build([ALICE]).graph, change(FIRST, { channel: 'mobile', priority: 'TRANS', type: 'OPTOUT' })));
    expect(done.response.subscriptions).toEqual([{ channel: 'SMS', accountId: '', priority: 'TRANS', type: 'OPTOUT' }]);
    const state = stateOf(done.graph, FIRST);
    expect(statusOf(state, 'SMS', 'TRANS')).toBe('OPTOUT');
    expect(state.some((s) => (s.channel as string) === 'MOBILE')).toBe(false);
  });

  it('SUB-2: WECHAT and LINE, absent from the defaults, appear once set', () => {
    const before = stateOf(build([ALICE]).graph, FIRST);
    expect(before.some((s) => s.channel === 'WECHAT' || s.channel === 'LINE')).toBe(false);
    const { graph } = build([ALICE, change(FIRST, { channel: 'WECHAT', priority: 'TRANS', type: 'OPTIN' }, { channel: 'LINE', priority: 'BULK', type: 'OPTOUT' })]);
    const after = stateOf(graph, FIRST);
    expect(statusOf(after, 'WECHAT', 'TRANS')).toBe('OPTIN');
    expect(statusOf(after, 'LINE', 'BULK')).toBe('OPTOUT');
  });
});

describe('SUB-3: a new customer is OPTIN on EMAIL, SMS, ANDROID and IOS for TRANS and BULK', () => {
  it('SUB-3: Retrieve Subscription Details of a new customer is the state of the seed embed=subscriptions sample', () => {
    const view = must(getSubscriptions(build([ALICE]).graph, FIRST));
    expect(view.subscriptions.map(({ channel, priority, type }) => ({ channel, priority, type }))).toEqual(SEED_DEFAULT_STATE);
    expect(view).toMatchObject({ campaignId: 0, communicationId: 0, warnings: [] });
  });

  it('SUB-3: a non-loyalty customer registered in a multi-account source starts with the same defaults', () => {
    const view = must(getSubscriptions(build([registerCmd([{ type: 'wechat', value: 'wc_x' }], { source: 'WECHAT', accountId: '1234', loyaltyType: 'non_loyalty' })]).graph, FIRST));
    expect(view.subscriptions.map(({ channel, priority, type }) => ({ channel, priority, type }))).toEqual(SEED_DEFAULT_STATE);
  });

  it('SUB-3: a change is laid over the defaults, which stay as they were for everything else', () => {
    const { graph } = build([ALICE, change(FIRST, { channel: 'IOS', priority: 'TRANS', type: 'OPTOUT' })]);
    const state = stateOf(graph, FIRST);
    const others = state.filter((s) => !(s.channel === 'IOS' && s.priority === 'TRANS'));
    expect(others.map(({ channel, priority, type }) => ({ channel, priority, type }))).toEqual(
      SEED_DEFAULT_STATE.filter((s) => !(s.channel === 'IOS' && s.priority === 'TRANS')),
    );
    expect(statusOf(state, 'IOS', 'TRANS')).toBe('OPTOUT');
  });
});

describe('SUB-4: request codes and the seed scope block', () => {
  it('SUB-4: the seed sample request is accepted and answers the seed shape, with MOBILE reported as SMS', () => {
    const done = must(execute(build([ALICE]).graph, subscribe(FIRST, SEED_REQUEST)));
    expect(done.response.scope).toEqual({
      scopeId: 0,
      scope: 'USER',
      subScope: 'NONE',
      setCreatedOn: false,
      setPriority: false,
      setScopeId: false,
      setScope: true,
      setSubScope: true,
    });
    expect(done.response.subscriptions).toEqual(
      SEED_REQUEST.subscriptions.map((s) => ({ ...s, channel: s.channel === 'MOBILE' ? 'SMS' : s.channel })),
    );
    // The three lines of the seed's sample response are among them.
    expect(done.response.subscriptions).toEqual(
      expect.arrayContaining([
        { channel: 'EMAIL', accountId: '', priority: 'BULK', type: 'OPTOUT' },
        { channel: 'EMAIL', accountId: '', priority: 'TRANS', type: 'OPTIN' },
        { channel: 'SMS', accountId: '123', priority: 'TRANS', type: 'OPTIN' },
      ]),
    );
    expect(done.response).toMatchObject({ campaignId: -1, communicationId: -1, reason: 'Example reason', warnings: [] });
  });

  it('SUB-4: campaignId and communicationId answer -1 when the request has none', () => {
    const done = must(execute(build([ALICE]).graph, change(FIRST, { channel: 'EMAIL', priority: 'BULK', type: 'OPTIN' })));
    expect(done.response).toMatchObject({ campaignId: -1, communicationId: -1, reason: '' });
  });

  it('SUB-4: an unknown channel is 1101', () => {
    const g = given(build([ALICE]).events);
    g.when(change(FIRST, { channel: 'FAX', priority: 'BULK', type: 'OPTOUT' })).fails(1101);
    g.when(change(FIRST, { channel: '', priority: 'BULK', type: 'OPTOUT' })).fails(1101);
  });

  it('SUB-4: a priority other than TRANS or BULK is 1102', () => {
    given(build([ALICE]).events).when(change(FIRST, { channel: 'EMAIL', priority: 'URGENT', type: 'OPTOUT' })).fails(1102);
  });

  it('SUB-4: a scope other than USER / NONE is 1103', () => {
    const g = given(build([ALICE]).events);
    const withScope = (scope: unknown) => subscribe(FIRST, { scope, subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }] });
    g.when(withScope({ scope: 'ORG', subScope: 'NONE' })).fails(1103);
    g.when(withScope({ scope: 'USER', subScope: 'PROGRAM' })).fails(1103);
    g.when(withScope('USER')).fails(1103);
    g.when(withScope({ scope: 'USER' })).accepted();
  });

  it('SUB-4: several scopes are 1105', () => {
    given(build([ALICE]).events)
      .when(
        subscribe(FIRST, {
          scope: [
            { scope: 'USER', subScope: 'NONE' },
            { scope: 'USER', subScope: 'NONE' },
          ],
          subscriptions: [{ channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }],
        }),
      )
      .fails(1105);
  });

  it('SUB-4: a status other than OPTIN or OPTOUT is 1106', () => {
    given(build([ALICE]).events).when(change(FIRST, { channel: 'EMAIL', priority: 'BULK', type: 'UNSUBSCRIBE' })).fails(1106);
  });

  it('SUB-4: one bad item refuses the whole request: nothing of it is applied', () => {
    const graph = build([ALICE]).graph;
    const result = execute(
      graph,
      change(FIRST, { channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' }, { channel: 'PIGEON', priority: 'BULK', type: 'OPTOUT' }),
    );
    expect(refusal(result).code).toBe(1101);
    expect(statusOf(stateOf(graph, FIRST), 'EMAIL', 'BULK')).toBe('OPTIN');
  });
});

describe('SUB-5: only live customers have their subscriptions changed', () => {
  const optOut = (id: number) => change(id, { channel: 'EMAIL', priority: 'BULK', type: 'OPTOUT' });

  it('SUB-5: an unknown customer is 8015', () => {
    given(build([ALICE]).events).when(optOut(99)).fails(8015);
  });

  it('SUB-5: a merge victim is 8069 naming its survivor', () => {
    const { graph } = build([ALICE, BOB, changeCmd(SECOND, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232')]);
    const error = refusal(execute(graph, optOut(SECOND)));
    expect(error).toMatchObject({ code: 8069, survivorId: FIRST });
  });

  it('SUB-5: a customer deleted on a PII request is 8015 with the PII message', () => {
    const { graph } = build([ALICE, { kind: 'deletePii', customerId: FIRST, meta: META }]);
    expect(refusal(execute(graph, optOut(FIRST)))).toEqual({ reason: 'piiDeleted', code: 8015, customerId: FIRST, message: PII_DELETED_MESSAGE });
  });
});
