import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../src/index';
import {
  changeIdentifierArb,
  getCustomerQueryArb,
  lookupQueryArb,
  MAX_COMMANDS,
  mergeArb,
  NUM_RUNS,
  registerArb,
  targetedArbFor,
  updateArb,
} from './support/arbitraries';
import { theOrg } from './support/run';
import { ChangeIdentifierCommand } from './model/commands/ChangeIdentifierCommand';
import { GetCustomerCommand } from './model/commands/GetCustomerCommand';
import { LookupCommand } from './model/commands/LookupCommand';
import { MergeCommand } from './model/commands/MergeCommand';
import { RegisterCommand } from './model/commands/RegisterCommand';
import { UpdateLoyaltyCommand } from './model/commands/UpdateLoyaltyCommand';
import { ReferenceModel } from './model/reference-model';
import { outcomes, type RealSystem } from './model/system';

// The parts of a command the model does not model (channels, fields, names, malformed times) are left out.
const modelled = { extras: false } as const;

const commands = [
  registerArb(modelled).map((c) => new RegisterCommand(c)),
  fc.oneof(changeIdentifierArb(modelled), targetedArbFor('changeIdentifier'), targetedArbFor('changeIdentifier')).map((c) => new ChangeIdentifierCommand(c)),
  fc.oneof(updateArb(modelled), targetedArbFor('update')).map((c) => new UpdateLoyaltyCommand(c)),
  fc.oneof(mergeArb(modelled), targetedArbFor('merge')).map((c) => new MergeCommand(c)),
  fc
    .oneof(
      lookupQueryArb,
      fc.record({ kind: fc.constant('held' as const), pick: fc.nat(), all: fc.boolean() }),
    )
    .map((q) => new LookupCommand(q)),
  getCustomerQueryArb.map((q) => new GetCustomerCommand(q)),
];

describe('model-based: the graph against an independent mutable reference model', () => {
  it('REG-1..REG-7, REG-9, CHG-1..CHG-8, UPD-2, UPD-3, UPD-5, MRG-1..MRG-6, LKP-1..LKP-5, GET-2..GET-4, SRC-1, SRC-2, SRC-4, IDN-1..IDN-4, ORG-3, ORG-4: over arbitrary command runs the immutable graph agrees with a mutable reference model on every outcome and error code, and on every customer after each write', () => {
    fc.assert(
      fc.property(
        // A few registrations first, so that most runs have customers to change, merge and look up.
        fc.array(registerArb(modelled), { minLength: 1, maxLength: 5 }),
        fc.commands(commands, { maxCommands: MAX_COMMANDS - 5, size: 'max' }),
        (registrations, cmds) => {
          const setup = (): { model: ReferenceModel; real: RealSystem } => ({
            model: new ReferenceModel(theOrg()),
            real: { graph: emptyGraph(theOrg()) },
          });
          fc.modelRun(setup, [...registrations.map((r) => new RegisterCommand(r)), ...cmds]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    // The runs met the rules' interesting outcomes, not only refusals of unknown ids.
    const seen = outcomes.toString();
    for (const outcome of ['register:ok', 'register:1014', 'register:8053', 'register:8066', 'changeIdentifier:ok', 'changeIdentifier:merged', 'changeIdentifier:8008', 'changeIdentifier:1104', 'update:ok', 'update:1046', 'update:8069', 'merge:ok', 'merge:9023', 'merge:9027', 'lookup:ok', 'lookup:8065', 'get:ok', 'get:8069']) {
      expect(outcomes.get(outcome), `${outcome} in ${seen}`).toBeGreaterThan(0);
    }
    expect(outcomes.get('changeIdentifier:merged'), seen).toBeGreaterThan(NUM_RUNS / 10);
    expect(outcomes.get('merge:ok'), seen).toBeGreaterThan(NUM_RUNS / 10);
  });
});
