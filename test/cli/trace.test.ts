/** `synod trace` and the counterexample files of `synod check`, run from dist/ as a user would. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromItf } from '../../src/checker/report/itf.js';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-trace-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const specFile = (name: string, spec: unknown): string => {
  const f = join(tmp, `${name}.json`);
  writeFileSync(f, JSON.stringify(spec));
  return f;
};
const params = { acceptors: 3, proposers: 2, values: 2, maxRound: 2 };
const bug = specFile('bug', { protocol: 'paxos', params, bugs: ['ignorePromisedValues'], expect: { violates: 'agreement' } });
const out = join(tmp, 'cx');
const checked = run('check', bug, '--out', out);
const file = (ext: string) => join(out, `bug.${ext}`);

describe('synod check writes each counterexample as ITF, DOT and SVG', { timeout: 120_000 }, () => {
  it('writes the four files and names them', () => {
    expect(checked.code).toBe(0);
    for (const ext of ['trace.json', 'itf.json', 'dot', 'svg']) expect(existsSync(file(ext))).toBe(true);
    expect(checked.out).toContain(`diagram ${file('svg')}`);
    expect(readFileSync(file('svg'), 'utf8')).toContain('VIOLATED: agreement');
  });

  it('writes the same bytes on a second run (no timestamps)', () => {
    const again = join(tmp, 'again');
    expect(run('check', bug, '--out', again, '--quiet').code).toBe(0);
    for (const ext of ['itf.json', 'dot', 'svg']) expect(readFileSync(join(again, `bug.${ext}`), 'utf8')).toBe(readFileSync(file(ext), 'utf8'));
  });

  it('writes the HTML trace beside the SVG with --html, and only then', () => {
    expect(existsSync(file('html'))).toBe(false);
    const withHtml = join(tmp, 'html');
    const r = run('check', bug, '--out', withHtml, '--html');
    expect(r.code).toBe(0);
    const page = join(withHtml, 'bug.html');
    expect(r.out).toContain(`HTML ${page}`);
    const text = readFileSync(page, 'utf8');
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(text).toContain('<svg');
    expect(text).toContain('"property":"agreement"');
    // re-rendered from the ITF file alone, the page is the same
    const again = run('trace', file('itf.json'), '--format', 'html');
    expect(again.code).toBe(0);
    expect(again.out).toBe(text);
  });
});

describe('synod trace', { timeout: 120_000 }, () => {
  it('round-trips: the ITF file parses to the trace the checker found', () => {
    const trace = JSON.parse(readFileSync(file('trace.json'), 'utf8'));
    expect(fromItf(JSON.parse(readFileSync(file('itf.json'), 'utf8'))).trace).toEqual(trace);
  });

  it('re-renders the text trace from the ITF file alone', () => {
    const r = run('trace', file('itf.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('bug: paxos acceptors=3 proposers=2 values=2 maxRound=2 bugs=ignorePromisedValues');
    expect(r.out).toMatch(/ 1\. p\d starts ballot \d with v\d/);
    expect(r.out).toContain('violated: agreement');
    // the same lines `synod check` printed for this trace
    const printed = checked.out.split('\n');
    const from = printed.findIndex((l) => l.includes('initial state:'));
    const to = printed.findIndex((l) => l.includes('trace written to'));
    expect(r.out.trimEnd().split('\n').slice(1)).toEqual(printed.slice(from, to));
  });

  it('re-renders the DOT diagram and the SVG identical to what check wrote', () => {
    const dot = run('trace', file('itf.json'), '--format', 'dot');
    expect(dot.code).toBe(0);
    expect(dot.out).toBe(readFileSync(file('dot'), 'utf8'));
    const svg = join(tmp, 'again.svg');
    expect(run('trace', file('itf.json'), '--format', 'svg', '--out', svg).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toBe(readFileSync(file('svg'), 'utf8'));
    for (const node of ['a1', 'a2', 'a3', 'p1', 'p2']) expect(text).toContain(`>${node} (`);
  });

  it('exits 2 with one line on a missing or unreadable file, or a bad format', () => {
    for (const args of [['trace', join(tmp, 'nope.itf.json')], ['trace', bug], ['trace', file('itf.json'), '--format', 'png']]) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n').length).toBeLessThanOrEqual(3);
      expect(r.err).toMatch(/synod: |Invalid values/);
    }
    expect(run('trace', bug).err).toContain('#meta');
  });
});

describe('synod check --dump-graph', { timeout: 300_000 }, () => {
  it('writes the state graph of a small spec', () => {
    const tiny = specFile('tiny', { protocol: 'paxos', params: { acceptors: 2, proposers: 1, values: 1, maxRound: 1 }, expect: 'pass' });
    const g = join(tmp, 'tiny.dot');
    const r = run('check', tiny, '--no-write', '--quiet', '--dump-graph', g);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/state graph of tiny: \d+ states, \d+ edges written to/);
    expect(readFileSync(g, 'utf8')).toMatch(/^digraph states \{/);
  });

  it('refuses a spec past the cap with one line and exit 2', () => {
    const r = run('check', bug, '--no-write', '--dump-graph', join(tmp, 'big.dot'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('more than 2000 states');
  });
});
