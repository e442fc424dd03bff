/**
 * Runs one loaded spec: search, verdict against the expectation, and the
 * counterexample trace rebuilt by replay.
 */
import { bfs, type LimitKind, type Progress, type SearchOptions, type SearchResult } from './bfs.js';
import { checkLiveness } from './liveness/check.js';
import { parallelBfs, parallelizable } from './parallel/search.js';
import { replay, snapshot } from './replay.js';
import { propertyTimeline } from './trace-properties.js';
import type { LoadedSpec } from './spec.js';
import { specIdentity, type SpecIdentity } from './identity.js';
import { withoutReductions } from './no-reduce.js';
import { System } from './system.js';
import type { Trace } from './trace.js';
import { vacuity, vacuousMessage, witnessNames } from './witnesses.js';

export type Verdict = 'pass' | 'violation' | 'incomplete';

export interface CheckResult extends SpecIdentity {
  readonly verdict: Verdict;
  /** "pass" or "violates <property>". */
  readonly expected: string;
  readonly asExpected: boolean;
  readonly property?: string;
  readonly message?: string;
  readonly limit?: LimitKind;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly transitionsPerSecond: number;
  readonly bytesPerState: number;
  readonly collisionProbability: number;
  readonly traceLength?: number;
  readonly trace?: Trace;
  /** Symmetry reduction: permutations in the group (absent: no reduction). */
  readonly symmetryGroup?: number;
  /** Worker threads that ran the search (absent: one, this thread). */
  readonly workers?: number;
  /** What the verdict rests on (fairness, a view, valence figures); liveness checks set it. */
  readonly notes?: readonly string[];
  /**
   * A pass that proves nothing: the spec's reachability witnesses that no
   * explored world satisfied. Such a pass is not as expected (exit 1).
   */
  readonly vacuous?: readonly string[];
  /** The spec's reachability witnesses, by name (absent: none). */
  readonly witnesses?: readonly string[];
}

export interface RunOptions {
  readonly onProgress?: (p: Progress) => void;
  /** Overrides the spec's time limit (seconds). */
  readonly timeLimit?: number;
  readonly maxMemory?: number;
  /** Symmetry reduction even where the spec does not ask for it (protocols that declare a symmetry). */
  readonly symmetry?: boolean;
  /** Worker threads for the search (default 1: in this thread). */
  readonly workers?: number;
  /**
   * false: no stale-message removal and no normalization (Protocol.stale,
   * Protocol.normalize), so the verdict does not rest on the model's claims.
   * Default true; the claims are checked against handle() either way.
   */
  readonly reduce?: boolean;
}


export function systemFor(spec: LoadedSpec): System {
  return new System(spec.protocol, spec.config, spec.settings);
}

export function expectedText(spec: LoadedSpec): string {
  return spec.expect.kind === 'pass' ? 'pass' : `violates ${spec.expect.property}`;
}

/** Whether a run reduces by symmetry: the spec or the options ask, and the protocol declares one. */
export function usesSymmetry(spec: LoadedSpec, options: RunOptions): boolean {
  return (spec.symmetry || options.symmetry === true) && spec.protocol.symmetry !== undefined;
}

/**
 * Workers race within a level, so which violating world a parallel search
 * meets first, and the figures at that moment, depend on scheduling. The
 * violation's depth does not: the parallel search proves a counterexample
 * exists at depth d and none shallower. The one reported is the
 * single-threaded search's, rerun up to depth d (it stops at the same first
 * violation every time), so any worker count gives the same verdict,
 * counterexample and figures. The cost, measured in the README, is one
 * single-threaded search of the levels up to the violation.
 */
