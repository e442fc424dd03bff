/** `synod simulate` as a user runs it: the built CLI (dist/, compiled by `npm test` before vitest runs). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-simulate-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, 'simulate', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const specFile = (name: string, spec: unknown): string => {
  const f = join(tmp, `${name}.json`);
  writeFileSync(f, JSON.stringify(spec));
  return f;
};
const learn = 'spec/paxos/learn-across-ballots.json';
/** Output lines that do not carry wall-clock figures. */
const steady = (out: string) => out.split('\n').filter((l) => !/\d s[,)]/.test(l));

describe('synod simulate', { timeout: 300_000 }, () => {
  it('finds the learnAcrossBallots bug, shrinks it to the 27 steps BFS finds, prints seed and path, writes the files', () => {
    const out = join(tmp, 'cx');
    const r = run(learn, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('simulation: seed 1,');
    expect(r.out).toMatch(/[\d,]+ walks, [\d,]+ steps, [\d.]+ s, [\d,]+ walks\/s, [\d,]+ steps\/s, [\d,]+ distinct states touched/);
    expect(r.out).toContain('verdict: VIOLATION of agreement (expected violates agreement: as expected)');
    expect(r.out).toMatch(/shrunk to 27 steps/);
    expect(r.out).toMatch(/replay: --seed 1 --max-steps 150 --path \d+(:\d+)*/);
    expect(r.out).toMatch(/ 27\. deliver /);
    expect(existsSync(join(out, 'paxos/learn-across-ballots.trace.json'))).toBe(true);
    expect(existsSync(join(out, 'paxos/learn-across-ballots.svg'))).toBe(true);
  });

  it('gives the same output twice for one seed, and replays the printed path alone', () => {
    const a = run(learn, '--seed', '1', '--no-write');
    const b = run(learn, '--seed', '1', '--no-write');
    expect(a.code).toBe(0);
    expect(steady(b.out)).toEqual(steady(a.out));
    const path = /--path (\S+)/.exec(a.out)?.[1] ?? '';
    const ordinals = /successor ordinals: (\S+)/.exec(a.out)?.[1];
    const c = run(learn, '--seed', '1', '--path', path, '--no-write');
    expect(c.code).toBe(0);
    expect(/successor ordinals: (\S+)/.exec(c.out)?.[1]).toBe(ordinals);
  });

  it('exits 0 when a spec expecting pass sees no violation, and says that is no proof', () => {
    const f = specFile('ok', { protocol: 'paxos', params: { maxRound: 1 }, expect: 'pass', simulation: { runs: 200 } });
    const r = run(f, '--seed', '1', '--no-write');
    expect(r.code).toBe(0);
    expect(r.out).toContain('200 walks');
    expect(r.out).toContain('none found (random walks are not a proof');
  });

  it('exits 1 when the verdict is not the expected one', () => {
    const f = specFile('bad', { protocol: 'paxos', params: { maxRound: 2 }, bugs: ['acceptBelowPromise'], expect: 'pass' });
    const r = run(f, '--seed', '1', '--runs', '2000', '--no-write');
    expect(r.code).toBe(1);
    expect(r.out).toContain('NOT AS EXPECTED');
  });

  it('exits 2 on bad input', () => {
    expect(run(learn, '--runs', '0').code).toBe(2);
    expect(run(learn, '--seed', '1.5').code).toBe(2);
    expect(run(learn, '--path', '3:x', '--seed', '1').code).toBe(2);
    expect(run(join(tmp, 'missing.json')).code).toBe(2);
    const f = specFile('badsim', { protocol: 'paxos', expect: 'pass', simulation: { walks: 3 } });
    const r = run(f);
    expect(r.code).toBe(2);
    expect(r.err).toContain('simulation.walks: unknown field');
  });
});
