import { describe, expect, it } from 'vitest';
import {
  customerGetV11,
  DEFAULT_ORG_CONFIG,
  defaultOrg,
  defineOrg,
  emptyGraph,
  execute,
  loyaltyDetails,
  type ProgramEnrolled,
  type RegisterBody,
} from '../../src/index';
import { build, given, META } from '../support/given';
import { at, member, orgWith, programOf, standing, step } from '../support/loyalty';
import { registerBody, run, update } from '../support/requests';
import { FIRST, must, refusal } from '../support/scenario';

/** The seed's Register sample enrollment: program 1016, tier 234, 75 points, both expiring 2022-02-11. */
const SEED_ENROLLMENT = {
  programId: 1016,
  tierNumber: 234,
  loyaltyPoints: 75,
  tierExpiryDate: '2022-02-11T16:36:17+05:30',
  pointsExpiryDate: '2022-02-11T16:36:17+05:30',
} as const;

/** The seed's Register sample body (MOBILE_APP account 400), enrollments included. */
const SEED_REGISTER: RegisterBody = {
  loyaltyInfo: { loyaltyType: 'loyalty' },
  profiles: [
    {
      firstName: 'Tom',
      lastName: 'Sawyer',
      identifiers: [{ type: 'mobile', value: '91901000001' }],
      source: 'MOBILE_APP',
      accountId: '400',
      fields: { employee: 'true', dateofbirth: '22-10-2000' },
    },
  ],
  extendedFields: { gender: 'Male', city: 'Bangalore' },
  loyaltyProgramEnrollments: [SEED_ENROLLMENT],
};

describe('PRG-1: an org’s loyalty programs are data', () => {
  it('PRG-1: the default org has programs 1016, 1219 and 1223, each with at least three tiers, and 1016 has tier 234', () => {
    const org = defaultOrg();
    expect([...org.programs.keys()].sort()).toEqual([1016, 1219, 1223]);
    for (const program of org.programs.values()) expect(program.tiers.length).toBeGreaterThanOrEqual(3);
    expect(programOf(1016).tiers.map((t) => t.serialNumber)).toContain(234);
  });

  it('PRG-1: each tier has a serial number, name, description and upgrade threshold, ordered by serial number', () => {
    for (const program of defaultOrg().programs.values()) {
      expect(program.name).not.toBe('');
      const serials = program.tiers.map((t) => t.serialNumber);
      expect(serials).toEqual([...serials].sort((a, b) => a - b));
      for (const tier of program.tiers) {
        expect(Object.keys(tier).sort()).toEqual(['description', 'name', 'serialNumber', 'upgradeThreshold']);
      }
    }
  });

  it('PRG-1: an org defines its own programs; tiers given out of order are ordered by serial number', () => {
    const org = orgWith({
      programs: [
        {
          id: 77,
          name: 'Club',
          tiers: [
            { serialNumber: 5, name: 'Top', upgradeThreshold: 300 },
            { serialNumber: 1, name: 'Base', upgradeThreshold: 0 },
            { serialNumber: 2, name: 'Mid', upgradeThreshold: 100 },
          ],
        },
      ],
    });
    expect(programOf(77, org).tiers.map((t) => t.name)).toEqual(['Base', 'Mid', 'Top']);
    expect(org.programs.has(1016)).toBe(false);
    const graph = run([member('club@example.com', [{ programId: 77 }])], org);
    expect(standing(graph, FIRST, 77).currentSlab).toBe('Base');
  });

  it('PRG-1: a program whose tiers repeat a serial number, or lack a threshold, is refused with 400 naming the program', () => {
    const repeated = defineOrg({
      ...DEFAULT_ORG_CONFIG,
      programs: [{ id: 5, name: 'P', tiers: [{ serialNumber: 1, name: 'A', upgradeThreshold: 0 }, { serialNumber: 1, name: 'B', upgradeThreshold: 9 }] }],
    });
    expect(refusal(repeated)).toMatchObject({ code: 400, path: ['org', 'programs', 5] });
    const missing = defineOrg({ ...DEFAULT_ORG_CONFIG, programs: [{ id: 5, name: 'P', tiers: [{ serialNumber: 1, name: 'A' }] }] });
    expect(refusal(missing)).toMatchObject({ code: 400, path: ['org', 'programs', 0, 'tiers', 0, 'upgradeThreshold'] });
  });
});

