/**
 * Time to the first counterexample for swarms of 1, 2 and 4 members run side
 * by side on this machine: `node dist/bench/swarm.js [spec] [sizes] [limit] [seed]`
 * (default bench/specs/simulate-raft-figure8.json, 1,2,4, 900 s per member,
 * the spec's seed).
 *
 * For each size N the members `synod simulate SPEC --shard I/N --json` start
 * together as separate processes. When the first member exits with a
 * counterexample, the others get the spec's shrink time limit plus 5 s to
 * finish (any member whose search found one earlier is shrinking and ends
 * within that), then are stopped: what is measured is the swarm's time to
 * its first counterexample, not how long the rest would run on. Figures:
 * the earliest search to find one (wall and CPU seconds, as the member
 * measured them), wall seconds from launch to the first member's exit, and
 * the CPU all members had used by then (from /proc, sampled every 200 ms).
 * The merged report of what finished is printed too. Results go to
 * bench/swarm-results.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

// SYNOD_MAIN: a copy of the build (e.g. dist/.swarm/src/cli/main.js, ignored with dist/), so that rebuilding during a long sitting cannot change the members.
const main = process.env.SYNOD_MAIN ?? 'dist/src/cli/main.js';
const spec = process.argv[2] ?? 'bench/specs/simulate-raft-figure8.json';
const sizes = (process.argv[3] ?? '1,2,4').split(',').map(Number);
const limit = Number(process.argv[4] ?? 900);
const seed = process.argv[5];
const TICKS = 100; // USER_HZ on Linux

function cpuOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

interface MemberRun {
  readonly member: string;
  readonly code: number | null;
  readonly stopped: boolean;
  readonly exitWall: number;
  readonly cpu: number | undefined;
  readonly record?: {
    verdict: string;
    seconds: number;
    cpuSeconds: number;
    walks: number;
    profile: string;
    found?: { path: number[]; foundLength: number; run: number; shrinkSeconds: number };
  };
}

/** The figures a row needs, not the member's whole record (its trace runs to tens of KB). */
function brief(r: NonNullable<MemberRun['record']>): NonNullable<MemberRun['record']> {
  const f = r.found;
  return {
    verdict: r.verdict,
    seconds: r.seconds,
    cpuSeconds: r.cpuSeconds,
    walks: r.walks,
    profile: r.profile,
    ...(f === undefined ? {} : { found: { path: f.path, foundLength: f.foundLength, run: f.run, shrinkSeconds: f.shrinkSeconds } }),
  };
}

