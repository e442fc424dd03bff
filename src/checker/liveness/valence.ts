/**
 * Valence (Fischer, Lynch and Paterson): the set of decision values still
 * reachable from a world. A world is v-valent when only v is, bivalent when
 * two or more are. Computed on the state graph by one pass over its
 * strongly connected components, sinks first: a component reaches what its
 * own worlds have decided plus what the components it leads to reach.
 */
import { edgesOf, type StateGraph } from './graph.js';
import { components } from './scc.js';

export interface ValenceLabels {
  /** Decision values, in bit order. */
  readonly values: readonly string[];
  /** Per state: bit mask of the decision values reachable from it. */
  readonly reachable: Int32Array;
  /** False when part of the graph was not expanded: masks are then lower bounds. */
  readonly complete: boolean;
}

/** Interns decision values to bits (at most 31). */
export class ValueBits {
  readonly values: string[] = [];

  mask(decided: readonly string[]): number {
    let m = 0;
    for (const v of decided) {
      let i = this.values.indexOf(v);
      if (i < 0) {
        if (this.values.length === 31) throw new Error('valence analysis supports at most 31 decision values');
        i = this.values.push(v) - 1;
      }
      m |= 1 << i;
    }
    return m;
  }
}

export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export function labelValence(g: StateGraph, values: readonly string[]): ValenceLabels {
  const reachable = new Int32Array(g.size);
  const scc = components({
    size: g.size,
    member: () => true,
    successors: (i, f) => {
      const [from, to] = edgesOf(g, i);
      for (let e = from; e < to; e++) f(g.edgeTarget[e]);
    },
  });
  for (const states of scc.members) {
    const c = scc.component[states[0]];
    let mask = 0;
    for (const s of states) {
      const [from, to] = edgesOf(g, s);
      for (let e = from; e < to; e++) {
        const t = g.edgeTarget[e];
        if (t < 0) mask |= g.edgeExit[e];
        else if (scc.component[t] !== c) mask |= reachable[t];
      }
    }
    for (const s of states) reachable[s] = mask;
  }
  return { values, reachable, complete: g.expanded.every((x) => x) };
}

export function valenceName(labels: ValenceLabels, mask: number): string {
  const vs = labels.values.filter((_, i) => (mask >> i) & 1);
  if (vs.length === 0) return 'no decision reachable';
  if (vs.length === 1) return `${vs[0]}-valent`;
  return `${vs.length === 2 ? 'bivalent' : `${vs.length}-valent`} {${vs.join(', ')}}`;
}

export interface ValenceCounts {
  readonly bivalent: number;
  readonly univalent: Readonly<Record<string, number>>;
  readonly none: number;
}

export function countValence(labels: ValenceLabels): ValenceCounts {
  let bivalent = 0;
  let none = 0;
  const univalent: Record<string, number> = Object.fromEntries(labels.values.map((v) => [v, 0]));
  for (const m of labels.reachable) {
    const k = popcount(m);
    if (k === 0) none++;
    else if (k >= 2) bivalent++;
    else univalent[labels.values[31 - Math.clz32(m)]]++;
  }
  return { bivalent, univalent, none };
}

/** "valence of the 1,234 worlds: 600 bivalent, 300 v1-valent, 300 v2-valent, 34 with no decision reachable". */
export function valenceSummary(labels: ValenceLabels): string[] {
  const c = countValence(labels);
  const fmt = (n: number): string => n.toLocaleString('en-US');
  const parts = [`${fmt(c.bivalent)} bivalent`, ...labels.values.map((v) => `${fmt(c.univalent[v])} ${v}-valent`)];
  if (c.none > 0) parts.push(`${fmt(c.none)} with no decision reachable`);
  const init = labels.reachable.length > 0 ? labels.reachable[0] : 0;
  const lines = [
    `valence of the ${fmt(labels.reachable.length)} undecided worlds (one that has decided v is v-valent): ${parts.join(', ')}`,
    `the initial world is ${valenceName(labels, init)}${popcount(init) >= 2 ? ': a bivalent initial state exists' : ''}`,
  ];
  if (!labels.complete) lines.push('valence is a lower bound: the search stopped at a bound, so more values may be reachable');
  return lines;
}

/** One note for a run through states: their valence, runs of equal valence merged. */
export function valenceAlong(labels: ValenceLabels, states: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < states.length) {
    let j = i;
    while (j + 1 < states.length && labels.reachable[states[j + 1]] === labels.reachable[states[i]]) j++;
    const where = i === 0 ? (j === 0 ? 'initial world' : `initial world to step ${j}`) : i === j ? `step ${i}` : `steps ${i}-${j}`;
    parts.push(`${where}: ${valenceName(labels, labels.reachable[states[i]])}`);
    i = j + 1;
  }
  return `valence along the run (after each step): ${parts.join('; ')}`;
}
