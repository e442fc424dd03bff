/**
 * Runs specs against one mutant (or the unmutated models) in this process,
 * stopping at the first spec that kills it. Input: a JSON job on argv[2]
 * (or a file path prefixed with @). Output: one JSON line on stdout.
 *
 * Killed means the checker no longer says what the spec expects: a
 * violation of a correct spec, a buggy spec no longer violated (or violated
 * differently), a model error (a reduction claim the mutant broke, a crash
 * in the mutated code), or a search that no longer finishes in time or memory.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';

interface Job {
  readonly specs: readonly string[];
  /** Seconds per spec. */
  readonly timeLimits: readonly number[];
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

const seconds: number[] = [];
let result: Record<string, unknown> = { killed: false };
for (let k = 0; k < job.specs.length; k++) {
  const file = job.specs[k];
  const t0 = process.hrtime.bigint();
  let outcome: string | null = null;
  try {
    const spec = parseSpec(file, readFileSync(file, 'utf8'), findProtocol);
    const r = checkSpec(spec, { timeLimit: job.timeLimits[k], maxMemory: job.maxMemory });
    if (r.verdict === 'incomplete') outcome = `timeout: stopped at the ${r.limit ?? '?'} limit`;
    else if (!r.asExpected) outcome = r.verdict === 'violation' ? `violation: ${r.property ?? ''} (expected ${r.expected})` : `passed (expected ${r.expected})`;
  } catch (e) {
    const err = e as Error;
    outcome = `${err.name === 'SystemError' ? (err.message.startsWith('model error') ? '' : 'model error: ') : `crash (${err.name}): `}${err.message.split('\n')[0].slice(0, 300)}`;
  }
  seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
  if (outcome !== null) {
    result = { killed: true, spec: file, how: outcome };
    break;
  }
}
const used = process.cpuUsage();
process.stdout.write(JSON.stringify({ ...result, seconds, cpu: (used.user + used.system) / 1e6 }) + '\n');
