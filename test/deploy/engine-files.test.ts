/**
 * The engine files in deploy/ as a user copies them: they parse, their shard
 * counts agree, every synod command they run exists and takes the flags
 * given, and their scripts, run here with each matrix value or completion
 * index, produce results that merge to one passing report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-deploy-'));
// Runs a dozen CLI processes one after another: at load average 30 on 2 cores this test took 308 s.
const LONG = 900_000;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v as Obj;
};
const at = (v: unknown, ...keys: string[]): unknown => keys.reduce((o, k) => obj(o)[k], v);

/** Every `npx synod <command> ...` in a script: the command and the flags it passes. */
function synodCalls(script: string): { command: string; flags: string[] }[] {
  return [...script.matchAll(/npx synod (\w+)([^\n]*)/g)].map((m) => ({ command: m[1], flags: [...m[2].matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((f) => f[1]) }));
}

const helpOf = new Map<string, string>();
function expectCallsValid(script: string): void {
  const calls = synodCalls(script);
  expect(calls.length).toBeGreaterThan(0);
  for (const c of calls) {
    if (!helpOf.has(c.command)) {
      const r = spawnSync(process.execPath, [main, c.command, '--help'], { encoding: 'utf8' });
      expect(r.status, `synod ${c.command} exists`).toBe(0);
      helpOf.set(c.command, r.stdout);
    }
    for (const f of c.flags) expect(helpOf.get(c.command), `synod ${c.command} takes ${f}`).toMatch(new RegExp(`\\s${f}[\\s,]`));
  }
}

function sh(shell: 'bash' | 'sh', script: string, env: Record<string, string>): { code: number | null; out: string; err: string } {
  const r = spawnSync(shell, ['-c', script], { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A tiny spec set and swarm spec stand in for the user's spec/ and bench/specs/ when the scripts run here.
const specs = join(tmp, 'spec');
mkdirSync(specs);
const small = { protocol: 'paxos', params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 } };
writeFileSync(join(specs, 'ok.json'), JSON.stringify({ ...small, expect: 'pass' }));
writeFileSync(join(specs, 'ok-multiset.json'), JSON.stringify({ ...small, network: 'multiset', expect: 'pass' }));
writeFileSync(join(specs, 'bug.json'), JSON.stringify({ ...small, bugs: ['sharedBallots'], expect: { violates: 'agreement' } }));
const swarmSpec = join(tmp, 'swarm.json');
writeFileSync(swarmSpec, JSON.stringify({ protocol: 'paxos', params: { maxRound: 2 }, bugs: ['acceptBelowPromise'], expect: { violates: 'agreement' }, simulation: { runs: 20000, seed: 3 } }));

describe('deploy/github-actions/synod-sharded.yml', () => {
  const text = readFileSync('deploy/github-actions/synod-sharded.yml', 'utf8');
  const wf = parse(text) as Obj;
  const jobs = obj(wf.jobs);
  const steps = (job: string): Obj[] => (at(jobs, job, 'steps') as unknown[]).map(obj);
  const synodStep = (job: string): string => {
    const s = steps(job).find((x) => typeof x.run === 'string' && x.run.includes('npx synod'));
    if (s === undefined) throw new Error(`${job}: no synod step`);
    return s.run as string;
  };

  it('parses; the matrices and the /N in the commands agree; the merge job waits for both and runs even when a shard failed', () => {
    const shards = at(jobs, 'check', 'strategy', 'matrix', 'shard') as number[];
    const members = at(jobs, 'swarm', 'strategy', 'matrix', 'member') as number[];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, k) => k + 1));
    expect(members).toEqual(Array.from({ length: members.length }, (_, k) => k + 1));
    expect(synodStep('check')).toContain(`--shard \${{ matrix.shard }}/${shards.length} `);
    expect(synodStep('swarm')).toContain(`--shard \${{ matrix.member }}/${members.length} `);
    expect(at(jobs, 'check', 'strategy', 'fail-fast')).toBe(false);
    expect(at(jobs, 'merge', 'needs')).toEqual(['check', 'swarm']);
    expect(at(jobs, 'merge', 'if')).toBe('${{ !cancelled() }}');
    const uploads = ['check', 'swarm'].map((j) => steps(j).find((s) => String(s.uses).startsWith('actions/upload-artifact')));
    for (const u of uploads) expect(String(at(u, 'with', 'name'))).toMatch(/^synod-/);
    const download = steps('merge').find((s) => String(s.uses).startsWith('actions/download-artifact'));
    expect(at(download, 'with', 'pattern')).toBe('synod-*');
  });

  it('runs synod commands that exist with flags they take', () => {
    for (const job of ['check', 'swarm', 'merge']) expectCallsValid(synodStep(job));
  }, LONG);

  it('its scripts, run for every matrix value and then the merge, give one passing report', () => {
    const results = join(tmp, 'gh');
    const env = { SPECS: specs, SWARM_SPEC: swarmSpec, SWARM_TIME_LIMIT: '120' };
    const count = (at(jobs, 'check', 'strategy', 'matrix', 'shard') as number[]).length;
    for (const [job, key] of [['check', 'shard'], ['swarm', 'member']] as const) {
      for (let i = 1; i <= count; i++) {
        // Each job uploads its own folder; download-artifact puts each artifact in a folder of its name.
        const script = synodStep(job).replaceAll(`\${{ matrix.${key} }}`, String(i));
        const r = sh('bash', `set -eo pipefail\n${script}`, { ...env, RESULTS: join(results, `synod-${job}-${i}`) });
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
      }
    }
    const m = sh('bash', `set -eo pipefail\n${synodStep('merge')}`, { ...env, RESULTS: results });
    expect(m.code).toBe(0);
    expect(m.out).toContain(`3 specs in ${count} shards (${count} complete)`);
    expect(m.out).toContain(`swarm of ${count} members (${count} present)`);
    expect(m.out).toContain('verdict: VIOLATION of agreement (expected violates agreement: as expected)');
    expect(existsSync(join(results, 'synod-junit.xml'))).toBe(true);
  }, LONG);
});

