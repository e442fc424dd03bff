/**
 * The library's front door: `check()` does what `synod check` does — finds
 * and loads specs (files, folders, or specs built in code), resolves their
 * protocols (built-in or the caller's own module), runs them with the same
 * options, writes the same counterexample files (trace JSON, ITF, DOT, SVG)
 * and a JUnit report if asked, and gives back the results with the exit code
 * the CLI would use.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadSpec, loadSpecFile } from './checker/load-spec.js';
import { junitXml } from './checker/report/junit.js';
import { checkSpec, exitCode, type CheckResult, type RunOptions } from './checker/run.js';
import { validateSpec, type LoadedSpec } from './checker/spec.js';
import { findSpecFiles } from './cli/spec-files.js';
import { writeCounterexample, type CounterexampleFiles } from './cli/write-trace.js';
import type { AnyProtocol } from './model/contract.js';
import { protocolProblem } from './checker/protocol-source.js';

/**
 * A spec written in code: the JSON fields of a spec file, with "protocol"
 * either a name or module path (as in a file) or a protocol object. `file`
 * names it in messages and results and anchors relative module paths
 * (default: "<protocol name>.json" in the working folder).
 */
export interface InlineSpec {
  readonly protocol: string | AnyProtocol;
  readonly file?: string;
  readonly [field: string]: unknown;
}

/** What check() takes: a spec file or folder path, a spec loaded already, or a spec written in code. */
export type SpecSource = string | LoadedSpec | InlineSpec;

export interface CheckOptions extends RunOptions {
  /** Folder for counterexample files, as `synod check --out` (default "counterexamples"); false writes none (--no-write). */
  readonly out?: string | false;
  /** Also write a JUnit XML report of the verdicts to this file (as --junit). */
  readonly junit?: string;
  /** Called after each spec, in order (for progress or streaming output). */
  readonly onResult?: (checked: CheckedSpec) => void;
}

export interface CheckedSpec {
  readonly spec: LoadedSpec;
  readonly result: CheckResult;
  /** The counterexample files written for this spec, if it has a trace and writing is on. */
  readonly files?: CounterexampleFiles;
}

export interface CheckReport {
  readonly checked: readonly CheckedSpec[];
  readonly results: readonly CheckResult[];
  /** What `synod check` would exit with: 0 as expected, 1 a verdict not as expected, 3 a search stopped by a bound. */
  readonly exitCode: number;
}

function isLoaded(s: SpecSource): s is LoadedSpec {
  return typeof s === 'object' && 'settings' in s && 'invariants' in s && 'config' in s;
}

async function load(source: SpecSource): Promise<LoadedSpec[]> {
  if (typeof source === 'string') {
    const out: LoadedSpec[] = [];
    for (const f of findSpecFiles([source])) out.push(await loadSpecFile(f));
    return out;
  }
  if (isLoaded(source)) return [source];
  const { file, protocol, ...fields } = source;
  if (typeof protocol === 'string') return [await loadSpec(file ?? `${protocol.replace(/[^\w.-]+/g, '_')}.json`, { protocol, ...fields })];
  const problem = protocolProblem(protocol);
  if (problem !== null) throw new TypeError(`check(): the spec's protocol ${problem}`);
  return [validateSpec(file ?? `${protocol.name}.json`, { protocol: protocol.name, ...fields }, () => protocol)];
}

/**
 * Checks specs as `synod check` does. `specs`: one source or a list (paths
 * of spec files or folders, specs loaded with loadSpec/loadSpecFile, or
 * specs written in code); none at all means the folder "spec".
 * Bad input (a spec or module that cannot be used, a model that breaks the
 * contract) rejects with SpecError or ModelError, as the CLI exits 2.
 */
export async function check(specs: SpecSource | readonly SpecSource[] = [], options: CheckOptions = {}): Promise<CheckReport> {
  const list = Array.isArray(specs) ? (specs as readonly SpecSource[]) : [specs as SpecSource];
  const loaded: LoadedSpec[] = [];
  for (const s of list.length === 0 ? ['spec'] : list) loaded.push(...(await load(s)));
  const out = options.out ?? 'counterexamples';
  const checked: CheckedSpec[] = [];
  for (const spec of loaded) {
    const result = checkSpec(spec, options);
    const files =
      result.trace !== undefined && out !== false
        ? await writeCounterexample(out, result.trace, { usesTime: spec.settings.time !== null, source: spec.file })
        : undefined;
    const one: CheckedSpec = { spec, result, ...(files === undefined ? {} : { files }) };
    checked.push(one);
    options.onResult?.(one);
  }
  const results = checked.map((c) => c.result);
  if (options.junit !== undefined) {
    mkdirSync(dirname(resolve(options.junit)), { recursive: true });
    writeFileSync(options.junit, junitXml(results));
  }
  return { checked, results, exitCode: exitCode(results) };
}
