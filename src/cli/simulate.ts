/** `synod simulate SPEC`: random walks with shrinking; prints the verdict, the figures and the shrunk trace. */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { traceLines } from '../checker/report/text.js';
import { simulationLines } from '../checker/simulate/report.js';
import { simulateSpec, type SimulateResult } from '../checker/simulate/run.js';
import { MAX_RUNS, MAX_SEED, MAX_STEPS, MIN_SEED, simulationSettings } from '../checker/simulate/spec.js';
import { memberFields } from '../checker/shard/records.js';
import type { Shard } from '../checker/shard/shard.js';
import { swarmMember } from '../checker/shard/swarm.js';
import { loadSpecFile } from '../checker/load-spec.js';
import { EXIT, isMemoryError, warn } from './errors.js';
import { EscapeError, WriteError } from './safe-write.js';
import { InputError } from './spec-files.js';
import { filesJson, filesLine, writeCounterexample, type CounterexampleFiles } from './write-trace.js';

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

/** The same caps as the spec's simulation fields (simulate/spec.ts): a flag must not take what the file may not. */
function positiveInt(name: string, v: number | undefined, max: number): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= max)) throw new InputError(`--${name} must be an integer from 1 to ${max.toLocaleString('en-US')} (got ${v})`);
}

function positive(name: string, v: number | undefined): void {
  if (v !== undefined && !(v > 0)) throw new InputError(`--${name} must be > 0 (got ${v})`);
}

function jsonLine(r: SimulateResult, files: CounterexampleFiles | string | undefined, extra: Readonly<Record<string, unknown>> = {}): string {
  const { trace: _trace, ...rest } = r;
  return JSON.stringify({ ...rest, ...(typeof files === 'string' ? { writeError: files } : filesJson(files)), ...extra });
}

/** 0 as expected, 1 not; bad input throws (exit 2). */
export async function runSimulate(args: SimulateArgs, print: (line: string) => void): Promise<number> {
  positiveInt('runs', args.runs, MAX_RUNS);
  positiveInt('max-steps', args.maxSteps, MAX_STEPS);
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
  let files: CounterexampleFiles | string | undefined;
  if (r.trace !== undefined && args.write) {
    try {
      files = await writeCounterexample(args.out, r.trace, { usesTime: spec.settings.time !== null, source: spec.file, html: args.html === true });
    } catch (e) {
      if (!(e instanceof WriteError || e instanceof EscapeError || isMemoryError(e))) throw e;
      files = e instanceof Error ? e.message : String(e);
      warn(`${spec.name}: counterexample not written: ${files}`);
    }
  }
  if (args.json) {
    const usesTime = spec.settings.time !== null;
    print(jsonLine(r, files, member === undefined ? {} : memberFields(member, spec, usesTime, r.trace)));
  } else {
    for (const line of simulationLines(r)) print(line);
    if (r.trace !== undefined) for (const line of traceLines(r.trace, spec.settings.time !== null)) print(line);
    if (typeof files === 'object') print(filesLine(files));
  }
  if (!r.asExpected) return EXIT.unexpected;
  return typeof files === 'string' ? EXIT.environment : EXIT.ok;
}
