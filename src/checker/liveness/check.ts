/**
 * Liveness checking of one spec: "eventually P" under weak fairness, by a
 * fair-lasso search on the graph of worlds where P does not hold; with
 * "valence" (or `synod check --valence`), on the graph of bivalent worlds,
 * which yields the FLP run. The verdict and figures come back as a
 * CheckResult, so the CLI and reporters treat it like a safety check.
 */
import type { Predicate, WorldView } from '../../model/contract.js';
import type { CheckResult, Verdict } from '../run.js';
import { specIdentity } from '../identity.js';
import { snapshot } from '../replay.js';
import { propertyTimeline } from '../trace-properties.js';
import type { LoadedSpec } from '../spec.js';
import { System } from '../system.js';
import type { Trace, TraceViolation } from '../trace.js';
import { describeFairness } from './fairness.js';
import { explore, type StateGraph } from './graph.js';
import { pathTo, replayEdges, ReplayError } from './graph-trace.js';
import { WorldKeys } from './keys.js';
import { findLasso, type Lasso } from './lasso.js';
import { livenessSettings, type LivenessSettings } from './spec-fields.js';
import { labelValence, popcount, valenceAlong, valenceSummary, ValueBits, type ValenceLabels } from './valence.js';

export interface LivenessOptions {
  /** Overrides the spec's time limit (seconds). */
  readonly timeLimit?: number;
  /** Look for a forever-bivalent run (as the spec field "valence": true). */
  readonly valence?: boolean;
}

interface Analysis {
  readonly sys: System;
  readonly keys: WorldKeys;
  readonly graph: StateGraph;
  readonly settings: LivenessSettings;
  readonly labels?: ValenceLabels;
  readonly lasso: Lasso | null;
}

const NEVER: Predicate<unknown, unknown, unknown> = { name: 'decision', description: 'a value is decided', holds: () => false };

function analyse(spec: LoadedSpec, settings: LivenessSettings, target: Predicate<unknown, unknown, unknown>, options: LivenessOptions): Analysis {
  const sys = new System(spec.protocol, spec.config, spec.settings);
  const keys = new WorldKeys(sys, settings.view);
  const holds: boolean[] = [];
  const bits = new ValueBits();
  const decidedIn = spec.protocol.decided;
  if (settings.valence && decidedIn === undefined) throw new Error(`${spec.protocol.name} does not say which values a world has decided (Protocol.decided)`);
  // Valence: undecided worlds are the graph; a world that has decided is a leaf marked with its values.
  const decidedMask = (v: WorldView<unknown, unknown>): number => (decidedIn === undefined ? 0 : bits.mask(decidedIn.call(spec.protocol, spec.config, v)));
  // Eventually P: worlds where P holds end every run through them, so they are left out; eventually always P needs them all.
  const keep = settings.valence
    ? (v: WorldView<unknown, unknown>): boolean => decidedMask(v) === 0
    : settings.stable
      ? (): boolean => true
      : (v: WorldView<unknown, unknown>): boolean => !target.holds(spec.config, v);
  const fails = (i: number): boolean => !holds[i];
  let found: Lasso | null = null;
  const graph = explore(sys, {
    keys,
    fairness: settings.fairness,
    keep,
    invariants: spec.invariants,
    limits: { ...spec.limits, ...(options.timeLimit === undefined ? {} : { timeLimit: options.timeLimit }) },
    onState: (i, v) => void (holds[i] = target.holds(spec.config, v)),
    ...(settings.valence ? { exitMark: decidedMask } : {}),
    // A lasso in part of the graph is a lasso of the whole, so stop at the first; valence needs the whole graph.
    ...(settings.valence ? {} : { stopWhen: (g: StateGraph): boolean => (found = findLasso(g, () => true, fails)) !== null }),
  });
  if (!settings.valence) {
    const lasso = graph.status === 'violation' ? null : graph.status === 'stopped' ? found : findLasso(graph, () => true, fails);
    return { sys, keys, graph, settings, lasso };
  }
  const labels = labelValence(graph, bits.values);
  const lasso = graph.status === 'violation' ? null : findLasso(graph, (i) => !holds[i] && popcount(labels.reachable[i]) >= 2);
  return { sys, keys, graph, settings, labels, lasso };
}

