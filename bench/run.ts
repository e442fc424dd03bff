/**
 * `npm run bench`: a fixed set of specs, each run in a fresh process (so
 * peak RSS is the run's own) by the engine and by the naive baseline
 * (bench/naive.ts), with symmetry reduction and with two workers where that
 * is what is being measured. Writes bench/results.json and the table in
 * bench/README.md. Specs that do not exist yet are skipped with a note.
 *
 * The machine may be shared: every row records CPU seconds next to wall
 * seconds, and the load average is recorded before and after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './one.js';
import { runSpin, spinMissing, type SpinRun } from './spin.js';

interface Job {
  readonly spec: string;
  readonly engine: 'fast' | 'naive';
  readonly workers?: number;
  readonly symmetry?: boolean;
  /** Seconds; the naive baseline is capped on the larger specs (its rate is still a fair comparison). */
  readonly timeLimit?: number;
}

interface Row extends Measurement {
  readonly file: string;
  readonly role: string;
}

const NAIVE_CAP = 45;
/** Seconds for the 4-ballot mirror: a run that does not exhaust by then reports how far it got. */
const MIRROR_CAP = 300;

/** Each spec and what is measured on it. First existing file of a list wins. */
const PLAN: readonly { readonly role: string; readonly files: readonly string[]; readonly jobs: readonly Omit<Job, 'spec'>[] }[] = [
  {
    role: 'Paxos, set network (3 acceptors)',
    files: ['spec/paxos/correct-set.json'],
    jobs: [{ engine: 'naive' }, { engine: 'fast' }, { engine: 'fast', symmetry: true }, { engine: 'fast', workers: 2 }],
  },
  {
    role: 'Paxos, multiset network (3 acceptors)',
    files: ['spec/paxos/correct-multiset.json'],
    jobs: [{ engine: 'naive' }, { engine: 'fast' }, { engine: 'fast', symmetry: true }],
  },
  {
    role: 'Paxos, set network (5 acceptors)',
    files: ['bench/specs/paxos-set-5-acceptors.json'],
    jobs: [{ engine: 'naive', timeLimit: NAIVE_CAP }, { engine: 'fast' }, { engine: 'fast', symmetry: true }],
  },
  {
    role: 'Paxos, multiset network (5 acceptors)',
    files: ['bench/specs/paxos-multiset-5-acceptors.json'],
    jobs: [{ engine: 'naive', timeLimit: NAIVE_CAP }, { engine: 'fast' }, { engine: 'fast', symmetry: true }],
  },
  {
    role: 'Paxos bug: first counterexample',
    files: ['spec/paxos/ignore-promised-values.json'],
    jobs: [{ engine: 'naive' }, { engine: 'fast' }],
  },
  {
    role: 'Raft, correct',
    files: ['spec/raft/correct.json'],
    jobs: [{ engine: 'naive', timeLimit: NAIVE_CAP }, { engine: 'fast' }, { engine: 'fast', symmetry: true }],
  },
  {
    role: 'Raft Figure 8, 4 terms (2.0M states)',
    files: ['bench/specs/raft/figure8-two-candidates.json'],
    jobs: [{ engine: 'fast' }, { engine: 'fast', workers: 2 }],
  },
  {
    role: 'Lease, correct',
    files: ['spec/lease/correct.json'],
    jobs: [{ engine: 'naive', timeLimit: NAIVE_CAP }, { engine: 'fast' }, { engine: 'fast', symmetry: true }],
  },
  {
    role: 'Two workers, 1.4M states',
    files: ['bench/specs/paxos-crash-any-node.json'],
    jobs: [{ engine: 'fast' }, { engine: 'fast', workers: 2 }],
  },
  {
    role: 'Two workers, 4.6M states',
    files: ['bench/specs/paxos-set-4-acceptors.json'],
    jobs: [{ engine: 'fast' }, { engine: 'fast', workers: 2 }, { engine: 'fast', symmetry: true }],
  },
  {
    role: "Lamport's Paxos.tla mirror, 3 ballots (SPIN's space)",
    files: ['bench/specs/mirror/lamport-3-ballots.json'],
    jobs: [{ engine: 'naive', timeLimit: NAIVE_CAP }, { engine: 'fast' }, { engine: 'fast', workers: 2 }],
  },
  {
    role: "Lamport's Paxos.tla mirror, 4 ballots (8,220,065 states)",
    files: ['bench/specs/mirror/lamport-4-ballots.json'],
    jobs: [{ engine: 'fast', timeLimit: MIRROR_CAP }],
  },
  {
    role: 'Message-passing Paxos.tla mirror, 3 ballots',
    files: ['bench/specs/mirror/messages-3-ballots.json'],
    jobs: [{ engine: 'fast' }, { engine: 'fast', workers: 2 }],
  },
];

/** The Lamport mirror's ballot counts that SPIN runs beside (bench/spin.ts). */
const SPIN_BALLOTS = [3, 4] as const;

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const one = here('./one.js');
const root = here('../..');

