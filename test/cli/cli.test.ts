/** The built CLI (dist/, compiled by `npm test` before vitest runs), run as a user would. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-cli-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const specFile = (name: string, spec: unknown): string => {
  const f = join(tmp, `${name}.json`);
  writeFileSync(f, JSON.stringify(spec));
  return f;
};
const small = { protocol: 'paxos', params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 } };

describe('synod check', { timeout: 300_000 }, () => {
  it('exits 0 and prints figures when every verdict is as expected', () => {
    const r = run('check', specFile('ok', { ...small, expect: 'pass' }), '--no-write');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/[\d,]+ states, [\d,]+ transitions, depth \d+/);
    expect(r.out).toContain('verdict: pass (expected pass: as expected)');
  });

  it('--no-reduce keeps every message as sent: same verdict, more states', () => {
    const f = specFile('reduce', { ...small, expect: 'pass' });
    const states = (args: string[]): number => JSON.parse(run('check', f, '--no-write', '--json', ...args).out.trim()).states as number;
    const on = states([]);
    const off = states(['--no-reduce']);
    expect(off).toBeGreaterThan(on);
    const r = run('check', f, '--no-write', '--no-reduce');
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: pass (expected pass: as expected)');
  }, 120_000);

  it('a folder named deep is the deep tier: skipped unless --deep or named itself', () => {
    const dir = join(tmp, 'tiers');
    mkdirSync(join(dir, 'deep'), { recursive: true });
    writeFileSync(join(dir, 'quick.json'), JSON.stringify({ ...small, expect: 'pass' }));
    writeFileSync(join(dir, 'deep', 'slow.json'), JSON.stringify({ ...small, expect: 'pass' }));
    expect(run('check', dir, '--no-write', '--quiet').out).toContain('1 specs: 1 as expected');
    expect(run('check', dir, '--deep', '--no-write', '--quiet').out).toContain('2 specs: 2 as expected');
    expect(run('check', join(dir, 'deep'), '--no-write', '--quiet').out).toContain('1 specs: 1 as expected');
  }, 120_000);

  it('exits 0 on an expected violation, prints the numbered trace and writes it', () => {
    const out = join(tmp, 'cx');
    const f = specFile('bug', { ...small, bugs: ['ignorePromisedValues'], params: { ...small.params, maxRound: 2 }, expect: { violates: 'agreement' } });
    const r = run('check', f, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('VIOLATION of agreement');
    expect(r.out).toMatch(/ 1\. p\d starts ballot \d with v\d/);
    expect(r.out).toMatch(/deliver 1b\(b=\d, acc=/);
    const trace = JSON.parse(readFileSync(join(out, 'bug.trace.json'), 'utf8'));
    expect(trace.violation.property).toBe('agreement');
    expect(trace.steps.length).toBeGreaterThan(0);
  });

  it('exits 1 when a verdict is not as expected', () => {
    const r = run('check', specFile('wrong', { ...small, bugs: ['ignorePromisedValues'], params: { ...small.params, maxRound: 2 }, expect: 'pass' }), '--no-write');
    expect(r.code).toBe(1);
    expect(r.out).toContain('NOT AS EXPECTED');
  });

  it('exits 1 when an expected violation is not found', () => {
    const r = run('check', specFile('missing', { ...small, expect: { violates: 'agreement' } }), '--no-write');
    expect(r.code).toBe(1);
  });

  it('exits 2 with one line naming file and field on a bad spec', () => {
    const f = specFile('bad', { ...small, params: { acceptors: 0 }, expect: 'pass' });
    const r = run('check', f);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`${f}: params.acceptors: must be an integer from 1 to 7 (got 0)`);
  });

  it('exits 2 on a missing file, malformed JSON, an unknown option', () => {
    expect(run('check', join(tmp, 'nope.json')).code).toBe(2);
    const f = join(tmp, 'broken.json');
    writeFileSync(f, '{');
    const r = run('check', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid JSON/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(run('check', '--frobnicate').code).toBe(2);
  });

  it('exits 3 when a bound stops the search first', () => {
    const r = run('check', specFile('bounded', { ...small, bounds: { maxStates: 100 }, expect: 'pass' }), '--no-write');
    expect(r.code).toBe(3);
    expect(r.out).toContain('INCOMPLETE (states limit reached)');
  });

  it('--json prints one object per spec with the agreed fields', () => {
    const r = run('check', specFile('j', { ...small, expect: 'pass' }), '--json', '--no-write');
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]);
    for (const k of ['spec', 'protocol', 'verdict', 'expected', 'asExpected', 'states', 'transitions', 'depth', 'seconds']) expect(o).toHaveProperty(k);
    expect(o.verdict).toBe('pass');
    expect(o.asExpected).toBe(true);
  });

  it('with no argument runs every spec under ./spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synod-default-'));
    mkdirSync(join(dir, 'spec', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'spec', 'a.json'), JSON.stringify({ ...small, expect: 'pass' }));
    writeFileSync(join(dir, 'spec', 'sub', 'b.json'), JSON.stringify({ ...small, expect: 'pass' }));
    const r = spawnSync(process.execPath, [main, 'check', '--quiet', '--no-write'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ok   a: pass');
    expect(r.stdout).toContain('ok   sub/b: pass');
    expect(existsSync(join(dir, 'counterexamples'))).toBe(false);
  });
});

describe('synod check --junit', { timeout: 300_000 }, () => {
  it('writes one test case per spec, with a failure for a verdict not as expected', () => {
    const xml = join(tmp, 'reports', 'junit.xml');
    const ok = specFile('junit-ok', { ...small, expect: 'pass' });
    const bad = specFile('junit-bad', { ...small, bugs: ['ignorePromisedValues'], params: { ...small.params, maxRound: 2 }, expect: 'pass' });
    const r = run('check', ok, bad, '--no-write', '--quiet', '--junit', xml);
    expect(r.code).toBe(1);
    const text = readFileSync(xml, 'utf8');
    expect(text).toContain('tests="2" failures="1" errors="0"');
    expect(text.match(/<testcase /g)).toHaveLength(2);
    expect(text).toMatch(/<failure type="violation" message="expected pass, got violation of agreement/);
  });
});

describe('synod list', { timeout: 300_000 }, () => {
  it('lists protocols with parameters, bugs and properties', () => {
    const r = run('list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('paxos:');
    expect(r.out).toContain('acceptBelowPromise');
    expect(r.out).toContain('agreement:');
  });
});