function canonicalViolation(r: SearchResult, sys: System, spec: LoadedSpec, search: SearchOptions): SearchResult {
  if (r.status !== 'violation') return r;
  const remaining = Math.max(1e-3, search.limits.timeLimit - r.seconds);
  const again = bfs(sys, spec.invariants, { ...search, limits: { ...search.limits, maxDepth: Math.min(search.limits.maxDepth, r.depth), timeLimit: remaining } });
  // Out of time (or interrupted) on the way: the parallel search's own counterexample is still a valid, shortest one.
  if (again.status !== 'violation') return r;
  return { ...again, seconds: r.seconds + again.seconds, ...(r.workers === undefined ? {} : { workers: r.workers }) };
}

export function checkSpec(given: LoadedSpec, options: RunOptions = {}): CheckResult {
  const spec = options.reduce === false ? withoutReductions(given) : given;
  // "eventually P": a fair-lasso search instead of BFS for invariants (src/checker/liveness).
  if (spec.eventually !== undefined) return checkLiveness(spec, options);
  const sys = systemFor(spec);
  const limits = {
    ...spec.limits,
    ...(options.timeLimit === undefined ? {} : { timeLimit: options.timeLimit }),
    ...(options.maxMemory === undefined ? {} : { maxMemory: options.maxMemory }),
  };
  const symmetry = usesSymmetry(spec, options);
  const search = { limits, symmetry, reachable: spec.reachable ?? [], ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) };
  const workers = options.workers ?? 1;
  const r = workers > 1 && parallelizable(spec) ? canonicalViolation(parallelBfs(spec, { ...search, workers, reduce: spec.settings.dropStale }), sys, spec, search) : bfs(sys, spec.invariants, search);
  let verdict: Verdict;
  if (r.status === 'violation') verdict = 'violation';
  else if (r.status === 'exhausted' || (r.limit === 'depth' && spec.bounded)) verdict = 'pass';
  else verdict = 'incomplete';

  let trace: Trace | undefined;
  if (r.status === 'violation' && r.path !== undefined && r.broken !== undefined) {
    const { initial, steps } = replay(sys, r.path);
    trace = {
      spec: spec.name,
      protocol: spec.protocol.name,
      params: spec.params,
      bugs: spec.bugs,
      initial: snapshot(sys, initial),
      steps: steps.map((s) => s.step),
      violation: { property: r.broken.property, message: r.broken.violation.message, witnesses: r.broken.violation.witnesses },
      network: spec.settings.network,
      properties: propertyTimeline(spec, sys, [initial, ...steps.map((s) => s.world)]),
    };
  }
  const vacuous = vacuity(verdict, r.unreached);
  const asExpected =
    spec.expect.kind === 'pass' ? verdict === 'pass' && vacuous === undefined : verdict === 'violation' && r.broken?.property === spec.expect.property;
  const secs = Math.max(r.seconds, 1e-6);
  return {
    ...specIdentity(spec),
    verdict,
    expected: expectedText(spec),
    asExpected,
    ...(r.broken === undefined ? {} : { property: r.broken.property, message: r.broken.violation.message }),
    ...(vacuous === undefined ? {} : { vacuous, message: vacuousMessage(vacuous) }),
    ...witnessNames(spec),
    ...(r.limit === undefined ? {} : { limit: r.limit }),
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    seconds: r.seconds,
    statesPerSecond: r.states / secs,
    transitionsPerSecond: r.transitions / secs,
    bytesPerState: r.bytesPerState,
    collisionProbability: r.collisionProbability,
    ...(r.symmetryGroup === undefined ? {} : { symmetryGroup: r.symmetryGroup }),
    ...(r.workers === undefined ? {} : { workers: r.workers }),
    ...(trace === undefined ? {} : { traceLength: trace.steps.length, trace }),
  };
}

/** 0 every verdict as expected; 1 a verdict not as expected; 3 a search stopped by a bound. */
export function exitCode(results: readonly CheckResult[]): number {
  if (results.some((r) => !r.asExpected && r.verdict !== 'incomplete')) return 1;
  if (results.some((r) => r.verdict === 'incomplete')) return 3;
  return 0;
}