function measure(job: Job): Measurement {
  const args = ['--expose-gc', one, job.spec, job.engine, String(job.workers ?? 1), job.symmetry === true ? 'symmetry' : 'plain'];
  if (job.timeLimit !== undefined) args.push(String(job.timeLimit));
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${job.spec} (${job.engine}): exit ${r.status}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Measurement;
}

const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (b: number): string => fmt(b / 2 ** 20);

function label(r: Row): string {
  if (r.engine === 'naive') return 'naive';
  const parts = ['engine'];
  if (r.symmetry) parts.push('symmetry');
  if (r.workers > 1) parts.push(`${r.workers} workers`);
  return parts.join(', ');
}

function table(rows: readonly Row[]): string[] {
  const out = [
    '| spec | run | verdict | states | transitions | s (wall) | s (CPU) | transitions/s | transitions/CPU-s | states/s | peak RSS MiB | bytes/state |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.spec} | ${label(r)} | ${r.verdict} | ${fmt(r.states)} | ${fmt(r.transitions)} | ${fmt(r.seconds, 2)} | ${fmt(r.cpuSeconds, 2)} | ` +
        `${fmt(r.transitionsPerSecond)} | ${fmt(r.transitionsPerCpuSecond)} | ${fmt(r.statesPerSecond)} | ${mib(r.peakRssBytes)} | ${fmt(r.bytesPerState, 1)} |`,
    );
  }
  return out;
}

/** The ratios the issue asks for, computed from rows of this run only. */
function summary(rows: readonly Row[]): string[] {
  const find = (file: string, pred: (r: Row) => boolean): Row | undefined => rows.find((r) => r.file === file && pred(r));
  const plain = (r: Row): boolean => r.engine === 'fast' && !r.symmetry && r.workers === 1;
  const out: string[] = [];
  for (const file of new Set(rows.map((r) => r.file))) {
    const fast = find(file, plain);
    const naive = find(file, (r) => r.engine === 'naive');
    const sym = find(file, (r) => r.engine === 'fast' && r.symmetry);
    const two = find(file, (r) => r.engine === 'fast' && r.workers === 2);
    if (fast === undefined) continue;
    const bits: string[] = [`${fmt(fast.transitionsPerSecond)} transitions/s wall, ${fmt(fast.transitionsPerCpuSecond)} per CPU-second`];
    if (naive !== undefined) {
      const partial = naive.verdict.startsWith('limit') ? ' (naive stopped at its time cap; rates compared)' : '';
      bits.push(
        `${fmt(fast.transitionsPerSecond / naive.transitionsPerSecond, 1)}× the naive baseline's transitions/s ` +
          `(${fmt(fast.transitionsPerCpuSecond / naive.transitionsPerCpuSecond, 1)}× per CPU-second)${partial}`,
      );
      if (!naive.verdict.startsWith('limit') && !naive.verdict.startsWith('violation') && naive.states !== fast.states) {
        bits.push(`**state counts differ: naive ${fmt(naive.states)}**`);
      }
    }
    if (sym !== undefined && sym.states > 0) bits.push(`symmetry: ${fmt(fast.states / sym.states, 2)}× fewer states (${fmt(sym.states)})`);
    if (two !== undefined) {
      bits.push(
        `2 workers: ${fmt(fast.seconds / two.seconds, 2)}× wall speed-up, ${fmt(two.cpuSeconds / fast.cpuSeconds, 2)}× the CPU time` +
          (two.states === fast.states
            ? ', same state count'
            : fast.verdict === 'exhausted' && two.verdict === 'exhausted'
              ? `, **state counts differ (${fmt(two.states)})**`
              : // A search stops mid-level at its violation; workers take that level in another order.
                `, stopped at the violation after ${fmt(two.states)} states`),
      );
    }
    out.push(`- ${fast.spec}: ${bits.join('; ')}.`);
  }
  return out;
}

function spinTable(runs: readonly SpinRun[]): string[] {
  const out = [
    '| SPIN (`paxos.pml`, DFS, -DSAFETY) | errors | states | transitions | s (wall) | s (CPU) | transitions/CPU-s | peak RSS MiB | RSS bytes/state |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of runs) {
    out.push(
      `| ${r.ballots} ballots | ${r.errors} | ${fmt(r.states)} | ${fmt(r.transitions)} | ${fmt(r.seconds, 2)} | ${fmt(r.cpuSeconds, 2)} | ` +
        `${fmt(r.transitions / Math.max(r.cpuSeconds, 0.01))} | ${mib(r.peakRssBytes)} | ${fmt(r.peakRssBytes / r.states, 1)} |`,
    );
  }
  return out;
}

