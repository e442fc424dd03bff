/**
 * `npm run bench:guard`: what the model-contract guard costs (validating
 * every distinct interned value as JSON data and freezing it). Each spec runs
 * in fresh processes with the guard on and off (SYNOD_DATA_GUARD=off),
 * interleaved, several times, so that both modes see the same machine load;
 * the table gives the median CPU and wall seconds of each mode and their
 * ratio. Writes bench/guard-results.json and prints a Markdown table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './one.js';

const DEFAULT_SPECS = [
  'spec/paxos/correct-set.json',
  'spec/paxos/correct-multiset.json',
  'spec/raft/correct.json',
  'spec/lease/correct.json',
  'examples/two-phase-commit/specs/coordinator-crash.json',
];
/** `node dist/bench/guard.js [spec ...]`: those specs only. */
const SPECS = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_SPECS;
const REPEAT = Number(process.env.GUARD_REPEAT ?? 3);
const one = fileURLToPath(new URL('./one.js', import.meta.url));

function run(spec: string, guard: boolean): Measurement {
  const env = { ...process.env, SYNOD_DATA_GUARD: guard ? 'on' : 'off' };
  const r = spawnSync(process.execPath, ['--expose-gc', one, spec, 'fast'], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${spec}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Measurement;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

type Row = { spec: string; states: number; transitions: number; cpuOn: number; cpuOff: number; wallOn: number; wallOff: number };
const resultsFile = fileURLToPath(new URL('../../bench/guard-results.json', import.meta.url));
// Named specs are measured again and replace their rows; the other rows stay.
const kept: Row[] = process.argv.length > 2 && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { rows: Row[] }).rows.filter((r) => !SPECS.includes(r.spec)) : [];
const rows: Row[] = [...kept];
const load0 = loadavg();
let load1 = load0;
/** Written after every spec, so that a run cut short keeps what it measured. */
function save(): void {
  load1 = loadavg();
  writeFileSync(
    resultsFile,
    JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, loadBefore: load0, loadAfter: load1, repeat: REPEAT, rows }, null, 2) + '\n',
  );
}
for (const spec of SPECS) {
  const on: Measurement[] = [];
  const off: Measurement[] = [];
  for (let k = 0; k < REPEAT; k++) {
    // Alternate which mode goes first, so neither always runs on a warmer machine.
    if (k % 2 === 0) {
      on.push(run(spec, true));
      off.push(run(spec, false));
    } else {
      off.push(run(spec, false));
      on.push(run(spec, true));
    }
  }
  if (on[0].states !== off[0].states || on[0].transitions !== off[0].transitions) throw new Error(`${spec}: the guard changed the search`);
  const row = {
    spec,
    states: on[0].states,
    transitions: on[0].transitions,
    cpuOn: median(on.map((m) => m.cpuSeconds)),
    cpuOff: median(off.map((m) => m.cpuSeconds)),
    wallOn: median(on.map((m) => m.seconds)),
    wallOff: median(off.map((m) => m.seconds)),
    runs: { on, off },
  };
  rows.push(row);
  save();
  process.stderr.write(`${spec}: cpu ${row.cpuOn.toFixed(2)} s on / ${row.cpuOff.toFixed(2)} s off, wall ${row.wallOn.toFixed(2)} / ${row.wallOff.toFixed(2)}\n`);
}
const lines = [
  '| spec | states | transitions | CPU s, guard on | CPU s, off | CPU ratio | wall s, on | wall s, off | wall ratio |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.spec} | ${r.states.toLocaleString('en-US')} | ${r.transitions.toLocaleString('en-US')} | ${r.cpuOn.toFixed(2)} | ${r.cpuOff.toFixed(2)} | ${(r.cpuOn / r.cpuOff).toFixed(3)} | ${r.wallOn.toFixed(2)} | ${r.wallOff.toFixed(2)} | ${(r.wallOn / r.wallOff).toFixed(3)} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n\nmedians of ${REPEAT} runs per mode; load average ${load0.map((l) => l.toFixed(2)).join(' ')} before, ${load1.map((l) => l.toFixed(2)).join(' ')} after (${cpus().length} CPUs)\n`);
