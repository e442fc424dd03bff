/**
 * Turns a walk through the state graph into labelled trace steps with real
 * numbers. Without a view a state is one world and the walk replays by
 * successor ordinals. With a view a state stands for every world with the
 * same view, so the real run may drift from the graph's representative
 * worlds (a loop that closes up to the view ends with ballots or terms
 * higher than it started): at each step the replay takes the successor of
 * the real world that does the same thing (same kind, same node or
 * normalised message) and lands in the same graph state.
 */
import { labelledSuccessors, type ReplayedStep } from '../replay.js';
import type { Act, System } from '../system.js';
import { argOf, type StateGraph } from './graph.js';
import type { WorldKeys } from './keys.js';

/** Edges of the BFS parent path from the initial world to state i. */
export function pathTo(g: StateGraph, i: number): number[] {
  const out: number[] = [];
  for (let s = i; g.parent[s] >= 0; s = g.parent[s]) out.push(g.parentEdge[s]);
  return out.reverse();
}

export class ReplayError extends Error {}

export interface GraphReplay {
  readonly initial: Int32Array;
  readonly steps: readonly ReplayedStep[];
}

export function replayEdges(sys: System, keys: WorldKeys, g: StateGraph, edges: readonly number[]): GraphReplay {
  const initial = sys.initialWorld();
  let w = initial;
  const steps: ReplayedStep[] = [];
  for (const e of edges) {
    const target = g.edgeTarget[e];
    keys.key(w);
    const msgClass = keys.messageClasses();
    const candidates: number[] = [];
    const successors: [Int32Array, Act, number, number][] = [];
    sys.expand(w, (next, act, a, b) => void successors.push([next, act, a, b]));
    successors.forEach(([next, act, a, b], k) => {
      if (act !== g.edgeAct[e] || argOf(sys, act, a, b, msgClass) !== g.edgeArg[e]) return;
      keys.key(next);
      if (keys.hi >>> 0 === g.fpHi[target] && keys.lo >>> 0 === g.fpLo[target]) candidates.push(k);
    });
    if (candidates.length === 0) {
      throw new ReplayError(
        `the run cannot be replayed with real numbers past step ${steps.length + 1}: the real world ran into a bound of the model (raise it, e.g. maxRound or maxTerm)`,
      );
    }
    const k = candidates.includes(g.edgeOrdinal[e]) ? g.edgeOrdinal[e] : candidates[0];
    const step = labelledSuccessors(sys, w)[k];
    steps.push(step);
    w = step.world;
  }
  return { initial, steps };
}
