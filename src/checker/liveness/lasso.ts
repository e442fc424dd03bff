/**
 * Fair lassos in a state graph: a reachable cycle, inside a given set of
 * states, that meets weak fairness; or a state where a run may stop
 * (stutter forever) because no fair class is enabled there.
 *
 * Weak fairness asks of an infinite run, for each class, that the class is
 * disabled infinitely often or taken infinitely often. A strongly connected
 * component holds a fair cycle exactly when every class enabled in all of
 * its states is taken by some edge inside it: the cycle through every
 * state and every inner edge is then fair, and if some class is enabled
 * everywhere and never taken inside, no cycle in the component can take it.
 * So one pass of Tarjan's algorithm decides weak-fair emptiness; the cycle
 * reported is then built greedily to be short, not the whole component.
 */
import { edgesOf, type StateGraph } from './graph.js';
import { components } from './scc.js';

export type Lasso =
  /** From `entry` (reached by the parent links), the edges of `loop` lead back to `entry`. */
  | { readonly kind: 'cycle'; readonly entry: number; readonly loop: readonly number[] }
  /** A run may stay in `state` forever: no fair class is enabled there. */
  | { readonly kind: 'stutter'; readonly state: number };

function classesOfEdge(g: StateGraph, e: number): readonly number[] {
  return g.classes.slice(g.classStart[e], g.classStart[e + 1]);
}

/** Fairness classes enabled in state i: those of any of its steps, wherever they lead. */
export function enabledClasses(g: StateGraph, i: number): Set<number> {
  const out = new Set<number>();
  const [from, to] = edgesOf(g, i);
  for (let e = from; e < to; e++) for (let k = g.classStart[e]; k < g.classStart[e + 1]; k++) out.add(g.classes[k]);
  return out;
}

/**
 * The shortest fair lasso found among states for which `member` holds (and
 * that were expanded): every state of the lasso, prefix included, is a
 * member. The prefix is the BFS parent path, so `member` must hold along it;
 * callers pass a member set closed under parents (a graph of kept worlds).
 */
export function findLasso(g: StateGraph, member: (i: number) => boolean): Lasso | null {
  const inside = (i: number): boolean => i >= 0 && i < g.size && g.expanded[i] && member(i);

  let stutter = -1;
  for (let i = 0; i < g.size; i++) {
    if (!inside(i) || (stutter >= 0 && g.depth[i] >= g.depth[stutter])) continue;
    if (enabledClasses(g, i).size === 0) stutter = i;
  }

  const scc = components({
    size: g.size,
    member: inside,
    successors: (i, f) => {
      const [from, to] = edgesOf(g, i);
      for (let e = from; e < to; e++) f(g.edgeTarget[e]);
    },
  });
  let best: { entry: number; states: readonly number[] } | null = null;
  for (const states of scc.members) {
    const c = scc.component[states[0]];
    const internal = (e: number): boolean => g.edgeTarget[e] >= 0 && scc.component[g.edgeTarget[e]] === c;
    if (states.length === 1) {
      const [from, to] = edgesOf(g, states[0]);
      let selfLoop = false;
      for (let e = from; e < to; e++) if (g.edgeTarget[e] === states[0]) selfLoop = true;
      if (!selfLoop) continue;
    }
    const entry = states.reduce((m, s) => (g.depth[s] < g.depth[m] ? s : m), states[0]);
    if (best !== null && g.depth[entry] >= g.depth[best.entry]) continue;
    if (isFair(g, states, internal)) best = { entry, states };
  }

  const cycle = best === null ? null : buildLoop(g, best.entry, new Set(best.states));
  if (cycle === null) return stutter < 0 ? null : { kind: 'stutter', state: stutter };
  if (stutter >= 0 && g.depth[stutter] < g.depth[cycle.entry] + cycle.loop.length) return { kind: 'stutter', state: stutter };
  return cycle;
}

