/**
 * `npm run experiments`: reruns every experiment listed in
 * experiments/index.json through `synod netsim` and rewrites its results/
 * folder (figures, CSV, SVG charts, comparison). Deterministic: the specs'
 * seeds fix every figure, so unchanged models give identical files.
 * Usage: node dist/src/cli/experiments.js [folder...]
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runNetsim } from './netsim.js';

const print = (line: string): void => void process.stdout.write(line + '\n');

interface Experiment {
  readonly folder: string;
  readonly title: string;
  readonly specs: readonly string[];
}

const root = 'experiments';
const all = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as Experiment[];
const wanted = process.argv.slice(2);
let code = 0;
for (const e of all.filter((x) => wanted.length === 0 || wanted.includes(x.folder))) {
  const out = join(root, e.folder, 'results');
  rmSync(out, { recursive: true, force: true });
  print(`== ${e.title}`);
  const c = await runNetsim({ specs: e.specs.map((s) => join(root, e.folder, s)), out, write: true, json: false, title: e.title }, print);
  code = Math.max(code, c);
}
process.exitCode = code;
