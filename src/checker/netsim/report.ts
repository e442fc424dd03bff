/** Plain-text lines for a netsim result. */
import { describeDistribution } from './distribution.js';
import type { Spread } from './figures.js';
import type { NetsimResult } from './run.js';

const ms = (v: number | null): string => (v === null ? '-' : v >= 100 ? `${Math.round(v).toLocaleString('en-US')} ms` : `${v.toFixed(1)} ms`);
const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

function range(s: Spread, f: (v: number | null) => string): string {
  return s.min === s.max ? f(s.mean) : `${f(s.mean)} (runs ${f(s.min)} to ${f(s.max)})`;
}

export function netsimLines(r: NetsimResult): string[] {
  const s = r.summary;
  const place = Object.entries(r.placement)
    .map(([n, p]) => `${n}@${p}`)
    .join(' ');
  const lines = [`${r.spec}: ${r.protocol} on ${r.network} (${place}), ${s.runs} run${s.runs === 1 ? '' : 's'} × ${ms(r.duration)}, seed ${r.seed}`];
  const timers = Object.entries(r.settings.timers).map(([n, d]) => `${n} ${describeDistribution(d)}`);
  if (r.settings.clients !== undefined) timers.push(`client requests ${describeDistribution(r.settings.clients.interval)} apart`);
  if (timers.length > 0) lines.push(`  timers: ${timers.join('; ')}`);
  if (r.settings.clients !== undefined) {
    const judged = r.runs.reduce((a, x) => a + (x.clients?.judged ?? 0), 0);
    lines.push(`  availability ${range(s.availability, pct)} of ${judged.toLocaleString('en-US')} requests completed within ${ms(r.settings.clients.timeout)}`);
    lines.push(`  request latency p50 ${ms(s.latency.p50)}, p90 ${ms(s.latency.p90)}, p99 ${ms(s.latency.p99)}, max ${ms(s.latency.max)}`);
  }
  if (r.settings.clientNodes !== undefined) {
    const judged = r.runs.reduce((a, x) => a + (x.clients?.judged ?? 0), 0);
    const retries = r.runs.reduce((a, x) => a + (x.clients?.retries ?? 0), 0);
    const t = r.settings.clientNodes.timeout;
    lines.push(
      t === null
        ? `  ${judged.toLocaleString('en-US')} operations by the client nodes, ${retries.toLocaleString('en-US')} retries (no clients.timeout: no availability figure)`
        : `  availability ${range(s.availability, pct)} of ${judged.toLocaleString('en-US')} client operations answered within ${ms(t)} (${retries.toLocaleString('en-US')} retries)`,
    );
    lines.push(`  operation latency (invoke to response) p50 ${ms(s.latency.p50)}, p90 ${ms(s.latency.p90)}, p99 ${ms(s.latency.p99)}, max ${ms(s.latency.max)}`);
  }
  if (!r.observes) lines.push(`  ${r.protocol} has no observe(): no leadership or commit figures`);
  else lines.push(`  no leader ${range(s.noLeader, pct)} of the time; no leader in touch with a majority ${range(s.noQuorum, pct)}; leader changes ${range(s.leaderChanges, (v) => (v === null ? '-' : v.toFixed(1)))} per run`);
  if (r.observes) {
    lines.push(`  committed in ${s.committedRuns} of ${s.runs} runs, first commit at ${range(s.firstCommit, ms)}; messages per committed operation ${range(s.messagesPerCommit, (v) => (v === null ? '-' : v.toFixed(1)))}`);
  }
  if (s.commitEverywhere.mean !== null) {
    lines.push(`  known committed by every node at ${range(s.commitEverywhere, ms)}, after ${range(s.messagesToEverywhere, (v) => (v === null ? '-' : v.toFixed(1)))} messages`);
  }
  const faults = r.runs[0]?.recoveries ?? [];
  // Recovery is timed by client operations.
  if (faults.length > 0 && (r.settings.clients !== undefined || r.settings.clientNodes !== undefined)) lines.push(`  recovery after ${faults.length} scheduled fault${faults.length === 1 ? '' : 's'} per run: ${range(s.recovery, ms)}`);
  const verdict = r.violation === undefined ? `no safety violation in ${s.runs} runs` : `VIOLATION of ${r.violation.property} in run ${r.violation.run} at t=${ms(r.violation.time)}: ${r.violation.message}`;
  lines.push(`  ${verdict} (${r.asExpected ? 'as expected' : 'NOT AS EXPECTED'})`);
  lines.push(`  ${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU`);
  return lines;
}
