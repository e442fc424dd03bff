/**
 * `--shard I/N` and `synod merge` end to end: N local processes run side by
 * side, as CI matrix jobs or Kubernetes pods would, and their --json outputs
 * merge to one report and one exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-shard-'));
const LONG = 300_000;

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** Runs the commands as parallel processes, stdout of each into its file. */
function side(commands: readonly { args: readonly string[]; file: string }[]): Promise<(number | null)[]> {
  return Promise.all(
    commands.map(
      (c) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [main, ...c.args], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.on('close', (code) => {
            writeFileSync(c.file, out);
            resolve(code);
          });
        }),
    ),
  );
}

const small = { protocol: 'paxos', params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 } };
const specs = join(tmp, 'spec');
mkdirSync(join(specs, 'more'), { recursive: true });
const specFiles: Record<string, unknown> = {
  'ok-set': { ...small, expect: 'pass' },
  'ok-multiset': { ...small, network: 'multiset', expect: 'pass' },
  'more/shared-ballots': { ...small, bugs: ['sharedBallots'], expect: { violates: 'agreement' } },
  'more/accept-below-promise': { ...small, params: { ...small.params, maxRound: 2 }, bugs: ['acceptBelowPromise'], expect: { violates: 'agreement' } },
  'ok-one-proposer': { ...small, params: { ...small.params, proposers: 1 }, expect: 'pass' },
};
for (const [name, spec] of Object.entries(specFiles)) writeFileSync(join(specs, `${name}.json`), JSON.stringify(spec));

