/** `synod merge RESULTS...`: reads shards' `--json` outputs (files or folders) and prints one report. */
import { readFileSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { mergedJunitXml } from '../checker/shard/merge-junit.js';
import { mergeLines } from '../checker/shard/merge-text.js';
import { mergeRecords } from '../checker/shard/merge.js';
import { MergeError } from '../checker/shard/read-json.js';
import { readRecord, type ShardRecord } from '../checker/shard/records.js';
import { writeFileAtomic } from './safe-write.js';
import { InputError } from './spec-files.js';

export interface MergeArgs {
  readonly results: readonly string[];
  readonly junit?: string;
  readonly json: boolean;
}

const RESULT_FILE = /\.(json|jsonl|ndjson)$/;
/** Counterexample files a shard wrote next to its results (--out inside the results folder). */
const TRACE_FILE = /\.(trace|itf)\.json$/;

/** Every result file below the given files and folders (counterexample files aside), each once, in a stable order. */
function resultFiles(paths: readonly string[]): string[] {
  const out = new Map<string, string>();
  const walk = (p: string, named: boolean): void => {
    let st: Stats;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) walk(join(p, e), false);
    } else if (named || (RESULT_FILE.test(p) && !TRACE_FILE.test(p))) {
      out.set(realpathSync(p), p);
    }
  };
  for (const p of paths) walk(p, true);
  if (out.size === 0) throw new InputError(`no result files (.json, .jsonl, .ndjson) in ${paths.join(', ')}`);
  return [...out.values()];
}

function readRecords(file: string): ShardRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: cannot read`);
  }
  const records: ShardRecord[] = [];
  text.split('\n').forEach((line, k) => {
    if (line.trim() === '') return;
    records.push(readRecord(line, `${file}:${k + 1}`));
  });
  if (records.length === 0) throw new InputError(`${file}: empty: a shard that printed nothing (did it run with --json?)`);
  return records;
}

/** The exit code of the whole run: 0 every verdict as expected, 1 one is not, 3 undecided (shards missing, a search stopped). */
export function runMerge(args: MergeArgs, print: (line: string) => void): number {
  try {
    const report = mergeRecords(resultFiles(args.results).flatMap(readRecords));
    if (args.json) print(JSON.stringify(report));
    else for (const line of mergeLines(report)) print(line);
    if (args.junit !== undefined) {
      writeFileAtomic(args.junit, mergedJunitXml(report));
    }
    return report.exitCode;
  } catch (e) {
    if (e instanceof MergeError) throw new InputError(e.message);
    throw e;
  }
}
