import { afterEach, describe, expect, it, vi } from 'vitest';
import { decide, defaultOrg, defineOrg, emptyGraph, execute, getCustomer, type Command } from '../../src/index';
import { build, changeCmd, META, registerCmd } from '../support/given';
import { asKind, FIRST, must, SECOND, THIRD } from '../support/scenario';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const WRITES: readonly Command[] = [
  registerCmd([{ type: 'email', value: 'alice@example.com' }], { firstName: 'Alice' }),
  registerCmd([{ type: 'wechat', value: 'wc_bob' }], { source: 'WECHAT', accountId: '22232', loyaltyType: 'non_loyalty' }),
];

describe('ARC-1: the core reads no clock and makes no random ids', () => {
  it('ARC-1: the same command on the same graph gives the same events every time, whatever the wall clock and random source say', () => {
    const { graph } = build(WRITES);
    const command = changeCmd(2, 'WECHAT', { add: [{ type: 'email', value: 'alice@example.com' }] }, '22232');
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    const first = decide(graph, command);
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    vi.spyOn(Math, 'random').mockReturnValue(0.9);
    const second = decide(graph, command);
    expect(must(first).length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('ARC-1: a register decided twice on the same graph gives the same new id and events', () => {
    const { graph } = build(WRITES);
    const command = registerCmd([{ type: 'email', value: 'carol@example.com' }]);
    const once = must(decide(graph, command));
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2040-06-01T00:00:00Z'));
    expect(must(decide(graph, command))).toEqual(once);
  });

  it('ARC-1: new customer ids come from the graph: the default org numbers customers 1, 2, 3 in order', () => {
    const { graph } = build([...WRITES, registerCmd([{ type: 'email', value: 'carol@example.com' }])]);
    for (const id of [FIRST, SECOND, THIRD]) expect(must(getCustomer(graph, { customerId: id, source: 'ALL' })).id).toBe(id);
  });

  it('ARC-1: an org first customer id starts the numbering', () => {
    const org = defineOrg({ id: 'numbered', firstCustomerId: 5000, tills: [{ code: 'demo.till', password: 'p' }] })._unsafeUnwrap();
    const one = must(execute(emptyGraph(org)._unsafeUnwrap(), asKind(registerCmd([{ type: 'email', value: 'a@example.com' }]), 'register')));
    const two = must(execute(one.graph, asKind(registerCmd([{ type: 'email', value: 'b@example.com' }]), 'register')));
    expect([one.response.createdId, two.response.createdId]).toEqual([5000, 5001]);
  });

  it('ARC-1: an older snapshot still gives the id it would have given: ids are not drawn from a counter outside the graph', () => {
    const { graph } = build(WRITES);
    const command = asKind(registerCmd([{ type: 'email', value: 'carol@example.com' }]), 'register');
    const first = must(execute(graph, command));
    must(execute(first.graph, registerCmd([{ type: 'email', value: 'dave@example.com' }])));
    const again = must(execute(graph, command));
    expect(again.response.createdId).toBe(first.response.createdId);
  });

  it('ARC-1: the time and till of what a write creates come from the command meta', () => {
    const meta = { at: '1999-12-31T23:59:59+09:00', till: 'rr.till' };
    const done = must(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), { ...asKind(registerCmd([{ type: 'email', value: 'a@example.com' }]), 'register'), meta }));
    const [profile] = must(getCustomer(done.graph, { customerId: done.response.createdId, source: 'INSTORE' })).profiles;
    expect(profile?.attribution.createDate).toBe(meta.at);
    expect(profile?.attribution.createdBy.code).toBe('rr.till');
    expect(done.events.every((e) => e.at === meta.at && e.till === meta.till)).toBe(true);
  });

  it('ARC-1: the same command at two different meta times differs only by those times', () => {
    const { graph } = build(WRITES);
    const command = registerCmd([{ type: 'email', value: 'carol@example.com' }]);
    const early = must(decide(graph, { ...command, meta: { ...META, at: '2020-01-01T00:00:00Z' } }));
    const late = must(decide(graph, { ...command, meta: { ...META, at: '2024-01-01T00:00:00Z' } }));
    expect(JSON.stringify(late).replaceAll('2024-01-01T00:00:00Z', '2020-01-01T00:00:00Z')).toBe(JSON.stringify(early));
  });
});
