/**
 * Simulates one loaded spec: random walks, the verdict against the spec's
 * expectation, and the shrunk walk rebuilt into a Trace by replay, exactly as
 * `check` rebuilds a BFS path.
 */
import { specIdentity, type SpecIdentity } from '../identity.js';
import { replay, snapshot } from '../replay.js';
import { propertyTimeline } from '../trace-properties.js';
import { expectedText, systemFor } from '../run.js';
import type { LoadedSpec } from '../spec.js';
import type { Trace } from '../trace.js';
import { replayArgs } from './replay-args.js';
import { simulate, type Found, type SimulationRequest } from './search.js';

export type SimulationVerdict = 'violation' | 'none found';

export interface SimulateResult extends SpecIdentity {
  readonly request: SimulationRequest;
  readonly verdict: SimulationVerdict;
  /** "pass" or "violates <property>". */
  readonly expected: string;
  readonly asExpected: boolean;
  readonly property?: string;
  readonly message?: string;
  readonly walks: number;
  readonly steps: number;
  readonly seconds: number;
  /** CPU seconds of the search. */
  readonly cpuSeconds: number;
  readonly walksPerSecond: number;
  readonly stepsPerSecond: number;
  readonly distinctStates: number;
  readonly timedOut: boolean;
  readonly found?: Omit<Found, 'broken'>;
  readonly trace?: Trace;
}

export function simulateSpec(spec: LoadedSpec, request: SimulationRequest): SimulateResult {
  const sys = systemFor(spec);
  const out = simulate(sys, spec.invariants, request);
  let trace: Trace | undefined;
  const f = out.found;
  if (f !== undefined) {
    const { initial, steps } = replay(sys, f.path);
    trace = {
      spec: spec.name,
      protocol: spec.protocol.name,
      params: spec.params,
      bugs: spec.bugs,
      initial: snapshot(sys, initial),
      steps: steps.map((s) => s.step),
      violation: { property: f.broken.property, message: f.broken.violation.message, witnesses: f.broken.violation.witnesses },
      network: spec.settings.network,
      properties: propertyTimeline(spec, sys, [initial, ...steps.map((s) => s.world)]),
      notes: [
        request.replay === undefined
          ? `found by random walk ${f.run} of seed ${request.seed} (${f.foundLength} steps), shrunk to ${f.path.length} steps: short, not necessarily shortest`
          : `a random walk replayed from seed ${request.seed}: short, not necessarily shortest`,
        `replay: ${replayArgs(request, f.replay)}`,
      ],
    };
  }
  const asExpected = spec.expect.kind === 'pass' ? f === undefined : f !== undefined && f.broken.property === spec.expect.property;
  const secs = Math.max(out.seconds, 1e-6);
  return {
    ...specIdentity(spec),
    request,
    verdict: f === undefined ? 'none found' : 'violation',
    expected: expectedText(spec),
    asExpected,
    ...(f === undefined ? {} : { property: f.broken.property, message: f.broken.violation.message }),
    walks: out.walks,
    steps: out.steps,
    seconds: out.seconds,
    cpuSeconds: out.cpuSeconds,
    walksPerSecond: out.walks / secs,
    stepsPerSecond: out.steps / secs,
    distinctStates: out.distinctStates,
    timedOut: out.timedOut,
    ...(f === undefined ? {} : { found: { path: f.path, replay: f.replay, run: f.run, foundLength: f.foundLength, shrinks: f.shrinks, shrinkSeconds: f.shrinkSeconds, shrinkCut: f.shrinkCut } }),
    ...(trace === undefined ? {} : { trace }),
  };
}
