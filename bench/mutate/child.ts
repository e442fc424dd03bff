/**
 * Runs specs against one mutant (or the unmutated models) in this process,
 * stopping at the first spec that kills it (bench/mutate/classify.ts says
 * what kills). Input: a JSON job on argv[2] (or a file path prefixed with @).
 * Output, on stdout: a line {"start": k} as spec k begins (the parent's
 * wall-clock backstop is per spec), then one JSON line with the result.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { judge, type Baseline, type Budget, type SpecRun } from './classify.js';

interface Job {
  readonly specs: readonly string[];
  /** Per spec; absent: the spec's own limits (the baseline run). */
  readonly budgets?: readonly Budget[];
  readonly baselines?: readonly Baseline[];
  readonly maxMemory: number;
  readonly target?: string;
  readonly source?: string;
}

const arg = process.argv[2];
const job = JSON.parse(arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg) as Job;
if (job.target !== undefined && job.source !== undefined) {
  register(new URL('./hook.js', import.meta.url).href, { parentURL: import.meta.url, data: { target: job.target, source: job.source } });
}
const { checkSpec } = await import('../../src/checker/run.js');
const { parseSpec } = await import('../../src/checker/spec.js');
const { findProtocol } = await import('../../src/model/registry.js');

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const stats: { states: number; transitions: number; seconds: number; cpu: number }[] = [];
let result: Record<string, unknown> = { killed: false };
for (let k = 0; k < job.specs.length; k++) {
  process.stdout.write(JSON.stringify({ start: k }) + '\n');
  const file = job.specs[k];
  const t0 = process.hrtime.bigint();
  const c0 = cpuSeconds();
  const budget = job.budgets?.[k];
  let run: SpecRun;
  let states = 0;
  let transitions = 0;
  try {
    const spec = parseSpec(file, readFileSync(file, 'utf8'), findProtocol);
    // The budget goes into the spec's own limits, which the safety and the liveness searches both honour.
    const limits = budget === undefined ? spec.limits : { ...spec.limits, maxStates: Math.min(spec.limits.maxStates, budget.maxStates), timeLimit: budget.timeLimit, maxMemory: job.maxMemory };
    const r = checkSpec({ ...spec, limits });
    ({ states, transitions } = r);
    run = { result: r };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    run = { error: { name: err.name, message: err.message } };
  }
  stats.push({ states, transitions, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: cpuSeconds() - c0 });
  const base = job.baselines?.[k];
  const how = budget === undefined || base === undefined ? ('error' in run ? `crash (${run.error.name}): ${run.error.message.split('\n')[0]}` : run.result.asExpected ? null : `not as expected: ${run.result.verdict}`) : judge(run, budget, base);
  if (how !== null) {
    result = { killed: true, spec: file, how };
    break;
  }
}
process.stdout.write(JSON.stringify({ ...result, stats, cpu: cpuSeconds() }) + '\n');
