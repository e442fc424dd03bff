/** `synod check [spec or folder ...]`: run specs, print verdicts and traces, write counterexamples. */
import type { Progress } from '../checker/bfs.js';
import { interruptedBy } from '../checker/interrupt.js';
import { junitXml, type NotRun } from '../checker/report/junit.js';
import { traceLines, summaryLines, formatCount } from '../checker/report/text.js';
import { checkLiveness } from '../checker/liveness/check.js';
import { withoutReductions } from '../checker/no-reduce.js';
import { checkSpec, exitCode, type CheckResult } from '../checker/run.js';
import { checkShardLine, checkSpecFields } from '../checker/shard/records.js';
import { formatShard, type Shard } from '../checker/shard/shard.js';
import { planShard } from '../checker/shard/split.js';
import { loadSpecFile } from '../checker/load-spec.js';
import type { LoadedSpec } from '../checker/spec.js';
import { EXIT, isMemoryError, warn } from './errors.js';
import { EscapeError, WriteError, writeFileAtomic } from './safe-write.js';
import { findSpecFiles } from './spec-files.js';
import { distinctFiles, uniqueNames } from './spec-names.js';
import { filesJson, filesLine, writeCounterexample, type CounterexampleFiles } from './write-trace.js';

export interface CheckArgs {
  readonly specs: readonly string[];
  readonly json: boolean;
  readonly out: string;
  readonly write: boolean;
  readonly quiet: boolean;
  /** Also the deep tier: folders named deep/ under the folders walked (see findSpecFiles). */
  readonly deep?: boolean;
  /** false: Protocol.stale and Protocol.normalize switched off (RunOptions.reduce). */
  readonly reduce?: boolean;
  readonly timeLimit?: number;
  readonly maxMemory?: number;
  /** Worker threads per search (default 1). */
  readonly workers?: number;
  /** Symmetry reduction for every spec whose protocol declares a symmetry. */
  readonly symmetry?: boolean;
  /** Also run valence analysis (FLP) on every spec; reported, not part of the verdict. */
  readonly valence?: boolean;
  /** Write a JUnit XML report of the verdicts to this file. */
  readonly junit?: string;
  /** Run only this part of the spec set (see checker/shard/split.ts). */
  readonly shard?: Shard;
  /** Also write each counterexample as a self-contained HTML page beside its SVG. */
  readonly html?: boolean;
}

/**
 * Every spec below the given files or folders (default: spec/; the deep tier
 * with `deep`), each file once, with names unique in the run (spec-names.ts),
 * protocols resolved (built-in or the user's module).
 */
export async function loadSpecs(paths: readonly string[], deep = false): Promise<LoadedSpec[]> {
  const files = distinctFiles(findSpecFiles(paths.length === 0 ? ['spec'] : paths, deep));
  const names = uniqueNames(files);
  const out: LoadedSpec[] = [];
  for (const [i, f] of files.entries()) out.push({ ...(await loadSpecFile(f)), name: names[i] });
  return out;
}

/** Files a run could not write: a name that would leave the folder (bad input), or a disk that refused (environment). */
export interface WriteFailures {
  escaped: boolean;
  refused: boolean;
}

/**
 * The exit code of a run: a signal's own code first, then a verdict not as
 * expected (1), a spec name that would escape the folder (2), a file the
 * disk refused (4), a bound (3).
 */
export function runExitCode(results: readonly CheckResult[], failed: WriteFailures): number {
  const signal = interruptedBy();
  if (signal !== 0) return signal === 15 ? EXIT.sigterm : EXIT.sigint;
  const verdicts = exitCode(results);
  if (verdicts === EXIT.unexpected) return verdicts;
  if (failed.escaped) return EXIT.input;
  return failed.refused ? EXIT.environment : verdicts;
}