async function sitting(n: number, dir: string): Promise<{ n: number; members: MemberRun[]; firstExit?: number; cpuAtFirstExit?: number }> {
  const start = performance.now();
  const runs: MemberRun[] = [];
  const children: { child: ChildProcess; out: string; file: string; cpu?: number; done: boolean }[] = [];
  let firstExit: number | undefined;
  let cpuAtFirstExit: number | undefined;
  let grace: NodeJS.Timeout | undefined;
  const shrinkLimit = 30;
  await new Promise<void>((resolve) => {
    const sample = setInterval(() => {
      for (const c of children) if (!c.done) c.cpu = cpuOf(c.child.pid) ?? c.cpu;
    }, 200);
    for (let i = 1; i <= n; i++) {
      const file = join(dir, `n${n}-m${i}.json`);
      const child = spawn(process.execPath, [main, 'simulate', spec, '--shard', `${i}/${n}`, '--json', '--no-write', '--time-limit', String(limit), ...(seed === undefined ? [] : ['--seed', seed])], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const entry = { child, out: '', file, done: false } as (typeof children)[number];
      children.push(entry);
      child.stdout?.on('data', (d: Buffer) => (entry.out += d.toString()));
      child.on('exit', (code, signal) => {
        entry.done = true;
        const wall = (performance.now() - start) / 1000;
        writeFileSync(file, entry.out);
        const record = entry.out.trim() === '' ? undefined : brief(JSON.parse(entry.out) as NonNullable<MemberRun['record']>);
        runs.push({ member: `${i}/${n}`, code, stopped: signal !== null, exitWall: wall, cpu: entry.cpu, ...(record === undefined ? {} : { record }) });
        if (record?.verdict === 'violation' && firstExit === undefined) {
          firstExit = wall;
          cpuAtFirstExit = children.reduce((t, c) => t + (c === entry ? (c.cpu ?? 0) : (cpuOf(c.child.pid) ?? c.cpu ?? 0)), 0);
          grace = setTimeout(() => {
            for (const c of children) if (!c.done) c.child.kill('SIGTERM');
          }, (shrinkLimit + 5) * 1000);
        }
        if (children.every((c) => c.done)) {
          clearInterval(sample);
          if (grace !== undefined) clearTimeout(grace);
          resolve();
        }
      });
    }
  });
  runs.sort((a, b) => (a.member < b.member ? -1 : 1));
  return { n, members: runs, ...(firstExit === undefined ? {} : { firstExit, cpuAtFirstExit }) };
}

const dir = mkdtempSync(join(tmpdir(), 'synod-swarm-'));
const before = loadavg();
const sittings = [];
for (const n of sizes) {
  const s = await sitting(n, dir);
  const finders = s.members.filter((m) => m.record?.verdict === 'violation');
  const first = [...finders].sort((a, b) => (a.record?.seconds ?? 0) - (b.record?.seconds ?? 0))[0];
  const shortest = [...finders].sort((a, b) => (a.record?.found?.path.length ?? 0) - (b.record?.found?.path.length ?? 0))[0];
  const row = {
    members: n,
    firstFoundBy: first?.member,
    firstSearchWall: first?.record?.seconds,
    firstSearchCpu: first?.record?.cpuSeconds,
    firstWalks: first?.record?.walks,
    firstExitWall: s.firstExit,
    cpuAllMembersAtFirstExit: s.cpuAtFirstExit,
    shortestSteps: shortest?.record?.found?.path.length,
    members_: s.members,
  };
  sittings.push(row);
  console.log(
    `${n} member(s): first counterexample by ${row.firstFoundBy ?? 'none'} after ${row.firstSearchWall?.toFixed(1) ?? '-'} s wall / ` +
      `${row.firstSearchCpu?.toFixed(1) ?? '-'} CPU s of its search (${row.firstWalks ?? '-'} walks); first exit ${row.firstExitWall?.toFixed(1) ?? '-'} s after launch; ` +
      `all members' CPU by then ${row.cpuAllMembersAtFirstExit?.toFixed(1) ?? '-'} s; shortest ${row.shortestSteps ?? '-'} steps`,
  );
  for (const m of s.members) {
    const r = m.record;
    console.log(
      `  member ${m.member}: ${m.stopped ? 'stopped' : `exit ${m.code}`}, ${r === undefined ? `CPU ${m.cpu?.toFixed(1) ?? '?'} s` : `${r.verdict}, ${r.walks} walks, search ${r.seconds.toFixed(1)} s wall / ${r.cpuSeconds.toFixed(1)} CPU s${r.found === undefined ? '' : `, walk ${r.found.run} of ${r.found.foundLength} steps shrunk to ${r.found.path.length}`}; ${r.profile}`}`,
    );
  }
  const files = s.members.filter((m) => m.record !== undefined).map((m) => join(dir, `n${n}-m${m.member.split('/')[0]}.json`));
  if (files.length > 0) process.stdout.write(spawnSync(process.execPath, [main, 'merge', ...files], { encoding: 'utf8' }).stdout.split('\n').slice(0, 12).join('\n') + '\n');
}
const after = loadavg();
const result = { date: new Date().toISOString(), spec, limit, ...(seed === undefined ? {} : { seed: Number(seed) }), cpus: cpus().length, node: process.version, loadBefore: before, loadAfter: after, sittings };
// One file per seed: sittings with different seeds are different samples, all worth keeping.
const out = seed === undefined ? 'bench/swarm-results.json' : `bench/swarm-results-seed-${seed}.json`;
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`load average ${before.map((l) => l.toFixed(2)).join(' / ')} before, ${after.map((l) => l.toFixed(2)).join(' / ')} after; ${out} written`);
