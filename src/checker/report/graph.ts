/**
 * The state graph of a small run, for looking at a whole (tiny) state space
 * at once: a breadth-first exploration of its own that, unlike the checker's
 * search, keeps every edge and every world. Capped: past the cap it stops
 * with a GraphTooBig error rather than producing a picture nobody can read.
 */
import type { Invariant } from '../../model/contract.js';
import { firstBroken, type Broken } from '../invariants.js';
import { labelledSuccessors, snapshot } from '../replay.js';
import type { System } from '../system.js';
import type { WorldSnapshot } from '../trace.js';
import type { StateValence } from './graph-valence.js';
import { FONT, attrs, clip, lines, type Line } from './dot-text.js';

export const DEFAULT_GRAPH_CAP = 2000;

export class GraphTooBig extends Error {}

export interface GraphState {
  readonly id: number;
  readonly depth: number;
  readonly world: WorldSnapshot;
  readonly broken: Broken | null;
  /** The state it was first reached from (-1 for the initial state) and the edge that reached it. */
  readonly parent: number;
  readonly parentEdge: number;
}

export interface GraphEdge {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

export interface StateGraph {
  readonly states: readonly GraphState[];
  readonly edges: readonly GraphEdge[];
  /** Whether states at the depth bound were left unexpanded. */
  readonly truncated: boolean;
  /** Steps that lead back to the same world (redeliveries under set semantics), not drawn. */
  readonly selfLoops: number;
}

export interface GraphOptions {
  readonly maxStates?: number;
  readonly maxDepth?: number;
}

export function exploreGraph(sys: System, invariants: readonly Invariant<unknown, unknown, unknown>[], options: GraphOptions = {}): StateGraph {
  const cap = options.maxStates ?? DEFAULT_GRAPH_CAP;
  const maxDepth = options.maxDepth ?? Infinity;
  const index = new Map<string, number>();
  const states: GraphState[] = [];
  const worlds: Int32Array[] = [];
  const edges: GraphEdge[] = [];
  let truncated = false;
  let selfLoops = 0;

  const add = (w: Int32Array, depth: number, parent: number, parentEdge: number): number => {
    sys.fingerprint(w);
    const key = `${sys.fpHi}:${sys.fpLo}`;
    const known = index.get(key);
    if (known !== undefined) return known;
    if (states.length >= cap) throw new GraphTooBig(`the state graph has more than ${cap} states; shrink the spec's parameters or bounds (maxDepth) to draw it`);
    const id = states.length;
    index.set(key, id);
    states.push({ id, depth, world: snapshot(sys, w), broken: firstBroken(sys.config, invariants, sys.view(w)), parent, parentEdge });
    worlds.push(w);
    return id;
  };

  add(sys.initialWorld(), 0, -1, -1);
  for (let s = 0; s < states.length; s++) {
    const from = states[s];
    // Like the checker, stop at a violation: what follows it is not a counterexample.
    if (from.broken !== null) continue;
    if (from.depth >= maxDepth) {
      truncated = true;
      continue;
    }
    for (const r of labelledSuccessors(sys, worlds[s])) {
      const to = add(r.world, from.depth + 1, s, edges.length);
      if (to === s) selfLoops++;
      else edges.push({ from: s, to, label: r.step.label });
    }
  }
  return { states, edges, truncated, selfLoops };
}

/** States on the shortest path to the first violating state (BFS order), and that path's edges. */
export function counterexamplePath(g: StateGraph): { states: Set<number>; edges: Set<number> } {
  const states = new Set<number>();
  const edges = new Set<number>();
  const bad = g.states.find((s) => s.broken !== null);
  for (let s = bad; s !== undefined; s = s.parent >= 0 ? g.states[s.parent] : undefined) {
    states.add(s.id);
    if (s.parentEdge >= 0) edges.add(s.parentEdge);
  }
  return { states, edges };
}

export interface GraphDotOptions {
  readonly title: string;
  readonly usesTime: boolean;
  /** Per state id: its valence, to colour states by it (see graph-valence.ts). */
  readonly valence?: readonly StateValence[];
}

/** Fill colours by valence: each single value its own tint, bivalent amber, nothing reachable grey. */
const VALENT = ['#e3f2fd', '#e8f5e9', '#f3e5f5', '#e0f7fa'];
const VALENT_NAMES = ['blue', 'green', 'purple', 'cyan'];
function valenceFill(v: StateValence, allValues: readonly string[]): string {
  if (v.values.length === 0) return '#eeeeee';
  if (v.values.length > 1) return '#ffe0b2';
  return VALENT[allValues.indexOf(v.values[0]) % VALENT.length];
}

const RED = '#c62828';

function stateLabel(s: GraphState, usesTime: boolean, valence: StateValence | undefined): string {
  const ls: Line[] = [{ text: `#${s.id}${usesTime ? `  t=${s.world.time}` : ''}${valence === undefined ? '' : `  ${valence.name}`}`, bold: true }];
  for (const n of s.world.nodes) {
    const clock = usesTime ? ` c=${n.clock}` : '';
    ls.push({ text: clip(`${n.id}${n.up ? '' : '↓'}${clock}: ${n.summary}`, 60) });
  }
  if (s.world.messages.length > 0) ls.push({ text: `${s.world.messages.length} in flight`, color: '#777777' });
  if (s.broken !== null) ls.push({ text: `VIOLATES ${s.broken.property}`, bold: true, color: RED });
  return lines(ls);
}

export function stateGraphDot(g: StateGraph, options: GraphDotOptions): string {
  const path = counterexamplePath(g);
  const out: string[] = ['digraph states {'];
  const notes = [`${g.states.length} states, ${g.edges.length} edges`];
  if (g.selfLoops > 0) notes.push(`${g.selfLoops} self-loops not drawn`);
  if (g.truncated) notes.push('cut at the depth bound');
  const title: Line[] = [{ text: options.title, bold: true }, { text: notes.join('; ') }];
  if (path.states.size > 0) title.push({ text: 'red: violating states; bold red: a shortest counterexample', color: RED });
  const allValues = [...new Set((options.valence ?? []).flatMap((v) => v.values))].sort();
  if (options.valence !== undefined) {
    const key = allValues.map((v, i) => `${v}-valent ${VALENT_NAMES[i % VALENT_NAMES.length]}`);
    title.push({ text: `fill by valence (FLP): ${[...key, 'bivalent amber', 'no decision reachable grey'].join(', ')}` });
  }
  out.push(`  graph${attrs({ label: lines(title), labelloc: 't', labeljust: 'l', fontname: FONT, fontsize: 12, rankdir: 'TB', nodesep: 0.25, ranksep: 0.5, bgcolor: 'white', pad: 0.3 })};`);
  out.push(`  node${attrs({ fontname: FONT, fontsize: 9, shape: 'box', style: 'rounded,filled', fillcolor: 'white', color: '#666666' })};`);
  out.push(`  edge${attrs({ fontname: FONT, fontsize: 8, color: '#9e9e9e', fontcolor: '#555555', arrowsize: 0.6 })};`);
  for (const s of g.states) {
    const bad = s.broken !== null;
    const onPath = path.states.has(s.id);
    out.push(
      `  s${s.id}${attrs({
        label: stateLabel(s, options.usesTime, options.valence?.[s.id]),
        fillcolor: bad ? '#fde0dc' : options.valence !== undefined ? valenceFill(options.valence[s.id], allValues) : s.id === 0 ? '#e3f2fd' : 'white',
        color: bad || onPath ? RED : '#666666',
        penwidth: bad || onPath ? 2.5 : s.id === 0 ? 2 : 1,
      })};`,
    );
  }
  // Parallel steps between the same two states share one arrow with every label.
  const merged = new Map<string, { from: number; to: number; labels: string[]; hot: boolean }>();
  g.edges.forEach((e, k) => {
    const key = `${e.from}>${e.to}`;
    const m = merged.get(key) ?? { from: e.from, to: e.to, labels: [], hot: false };
    m.labels.push(e.label);
    m.hot ||= path.edges.has(k);
    merged.set(key, m);
  });
  for (const m of merged.values()) {
    const shown = m.labels.slice(0, 3).map((l) => clip(l, 40));
    if (m.labels.length > 3) shown.push(`… ${m.labels.length - 3} more`);
    out.push(`  s${m.from} -> s${m.to}${attrs({ label: shown.join('\n'), ...(m.hot ? { color: RED, penwidth: 2.5, fontcolor: RED } : {}) })};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