describe('PRG-2: loyaltyProgramEnrollments on Register and Update enrolls the customer', () => {
  it('PRG-2: the seed’s Register sample enrolls in 1016 at tier 234 with 75 points and the tier expiry date', () => {
    const done = must(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), registerBody('MOBILE_APP', SEED_REGISTER, '400')));
    const details = standing(done.graph, done.response.createdId, 1016);
    const tier234 = programOf(1016).tiers.find((t) => t.serialNumber === 234);
    expect(details).toMatchObject({
      programId: 1016,
      slabSNo: 234,
      currentSlab: tier234?.name,
      loyaltyPoints: 75,
      lifetimePoints: 75,
      slabExpiryDate: SEED_ENROLLMENT.tierExpiryDate,
    });
  });

  it('PRG-2: the decision enrolls with the given tier, points and expiry dates as one event per program', () => {
    const events = given().when(registerBody('MOBILE_APP', SEED_REGISTER, '400')).accepted();
    const enrolled = events.filter((e): e is ProgramEnrolled => e.kind === 'ProgramEnrolled');
    expect(enrolled).toEqual([
      {
        kind: 'ProgramEnrolled',
        seq: 2,
        customerId: FIRST,
        programId: 1016,
        tierNumber: 234,
        points: 75,
        tierExpiryDate: SEED_ENROLLMENT.tierExpiryDate,
        pointsExpiryDate: SEED_ENROLLMENT.pointsExpiryDate,
        at: META.at,
        till: META.till,
      },
    ]);
  });

  it('PRG-2: the enrolled points expire at the given pointsExpiryDate', () => {
    const graph = run([registerBody('MOBILE_APP', SEED_REGISTER, '400')]);
    const v11 = must(customerGetV11(graph, { id: String(FIRST), options: ['expiry_schedule'] }));
    expect(v11.response.customers.customer[0]?.['expiry_schedule']).toEqual({
      schedule: [{ program_id: 1016, points: 75, expiry_date: SEED_ENROLLMENT.pointsExpiryDate }],
    });
    const after = step(graph, { kind: 'expirePoints', customerId: FIRST, programId: 1016, meta: at('2022-02-11T16:36:17+05:30') });
    expect(standing(after.graph, FIRST, 1016)).toMatchObject({ loyaltyPoints: 0, expired: 75 });
  });

  it('PRG-2: without a tierNumber the customer starts in the program’s lowest tier, with no points', () => {
    const graph = run([member('low@example.com', [{ programId: 1219 }])]);
    const lowest = programOf(1219).tiers[0];
    expect(standing(graph, FIRST, 1219)).toMatchObject({
      slabSNo: lowest?.serialNumber,
      currentSlab: lowest?.name,
      loyaltyPoints: 0,
      lifetimePoints: 0,
      slabExpiryDate: '',
    });
  });

  it('PRG-2: one request enrolls in several programs', () => {
    const graph = run([member('multi@example.com', [{ programId: 1016, loyaltyPoints: 10 }, { programId: 1223, tierNumber: 2 }])]);
    const data = must(loyaltyDetails(graph, { customerId: FIRST })).data;
    expect(data.map((d) => [d.programId, d.slabSNo, d.loyaltyPoints])).toEqual([
      [1016, 1, 10],
      [1223, 2, 0],
    ]);
  });

  it('PRG-2: Update enrolls an existing customer in a program it was not in', () => {
    const graph = run([
      member('upd@example.com'),
      update(FIRST, 'INSTORE', { loyaltyProgramEnrollments: [{ programId: 1219, tierNumber: 2, loyaltyPoints: 40 }] }),
    ]);
    expect(standing(graph, FIRST, 1219)).toMatchObject({ slabSNo: 2, loyaltyPoints: 40 });
  });

  it('PRG-2: an expiry date that is not an ISO date-time is 400 naming the field', () => {
    const error = refusal(
      execute(emptyGraph(defaultOrg())._unsafeUnwrap(), member('bad@example.com', [{ programId: 1016, pointsExpiryDate: '11-02-2022' }])),
    );
    expect(error).toMatchObject({ code: 400, path: ['body', 'loyaltyProgramEnrollments', 0, 'pointsExpiryDate'] });
  });
});

