/**
 * A trace as the browser pages show it (the HTML counterexample and the
 * explorer): per world, each node's state line and what the step changed,
 * and the status of every property. Built from the same Trace the other
 * reporters read; plain JSON, so a page embeds it as it is.
 */
import type { PropertyTimeline, Trace, TraceViolation, WorldSnapshot } from '../trace.js';
import { nodeChanges } from './diff.js';
import { paramText } from './dot-header.js';
import { clockText } from './events.js';

export interface PageNode {
  readonly id: string;
  readonly role: string;
  readonly up: boolean;
  readonly summary: string;
  /** Set when the clock is shown. */
  readonly clock?: string;
  /** What the step into this world changed in this node (empty: nothing). */
  readonly changes: readonly string[];
}

export interface PageWorld {
  /** "initial state", or the step's label. */
  readonly label: string;
  readonly time?: number;
  readonly nodes: readonly PageNode[];
  readonly sent: readonly string[];
  /** The messages on the network, one entry per copy: "2a(b=2, v2) p2→a1". */
  readonly network: readonly string[];
  /** Per property in PageData.properties order: null when it holds. */
  readonly broken: readonly (TraceViolation | null)[];
}

export interface PageData {
  readonly spec: string;
  readonly params: string;
  readonly worlds: readonly PageWorld[];
  readonly properties: PropertyTimeline['list'];
  readonly violation?: TraceViolation;
  readonly loop?: number;
  readonly view?: string;
  readonly notes: readonly string[];
}

/** The property timeline of a trace; for a trace written before timelines, the violation at the last world. */
export function timelineOf(trace: Trace): PropertyTimeline {
  if (trace.properties !== undefined) return trace.properties;
  const v = trace.violation;
  const count = trace.steps.length + 1;
  if (v === undefined) return { list: [], worlds: Array.from({ length: count }, () => []) };
  return {
    list: [{ name: v.property, description: v.message, kind: 'invariant' }],
    worlds: Array.from({ length: count }, (_, i) => [i === count - 1 ? v : null]),
  };
}

function pageWorld(world: WorldSnapshot, before: WorldSnapshot | undefined, label: string, sent: readonly string[], broken: readonly (TraceViolation | null)[], usesTime: boolean): PageWorld {
  return {
    label,
    ...(usesTime ? { time: world.time } : {}),
    nodes: world.nodes.map((n, j) => {
      const prev = before?.nodes[j];
      const changes = prev === undefined ? [] : nodeChanges(prev, n);
      if (prev !== undefined && prev.up !== n.up) changes.unshift(n.up ? 'comes back up' : 'goes down');
      return { id: n.id, role: n.role, up: n.up, summary: n.summary, ...(usesTime ? { clock: clockText(world, n) } : {}), changes };
    }),
    sent,
    network: world.messages.map((m) => `${m.text} ${m.from}→${m.to}`),
    broken,
  };
}

export function pageData(trace: Trace, usesTime: boolean): PageData {
  const timeline = timelineOf(trace);
  const worlds: PageWorld[] = [pageWorld(trace.initial, undefined, 'initial state', [], timeline.worlds[0] ?? [], usesTime)];
  let before = trace.initial;
  trace.steps.forEach((s, i) => {
    worlds.push(pageWorld(s.world, before, s.label, s.sent.map((m) => `${m.text} ${m.from}→${m.to}`), timeline.worlds[i + 1] ?? [], usesTime));
    before = s.world;
  });
  return {
    spec: trace.spec,
    params: paramText(trace),
    worlds,
    properties: timeline.list,
    ...(trace.violation === undefined ? {} : { violation: trace.violation }),
    ...(trace.loop === undefined ? {} : { loop: trace.loop }),
    ...(trace.view === undefined ? {} : { view: trace.view }),
    notes: trace.notes ?? [],
  };
}
