/** `synod netsim` run as a user would: same seed, same files; bad input, one line and exit 2. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-netsim-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const file = (name: string, v: unknown): string => {
  const f = join(tmp, name);
  writeFileSync(f, JSON.stringify(v));
  return f;
};
const lan = join(process.cwd(), 'networks/lan.json');
const raft = {
  protocol: 'raft',
  params: { servers: 3, maxTerm: 1000, maxLog: 1000, values: 1 },
  netsim: {
    timers: { election: { uniform: [150, 300] }, heartbeat: { constant: 50 } },
    clients: { interval: { exponential: 50 }, timeout: 1000 },
    schedule: [{ at: 2000, crash: 'r1' }, { at: 3000, restart: 'r1' }],
    duration: 5000,
    runs: 2,
  },
  expect: 'pass',
};

describe('synod netsim', { timeout: 120_000 }, () => {
  it('gives the same figures and charts for the same seed, and different ones for another', () => {
    const spec = file('raft-lan.json', raft);
    const outs = ['a', 'b', 'c'].map((d) => join(tmp, d));
    const a = run('netsim', spec, '--network', lan, '--seed', '7', '--out', outs[0]);
    const b = run('netsim', spec, '--network', lan, '--seed', '7', '--out', outs[1]);
    const c = run('netsim', spec, '--network', lan, '--seed', '8', '--out', outs[2]);
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect(a.out).toMatch(/availability [\d.]+%/);
    expect(a.out).toContain('no safety violation in 2 runs (as expected)');
    const dir = (o: string) => join(o, 'raft-lan');
    const names = readdirSync(dir(outs[0])).sort();
    expect(names).toEqual(['figures.json', 'latencies.csv', 'latency-cdf.svg', 'recoveries.csv', 'runs.csv', 'timeline.csv', 'timeline.svg']);
    for (const n of names) expect(readFileSync(join(dir(outs[1]), n), 'utf8')).toBe(readFileSync(join(dir(outs[0]), n), 'utf8'));
    expect(readFileSync(join(dir(outs[2]), 'latencies.csv'), 'utf8')).not.toBe(readFileSync(join(dir(outs[0]), 'latencies.csv'), 'utf8'));
  });

  it('with several specs, also writes a comparison chart, its CSV and latency CDFs', () => {
    const out = join(tmp, 'cmp');
    const one = file('raft-one.json', { ...raft, netsim: { ...raft.netsim, runs: 1 } });
    const two = file('raft-two.json', { ...raft, params: { ...raft.params, preVote: true }, netsim: { ...raft.netsim, runs: 1 } });
    const r = run('netsim', one, two, '--network', lan, '--out', out, '--title', 'two variants');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['comparison-cdf.svg', 'comparison.csv', 'comparison.svg', 'raft-one', 'raft-two']);
    const csv = readFileSync(join(out, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/^raft-one @ lan,raft-one,lan,1,/);
    expect(readFileSync(join(out, 'comparison.svg'), 'utf8')).toContain('>two variants</text>');
  });

  it.each([
    ['a schedule naming an unknown place', { description: 'lan', places: ['r1', 'r2', 'r3'], schedule: [{ at: 10, crash: 'r9' }] }, /bad-net\.json: schedule\[0\]\.crash: unknown place "r9" \(places: r1, r2, r3\)$/],
    ['a schedule event with two actions', { description: 'lan', places: ['r1', 'r2', 'r3'], schedule: [{ at: 10, crash: 'r1', heal: 'all' }] }, /schedule\[0\]: needs exactly one of partition, heal, crash, restart \(got heal and crash\)$/],
    ['fewer places than nodes', { description: 'lan', places: ['r1', 'r2'] }, /netsim\.placement: 3 nodes but bad-net has 2 places: say where each node sits$/],
  ])('rejects %s with one line and exit 2', (_what, net, message) => {
    const r = run('netsim', file('raft-ok.json', raft), '--network', file('bad-net.json', net), '--no-write');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toMatch(message);
  });

  it('rejects a timer the protocol does not have, and a step whose timer has no delay', () => {
    const unknown = run('netsim', file('t1.json', { ...raft, netsim: { ...raft.netsim, timers: { ...raft.netsim.timers, elektion: { constant: 1 } } } }), '--network', lan, '--no-write');
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim()).toMatch(/netsim\.timers\.elektion: raft has no timer "elektion" \(timers: election, heartbeat, quorum, client, default\)$/);
    const missing = run('netsim', file('t2.json', { ...raft, netsim: { ...raft.netsim, timers: { election: { constant: 100 } } } }), '--network', lan, '--no-write');
    expect(missing.code).toBe(2);
    expect(missing.err.trim()).toMatch(/netsim\.timers: s\d's step "sends heartbeats" waits for timer "heartbeat", which has no distribution: add "heartbeat" \(or "default"\)$/);
  });

  // A spec may name a user's ES module, as for `synod check` (relative to the spec file).
  const twoPc = join(process.cwd(), 'examples/two-phase-commit/dist/protocol.js');
  const twoPcSpec = (extra: Record<string, unknown>) => ({
    protocol: twoPc,
    params: { rms: 2 },
    netsim: { timers: { default: { exponential: 5 } }, duration: 1000, runs: 20 },
    expect: 'pass',
    ...extra,
  });

  it('loads a protocol from an ES module: two-phase commit, and its commit-on-first-yes bug caught as it runs', () => {
    const ok = run('netsim', file('2pc.json', twoPcSpec({})), '--network', lan, '--no-write');
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('2pc: two-phase-commit on lan (tm@r1 rm1@r2 rm2@r3), 20 runs × 1,000 ms');
    expect(ok.out).toContain('no safety violation in 20 runs (as expected)');
    const bug = run('netsim', file('2pc-bug.json', twoPcSpec({ bugs: ['commitOnFirstYes'], expect: { violates: 'atomicity' } })), '--network', lan, '--out', join(tmp, '2pc'));
    expect(bug.code).toBe(0);
    expect(bug.out).toMatch(/VIOLATION of atomicity in run \d+ at t=[\d.]+ ms: one resource manager committed and another aborted \(as expected\)/);
    expect(readdirSync(join(tmp, '2pc', '2pc-bug'))).toContain('2pc-bug.trace.json');
  });

  it('a module from a path relative to the spec file; one that cannot be loaded, or exports no protocol, is one line and exit 2', () => {
    const rel = relative(tmp, twoPc).replace(/\\/g, '/');
    expect(rel.startsWith('../')).toBe(true);
    const found = run('netsim', file('rel-ok.json', twoPcSpec({ protocol: rel })), '--network', lan, '--no-write');
    expect([found.code, found.err]).toEqual([0, '']);
    expect(found.out).toContain('rel-ok: two-phase-commit on lan');
    writeFileSync(join(tmp, 'relative.json'), JSON.stringify(twoPcSpec({ protocol: './mod/twopc.mjs' })));
    writeFileSync(join(tmp, 'not-a-protocol.mjs'), 'export const x = 1;\n');
    const missing = run('netsim', join(tmp, 'relative.json'), '--network', lan, '--no-write');
    expect(missing.code).toBe(2);
    expect(missing.out).toBe('');
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err.trim()).toMatch(/relative\.json: protocol: \.\/mod\/twopc\.mjs: cannot load the module \(/);
    const none = run('netsim', file('none.json', twoPcSpec({ protocol: './not-a-protocol.mjs' })), '--network', lan, '--no-write');
    expect(none.code).toBe(2);
    expect(none.err.trim()).toMatch(/none\.json: protocol: \.\/not-a-protocol\.mjs: the module exports no protocol \(exports: x\)$/);
  });

  it('runs client nodes: primary-backup with its operations timed and the history checked for linearizability', () => {
    const pb = {
      protocol: 'primary-backup',
      params: { clients: 2, ops: 100, keys: 2, workload: 'put-get', retries: 3 },
      properties: ['linearizable'],
      netsim: {
        timers: { request: { exponential: 5 }, retry: { constant: 50 }, failover: { constant: 100 } },
        clients: { timeout: 100 },
        fifo: true,
        duration: 2000,
      },
      expect: 'pass',
    };
    const out = join(tmp, 'pb');
    const r = run('netsim', file('pb.json', pb), '--network', lan, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/availability 100\.0% of [\d,]+ client operations answered within 100 ms \(0 retries\)/);
    expect(r.out).toMatch(/operation latency \(invoke to response\) p50 [\d.]+ ms/);
    expect(readdirSync(join(out, 'pb'))).toContain('latency-cdf.svg');
  });
});
