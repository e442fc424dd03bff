/**
 * SPIN on the same state space as the Lamport mirror: builds
 * bench/mirror/paxos.pml with `spin -DNB=<ballots> -a`, compiles pan with
 * `gcc -O2 -DSAFETY` and runs `./pan -m10000 -w19` (depth-first, no
 * partial-order reduction matters: one process), in a fresh temporary
 * folder. CPU seconds and peak RSS come from /usr/bin/time (GNU time) when
 * present, else from the child's wall time alone (said in the row).
 * Returns null, with the reason, when spin or gcc is missing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SpinRun {
  readonly ballots: number;
  readonly states: number;
  /** pan's "transitions (= stored+matched)": one more than ours, for the initial state it counts as stored. */
  readonly transitions: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  /** pan's own "total actual memory usage", MB. */
  readonly panMegabytes: number;
  readonly errors: number;
}

const PML = fileURLToPath(new URL('../../bench/mirror/paxos.pml', import.meta.url));
const GNU_TIME = '/usr/bin/time';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Why SPIN cannot run here, or null when it can. */
export function spinMissing(): string | null {
  const missing = ['spin', 'gcc'].filter((c) => !has(c));
  return missing.length === 0 ? null : `${missing.join(' and ')} not installed (apt-get install -y spin gcc): no SPIN rows`;
}

function must(r: ReturnType<typeof spawnSync>, what: string): string {
  if (r.status !== 0) throw new Error(`${what}: exit ${r.status}\n${String(r.stderr)}`);
  return String(r.stdout);
}

const num = (text: string, re: RegExp): number => {
  const m = re.exec(text);
  if (m === null) throw new Error(`pan output has no ${re.source}:\n${text}`);
  return Number(m[1]);
};

export function runSpin(ballots: number): SpinRun {
  const dir = mkdtempSync(join(tmpdir(), 'synod-spin-'));
  try {
    copyFileSync(PML, join(dir, 'paxos.pml'));
    must(spawnSync('spin', [`-DNB=${ballots}`, '-a', 'paxos.pml'], { cwd: dir, encoding: 'utf8' }), 'spin -a');
    must(spawnSync('gcc', ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c'], { cwd: dir, encoding: 'utf8' }), 'gcc');
    const timed = existsSync(GNU_TIME);
    const t0 = process.hrtime.bigint();
    const r = timed
      ? spawnSync(GNU_TIME, ['-f', 'SYNOD-TIME %U %S %M', './pan', '-m10000', '-w19'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 })
      : spawnSync('./pan', ['-m10000', '-w19'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const out = must(r, 'pan');
    const t = /SYNOD-TIME ([\d.]+) ([\d.]+) (\d+)/.exec(String(r.stderr));
    return {
      ballots,
      states: num(out, /(\d+) states, stored/),
      transitions: num(out, /(\d+) transitions \(= stored\+matched\)/),
      seconds,
      cpuSeconds: t === null ? seconds : Number(t[1]) + Number(t[2]),
      peakRssBytes: t === null ? 0 : Number(t[3]) * 1024,
      panMegabytes: num(out, /([\d.]+)\s+total actual memory usage/),
      errors: num(out, /errors: (\d+)/),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
