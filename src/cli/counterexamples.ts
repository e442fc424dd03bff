/**
 * `npm run counterexamples`: regenerates counterexamples/, one trace (JSON
 * and ITF), DOT diagram and SVG per buggy spec, that is per spec under
 * spec/ (or the given files and folders) that expects a violation. Specs
 * under a big/ folder are left out unless named.
 * Deterministic: an unchanged model gives byte-identical files.
 * Usage: node dist/src/cli/counterexamples.js [--out DIR] [spec files or folders]
 */
import { readFileSync } from 'node:fs';
import { parseSpec } from '../checker/spec.js';
import { findProtocol } from '../model/registry.js';
import { runCheck } from './check.js';
import { findSpecFiles } from './spec-files.js';

const args = process.argv.slice(2);
// `--out DIR` writes elsewhere (to compare with the committed files).
const at = args.indexOf('--out');
const out = at >= 0 ? args.splice(at, 2)[1] : 'counterexamples';
// spec/**/big/ holds specs too large for a default run (minutes each): only when named.
const files = args.length > 0 ? findSpecFiles(args) : findSpecFiles(['spec']).filter((f) => !f.split(/[\\/]/).includes('big'));
const buggy = files.filter((f) => parseSpec(f, readFileSync(f, 'utf8'), findProtocol).expect.kind === 'violates');
process.exitCode = await runCheck({ specs: buggy, json: false, out, write: true, quiet: true }, (line) => void process.stdout.write(line + '\n'));
