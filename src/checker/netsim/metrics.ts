/**
 * What a run measures, from protocol-neutral observations only: who says it
 * leads and in which term, how much is committed, which nodes are up and
 * which links are cut, and the client requests' fates.
 */
import type { Observation } from '../../model/contract.js';

export interface NodePoint {
  readonly t: number;
  readonly node: string;
  readonly up: boolean;
  readonly leader: boolean;
  readonly term: number | null;
}

export interface CutPoint {
  readonly t: number;
  /** Directed place links cut from t on. */
  readonly cuts: number;
}

export interface Status {
  readonly up: boolean;
  readonly obs: Observation;
  readonly place: string;
}

/**
 * Integrates, over simulated time, whether some up node leads and whether
 * some leader can exchange messages with a majority of all nodes (itself
 * included) over links that are not cut.
 */
export class LeaderClock {
  noLeader = 0;
  noQuorum = 0;
  leaderChanges = 0;
  private last = 0;
  private hasLeader = false;
  private hasQuorum = false;
  private readonly wasLeader = new Map<string, string>();

  constructor(private readonly majority: number) {}

  update(now: number, nodes: readonly (Status & { readonly id: string })[], linked: (a: string, b: string) => boolean): void {
    this.advance(now);
    let leader = false;
    let quorum = false;
    for (const n of nodes) {
      const leads = n.up && n.obs.leader === true;
      const key = leads ? `${n.obs.term ?? ''}` : '';
      if (leads && this.wasLeader.get(n.id) !== key) this.leaderChanges++;
      this.wasLeader.set(n.id, key);
      if (!leads) continue;
      leader = true;
      if (!quorum) {
        let reach = 0;
        for (const m of nodes) if (m.up && (m.place === n.place || (linked(n.place, m.place) && linked(m.place, n.place)))) reach++;
        quorum = reach >= this.majority;
      }
    }
    this.hasLeader = leader;
    this.hasQuorum = quorum;
  }

  advance(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      if (!this.hasLeader) this.noLeader += dt;
      if (!this.hasQuorum) this.noQuorum += dt;
    }
    this.last = now;
  }
}

/** Nearest-rank percentile of sorted values (null when empty). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k];
}

export interface LatencyFigures {
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export function latencyFigures(values: readonly number[]): LatencyFigures {
  const s = [...values].sort((a, b) => a - b);
  return {
    count: s.length,
    mean: s.length === 0 ? null : s.reduce((a, b) => a + b, 0) / s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s.length === 0 ? null : s[s.length - 1],
  };
}