function isFair(g: StateGraph, states: readonly number[], internal: (e: number) => boolean): boolean {
  const everywhere = new Map<number, number>();
  const taken = new Set<number>();
  for (const s of states) {
    for (const c of enabledClasses(g, s)) everywhere.set(c, (everywhere.get(c) ?? 0) + 1);
    const [from, to] = edgesOf(g, s);
    for (let e = from; e < to; e++) if (internal(e)) for (const c of classesOfEdge(g, e)) taken.add(c);
  }
  for (const [c, count] of everywhere) if (count === states.length && !taken.has(c)) return false;
  return true;
}

/**
 * A short fair cycle through `entry` inside the component `comp`: keep the
 * classes enabled in every state visited so far; while one of them has not
 * been taken, walk (breadth-first, inside the component) to the nearest edge
 * that takes it or the nearest state where it is disabled; then walk back.
 */
function buildLoop(g: StateGraph, entry: number, comp: ReadonlySet<number>): { kind: 'cycle'; entry: number; loop: number[] } {
  const enabled = new Map<number, Set<number>>();
  const enabledAt = (s: number): Set<number> => {
    let set = enabled.get(s);
    if (set === undefined) {
      set = enabledClasses(g, s);
      enabled.set(s, set);
    }
    return set;
  };
  const visited = new Set<number>([entry]);
  const common = new Set(enabledAt(entry));
  const taken = new Set<number>();
  const loop: number[] = [];
  let cur = entry;
  const walk = (edges: readonly number[]): void => {
    for (const e of edges) {
      loop.push(e);
      for (const c of classesOfEdge(g, e)) taken.add(c);
      cur = g.edgeTarget[e];
      if (!visited.has(cur)) {
        visited.add(cur);
        const here = enabledAt(cur);
        for (const c of [...common]) if (!here.has(c)) common.delete(c);
      }
    }
  };
  for (;;) {
    const owed = [...common].find((c) => !taken.has(c));
    if (owed === undefined) break;
    walk(shortestWalk(g, comp, cur, (s) => s !== cur && !enabledAt(s).has(owed), (e) => classesOfEdge(g, e).includes(owed)));
  }
  if (loop.length === 0) {
    // Nothing owed: any step inside the component, then back.
    const [from, to] = edgesOf(g, entry);
    let step = -1;
    for (let e = from; e < to && step < 0; e++) if (g.edgeTarget[e] === entry) step = e;
    for (let e = from; e < to && step < 0; e++) if (comp.has(g.edgeTarget[e])) step = e;
    walk([step]);
  }
  walk(shortestWalk(g, comp, cur, (s) => s === entry, () => false));
  return { kind: 'cycle', entry, loop };
}

/**
 * Edges of a shortest walk inside `comp` from `start` to the first state
 * where `stopAt` holds (start itself counts only via `stopAt`), or through
 * the first edge where `stopOn` holds, whichever comes first.
 */
function shortestWalk(
  g: StateGraph,
  comp: ReadonlySet<number>,
  start: number,
  stopAt: (s: number) => boolean,
  stopOn: (e: number) => boolean,
): number[] {
  // Per state reached: the state before it and the edge taken (-1 for start).
  const via = new Map<number, readonly [number, number]>([[start, [-1, -1]]]);
  const queue = [start];
  const pathTo = (s: number, last: number[]): number[] => {
    const out = last;
    for (let step = via.get(s); step !== undefined && step[1] >= 0; step = via.get(step[0])) out.unshift(step[1]);
    return out;
  };
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    if (stopAt(s)) return pathTo(s, []);
    const [from, to] = edgesOf(g, s);
    for (let e = from; e < to; e++) {
      const t = g.edgeTarget[e];
      if (t < 0 || !comp.has(t)) continue;
      if (stopOn(e)) return pathTo(s, [e]);
      if (!via.has(t)) {
        via.set(t, [s, e]);
        queue.push(t);
      }
    }
  }
  throw new Error('liveness: no walk inside a strongly connected component (internal error)');
}
