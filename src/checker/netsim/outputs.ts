/**
 * The files a netsim result is written as, built as text (the CLI writes
 * them): figures as JSON, raw figures as CSV, and the SVG charts. No
 * timestamps or wall-clock figures go in, so a seed gives identical files.
 */
import { cdfSvg } from './plot/cdf.js';
import { comparisonSvg } from './plot/bars.js';
import { timelineSvg } from './plot/timeline.js';
import type { NetsimResult } from './run.js';

export type Files = Readonly<Record<string, string>>;

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

function csv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null): string => (v === null ? '' : typeof v === 'number' ? String(r3(v)) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** The deterministic part of a result: everything but wall and CPU time. */
export function figuresJson(r: NetsimResult): string {
  const out = {
    spec: r.spec,
    protocol: r.protocol,
    network: r.network,
    placement: r.placement,
    seed: r.seed,
    duration: r.duration,
    summary: r.summary,
    runs: r.runs,
    ...(r.violation === undefined ? {} : { violation: r.violation }),
    asExpected: r.asExpected,
  };
  return JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? r3(v) : v), 2) + '\n';
}

export function resultFiles(r: NetsimResult): Files {
  const nodes = Object.keys(r.placement);
  const runs = csv(
    ['run', 'availability', 'p50_ms', 'p99_ms', 'requests_judged', 'no_leader_fraction', 'no_quorum_fraction', 'leader_changes', 'committed', 'first_commit_ms', 'messages', 'messages_per_commit', 'violation'],
    r.runs.map((x) => [
      x.run,
      x.clients?.availability ?? null,
      x.clients?.latency.p50 ?? null,
      x.clients?.latency.p99 ?? null,
      x.clients?.judged ?? null,
      x.noLeader,
      x.noQuorum,
      x.leaderChanges,
      x.committed,
      x.firstCommit,
      x.messages,
      x.messagesPerCommit,
      x.violation?.property ?? null,
    ]),
  );
  const latencies = csv(['run', 'latency_ms'], r.latencies.flatMap((ls, run) => ls.map((v) => [run, v])));
  const timeline = csv(['t_ms', 'node', 'up', 'leader', 'term'], r.first.timeline.map((p) => [p.t, p.node, p.up ? 1 : 0, p.leader ? 1 : 0, p.term]));
  const recoveries = csv(['run', 'at_ms', 'fault', 'recovery_ms'], r.runs.flatMap((x) => x.recoveries.map((v) => [x.run, v.at, v.fault, v.recovery])));
  const files: Record<string, string> = {
    'figures.json': figuresJson(r),
    'runs.csv': runs,
    'latencies.csv': latencies,
    'timeline.csv': timeline,
    'recoveries.csv': recoveries,
    'timeline.svg': timelineSvg(`${r.spec} on ${r.network}: run 0, seed ${r.seed}`, r.first, nodes),
  };
  if (measuresClients(r)) files['latency-cdf.svg'] = cdfSvg(`${r.spec} on ${r.network}: ${latencyName(r)}`, [{ label: r.spec, values: r.latencies.flat() }]);
  return files;
}

/** Whether the run timed client operations: open-loop requests, or the protocol's own client nodes. */
function measuresClients(r: NetsimResult): boolean {
  return r.settings.clients !== undefined || r.settings.clientNodes !== undefined;
}

function latencyName(r: NetsimResult): string {
  return r.settings.clientNodes !== undefined ? 'operation latency, invoke to response' : 'request latency';
}

/** Several results side by side: one CDF, one bar chart, one CSV. */
export function comparisonFiles(title: string, rs: readonly NetsimResult[], label: (r: NetsimResult) => string): Files {
  const clients = rs.every(measuresClients);
  const rows = rs.map((r) =>
    clients
      ? { label: label(r), fraction: r.summary.availability.mean, times: [r.summary.latency.p50, r.summary.latency.p99] as const }
      : { label: label(r), fraction: r.summary.runs === 0 ? null : r.runs.filter((x) => x.commitEverywhere !== null).length / r.summary.runs, times: [r.summary.commitEverywhere.mean, r.summary.commitEverywhere.max] as const },
  );
  const names = clients
    ? { fraction: 'availability (%)', times: `${rs.every((r) => r.settings.clientNodes !== undefined) ? 'operation' : 'request'} latency (ms)`, timeNames: ['p50', 'p99'] as const }
    : { fraction: 'runs where every node learned (%)', times: 'time until every node knows (ms)', timeNames: ['mean', 'worst'] as const };
  return {
    'comparison.csv': csv(
      ['variant', 'spec', 'network', 'runs', 'availability', 'p50_ms', 'p99_ms', 'no_leader_fraction', 'leader_changes', 'messages_per_commit', 'first_commit_ms', 'committed_everywhere_ms', 'messages_to_everywhere'],
      rs.map((r, i) => [
        rows[i].label,
        r.spec,
        r.network,
        r.summary.runs,
        r.summary.availability.mean,
        r.summary.latency.p50,
        r.summary.latency.p99,
        r.summary.noLeader.mean,
        r.summary.leaderChanges.mean,
        r.summary.messagesPerCommit.mean,
        r.summary.firstCommit.mean,
        r.summary.commitEverywhere.mean,
        r.summary.messagesToEverywhere.mean,
      ]),
    ),
    'comparison.svg': comparisonSvg(title, rows, names),
    ...(clients ? { 'comparison-cdf.svg': cdfSvg(`${title}: ${rs.every((r) => r.settings.clientNodes !== undefined) ? 'operation' : 'request'} latency`, rs.map((r, i) => ({ label: rows[i].label, values: r.latencies.flat() }))) } : {}),
  };
}
