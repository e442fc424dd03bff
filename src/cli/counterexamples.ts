/**
 * `npm run counterexamples`: regenerates counterexamples/, one trace (JSON
 * and ITF), DOT diagram and SVG per buggy spec, that is per spec under
 * spec/ (or the given files and folders) that expects a violation, and an
 * index (README.md) of them, plus the slower specs named with --also.
 * Deterministic: an unchanged model gives byte-identical files.
 * Usage: node dist/src/cli/counterexamples.js [--out DIR] [--also FILE]... [spec files or folders]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedSpec } from '../checker/spec.js';
import { loadSpecs, runCheck } from './check.js';
import { writeFileAtomic } from './safe-write.js';
import { findSpecFiles } from './spec-files.js';

const print = (line: string): void => void process.stdout.write(line + '\n');

function index(out: string, specs: readonly LoadedSpec[]): string {
  const lines = [
    '# Counterexamples',
    '',
    'One shortest counterexample per buggy spec under `spec/` (and a few slower ones from `bench/specs/`), written by `npm run counterexamples`',
    '(do not edit by hand). Per spec: a space-time diagram (`.svg`, from the Graphviz `.dot`), the same diagram as a',
    'self-contained page to step through in a browser (`.html`: node states, what changed, properties at each step), the trace in',
    'the [Informal Trace Format](https://apalache-mc.org/docs/adr/015adr-trace.html) (`.itf.json`;',
    're-render it with `synod trace FILE.itf.json --format text|dot|svg|html`) and the raw trace (`.trace.json`).',
    '',
  ];
  for (const s of specs) {
    if (!existsSync(join(out, `${s.name}.svg`))) continue;
    const itf = JSON.parse(readFileSync(join(out, `${s.name}.itf.json`), 'utf8')) as { states: unknown[]; loop?: number };
    const property = s.expect.kind === 'violates' ? s.expect.property : '';
    const shape = itf.loop === undefined ? `${itf.states.length - 1} steps` : `a lasso of ${itf.states.length - 1} steps`;
    const base = s.name.split('/').pop() ?? s.name;
    lines.push(`## ${s.name}: ${property}, ${shape}`, '');
    if (s.description !== '') lines.push(s.description, '');
    lines.push(`[diagram](${s.name}.svg) · [step through it (HTML)](${s.name}.html) · [DOT](${s.name}.dot) · [ITF](${s.name}.itf.json) · [spec](../${s.file.split('\\').join('/')})`, '');
    lines.push(`![${base}](${s.name}.svg)`, '');
  }
  return lines.join('\n');
}

const args = process.argv.slice(2);
// `--out DIR` writes elsewhere (to compare with the committed files).
const at = args.indexOf('--out');
const out = at >= 0 ? args.splice(at, 2)[1] : 'counterexamples';
// `--also FILE` (repeatable): a spec outside spec/, too slow for the default run, that belongs to the curated set.
const also: string[] = [];
for (let k = args.indexOf('--also'); k >= 0; k = args.indexOf('--also')) also.push(...args.splice(k, 2).slice(1));
const files = args.length > 0 ? findSpecFiles(args) : [...findSpecFiles(['spec']), ...(also.length > 0 ? findSpecFiles(also) : [])];
const buggy = (await loadSpecs(files)).filter((s) => s.expect.kind === 'violates');
process.exitCode = await runCheck({ specs: buggy.map((s) => s.file), json: false, out, write: true, quiet: true, html: true }, print);
// The index lists the whole default set; a run on named specs leaves it alone.
if (args.length === 0) writeFileAtomic(join(out, 'README.md'), index(out, buggy));
