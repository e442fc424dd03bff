/**
 * The figures of a run and over runs, computed from a raw run: what the
 * README and the closing notes quote, and what the CSV/JSON files hold.
 */
import type { ClientOp } from './clients.js';
import type { RawRun } from './engine.js';
import type { RunCounts } from './types.js';
import { latencyFigures, type LatencyFigures } from './metrics.js';

export interface Recovery {
  readonly at: number;
  readonly fault: string;
  /** From the fault to the completion of the first request issued at or after it (null: none completed). */
  readonly recovery: number | null;
}

export interface ClientFigures {
  readonly issued: number;
  /** Issued early enough to be judged: no later than duration − timeout. */
  readonly judged: number;
  readonly completed: number;
  readonly failed: number;
  readonly retries: number;
  /** completed / judged. */
  readonly availability: number | null;
  readonly latency: LatencyFigures;
}

export interface RunFigures extends RunCounts {
  readonly messagesPerCommit: number | null;
  readonly clients?: ClientFigures;
  readonly recoveries: readonly Recovery[];
  readonly violation?: { readonly property: string; readonly message: string; readonly time: number };
}

/**
 * Operations judged: issued early enough to have had their whole timeout;
 * with no timeout (client nodes, no "clients.timeout"), every one issued,
 * and no availability figure.
 */
function judgedOps(r: RawRun, timeout: number | null): { ops: readonly ClientOp[]; limit: number } {
  if (r.book === null) return { ops: [], limit: 0 };
  return timeout === null ? { ops: r.book.ops, limit: Infinity } : { ops: r.book.judged(r.duration - timeout), limit: timeout };
}

export function runFigures(r: RawRun, timeout: number | null): RunFigures {
  const book = r.book;
  let clients: ClientFigures | undefined;
  const latencies: number[] = [];
  if (book !== null) {
    const { ops: judged, limit } = judgedOps(r, timeout);
    let completed = 0;
    let retries = 0;
    for (const op of judged) {
      retries += op.retries;
      if (op.done !== null && op.done - op.issued <= limit) {
        completed++;
        latencies.push(op.done - op.issued);
      }
    }
    clients = {
      issued: book.ops.length,
      judged: judged.length,
      completed,
      failed: judged.length - completed,
      retries,
      availability: judged.length === 0 || timeout === null ? null : completed / judged.length,
      latency: latencyFigures(latencies),
    };
  }
  const recoveries: Recovery[] = r.faults
    .filter((f) => f.at <= r.duration)
    .map((f) => {
      const op = book?.ops.find((o) => o.issued >= f.at && o.done !== null);
      return { at: f.at, fault: f.text, recovery: op === undefined || op.done === null ? null : op.done - f.at };
    });
  const d = Math.max(r.duration, 1e-9);
  return {
    run: r.run,
    duration: r.duration,
    events: r.events,
    messages: r.messages,
    lost: r.lost,
    committed: r.committed,
    firstCommit: r.firstCommit,
    commitEverywhere: r.commitEverywhere,
    messagesToEverywhere: r.messagesToEverywhere,
    leaderChanges: r.leaderChanges,
    noLeader: r.noLeader / d,
    noQuorum: r.noQuorum / d,
    messagesPerCommit: r.committed === 0 ? null : r.messages / r.committed,
    firings: r.firings,
    ...(clients === undefined ? {} : { clients }),
    recoveries,
    ...(r.violation === undefined ? {} : { violation: { property: r.violation.property, message: r.violation.message, time: r.violation.time } }),
  };
}

/** Client latencies of a run (completed within the timeout), for CDFs and CSV. */
export function runLatencies(r: RawRun, timeout: number | null): number[] {
  const { ops, limit } = judgedOps(r, timeout);
  return ops.flatMap((o) => (o.done !== null && o.done - o.issued <= limit ? [o.done - o.issued] : []));
}

export interface Spread {
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

function spread(xs: readonly (number | null)[]): Spread {
  const v = xs.filter((x): x is number => x !== null);
  if (v.length === 0) return { mean: null, min: null, max: null };
  return { mean: v.reduce((a, b) => a + b, 0) / v.length, min: Math.min(...v), max: Math.max(...v) };
}

export interface Summary {
  readonly runs: number;
  readonly violations: number;
  readonly availability: Spread;
  readonly noLeader: Spread;
  readonly noQuorum: Spread;
  readonly leaderChanges: Spread;
  readonly messagesPerCommit: Spread;
  readonly firstCommit: Spread;
  readonly commitEverywhere: Spread;
  readonly messagesToEverywhere: Spread;
  /** Runs in which something was committed. */
  readonly committedRuns: number;
  /** Percentiles of every completed request of every run, pooled. */
  readonly latency: LatencyFigures;
  readonly recovery: Spread;
}

export function summarize(runs: readonly RunFigures[], pooledLatencies: readonly number[]): Summary {
  return {
    runs: runs.length,
    violations: runs.filter((r) => r.violation !== undefined).length,
    availability: spread(runs.map((r) => r.clients?.availability ?? null)),
    noLeader: spread(runs.map((r) => r.noLeader)),
    noQuorum: spread(runs.map((r) => r.noQuorum)),
    leaderChanges: spread(runs.map((r) => r.leaderChanges)),
    messagesPerCommit: spread(runs.map((r) => r.messagesPerCommit)),
    firstCommit: spread(runs.map((r) => r.firstCommit)),
    commitEverywhere: spread(runs.map((r) => r.commitEverywhere)),
    messagesToEverywhere: spread(runs.map((r) => r.messagesToEverywhere)),
    committedRuns: runs.filter((r) => r.committed > 0).length,
    latency: latencyFigures(pooledLatencies),
    recovery: spread(runs.flatMap((r) => r.recoveries.map((x) => x.recovery))),
  };
}
