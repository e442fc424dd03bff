/** `synod netsim SPEC... --network FILE`: timed simulation; prints figures, writes charts, CSV/JSON and any violation's trace. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadSpecFile } from '../checker/load-spec.js';
import type { LoadedSpec } from '../checker/spec.js';
import { traceLines } from '../checker/report/text.js';
import { parseNetwork, type NetworkModel } from '../checker/netsim/network.js';
import { comparisonFiles, resultFiles, type Files } from '../checker/netsim/outputs.js';
import { netsimLines } from '../checker/netsim/report.js';
import { netsimSpec, type NetsimResult } from '../checker/netsim/run.js';
import { netsimSettings } from '../checker/netsim/settings.js';
import { InputError } from './spec-files.js';
import { writeCounterexample } from './write-trace.js';

export interface NetsimArgs {
  readonly specs: readonly string[];
  readonly network?: string;
  readonly duration?: number;
  readonly seed?: number;
  readonly runs?: number;
  readonly out: string;
  readonly write: boolean;
  readonly json: boolean;
  /** Title of the comparison chart when several specs run. */
  readonly title?: string;
}

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: cannot read the ${what}`);
  }
}

/** Writes each file beside a temporary twin first, so nothing is left half-written. */
function writeAll(dir: string, files: Files): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  }
}

export function outDirName(spec: string): string {
  return spec.replace(/[\\/]/g, '--');
}

/** 0 when every spec came out as expected, 1 when not; bad input throws (exit 2). */
export async function runNetsim(args: NetsimArgs, print: (line: string) => void): Promise<number> {
  if (args.specs.length === 0) throw new InputError('give a spec file');
  if (args.duration !== undefined && !(args.duration > 0)) throw new InputError(`--duration must be ms > 0 (got ${args.duration})`);
  if (args.runs !== undefined && !(Number.isInteger(args.runs) && args.runs >= 1)) throw new InputError(`--runs must be an integer ≥ 1 (got ${args.runs})`);
  if (args.seed !== undefined && !(Number.isInteger(args.seed) && Math.abs(args.seed) <= 2 ** 31)) throw new InputError(`--seed must be a 32-bit integer (got ${args.seed})`);
  const loaded: { spec: LoadedSpec; network: NetworkModel }[] = [];
  for (const file of args.specs) {
    // The same way in as `synod check`: a built-in name or a user's ES module, relative to the spec.
    const spec = await loadSpecFile(file);
    const settings = netsimSettings(spec);
    const netFile = args.network ?? (settings.networkFile === undefined ? undefined : resolve(dirname(file), settings.networkFile));
    if (netFile === undefined) throw new InputError(`${file}: no network: give --network FILE.json or netsim.network in the spec`);
    const network: NetworkModel = parseNetwork(args.network ?? settings.networkFile ?? netFile, read(netFile, 'network file'));
    loaded.push({ spec, network });
  }
  const results: NetsimResult[] = [];
  let ok = true;
  for (const { spec, network } of loaded) {
    const r = netsimSpec(spec, network, {
      ...(args.duration === undefined ? {} : { duration: args.duration }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.runs === undefined ? {} : { runs: args.runs }),
    });
    results.push(r);
    ok &&= r.asExpected;
    const dir = join(args.out, outDirName(r.spec));
    if (args.write) writeAll(dir, resultFiles(r));
    const files = r.trace !== undefined && args.write ? await writeCounterexample(dir, r.trace, { usesTime: true, source: spec.file }) : undefined;
    if (args.json) {
      const { first: _first, latencies: _latencies, trace: _trace, settings: _settings, ...rest } = r;
      print(JSON.stringify({ ...rest, ...(args.write ? { out: dir } : {}), ...(files === undefined ? {} : { traceFile: files.trace, svgFile: files.svg }) }));
    } else {
      for (const line of netsimLines(r)) print(line);
      // Simulated times are in each step's label; clocks would list every node at every step.
      if (r.trace !== undefined) for (const line of traceLines(r.trace, false)) print(line);
      if (args.write) print(`  figures, CSV and charts written to ${dir}/`);
      if (files !== undefined) print(`  trace written to ${files.trace}; diagram ${files.svg}`);
    }
  }
  if (results.length > 1 && args.write) {
    writeAll(args.out, comparisonFiles(args.title ?? 'comparison', results, (r) => `${r.spec} @ ${r.network}`));
    if (!args.json) print(`comparison of ${results.length} runs written to ${join(args.out, 'comparison.svg')} (and comparison.csv)`);
  }
  return ok ? 0 : 1;
}