function baseNotes(spec: LoadedSpec, a: Analysis, target: Predicate<unknown, unknown, unknown>): string[] {
  const notes = [
    `liveness: eventually ${a.settings.stable ? 'always ' : ''}${target.name} (${target.description}), ${describeFairness(a.settings.fairness)}${a.settings.defaultFairness ? ' (the default for valence analysis)' : ''}; a run may stay forever in a world where no fair step is enabled`,
  ];
  if (a.settings.view) {
    notes.push(
      `this verdict depends on a view: worlds were identified by ${spec.protocol.name}'s view (${spec.protocol.view?.description ?? ''}), which is sound only if view-equal worlds have the same futures; traces show real numbers`,
    );
  }
  if (a.labels !== undefined) notes.push(...valenceSummary(a.labels));
  else if (spec.invariants.length > 0) {
    notes.push(`invariants (${spec.invariants.map((i) => i.name).join(', ')}) were checked on the explored worlds only: those where ${target.name} does not hold`);
  }
  return notes;
}

interface BuiltTrace {
  readonly trace?: Trace;
  readonly notes: readonly string[];
}

function buildTrace(spec: LoadedSpec, a: Analysis, edges: readonly number[], violation: TraceViolation, loop: number | undefined, extra: readonly string[]): BuiltTrace {
  // With a view, real numbers climb with each repetition of a loop: replay where the bounds allow it.
  const view = a.keys.usesView ? spec.protocol.view : undefined;
  const raise = edges.length + 1;
  const sys = view === undefined ? a.sys : new System(spec.protocol, view.raiseBounds(spec.config, raise), spec.settings);
  let replayed;
  try {
    replayed = replayEdges(sys, a.keys.forSystem(sys), a.graph, edges);
  } catch (e) {
    if (e instanceof ReplayError) return { notes: [...extra, e.message] };
    throw e;
  }
  const notes = [...extra];
  let upToView = false;
  if (loop !== undefined) {
    const start = loop === 0 ? replayed.initial : replayed.steps[loop - 1].world;
    const end = replayed.steps.length === 0 ? replayed.initial : replayed.steps[replayed.steps.length - 1].world;
    sys.fingerprint(start);
    const [hi, lo] = [sys.fpHi, sys.fpLo];
    sys.fingerprint(end);
    notes.push(`lasso: a prefix of ${loop} steps, then a loop of ${edges.length - loop} steps that repeats forever`);
    if (hi !== sys.fpHi || lo !== sys.fpLo) {
      upToView = true;
      notes.push(
        `the loop closes up to the view: the world after step ${edges.length} equals the world before step ${loop + 1} once normalised (${view?.description ?? 'view'}); each repetition runs with higher numbers (replayed with the model's bounds raised by ${raise})`,
      );
    }
  }
  if (a.labels !== undefined) {
    const labels = a.labels;
    notes.push(valenceAlong(labels, [0, ...edges.map((e) => a.graph.edgeTarget[e])]));
  }
  const trace: Trace = {
    spec: spec.name,
    protocol: spec.protocol.name,
    params: spec.params,
    bugs: spec.bugs,
    initial: snapshot(sys, replayed.initial),
    steps: replayed.steps.map((s) => s.step),
    violation,
    ...(loop === undefined ? {} : { loop }),
    ...(upToView && view !== undefined ? { view: view.description } : {}),
    network: spec.settings.network,
    properties: propertyTimeline(spec, sys, [replayed.initial, ...replayed.steps.map((s) => s.world)]),
    notes,
  };
  return { trace, notes };
}

