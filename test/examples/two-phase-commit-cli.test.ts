/**
 * examples/two-phase-commit, checked as its user would: the built CLI on
 * spec files that name the compiled module (npm test compiles both first).
 * Generous timeouts: these spawn the CLI and search, on a machine that may
 * be busy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const example = 'examples/two-phase-commit';
const module = resolve(example, 'dist/protocol.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-2pc-'));
const T = 300_000;

const synod = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const specFile = (name: string, spec: Record<string, unknown>): string => {
  const f = join(tmp, `${name}.json`);
  writeFileSync(f, JSON.stringify(spec));
  return f;
};
const json = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('two-phase commit through the CLI', () => {
  it('passes the correct specs, finds both bugs and writes their traces as text, ITF, DOT and SVG', () => {
    expect(existsSync(module)).toBe(true);
    const out = join(tmp, 'cx');
    const r = synod('check', `${example}/specs`, '--quiet', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok   correct: pass');
    expect(r.out).toContain('ok   coordinator-crash: pass');
    expect(r.out).toContain('ok   finishes: pass');
    expect(r.out).toContain('ok   commit-on-first-yes: violation (atomicity), 5 steps');
    expect(r.out).toContain('ok   decision-not-logged: violation (atomicity), 10 steps');
    for (const ext of ['trace.json', 'itf.json', 'dot', 'svg']) expect(existsSync(join(out, `decision-not-logged.${ext}`))).toBe(true);
    const text = synod('trace', join(out, 'decision-not-logged.itf.json'));
    expect(text.code).toBe(0);
    expect(text.out).toContain('tm aborts: no decision in its log');
  }, T);

  it('prints the receiver\'s choice in the trace (choice on receipt)', () => {
    const r = synod('check', `${example}/specs/commit-on-first-yes.json`, '--no-write');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/deliver prepare tm→rm\d: rm\d votes yes/);
    expect(r.out).toMatch(/deliver prepare tm→rm\d: rm\d votes no/);
  }, T);

  it('gives the same figures with two worker threads as with one, and with symmetry fewer states', () => {
    const spec = `${example}/specs/coordinator-crash.json`;
    const [one] = json(synod('check', spec, '--json', '--no-write').out);
    const [two] = json(synod('check', spec, '--json', '--no-write', '--workers', '2').out);
    expect(one.states).toBe(2002);
    expect(two.states).toBe(one.states);
    expect(two.transitions).toBe(one.transitions);
    expect(two.depth).toBe(one.depth);
    expect(two.workers).toBe(2);
    const [sym] = json(synod('check', spec, '--json', '--no-write', '--symmetry').out);
    expect(sym.symmetryGroup).toBe(6);
    expect(sym.states).toBeLessThan(2002);
    const bug = `${example}/specs/decision-not-logged.json`;
    const [b1] = json(synod('check', bug, '--json', '--no-write').out);
    const [b2] = json(synod('check', bug, '--json', '--no-write', '--workers', '2').out);
    expect(b2.traceLength).toBe(b1.traceLength);
    expect(b2.asExpected).toBe(true);
  }, T);

  it('writes JUnit and runs valence analysis and simulation on the module protocol', () => {
    const junit = join(tmp, 'junit.xml');
    const r = synod('check', `${example}/specs/correct.json`, '--junit', junit, '--valence', '--no-write');
    expect(r.code).toBe(0);
    expect(r.out).toContain('valence analysis:');
    expect(readFileSync(junit, 'utf8')).toContain('<testcase classname="synod.two-phase-commit" name="correct"');
    const s = synod('simulate', `${example}/specs/commit-on-first-yes.json`, '--seed', '7', '--no-write');
    expect(s.code).toBe(0);
    expect(s.out).toContain('verdict: VIOLATION of atomicity');
    const l = synod('list', `${example}/dist/protocol.js`);
    expect(l.code).toBe(0);
    expect(l.out).toContain('decisionNotLogged: the coordinator sends its decision before writing it to its log');
  }, T);

  it('reports a vacuous pass (exit 1) naming the witness never reached', () => {
    // The coordinator's prepare never reaches rm1: nothing is ever decided, and atomicity holds trivially.
    const f = specFile('vacuous', { protocol: module, params: { rms: 2 }, topology: { cut: [['tm', 'rm1']] }, reachable: ['committed', 'aborted'], expect: 'pass' });
    const r = synod('check', f, '--no-write');
    expect(r.code).toBe(1);
    expect(r.out).toContain('verdict: pass, but VACUOUS: no reachable world satisfies committed, aborted (expected pass: NOT AS EXPECTED)');
    const [j] = json(synod('check', f, '--no-write', '--json').out);
    expect(j.vacuous).toEqual(['committed', 'aborted']);
    expect(j.asExpected).toBe(false);
  }, T);

  it('stops with one line and exit 2 for a module that is missing or exports no protocol, or a model that breaks the contract', () => {
    const missing = synod('check', specFile('missing', { protocol: './nowhere.js', expect: 'pass' }));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^synod: .*missing\.json: protocol: \.\/nowhere\.js: cannot load the module \(Cannot find module .*\)\n$/);
    const fixtures = resolve('test/checker/fixtures/flawed-models.mjs');
    const set = synod('check', specFile('set', { protocol: `${fixtures}#setState`, expect: 'pass' }));
    expect(set.code).toBe(2);
    expect(set.out).toBe('');
    expect(set.err).toBe('synod: set-state: b: handle(ping from a): state.yes is a Set, not data\n');
    const mutates = synod('check', specFile('mutates', { protocol: `${fixtures}#mutates`, expect: 'pass' }), '--workers', '2');
    expect(mutates.code).toBe(2);
    expect(mutates.err).toMatch(/^synod: mutates: b: handle\(ping from a\) mutates a value it was given in onPing \(fixtures\/flawed-models\.mjs:\d+\) \(.*\); rules must return new values\n$/);
  }, T);
});