describe('synod check --shard I/N, merged', () => {
  it('three shards side by side run every spec exactly once and merge to exit 0; without one shard the merge is partial, exit 3', async () => {
    const out = join(tmp, 'check');
    mkdirSync(out);
    const codes = await side([1, 2, 3].map((i) => ({ args: ['check', specs, '--shard', `${i}/3`, '--json', '--out', join(out, `cx-${i}`)], file: join(out, `shard-${i}.jsonl`) })));
    expect(codes).toEqual([0, 0, 0]);
    const ran = [1, 2, 3].flatMap((i) =>
      readFileSync(join(out, `shard-${i}.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; spec?: string })
        .filter((r) => r.kind === 'check-spec')
        .map((r) => r.spec),
    );
    expect(ran.sort()).toEqual(['more/accept-below-promise', 'more/shared-ballots', 'ok-multiset', 'ok-one-proposer', 'ok-set']);

    // The folder holds the counterexample files too: merge reads only the results.
    const junit = join(out, 'merged.xml');
    const m = run('merge', out, '--junit', junit);
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^check: spec set [0-9a-f]{16}, 5 specs in 3 shards \(3 complete\)$/m);
    expect(m.out).toMatch(/ok {3}more\/shared-ballots: violation \(agreement\), \d+ steps, [\d,]+ states, [\d.]+ s \[shard 2\/3\]/);
    expect(m.out).toContain('5 of 5 specs as expected');
    expect(m.out.trim().split('\n').at(-1)).toBe('merged 1 run: every verdict as expected (exit 0)');
    expect(readFileSync(junit, 'utf8')).toContain('tests="5" failures="0" errors="0"');

    rmSync(join(out, 'shard-2.jsonl'));
    const partial = run('merge', out);
    expect(partial.code).toBe(3);
    expect(partial.out).toContain('PARTIAL: shard 2/3 missing: not a pass');
    expect(partial.out).toContain('NOT RUN ok-set [shard 2/3]');
    expect(partial.out).toContain('NOT RUN more/shared-ballots [shard 2/3]');
  }, LONG);

  it('in text mode says which part of which set it runs; bad shards and bad results are one line, exit 2', () => {
    const r = run('check', specs, '--shard', '3/3', '--no-write', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^shard 3\/3: 1 of 5 specs \(spec set [0-9a-f]{16}\)/);
    for (const bad of ['0/3', '4/3', 'x']) {
      const b = run('check', specs, '--shard', bad);
      expect(b.code).toBe(2);
      expect(b.err.trim().split('\n')).toHaveLength(1);
    }
    const junk = join(tmp, 'junk.json');
    writeFileSync(junk, '{"verdict":"pass"}\n');
    const j = run('merge', junk);
    expect(j.code).toBe(2);
    expect(j.err).toBe(`synod: ${junk}:1: not a shard result (run synod check or simulate with --shard I/N --json)\n`);
    expect(run('merge', join(tmp, 'nowhere')).code).toBe(2);
  }, LONG);
});

describe('synod simulate --shard I/N, merged', () => {
  const bug = join(tmp, 'sim-bug.json');
  writeFileSync(bug, JSON.stringify({ protocol: 'paxos', params: { maxRound: 2 }, bugs: ['acceptBelowPromise'], expect: { violates: 'agreement' }, simulation: { runs: 20000, seed: 5 } }));
  const ok = join(tmp, 'sim-ok.json');
  writeFileSync(ok, JSON.stringify({ protocol: 'paxos', params: { maxRound: 2 }, expect: 'pass', simulation: { runs: 300, seed: 5 } }));

  it('four members side by side find the violation; the merge prints the shortest trace and a replay line that replays it', async () => {
    const out = join(tmp, 'swarm');
    mkdirSync(out);
    const codes = await side([1, 2, 3, 4].map((i) => ({ args: ['simulate', bug, '--shard', `${i}/4`, '--json', '--no-write'], file: join(out, `member-${i}.json`) })));
    expect(codes).toEqual([0, 0, 0, 0]);
    const m = run('merge', out);
    expect(m.code).toBe(0);
    expect(m.out).toContain('swarm of 4 members (4 present)');
    expect(m.out).toContain('verdict: VIOLATION of agreement (expected violates agreement: as expected)');
    expect(m.out).toMatch(/first counterexample after [\d.]+ s \([\d.]+ CPU s\) of search, by member \d\/4/);
    const shortest = /shortest counterexample: (\d+) steps, by member (\d)\/4/.exec(m.out);
    expect(shortest).not.toBeNull();
    const replay = /replay: npx synod simulate (.+)$/m.exec(m.out)?.[1] ?? '';
    expect(replay).toMatch(new RegExp(`--shard ${shortest?.[2]}/4 --seed 5 --max-steps 100 --path \\d+(:\\d+)*$`));
    expect(m.out).toMatch(/violated: agreement/);
    // The replay line, run as printed, takes exactly the shortest walk.
    const again = run('simulate', ...replay.split(' '), '--no-write');
    expect(again.code).toBe(0);
    expect(again.out).toContain(`replayed walk: ${shortest?.[1]} steps`);
    const lengths = [1, 2, 3, 4].map((i) => (JSON.parse(readFileSync(join(out, `member-${i}.json`), 'utf8')) as { found?: { path: number[] } }).found?.path.length ?? Infinity);
    expect(Number(shortest?.[1])).toBe(Math.min(...lengths));
  }, LONG);

  it('four members on a correct spec merge to a pass marked bounded (simulation), exit 0; three of four are partial, exit 3', async () => {
    const out = join(tmp, 'swarm-ok');
    mkdirSync(out);
    const codes = await side([1, 2, 3, 4].map((i) => ({ args: ['simulate', ok, '--shard', `${i}/4`, '--json'], file: join(out, `member-${i}.json`) })));
    expect(codes).toEqual([0, 0, 0, 0]);
    const m = run('merge', out, '--junit', join(out, 'junit.xml'));
    expect(m.code).toBe(0);
    expect(m.out).toContain('verdict: pass, bounded (simulation): no violation in 1,200 walks of up to 50-200 steps by 4 members; random walks are not a proof (expected pass: as expected)');
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('tests="1" failures="0" errors="0"');
    rmSync(join(out, 'junit.xml'));
    rmSync(join(out, 'member-3.json'));
    const partial = run('merge', out);
    expect(partial.code).toBe(3);
    expect(partial.out).toContain('PARTIAL: member 3/4 missing: not a pass');
  }, LONG);

  it('refuses to merge members of one swarm split different ways', async () => {
    const out = join(tmp, 'mixed');
    mkdirSync(out);
    await side([
      { args: ['simulate', ok, '--shard', '1/2', '--json', '--runs', '20'], file: join(out, 'a.json') },
      { args: ['simulate', ok, '--shard', '2/3', '--json', '--runs', '20'], file: join(out, 'b.json') },
    ]);
    const m = run('merge', out);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/shards split 2 ways .* and 3 ways .*: merge the shards of one run/);
  }, LONG);
});