/** Writes a counterexample's files, or warns and returns the problem: one spec's failed write must not stop the others. */
async function writeOrWarn(args: CheckArgs, spec: LoadedSpec, r: CheckResult, failed: WriteFailures): Promise<CounterexampleFiles | string | undefined> {
  if (r.trace === undefined || !args.write) return undefined;
  try {
    return await writeCounterexample(args.out, r.trace, { usesTime: spec.settings.time !== null, source: spec.file, html: args.html === true });
  } catch (e) {
    if (!(e instanceof WriteError || e instanceof EscapeError || isMemoryError(e))) throw e;
    const problem = e instanceof Error ? e.message : String(e);
    if (e instanceof EscapeError) failed.escaped = true;
    else failed.refused = true;
    warn(`${spec.name}: counterexample not written: ${problem}`);
    return problem;
  }
}

function progressLine(p: Progress): string {
  return `  … ${formatCount(p.states)} states, ${formatCount(p.states / Math.max(p.seconds, 1e-3))} states/s, depth ${p.depth}, queue ${formatCount(p.queue)}, ${(p.memory / 2 ** 20).toFixed(0)} MiB, ${p.seconds.toFixed(0)} s`;
}

/** Progress for logs: one line per `every` seconds of search, naming the spec. */
export function progressLog(name: string, every: number, write: (line: string) => void): (p: Progress) => void {
  let logged = 0;
  return (p) => {
    if (p.seconds - logged < every) return;
    logged = p.seconds;
    write(`synod: ${name}:${progressLine(p).slice(1)}`);
  };
}

function jsonLine(r: CheckResult, files: CounterexampleFiles | string | undefined, extra: Readonly<Record<string, unknown>> = {}): string {
  const { trace: _trace, ...rest } = r;
  return JSON.stringify({ ...rest, ...(typeof files === 'string' ? { writeError: files } : filesJson(files)), ...extra });
}

/** `--valence`: the spec's worlds labelled by the decisions still reachable, and a forever-bivalent fair run if there is one. */
function valenceOf(spec: LoadedSpec, args: CheckArgs): CheckResult | string {
  if (spec.protocol.decided === undefined) return `${spec.protocol.name} does not report decided values (Protocol.decided)`;
  return checkLiveness(args.reduce === false ? withoutReductions(spec) : spec, { valence: true, ...(args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit }) });
}

function valenceLines(v: CheckResult | string, usesTime: boolean): string[] {
  if (typeof v === 'string') return [`  valence: not available: ${v}`];
  const head = `  valence analysis: ${formatCount(v.states)} undecided worlds, ${v.seconds.toFixed(2)} s${v.verdict === 'incomplete' ? ` (stopped at the ${v.limit ?? ''} limit)` : ''}`;
  if (v.trace === undefined) return [head, ...(v.notes ?? []).map((n) => `  note: ${n}`)];
  return [head, '  a forever-bivalent fair run (FLP):', ...traceLines(v.trace, usesTime)];
}

function valenceJson(v: CheckResult | string): unknown {
  if (typeof v === 'string') return { error: v };
  return { verdict: v.verdict, states: v.states, seconds: v.seconds, notes: v.notes, ...(v.trace === undefined ? {} : { trace: v.trace }) };
}

