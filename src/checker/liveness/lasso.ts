/**
 * Fair lassos in a state graph: a reachable cycle, inside a given set of
 * states, that meets weak fairness; or a state where a run may stop
 * (stutter forever) because no fair class is enabled there.
 *
 * Weak fairness asks of an infinite run, for each class, that the class is
 * disabled infinitely often or taken infinitely often. A strongly connected
 * component holds a weakly fair cycle exactly when every class enabled in
 * all of its states is taken by some edge inside it: the cycle through
 * every state and every inner edge is then fair, and if some class is
 * enabled everywhere and never taken inside, no cycle in the component can
 * take it. Strong fairness (taken infinitely often if enabled infinitely
 * often) asks more: a strong class enabled anywhere in the component must
 * be taken inside it; if it is not, the states where it is enabled cannot
 * be on a fair cycle, so they are removed and the rest decomposed again
 * (the Emerson-Lei refinement). The cycle reported is then built greedily
 * to be short, not the whole component.
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
 * A short fair lasso whose loop lies among states for which `member` holds
 * (and that were expanded) and visits a state for which `accept` holds. For
 * "eventually P" every state is a member and accepting (the graph holds only
 * worlds where P fails, and its parent paths stay inside); for "eventually
 * always P" the loop must visit a world where P fails; for valence, members
 * are the bivalent worlds.
 */
export function findLasso(g: StateGraph, member: (i: number) => boolean, accept: (i: number) => boolean = () => true): Lasso | null {
  const inside = (i: number): boolean => i >= 0 && i < g.size && g.expanded[i] && member(i);

  let stutter = -1;
  for (let i = 0; i < g.size; i++) {
    if (!inside(i) || !accept(i) || (stutter >= 0 && g.depth[i] >= g.depth[stutter])) continue;
    if (enabledClasses(g, i).size === 0) stutter = i;
  }

  let best: { entry: number; states: readonly number[] } | null = null;
  for (const states of fairComponents(g, inside)) {
    const accepting = states.filter(accept);
    if (accepting.length === 0) continue;
    const entry = accepting.reduce((m, s) => (g.depth[s] < g.depth[m] ? s : m), accepting[0]);
    if (best === null || g.depth[entry] < g.depth[best.entry]) best = { entry, states };
  }

  const cycle = best === null ? null : buildLoop(g, best.entry, new Set(best.states));
  if (cycle === null) return stutter < 0 ? null : { kind: 'stutter', state: stutter };
  if (stutter >= 0 && g.depth[stutter] < g.depth[cycle.entry] + cycle.loop.length) return { kind: 'stutter', state: stutter };
  return cycle;
}

/** Strongly connected sets of `inside` states that hold a fair cycle (each a whole component after refinement). */
function fairComponents(g: StateGraph, inside: (i: number) => boolean): (readonly number[])[] {
  const out: (readonly number[])[] = [];
  const pending: ((i: number) => boolean)[] = [inside];
  while (pending.length > 0) {
    const member = pending.pop() as (i: number) => boolean;
    const scc = components({
      size: g.size,
      member,
      successors: (i, f) => {
        const [from, to] = edgesOf(g, i);
        for (let e = from; e < to; e++) f(g.edgeTarget[e]);
      },
    });
    for (const states of scc.members) {
      const c = scc.component[states[0]];
      const internal = (e: number): boolean => g.edgeTarget[e] >= 0 && scc.component[g.edgeTarget[e]] === c;
      if (states.length === 1) {
        const [from, to] = edgesOf(g, states[0]);
        let selfLoop = false;
        for (let e = from; e < to; e++) if (g.edgeTarget[e] === states[0]) selfLoop = true;
        if (!selfLoop) continue;
      }
      const verdict = judge(g, states, internal);
      if (verdict === 'fair') out.push(states);
      else if (verdict !== 'unfair') {
        const keep = new Set(states.filter((s) => ![...enabledClasses(g, s)].some((k) => verdict.has(k))));
        if (keep.size > 0) pending.push((i) => keep.has(i));
      }
    }
  }
  return out;
}

/**
 * 'unfair' when a weak class is enabled in every state and never taken
 * inside (no subset can do better); the strong classes enabled somewhere
 * and never taken inside, when there are any; else 'fair'.
 */
function judge(g: StateGraph, states: readonly number[], internal: (e: number) => boolean): 'fair' | 'unfair' | Set<number> {
  const everywhere = new Map<number, number>();
  const taken = new Set<number>();
  for (const s of states) {
    for (const c of enabledClasses(g, s)) everywhere.set(c, (everywhere.get(c) ?? 0) + 1);
    const [from, to] = edgesOf(g, s);
    for (let e = from; e < to; e++) if (internal(e)) for (const c of classesOfEdge(g, e)) taken.add(c);
  }
  const starved = new Set<number>();
  for (const [c, count] of everywhere) {
    if (taken.has(c)) continue;
    if (!g.classStrong[c]) {
      if (count === states.length) return 'unfair';
    } else starved.add(c);
  }
  return starved.size === 0 ? 'fair' : starved;
}

/**
 * A short fair cycle through `entry` inside the component `comp`: keep the
 * weak classes enabled in every state visited so far and the strong ones
 * enabled in any; while one of them has not been taken, walk
 * (breadth-first, inside the component) to the nearest edge that takes it
 * or, for a weak class, the nearest state where it is disabled; then walk
 * back.
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
  const common = new Set([...enabledAt(entry)].filter((c) => !g.classStrong[c]));
  const strong = new Set([...enabledAt(entry)].filter((c) => g.classStrong[c]));
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
        for (const c of here) if (g.classStrong[c]) strong.add(c);
      }
    }
  };
  for (;;) {
    const owed = [...common, ...strong].find((c) => !taken.has(c));
    if (owed !== undefined) {
      const weak = !g.classStrong[owed];
      walk(shortestWalk(g, comp, cur, (s) => weak && s !== cur && !enabledAt(s).has(owed), (e) => classesOfEdge(g, e).includes(owed)));
      continue;
    }
    if (cur === entry && loop.length > 0) break;
    if (loop.length === 0) {
      // Nothing owed: any step inside the component (a self-loop if there is one), then back.
      const [from, to] = edgesOf(g, entry);
      let step = -1;
      for (let e = from; e < to && step < 0; e++) if (g.edgeTarget[e] === entry) step = e;
      for (let e = from; e < to && step < 0; e++) if (comp.has(g.edgeTarget[e])) step = e;
      walk([step]);
      continue;
    }
    // The way back may pass states that owe more (strong classes): the loop goes on until nothing is owed at entry.
    walk(shortestWalk(g, comp, cur, (s) => s === entry, () => false));
  }
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