function lassoViolation(a: Analysis, lasso: Lasso, target: Predicate<unknown, unknown, unknown>): TraceViolation {
  const fair = describeFairness(a.settings.fairness);
  const kind = a.labels !== undefined ? 'bivalent forever' : a.settings.stable ? `${target.name} fails again and again` : `${target.name} never holds`;
  if (lasso.kind === 'cycle') {
    const prefix = a.graph.depth[lasso.entry];
    return {
      property: target.name,
      message: `${kind}: after ${prefix} steps the run repeats a loop of ${lasso.loop.length} steps forever${a.settings.stable ? `, starting in a world where ${target.name} fails,` : ''} and every fair step enabled throughout the loop is taken in it`,
      witnesses: [fair],
    };
  }
  const [from, to] = [a.graph.edgeStart[lasso.state], a.graph.edgeStart[lasso.state + 1]];
  const why = from === to ? 'no step at all is enabled there (a deadlock)' : 'no weakly fair step is enabled there';
  return {
    property: target.name,
    message: `${kind}: the run may stop in the world after step ${a.graph.depth[lasso.state]} and stay there forever: ${why}`,
    witnesses: [fair],
  };
}

/** Checks a spec with "eventually" (or, with options.valence, any spec) for fair lassos. */
export function checkLiveness(spec: LoadedSpec, options: LivenessOptions = {}): CheckResult {
  const start = performance.now();
  const settings = livenessSettings(spec, options.valence === true);
  const target = spec.eventually ?? NEVER;
  const a = analyse(spec, settings, target, options);
  const g = a.graph;
  const notes = baseNotes(spec, a, target);
  let verdict: Verdict;
  let property: string | undefined;
  let message: string | undefined;
  let built: BuiltTrace | undefined;
  if (g.status === 'violation' && g.broken !== undefined && g.brokenAt !== undefined) {
    verdict = 'violation';
    property = g.broken.property;
    message = g.broken.violation.message;
    built = buildTrace(spec, a, pathTo(g, g.brokenAt), { property, message, witnesses: g.broken.violation.witnesses }, undefined, notes);
  } else if (a.lasso !== null) {
    verdict = 'violation';
    const v = lassoViolation(a, a.lasso, target);
    property = v.property;
    message = v.message;
    const edges = a.lasso.kind === 'cycle' ? [...pathTo(g, a.lasso.entry), ...a.lasso.loop] : pathTo(g, a.lasso.state);
    built = buildTrace(spec, a, edges, v, a.lasso.kind === 'cycle' ? g.depth[a.lasso.entry] : undefined, notes);
  } else if (g.status === 'exhausted' || (g.limit === 'depth' && spec.bounded)) {
    verdict = 'pass';
    notes.push(
      a.labels !== undefined
        ? `no fair run stays bivalent forever in the ${g.size.toLocaleString('en-US')} worlds explored`
        : a.settings.stable
          ? `every fair run reaches a point from which ${target.name} holds for good`
          : `no fair run avoids ${target.name} forever: every fair run of the bounded system reaches it`,
    );
  } else {
    verdict = 'incomplete';
  }
  const trace = built?.trace;
  const asExpected = spec.expect.kind === 'pass' ? verdict === 'pass' : verdict === 'violation' && property === spec.expect.property;
  // Exploration, lasso search and replay together.
  const seconds = (performance.now() - start) / 1000;
  const secs = Math.max(seconds, 1e-6);
  return {
    ...specIdentity(spec),
    verdict,
    expected: spec.expect.kind === 'pass' ? 'pass' : `violates ${spec.expect.property}`,
    asExpected,
    ...(property === undefined ? {} : { property }),
    ...(message === undefined ? {} : { message }),
    ...(g.limit === undefined ? {} : { limit: g.limit }),
    states: g.size,
    transitions: g.transitions,
    depth: g.maxDepth,
    seconds,
    statesPerSecond: g.size / secs,
    transitionsPerSecond: g.transitions / secs,
    bytesPerState: g.size === 0 ? 0 : g.bytes / g.size,
    collisionProbability: (g.size * Math.max(0, g.transitions - g.size)) / 2 ** 64,
    ...(trace === undefined ? {} : { traceLength: trace.steps.length, trace }),
    notes: built?.notes ?? notes,
  };
}
