/** Writes a counterexample's files into the output folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Trace } from '../checker/trace.js';

/** Writes <out>/<spec name>.trace.json and returns its path. Deterministic: no timestamps. */
export function writeTrace(outDir: string, trace: Trace): string {
  const file = join(outDir, `${trace.spec}.trace.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(trace, null, 2) + '\n');
  return file;
}