describe('PRG-3: enrolling again is ignored; an unknown program or tier is 400 naming the field', () => {
  it('PRG-3: the seed’s Update sample re-enrolling 1016 changes neither tier nor points', () => {
    const registered = run([registerBody('MOBILE_APP', SEED_REGISTER, '400')]);
    const before = standing(registered, FIRST, 1016);
    const updated = step(
      registered,
      update(FIRST, 'MOBILE_APP', { loyaltyProgramEnrollments: [{ ...SEED_ENROLLMENT, tierNumber: 1, loyaltyPoints: 500 }] }, { accountId: '400' }),
    );
    expect(standing(updated.graph, FIRST, 1016)).toEqual(before);
  });

  it('PRG-3: the decision for an already enrolled program carries no enrollment', () => {
    const { events } = build([member('again@example.com', [{ programId: 1016, loyaltyPoints: 5 }])]);
    const decided = given(events)
      .when(update(FIRST, 'INSTORE', { loyaltyProgramEnrollments: [{ programId: 1016, loyaltyPoints: 99 }] }))
      .accepted();
    expect(decided.map((e) => e.kind)).toEqual(['CustomerUpdated']);
  });

  it('PRG-3: a program listed twice in one request is enrolled once, with the first item', () => {
    const graph = run([member('twice@example.com', [{ programId: 1223, loyaltyPoints: 7 }, { programId: 1223, loyaltyPoints: 9 }])]);
    const data = must(loyaltyDetails(graph, { customerId: FIRST })).data;
    expect(data.map((d) => [d.programId, d.loyaltyPoints])).toEqual([[1223, 7]]);
  });

  it('PRG-3: an unknown program is 400 naming loyaltyProgramEnrollments.i.programId, and the whole registration is refused', () => {
    const command = member('unknown@example.com', [{ programId: 1016 }, { programId: 4242 }]);
    given().when(command).fails(400);
    const error = refusal(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), command));
    expect(error).toMatchObject({ code: 400, path: ['body', 'loyaltyProgramEnrollments', 1, 'programId'] });
  });

  it('PRG-3: a tier the program does not have is 400 naming loyaltyProgramEnrollments.i.tierNumber', () => {
    const error = refusal(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), member('tier@example.com', [{ programId: 1219, tierNumber: 234 }])));
    expect(error).toMatchObject({ code: 400, path: ['body', 'loyaltyProgramEnrollments', 0, 'tierNumber'] });
  });

  it('PRG-3: on Update an unknown program is 400 as well, even when another item is already enrolled', () => {
    const graph = run([member('u@example.com', [{ programId: 1016 }])]);
    const error = refusal(
      execute(graph, update(FIRST, 'INSTORE', { loyaltyProgramEnrollments: [{ programId: 1016 }, { programId: 9 }] })),
    );
    expect(error).toMatchObject({ code: 400, path: ['body', 'loyaltyProgramEnrollments', 1, 'programId'] });
  });
});

describe('LOY-2: a non_loyalty customer holds no loyalty membership', () => {
  const SUBSCRIBED: RegisterBody = { ...SEED_REGISTER, loyaltyInfo: { loyaltyType: 'non_loyalty' } };

  it('LOY-2: a non_loyalty registration that names programs is 400 naming loyaltyProgramEnrollments', () => {
    const empty = emptyGraph(defaultOrg())._unsafeUnwrap();
    const error = refusal(execute(empty, registerBody('MOBILE_APP', SUBSCRIBED, '400')));
    expect(error).toMatchObject({ code: 400, path: ['body', 'loyaltyProgramEnrollments'] });
  });

  it('LOY-2: a non_loyalty registration without enrollments is accepted and holds no program', () => {
    const { loyaltyProgramEnrollments: _, ...bare } = SUBSCRIBED;
    const done = must(execute(emptyGraph(defaultOrg())._unsafeUnwrap(), registerBody('MOBILE_APP', bare, '400')));
    expect(must(loyaltyDetails(done.graph, { customerId: done.response.createdId })).data).toEqual([]);
  });

  it('LOY-2: an update that enrolls a non_loyalty customer is 400 unless the same update makes it loyalty', () => {
    const { loyaltyProgramEnrollments: _, ...bare } = SUBSCRIBED;
    const graph = run([registerBody('MOBILE_APP', bare, '400')]);
    const enroll = [{ programId: 1219, loyaltyPoints: 10 }];
    const refused = refusal(execute(graph, update(FIRST, 'MOBILE_APP', { loyaltyProgramEnrollments: enroll }, { accountId: '400' })));
    expect(refused).toMatchObject({ code: 400, path: ['body', 'loyaltyProgramEnrollments'] });
    const upgraded = must(
      execute(graph, update(FIRST, 'MOBILE_APP', { loyaltyInfo: { loyaltyType: 'loyalty' }, loyaltyProgramEnrollments: enroll }, { accountId: '400' })),
    );
    expect(standing(upgraded.graph, FIRST, 1219)).toMatchObject({ loyaltyPoints: 10 });
  });
});
