/** `synod check [spec or folder ...]`: run specs, print verdicts and traces, write counterexamples. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Progress } from '../checker/bfs.js';
import { junitXml } from '../checker/report/junit.js';
import { traceLines, summaryLines, formatCount } from '../checker/report/text.js';
import { checkLiveness } from '../checker/liveness/check.js';
import { withoutReductions } from '../checker/no-reduce.js';
import { checkSpec, exitCode, type CheckResult } from '../checker/run.js';
import { checkShardLine, checkSpecFields } from '../checker/shard/records.js';
import { formatShard, type Shard } from '../checker/shard/shard.js';
import { planShard } from '../checker/shard/split.js';
import { loadSpecFile } from '../checker/load-spec.js';
import type { LoadedSpec } from '../checker/spec.js';
import { findSpecFiles } from './spec-files.js';
import { writeCounterexample, type CounterexampleFiles } from './write-trace.js';

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

/** Every spec below the given files or folders (default: spec/; the deep tier with `deep`), protocols resolved (built-in or the user's module). */
export async function loadSpecs(paths: readonly string[], deep = false): Promise<LoadedSpec[]> {
  const out: LoadedSpec[] = [];
  for (const f of findSpecFiles(paths.length === 0 ? ['spec'] : paths, deep)) out.push(await loadSpecFile(f));
  return out;
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

function jsonLine(r: CheckResult, files: CounterexampleFiles | undefined, extra: Readonly<Record<string, unknown>> = {}): string {
  const { trace: _trace, ...rest } = r;
  return JSON.stringify({ ...rest, ...(files === undefined ? {} : { traceFile: files.trace, itfFile: files.itf, dotFile: files.dot, svgFile: files.svg, ...(files.html === undefined ? {} : { htmlFile: files.html }) }), ...extra });
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
  const tty = process.stderr.isTTY === true && !args.json;
  for (const spec of specs) {
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
    const files =
      r.trace !== undefined && args.write ? await writeCounterexample(args.out, r.trace, { usesTime: spec.settings.time !== null, source: spec.file, html: args.html === true }) : undefined;
    const valence = args.valence === true ? valenceOf(spec, args) : undefined;
    if (args.json) {
      const shardFields = plan === undefined ? {} : checkSpecFields(plan, spec, spec.settings.time !== null, r.trace);
      print(jsonLine(r, files, { ...shardFields, ...(valence === undefined ? {} : { valence: valenceJson(valence) }) }));
      continue;
    }
    if (args.quiet) {
      const vacuous = r.vacuous === undefined ? '' : ` (vacuous: never reached ${r.vacuous.join(', ')})`;
      print(`${r.asExpected ? 'ok  ' : 'FAIL'} ${r.spec}: ${r.verdict}${r.property === undefined ? '' : ` (${r.property})`}${vacuous}${r.traceLength === undefined ? '' : `, ${r.traceLength} steps`}`);
      continue;
    }
    for (const line of summaryLines(r)) print(line);
    if (r.symmetryGroup !== undefined || r.workers !== undefined) {
      const sym = r.symmetryGroup === undefined ? [] : [`symmetry reduction over ${r.symmetryGroup} permutations (states counted up to renaming)`];
      print(`  ${[...sym, ...(r.workers === undefined ? [] : [`${r.workers} worker threads`])].join('; ')}`);
    }
    if (r.trace !== undefined) for (const line of traceLines(r.trace, spec.settings.time !== null)) print(line);
    else for (const note of r.notes ?? []) print(`  note: ${note}`);
    if (files !== undefined) print(`  trace written to ${files.trace}; diagram ${files.svg} (${files.dot}), ITF ${files.itf}${files.html === undefined ? '' : `, HTML ${files.html}`}`);
    if (valence !== undefined) for (const line of valenceLines(valence, spec.settings.time !== null)) print(line);
    print('');
  }
  const code = exitCode(results);
  if (args.junit !== undefined) {
    mkdirSync(dirname(resolve(args.junit)), { recursive: true });
    writeFileSync(args.junit, junitXml(results));
  }
  if (plan !== undefined && args.json) {
    const cpu = process.cpuUsage(started.cpu);
    print(checkShardLine(plan, code, (performance.now() - started.wall) / 1000, (cpu.user + cpu.system) / 1e6));
  }
  if (!args.json) {
    const ok = results.filter((r) => r.asExpected).length;
    print(`${results.length} specs: ${ok} as expected, ${results.length - ok} not${code === 3 ? ' (a search stopped at a bound)' : ''}`);
  }
  return code;
}
