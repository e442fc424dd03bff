/**
 * The optional "simulation" section of a spec: bounds for `synod simulate`,
 * which may go well past what exhaustive search of the same spec can take.
 *
 *   "simulation": { "runs": 20000, "maxSteps": 120, "seed": 42, "timeLimit": 60, "shrinkTimeLimit": 30 }
 *
 * Every field is optional; command-line options override them.
 */
import { SpecError, type LoadedSpec } from '../spec.js';
import type { SimulationBounds } from './search.js';

export interface SimulationSettings extends SimulationBounds {
  /** A fixed seed makes `synod simulate` reproducible without --seed. */
  readonly seed?: number;
}

export const SIMULATION_DEFAULTS: SimulationBounds = { runs: 10_000, maxSteps: 100, timeLimit: 60, shrinkTimeLimit: 30 };

const FIELDS = ['runs', 'maxSteps', 'seed', 'timeLimit', 'shrinkTimeLimit'];

/** fast-check seeds are 32-bit integers. */
export const MIN_SEED = -(2 ** 31);
export const MAX_SEED = 2 ** 31 - 1;
/** Caps on runs and steps per walk, for the spec's fields and the command line's flags alike. */
export const MAX_RUNS = 1e9;
export const MAX_STEPS = 1e6;

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

export function simulationSettings(spec: LoadedSpec): SimulationSettings {
  const fail = (field: string, problem: string): never => {
    throw new SpecError(spec.file, field, problem);
  };
  if (spec.expect.kind === 'violates' && !spec.invariants.some((i) => i.name === (spec.expect as { property: string }).property)) {
    fail('expect.violates', `simulation checks invariants only, and "${spec.expect.property}" is a liveness property`);
  }
  const raw = spec.raw.simulation;
  if (raw === undefined) return SIMULATION_DEFAULTS;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('simulation', `must be an object (got ${show(raw)})`);
  const s = raw as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!FIELDS.includes(k)) fail(`simulation.${k}`, `unknown field (known: ${FIELDS.join(', ')})`);
  const int = (k: string, min: number, max: number): number | undefined => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`simulation.${k}`, `must be an integer from ${min} to ${max} (got ${show(v)})`);
    return v as number;
  };
  const seconds = (k: string): number | undefined => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) fail(`simulation.${k}`, `must be a number of seconds > 0 (got ${show(v)})`);
    return v as number;
  };
  const seed = int('seed', MIN_SEED, MAX_SEED);
  return {
    runs: int('runs', 1, MAX_RUNS) ?? SIMULATION_DEFAULTS.runs,
    maxSteps: int('maxSteps', 1, MAX_STEPS) ?? SIMULATION_DEFAULTS.maxSteps,
    timeLimit: seconds('timeLimit') ?? SIMULATION_DEFAULTS.timeLimit,
    shrinkTimeLimit: seconds('shrinkTimeLimit') ?? SIMULATION_DEFAULTS.shrinkTimeLimit,
    ...(seed === undefined ? {} : { seed }),
  };
}
