/**
 * The explorer's engine: a world named by its path from the initial world
 * (the successor ordinals of System.expand, as traces are replayed), its
 * trace so far, the events enabled in it with what each leads to, and the
 * shortest counterexample as such a path. Knows no protocol and no HTTP:
 * src/cli/explore.ts serves it.
 */
import { firstBroken } from '../invariants.js';
import { labelledSuccessors, replay, snapshot } from '../replay.js';
import { checkSpec, systemFor } from '../run.js';
import type { LoadedSpec } from '../spec.js';
import type { System } from '../system.js';
import { propertyTimeline } from '../trace-properties.js';
import type { Action, Trace, WorldSnapshot } from '../trace.js';
import { stableJson } from '../report/flows.js';
import { valenceMap, type ValenceMap } from './valence-map.js';

export interface Successor {
  /** Its ordinal: the path to it is the current path plus this. */
  readonly ordinal: number;
  readonly label: string;
  readonly kind: Action['kind'];
  /** Invariants the world it leads to breaks. */
  readonly breaks: readonly string[];
  /** Decision values still reachable from it ("0-valent" and so on), when the protocol reports decisions. */
  readonly valence?: string;
}

export interface ExplorerView {
  readonly path: readonly number[];
  readonly trace: Trace;
  readonly successors: readonly Successor[];
  /** Valence of the current world. */
  readonly valence?: string;
}

export type Counterexample =
  | { readonly path: readonly number[]; readonly property: string }
  | { readonly path: null; readonly reason: string };

export class PathError extends Error {}

export interface ExplorerSession {
  readonly spec: LoadedSpec;
  readonly sys: System;
  at(path: readonly number[]): ExplorerView;
  /** The spec's shortest counterexample as a path (searched once, on first use), or why there is none to show. */
  counterexample(): Counterexample;
  /** Valence labels, when the protocol reports decisions and the space is small enough (computed once). */
  valence(): ValenceMap | null;
}

/** Parses "3.0.12" (or "") into ordinals; PathError names what is wrong. */
export function parsePath(text: string): number[] {
  if (text.trim() === '') return [];
  return text.split('.').map((p) => {
    if (!/^\d{1,6}$/.test(p)) throw new PathError(`bad path element "${p}": expected successor numbers separated by dots`);
    return Number(p);
  });
}

/** The path that replays a trace, step by step: the successor with the same label and the same next world. */
export function pathOfTrace(sys: System, trace: Trace): number[] | null {
  let w = sys.initialWorld();
  const path: number[] = [];
  for (const step of trace.steps) {
    const options = labelledSuccessors(sys, w);
    const want = stableJson(worldData(step.world));
    let k = options.findIndex((o) => o.step.label === step.label && stableJson(worldData(o.step.world)) === want);
    if (k < 0) k = options.findIndex((o) => o.step.label === step.label);
    if (k < 0) return null;
    path.push(k);
    w = options[k].world;
  }
  return path;
}

function worldData(w: WorldSnapshot): { nodes: { id: string; up: boolean; state: WorldSnapshot['nodes'][number]['state'] }[]; time: number } {
  return { nodes: w.nodes.map((n) => ({ id: n.id, up: n.up, state: n.state })), time: w.time };
}

export function openSession(spec: LoadedSpec): ExplorerSession {
  const sys = systemFor(spec);
  let cx: Counterexample | undefined;
  let labels: ValenceMap | null | undefined;
  const session: ExplorerSession = {
    spec,
    sys,
    counterexample() {
      if (cx !== undefined) return cx;
      const r = checkSpec(spec);
      if (r.trace === undefined || r.property === undefined) {
        cx = { path: null, reason: r.verdict === 'pass' ? 'no counterexample: every property holds within the bounds' : 'no counterexample found within the search limits' };
        return cx;
      }
      const path = pathOfTrace(sys, r.trace);
      cx =
        path === null
          ? { path: null, reason: `the counterexample to ${r.property} (${r.trace.steps.length} steps) climbs past the spec's bounds (see synod check)` }
          : { path, property: r.property };
      return cx;
    },
    valence() {
      if (labels === undefined) labels = spec.protocol.decided === undefined ? null : valenceMap(spec, sys);
      return labels;
    },
    at(path) {
      let replayed;
      try {
        replayed = replay(sys, path);
      } catch {
        throw new PathError(`no such path: ${path.join('.')} (it leaves the enabled events)`);
      }
      const worlds = [replayed.initial, ...replayed.steps.map((s) => s.world)];
      const last = worlds[worlds.length - 1];
      const broken = firstBroken(sys.config, spec.invariants, sys.view(last));
      const trace: Trace = {
        spec: spec.name,
        protocol: spec.protocol.name,
        params: spec.params,
        bugs: spec.bugs,
        initial: snapshot(sys, replayed.initial),
        steps: replayed.steps.map((s) => s.step),
        ...(broken === null ? {} : { violation: { property: broken.property, message: broken.violation.message, witnesses: broken.violation.witnesses } }),
        network: spec.settings.network,
        properties: propertyTimeline(spec, sys, worlds),
      };
      const v = labels ?? null;
      const successors = labelledSuccessors(sys, last).map((s, ordinal): Successor => {
        const view = sys.view(s.world);
        const breaks = spec.invariants.filter((inv) => inv.check(sys.config, view) !== null).map((inv) => inv.name);
        const valence = v?.of(s.world);
        return { ordinal, label: s.step.label, kind: s.step.action.kind, breaks, ...(valence === undefined ? {} : { valence }) };
      });
      const here = v?.of(last);
      return { path, trace, successors, ...(here === undefined ? {} : { valence: here }) };
    },
  };
  return session;
}