/** The mirror against SPIN, from rows of this run only: CPU ratio, RSS per state, both counts. */
function mirrorSummary(rows: readonly Row[], runs: readonly SpinRun[]): string[] {
  const out: string[] = [];
  for (const sp of runs) {
    const file = `bench/specs/mirror/lamport-${sp.ballots}-ballots.json`;
    const ours = rows.find((r) => r.file === file && r.engine === 'fast' && r.workers === 1 && !r.symmetry);
    if (ours === undefined) continue;
    const done = ours.verdict === 'exhausted' || ours.verdict === 'pass';
    out.push(
      `- Lamport mirror, ${sp.ballots} ballots: synod ${fmt(ours.states)} states${done ? '' : ` (stopped: ${ours.verdict})`}, SPIN ${fmt(sp.states)}` +
        (done && ours.states !== sp.states ? ' **(counts differ)**' : done ? ' (same)' : '') +
        `; synod ${fmt(ours.cpuSeconds, 2)} CPU-s vs SPIN ${fmt(sp.cpuSeconds, 2)}: ` +
        (done ? `**${fmt(ours.cpuSeconds / Math.max(sp.cpuSeconds, 0.01), 1)}× SPIN's CPU time**` : `per state, ${fmt(ours.cpuSeconds / ours.states / (sp.cpuSeconds / sp.states), 1)}× SPIN's CPU time`) +
        ` (target ≤ 5×); RSS per state ${fmt(ours.peakRssBytes / ours.states, 0)} B vs SPIN's ${fmt(sp.peakRssBytes / sp.states, 0)} B (target ≤ 64 B); ` +
        `peak RSS ${mib(ours.peakRssBytes)} MiB.`,
    );
  }
  return out;
}

function main(): void {
  const only = process.argv.indexOf('--only') >= 0 ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const startedAt = new Date();
  const loadBefore = loadavg();
  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const item of PLAN) {
    if (only !== undefined && !item.files.some((f) => f.includes(only))) continue;
    const file = item.files.find((f) => existsSync(f));
    if (file === undefined) {
      skipped.push(`${item.role}: none of ${item.files.join(', ')} exists yet`);
      process.stdout.write(`skip  ${item.role} (no spec yet)\n`);
      continue;
    }
    for (const job of item.jobs) {
      const m = measure({ ...job, spec: file });
      const row: Row = { ...m, file, role: item.role };
      rows.push(row);
      process.stdout.write(
        `${label(row).padEnd(22)} ${m.spec.padEnd(28)} ${m.verdict.padEnd(24)} ${fmt(m.states).padStart(11)} states ${fmt(m.seconds, 2).padStart(7)} s ` +
          `${fmt(m.transitionsPerSecond).padStart(10)} tr/s\n`,
      );
    }
  }
  const missing = spinMissing();
  const spin: SpinRun[] = [];
  if (missing !== null) {
    skipped.push(`SPIN: ${missing}`);
    process.stdout.write(`skip  SPIN: ${missing}\n`);
  } else if (only === undefined || 'bench/specs/mirror/lamport'.includes(only) || only.includes('lamport')) {
    for (const b of SPIN_BALLOTS) {
      const r = runSpin(b);
      spin.push(r);
      process.stdout.write(`spin  ${b} ballots ${fmt(r.states).padStart(11)} states ${fmt(r.seconds, 2).padStart(7)} s ${fmt(r.cpuSeconds, 2)} CPU-s\n`);
    }
  }
  const loadAfter = loadavg();
  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
    loadAverageAfter: loadAfter.map((x) => Math.round(x * 100) / 100),
  };
  const date = startedAt.toISOString();
  if (only !== undefined) {
    // A partial run prints its rows and ratios but leaves the recorded full run alone.
    for (const line of [...table(rows), '', ...spinTable(spin), '', ...summary(rows), ...mirrorSummary(rows, spin)]) process.stdout.write(line + '\n');
    return;
  }
  writeFileSync(here('../../bench/results.json'), JSON.stringify({ date, machine, skipped, rows, spin }, null, 2) + '\n');

  const readme = here('../../bench/README.md');
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const block = [
    begin,
    `Run ${date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}); ` +
      `load average ${machine.loadAverageBefore.join(' / ')} before, ${machine.loadAverageAfter.join(' / ')} after.`,
    '',
    ...table(rows),
    '',
    ...summary(rows),
    ...(spin.length > 0 ? ['', ...spinTable(spin), '', ...mirrorSummary(rows, spin)] : []),
    ...(skipped.length > 0 ? ['', ...skipped.map((s) => `- skipped: ${s}`)] : []),
    end,
  ].join('\n');
  const at = text.indexOf(begin);
  const stop = text.indexOf(end);
  const next = at >= 0 && stop > at ? text.slice(0, at) + block + text.slice(stop + end.length) : `${text}\n${block}\n`;
  writeFileSync(readme, next);
  process.stdout.write(`\nwrote bench/results.json and the table in bench/README.md\n`);
  for (const line of [...summary(rows), ...mirrorSummary(rows, spin)]) process.stdout.write(line + '\n');
}

main();