export async function runCheck(args: CheckArgs, print: (line: string) => void): Promise<number> {
  const all = await loadSpecs(args.specs, args.deep === true);
  const plan = args.shard === undefined ? undefined : planShard(all, args.shard);
  const specs = plan?.specs ?? all;
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  if (plan !== undefined && !args.json) print(`shard ${formatShard(plan.shard)}: ${specs.length} of ${all.length} specs (spec set ${plan.set})\n`);
  const results: CheckResult[] = [];
  const notRun: NotRun[] = [];
  const failed: WriteFailures = { escaped: false, refused: false };
  const tty = process.stderr.isTTY === true && !args.json;
  for (const spec of specs) {
    if (interruptedBy() !== 0) {
      notRun.push({ spec: spec.name, protocol: spec.protocol.name });
      continue;
    }
    if ((spec.symmetry || args.symmetry === true) && spec.eventually !== undefined && spec.protocol.symmetry !== undefined) {
      process.stderr.write(`synod: warning: ${spec.name}: symmetry reduction with a liveness property ("eventually") can be unsound under fairness\n`);
    }
    // On a terminal the progress line is redrawn every second; in a log (CI) a line a minute, as TLC does.
    const onProgress = tty
      ? (p: Progress): void => void process.stderr.write(`\r${progressLine(p)}\x1b[K`)
      : progressLog(spec.name, 60, (line) => process.stderr.write(`${line}\n`));
    const r = checkSpec(spec, {
      onProgress,
      ...(args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit }),
      ...(args.maxMemory === undefined ? {} : { maxMemory: args.maxMemory }),
      ...(args.workers === undefined ? {} : { workers: args.workers }),
      ...(args.symmetry === true ? { symmetry: true } : {}),
      ...(args.reduce === false ? { reduce: false } : {}),
    });
    if (tty) process.stderr.write('\r\x1b[K');
    results.push(r);
    const files = await writeOrWarn(args, spec, r, failed);
    const valence = args.valence === true ? valenceOf(spec, args) : undefined;
    if (args.json) {
      const shardFields = plan === undefined ? {} : checkSpecFields(plan, spec, spec.settings.time !== null, r.trace);
      print(jsonLine(r, files, { ...shardFields, ...(valence === undefined ? {} : { valence: valenceJson(valence) }) }));
      continue;
    }
    if (args.quiet) {
      const vacuous = r.vacuous === undefined ? '' : ` (vacuous: never reached ${r.vacuous.join(', ')})`;
      print(`${r.asExpected ? 'ok  ' : 'FAIL'} ${r.spec}: ${r.verdict}${r.limit === 'interrupted' ? ' (interrupted)' : ''}${r.property === undefined ? '' : ` (${r.property})`}${vacuous}${r.traceLength === undefined ? '' : `, ${r.traceLength} steps`}`);
      continue;
    }
    for (const line of summaryLines(r)) print(line);
    if (r.symmetryGroup !== undefined || r.workers !== undefined) {
      const sym = r.symmetryGroup === undefined ? [] : [`symmetry reduction over ${r.symmetryGroup} permutations (states counted up to renaming)`];
      print(`  ${[...sym, ...(r.workers === undefined ? [] : [`${r.workers} worker threads`])].join('; ')}`);
    }
    if (r.trace !== undefined) for (const line of traceLines(r.trace, spec.settings.time !== null)) print(line);
    else for (const note of r.notes ?? []) print(`  note: ${note}`);
    if (typeof files === 'object') print(filesLine(files));
    if (valence !== undefined) for (const line of valenceLines(valence, spec.settings.time !== null)) print(line);
    print('');
  }
  if (args.junit !== undefined) {
    try {
      writeFileAtomic(args.junit, junitXml(results, notRun));
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      warn(`JUnit report not written: ${e.message}`);
      failed.refused = true;
    }
  }
  const code = runExitCode(results, failed);
  if (plan !== undefined && args.json) {
    const cpu = process.cpuUsage(started.cpu);
    print(checkShardLine(plan, code, (performance.now() - started.wall) / 1000, (cpu.user + cpu.system) / 1e6));
  }
  if (!args.json) {
    const ok = results.filter((r) => r.asExpected).length;
    const why =
      code === EXIT.sigint || code === EXIT.sigterm
        ? ` (interrupted by ${code === EXIT.sigint ? 'SIGINT' : 'SIGTERM'}${notRun.length > 0 ? `; ${notRun.length} specs not run` : ''})`
        : code === EXIT.environment || code === EXIT.input
          ? ' (some files could not be written)'
          : code === EXIT.budget
            ? ' (a search stopped at a bound)'
            : '';
    print(`${results.length} specs: ${ok} as expected, ${results.length - ok} not${why}`);
  }
  return code;
}
