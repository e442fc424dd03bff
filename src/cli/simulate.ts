/** `synod simulate SPEC`: random walks with shrinking; prints the verdict, the figures and the shrunk trace. */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { traceLines } from '../checker/report/text.js';
import { simulationLines } from '../checker/simulate/report.js';
import { simulateSpec, type SimulateResult } from '../checker/simulate/run.js';
import { MAX_SEED, MIN_SEED, simulationSettings } from '../checker/simulate/spec.js';
import { memberFields } from '../checker/shard/records.js';
import type { Shard } from '../checker/shard/shard.js';
import { swarmMember } from '../checker/shard/swarm.js';
import { loadSpecFile } from '../checker/load-spec.js';
import { InputError } from './spec-files.js';
import { writeCounterexample, type CounterexampleFiles } from './write-trace.js';

export interface SimulateArgs {
  readonly spec: string;
  readonly runs?: number;
  readonly maxSteps?: number;
  readonly seed?: number;
  readonly timeLimit?: number;
  readonly shrinkTimeLimit?: number;
  readonly path?: string;
  readonly json: boolean;
  readonly out: string;
  readonly write: boolean;
  /** Run as swarm member I of N (see checker/shard/swarm.ts). */
  readonly shard?: Shard;
  /** Also write the counterexample as a self-contained HTML page beside its SVG. */
  readonly html?: boolean;
}

function positiveInt(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new InputError(`--${name} must be an integer ≥ 1 (got ${v})`);
}

function positive(name: string, v: number | undefined): void {
  if (v !== undefined && !(v > 0)) throw new InputError(`--${name} must be > 0 (got ${v})`);
}

function jsonLine(r: SimulateResult, files: CounterexampleFiles | undefined, extra: Readonly<Record<string, unknown>> = {}): string {
  const { trace: _trace, ...rest } = r;
  return JSON.stringify({ ...rest, ...(files === undefined ? {} : { traceFile: files.trace, itfFile: files.itf, dotFile: files.dot, svgFile: files.svg }), ...extra });
}

/** 0 as expected, 1 not; bad input throws (exit 2). */
export async function runSimulate(args: SimulateArgs, print: (line: string) => void): Promise<number> {
  positiveInt('runs', args.runs);
  positiveInt('max-steps', args.maxSteps);
  positive('time-limit', args.timeLimit);
  positive('shrink-time-limit', args.shrinkTimeLimit);
  if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= MIN_SEED && args.seed <= MAX_SEED)) {
    throw new InputError(`--seed must be an integer from ${MIN_SEED} to ${MAX_SEED} (got ${args.seed})`);
  }
  if (args.path !== undefined && !/^\d+(:\d+)*$/.test(args.path)) throw new InputError(`--path must look like 12:0:3 (got ${args.path})`);
  if (!existsSync(args.spec)) throw new InputError(`${args.spec}: cannot read the spec file`);
  const spec = await loadSpecFile(args.spec);
  const s = simulationSettings(spec);
  const seed = args.seed ?? s.seed;
  if (args.path !== undefined && seed === undefined) throw new InputError('--path replays a walk of a given seed: give --seed too');
  const baseSeed = seed ?? randomInt(MIN_SEED, MAX_SEED);
  const baseMaxSteps = args.maxSteps ?? s.maxSteps;
  const member = args.shard === undefined ? undefined : swarmMember(args.shard, baseSeed, baseMaxSteps, spec.protocol.nodes(spec.config).map((n) => n.id));
  const r = simulateSpec(spec, {
    runs: args.runs ?? s.runs,
    maxSteps: member?.maxSteps ?? baseMaxSteps,
    timeLimit: args.timeLimit ?? s.timeLimit,
    shrinkTimeLimit: args.shrinkTimeLimit ?? s.shrinkTimeLimit,
    seed: member?.seed ?? baseSeed,
    ...(args.path === undefined ? {} : { replay: args.path }),
    ...(member === undefined ? {} : { swarm: member }),
  });
  const files =
    r.trace !== undefined && args.write ? await writeCounterexample(args.out, r.trace, { usesTime: spec.settings.time !== null, source: spec.file, html: args.html === true }) : undefined;
  if (args.json) {
    const usesTime = spec.settings.time !== null;
    print(jsonLine(r, files, member === undefined ? {} : memberFields(member, spec, usesTime, r.trace)));
  } else {
    for (const line of simulationLines(r)) print(line);
    if (r.trace !== undefined) for (const line of traceLines(r.trace, spec.settings.time !== null)) print(line);
    if (files !== undefined) print(`  trace written to ${files.trace}; diagram ${files.svg} (${files.dot}), ITF ${files.itf}${files.html === undefined ? '' : `, HTML ${files.html}`}`);
  }
  return r.asExpected ? 0 : 1;
}
