import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Outcome, Run } from '../../../bench/mutate/report.js';
import { blobHash, hashAtCommit, mergeParts, specsAtCommit, StaleCheckError, type Sources } from '../../../bench/mutate/stale.js';

const tmp = mkdtempSync(join(tmpdir(), 'synod-stale-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const o = (file: string, line: number, killed: boolean): Outcome => ({ id: `${file}:${line}:1:<-><=`, file, line, fn: 'f', from: '<', to: '<=', start: 0, end: 1, killed, seconds: 1 });
const run = (outcomes: Outcome[], extra: Partial<Run> = {}): Run => ({ outcomes, planned: outcomes.length, done: true, planted: false, jobs: 1, wall: 1, cpu: 1, specs: { x: [{ spec: 'spec/x/a.json' }, { spec: 'spec/x/b.json' }] }, ...extra });

/** Files as they are "now", and at commits, by hand. */
const now: Record<string, string> = { 'src/model/x/a.ts': 'a v2', 'src/model/x/b.ts': 'b v1' };
const then: Record<string, Record<string, string>> = { c1: { 'src/model/x/a.ts': 'a v1', 'src/model/x/b.ts': 'b v1' } };
const sources: Sources = {
  current: (f) => (now[f] === undefined ? undefined : blobHash(now[f])),
  atCommit: (c, f) => (then[c]?.[f] === undefined ? undefined : blobHash(then[c][f])),
  specsAt: () => new Map([['x', ['spec/x/a.json', 'spec/x/b.json']]]),
};

describe('blob hashes', () => {
  it("are git's object ids of the content, so a recorded hash can be looked up with git", () => {
    const f = join(tmp, 'some.ts');
    writeFileSync(f, 'export const x = 1;\n');
    expect(blobHash(readFileSync(f))).toBe(execFileSync('git', ['hash-object', f], { encoding: 'utf8' }).trim());
    expect(blobHash('export const x = 1;\n')).toBe(blobHash(readFileSync(f)));
  });

  it('are read at a commit by git, and are undefined where git cannot show the file', () => {
    const repo = join(tmp, 'repo');
    const git = (...a: string[]): string => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8' }).trim();
    execFileSync('git', ['init', '-q', repo]);
    writeFileSync(join(repo, 'f.ts'), 'one\n');
    writeFileSync(join(repo, 'spec.json'), '{}');
    git('add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'one');
    const c = git('rev-parse', 'HEAD');
    expect(hashAtCommit(repo, c, 'f.ts')).toBe(blobHash('one\n'));
    expect(hashAtCommit(repo, c, 'missing.ts')).toBeUndefined();
    expect(hashAtCommit(repo, '0'.repeat(40), 'f.ts')).toBeUndefined();
    expect(specsAtCommit(repo, c).size).toBe(0);
  });
});

describe('merging parts', () => {
  it('drops the outcomes of a file changed since the part recorded its hash, lists them, and keeps the rest', () => {
    const m = mergeParts([{ name: 'p1', run: run([o('src/model/x/a.ts', 1, true), o('src/model/x/b.ts', 1, false)], { files: { 'src/model/x/a.ts': blobHash('a v1'), 'src/model/x/b.ts': blobHash('b v1') } }) }], sources);
    expect(m.outcomes.map((x) => x.id)).toEqual(['src/model/x/b.ts:1:1:<-><=']);
    expect(m.stale).toEqual([{ part: 'p1', file: 'src/model/x/a.ts', outcomes: 1, from: 'recorded' }]);
    expect(m.provenance.get('src/model/x/b.ts')).toEqual([{ part: 'p1', hash: blobHash('b v1') }]);
  });

  it('falls back on the commit of a run made before hashes were recorded', () => {
    const m = mergeParts([{ name: 'old', run: run([o('src/model/x/a.ts', 1, true), o('src/model/x/b.ts', 2, true)], { commit: 'c1' }) }], sources);
    expect(m.outcomes.map((x) => x.file)).toEqual(['src/model/x/b.ts']);
    expect(m.stale).toEqual([{ part: 'old', file: 'src/model/x/a.ts', outcomes: 1, from: 'commit c1' }]);
  });

  it('lets a fresh later part replace a stale earlier one, and never a stale part a fresh one', () => {
    const oldA = run([o('src/model/x/a.ts', 1, false)], { commit: 'c1' });
    const newA = run([o('src/model/x/a.ts', 1, true)], { files: { 'src/model/x/a.ts': blobHash('a v2') } });
    for (const parts of [[{ name: 'old', run: oldA }, { name: 'new', run: newA }], [{ name: 'new', run: newA }, { name: 'old', run: oldA }]]) {
      const m = mergeParts(parts, sources);
      expect(m.outcomes).toHaveLength(1);
      expect(m.outcomes[0]).toMatchObject({ killed: true, part: 'new' });
      expect(m.stale.map((s) => s.part)).toEqual(['old']);
    }
  });

  it('fails with one line when a part has neither a hash nor a commit git can show', () => {
    expect(() => mergeParts([{ name: 'bare', run: run([o('src/model/x/a.ts', 1, true)]) }], sources)).toThrow(new StaleCheckError('bare: records neither a hash of src/model/x/a.ts nor a commit, so its outcomes cannot be checked against the file as it is now; rerun them (--only src/model/x/a.ts)'));
    expect(() => mergeParts([{ name: 'lost', run: run([o('src/model/x/a.ts', 1, true)], { commit: 'c9' }) }], sources)).toThrow(/^lost: records no hash of src\/model\/x\/a\.ts, and git cannot show it at the run's commit c9/);
  });

  it('counts a survivor of a rerun against some specs only on top of a fresh full outcome, and its kills alone', () => {
    const full = run([o('src/model/x/b.ts', 1, false)], { commit: 'c1' });
    const rerun = run([o('src/model/x/b.ts', 1, false), o('src/model/x/b.ts', 2, false), o('src/model/x/b.ts', 3, true)], { commit: 'c1', specs: { x: [{ spec: 'spec/x/b.json' }] } });
    const m = mergeParts([{ name: 'full', run: full }, { name: 'rerun', run: rerun }], sources);
    expect(m.outcomes.map((x) => [x.line, x.killed, x.part])).toEqual([[1, false, 'rerun'], [3, true, 'rerun']]);
    expect(m.unsupported.map((x) => x.line)).toEqual([2]);
    // A child lost on the added specs leaves the full outcome standing.
    const lost = run([{ ...o('src/model/x/b.ts', 1, false), how: 'lost: the child died, exit SIGTRAP: ' }], { commit: 'c1', specs: { x: [{ spec: 'spec/x/b.json' }] } });
    expect(mergeParts([{ name: 'full', run: full }, { name: 'lost', run: lost }], sources).outcomes).toMatchObject([{ line: 1, part: 'full' }]);
    // A run that says it ran --specs is taken at its word.
    const said = mergeParts([{ name: 'said', run: run([o('src/model/x/b.ts', 2, false)], { files: { 'src/model/x/b.ts': blobHash('b v1') }, specsSubset: true }) }], sources);
    expect(said.outcomes).toHaveLength(0);
    expect(said.unsupported).toHaveLength(1);
  });
});

describe('npm run mutate -- --report --merge (the built runner)', () => {
  const runner = join(process.cwd(), 'dist/bench/mutate/run.js');
  const file = 'src/model/multipaxos/leader.ts';
  const real = (extra: Partial<Run>, killed: boolean): Run => run([o(file, 1, killed)], { specs: {}, ...extra });

  it('lists a part whose file changed since as stale, to rerun, and scores only fresh outcomes', () => {
    writeFileSync(join(tmp, 'stale.json'), JSON.stringify(real({ files: { [file]: blobHash('an older text') } }, true)));
    writeFileSync(join(tmp, 'fresh.json'), JSON.stringify(real({ files: { 'src/model/multipaxos/acceptor.ts': blobHash(readFileSync('src/model/multipaxos/acceptor.ts')) } }, true)));
    const fresh = JSON.parse(readFileSync(join(tmp, 'fresh.json'), 'utf8')) as Run;
    writeFileSync(join(tmp, 'fresh.json'), JSON.stringify({ ...fresh, outcomes: [o('src/model/multipaxos/acceptor.ts', 1, false)] }));
    const r = spawnSync(process.execPath, [runner, '--report', '--merge', `${join(tmp, 'stale')},${join(tmp, 'fresh')}`, '--out', join(tmp, 'merged')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const page = readFileSync(join(tmp, 'merged.md'), 'utf8');
    expect(page).toContain(`- ${file}: 1 outcomes of ${join(tmp, 'stale')} (hash from recorded): the file has changed since; rerun \`--only ${file}\``);
    expect(page).toContain('- mutants: 1; killed 0; survived 1');
    expect(page).toMatch(/\| multipaxos\/ \| 1 of \d+ \| [^|]*leader\.ts/);
    expect(page).toContain('| src/model/multipaxos/acceptor.ts | 1 | 0 | 1 | fresh |');
  }, 120_000);

  it('exits 2 with one line, and writes nothing, when a part cannot be checked', () => {
    writeFileSync(join(tmp, 'bare.json'), JSON.stringify(real({}, true)));
    const r = spawnSync(process.execPath, [runner, '--report', '--merge', join(tmp, 'bare'), '--out', join(tmp, 'bare-merged')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`mutate: ${join(tmp, 'bare')}: records neither a hash of ${file} nor a commit, so its outcomes cannot be checked against the file as it is now; rerun them (--only ${file})`]);
    expect(() => readFileSync(join(tmp, 'bare-merged.md'))).toThrow();
  }, 120_000);
});