describe('deploy/kubernetes: an Indexed Job of shards and a merge Job', () => {
  const docs = parseAllDocuments(readFileSync('deploy/kubernetes/synod-shards.yaml', 'utf8')).map((d) => obj(d.toJS()));
  const merge = obj(parse(readFileSync('deploy/kubernetes/synod-merge.yaml', 'utf8')));
  const claim = docs.find((d) => d.kind === 'PersistentVolumeClaim');
  const job = docs.find((d) => d.kind === 'Job');
  const container = (j: unknown): Obj => obj((at(j, 'spec', 'template', 'spec', 'containers') as unknown[])[0]);
  const script = (j: unknown): string => {
    const c = container(j).command as string[];
    expect(c.slice(0, 2)).toEqual(['sh', '-c']);
    return c[2];
  };
  const envOf = (j: unknown): Record<string, string> => Object.fromEntries((container(j).env as { name: string; value: string }[]).map((e) => [e.name, e.value]));

  it('parse; the Job is Indexed with completions = parallelism = the N of --shard, and both Jobs share the results volume', () => {
    expect(claim).toBeDefined();
    expect(at(job, 'spec', 'completionMode')).toBe('Indexed');
    const n = at(job, 'spec', 'completions') as number;
    expect(at(job, 'spec', 'parallelism')).toBe(n);
    expect(script(job)).toContain('shard=$((JOB_COMPLETION_INDEX + 1))');
    expect(script(job)).toContain(`--shard "$shard/${n}"`);
    expect(at(merge, 'kind')).toBe('Job');
    for (const j of [job, merge]) {
      expect(at(j, 'spec', 'template', 'spec', 'restartPolicy')).toBe('Never');
      const volume = obj((at(j, 'spec', 'template', 'spec', 'volumes') as unknown[])[0]);
      expect(at(volume, 'persistentVolumeClaim', 'claimName')).toBe(at(claim, 'metadata', 'name'));
      const mount = obj((container(j).volumeMounts as unknown[])[0]);
      expect(mount.name).toBe(volume.name);
      expect(mount.mountPath).toBe(envOf(j).RESULTS);
    }
  });

  it('run synod commands that exist with flags they take', () => {
    expectCallsValid(script(job));
    expectCallsValid(script(merge));
  }, LONG);

  it('their scripts, run for every completion index, merge to a pass; a shard that failed on bad input is reported missing', () => {
    const n = at(job, 'spec', 'completions') as number;
    const results = join(tmp, 'k8s');
    for (let k = 0; k < n; k++) {
      const r = sh('sh', script(job), { ...envOf(job), SPECS: specs, RESULTS: results, JOB_COMPLETION_INDEX: String(k) });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(existsSync(join(results, `check-${k + 1}.jsonl`))).toBe(true);
    }
    const m = sh('sh', script(merge), { ...envOf(merge), RESULTS: results });
    expect(m.code).toBe(0);
    expect(m.out).toContain(`3 specs in ${n} shards (${n} complete)`);
    expect(existsSync(join(results, 'synod-junit.xml'))).toBe(true);

    // A shard given a bad spec folder fails its pod (exit 2, retried by the Job) and leaves no result: the merge says so.
    const broken = join(tmp, 'k8s-broken');
    for (let k = 0; k < n; k++) sh('sh', script(job), { ...envOf(job), SPECS: k === 1 ? join(tmp, 'nowhere') : specs, RESULTS: broken, JOB_COMPLETION_INDEX: String(k) });
    expect(existsSync(join(broken, 'check-2.jsonl'))).toBe(false);
    const p = sh('sh', script(merge), { ...envOf(merge), RESULTS: broken });
    expect(p.code).toBe(3);
    expect(p.out).toContain(`PARTIAL: shard 2/${n} missing: not a pass`);
  }, LONG);
});
