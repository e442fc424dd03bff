/**
 * Time's successors, as edits of a world copy: global time ticks (dragging
 * along any clock that would fall more than `skew` behind), or one local
 * clock runs ahead, by at most `skew`.
 */
import type { WorldLayout } from './world-layout.js';

/** Whether global time may still tick. */
export function canTick(w: Int32Array, maxTime: number): boolean {
  return w[0] < maxTime;
}

/**
 * In `next` (a copy of the world), global time ticks: every drifting clock's
 * offset drops by one, but not below -skew; a clock that does not drift
 * (time.nodes) keeps offset 0, reading global time.
 */
export function tick(next: Int32Array, layout: WorldLayout, skew: number, drifts?: readonly boolean[]): void {
  next[0]++;
  for (let i = 0; i < layout.n; i++) {
    if (drifts !== undefined && !drifts[i]) continue;
    const o = layout.nodeBase + 3 * i + 2;
    next[o] = Math.max(next[o] - 1, -skew);
  }
}

/** Whether node i's clock may run one ahead (it drifts, and its offset stays within skew). */
export function canRunAhead(w: Int32Array, layout: WorldLayout, i: number, skew: number, drifts?: readonly boolean[]): boolean {
  return (drifts === undefined || drifts[i]) && w[layout.nodeBase + 3 * i + 2] + 1 <= skew;
}

/** In `next`, node i's clock runs one ahead. */
export function runAhead(next: Int32Array, layout: WorldLayout, i: number): void {
  next[layout.nodeBase + 3 * i + 2]++;
}
