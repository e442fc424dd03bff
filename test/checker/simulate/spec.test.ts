import { describe, expect, it } from 'vitest';
import { SIMULATION_DEFAULTS, simulationSettings } from '../../../src/checker/simulate/spec.js';
import { SpecError, validateSpec } from '../../../src/checker/spec.js';
import { findProtocol } from '../../../src/model/registry.js';

const base = { protocol: 'paxos', params: { maxRound: 1 }, expect: { violates: 'agreement' } };
const load = (extra: Record<string, unknown>) => validateSpec('x.json', { ...base, ...extra }, findProtocol);

function problem(extra: Record<string, unknown>): string {
  try {
    simulationSettings(load(extra));
  } catch (e) {
    if (e instanceof SpecError) return `${e.field}: ${e.problem}`;
    throw e;
  }
  return 'no error';
}

describe('the simulation section of a spec', () => {
  it('defaults when absent', () => {
    expect(simulationSettings(load({}))).toEqual(SIMULATION_DEFAULTS);
  });

  it('reads every field', () => {
    const s = simulationSettings(load({ simulation: { runs: 5, maxSteps: 7, seed: -3, timeLimit: 1.5, shrinkTimeLimit: 2 } }));
    expect(s).toEqual({ runs: 5, maxSteps: 7, seed: -3, timeLimit: 1.5, shrinkTimeLimit: 2 });
  });

  it('keeps defaults for fields left out', () => {
    expect(simulationSettings(load({ simulation: { runs: 9 } }))).toEqual({ ...SIMULATION_DEFAULTS, runs: 9 });
  });

  it('names the field of each problem', () => {
    expect(problem({ simulation: 3 })).toMatch(/^simulation: must be an object/);
    expect(problem({ simulation: { walks: 3 } })).toMatch(/^simulation\.walks: unknown field/);
    expect(problem({ simulation: { runs: 0 } })).toMatch(/^simulation\.runs: must be an integer/);
    expect(problem({ simulation: { maxSteps: 2.5 } })).toMatch(/^simulation\.maxSteps: must be an integer/);
    expect(problem({ simulation: { seed: 2 ** 31 } })).toMatch(/^simulation\.seed: must be an integer/);
    expect(problem({ simulation: { timeLimit: 0 } })).toMatch(/^simulation\.timeLimit: must be a number of seconds/);
    expect(problem({ simulation: { shrinkTimeLimit: 'x' } })).toMatch(/^simulation\.shrinkTimeLimit: must be a number/);
  });

  it('refuses to simulate a liveness expectation: walks check invariants only', () => {
    expect(problem({ eventually: 'decided', fairness: ['deliver', 'local'], expect: { violates: 'decided' } })).toMatch(/^expect\.violates: simulation checks invariants only/);
  });
});
