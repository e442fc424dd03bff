/**
 * `synod netsim`: N runs of one spec on one network, their figures and
 * summary, and for the first run that breaks a safety property a trace
 * recorded on its replay.
 */
import type { LoadedSpec } from '../spec.js';
import { simulateRun, type RawRun, type RunViolation } from './engine.js';
import { runFigures, runLatencies, summarize, type RunFigures, type Summary } from './figures.js';
import type { NetworkModel } from './network.js';
import { unroll } from './schedule.js';
import { fullSchedule, netsimSettings, placeNodes, type NetsimSettings } from './settings.js';
import type { Trace } from '../trace.js';

export interface NetsimOptions {
  readonly duration?: number;
  readonly seed?: number;
  readonly runs?: number;
  /** Steps of a violating run's trace to keep (its last ones). */
  readonly traceSteps?: number;
}

export interface NetsimResult {
  readonly spec: string;
  readonly protocol: string;
  readonly network: string;
  readonly networkDescription: string;
  readonly placement: Readonly<Record<string, string>>;
  /** Whether the protocol shows leadership and commitment (Protocol.observe); without it those figures mean nothing. */
  readonly observes: boolean;
  readonly seed: number;
  readonly duration: number;
  readonly settings: NetsimSettings;
  readonly runs: readonly RunFigures[];
  readonly summary: Summary;
  /** The raw first run, for its time series. */
  readonly first: RawRun;
  readonly latencies: readonly (readonly number[])[];
  readonly violation?: RunViolation & { readonly run: number };
  readonly trace?: Trace;
  /** Whether the outcome is what the spec expects (a violation of the named property, or none). */
  readonly asExpected: boolean;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

export function netsimSpec(spec: LoadedSpec, network: NetworkModel, options: NetsimOptions = {}): NetsimResult {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const settings = netsimSettings(spec);
  const placement = placeNodes(spec, settings, network);
  const duration = options.duration ?? settings.duration;
  const seed = options.seed ?? settings.seed;
  const runs = options.runs ?? settings.runs;
  const faults = unroll(fullSchedule(spec, settings, network), duration);
  const timeout = settings.clients?.timeout ?? settings.clientNodes?.timeout ?? null;
  const base = { spec, settings, network, placement, faults, duration, seed };
  const figures: RunFigures[] = [];
  const latencies: number[][] = [];
  let first: RawRun | undefined;
  let violation: (RunViolation & { run: number }) | undefined;
  for (let run = 0; run < runs; run++) {
    const raw = simulateRun({ ...base, run });
    first ??= raw;
    figures.push(runFigures(raw, timeout));
    latencies.push(runLatencies(raw, timeout));
    if (raw.violation !== undefined && violation === undefined) violation = { ...raw.violation, run };
  }
  let trace: Trace | undefined;
  if (violation !== undefined) {
    const window = options.traceSteps ?? 60;
    trace = simulateRun({ ...base, run: violation.run, recordFrom: Math.max(0, violation.event - window) }).trace;
  }
  const asExpected =
    spec.expect.kind === 'pass' ? violation === undefined : violation !== undefined && violation.property === spec.expect.property;
  const c = process.cpuUsage(c0);
  return {
    spec: spec.name,
    protocol: spec.protocol.name,
    network: network.name,
    networkDescription: network.description,
    placement,
    observes: spec.protocol.observe !== undefined,
    seed,
    duration,
    settings,
    runs: figures,
    summary: summarize(figures, latencies.flat()),
    first: first as RawRun,
    latencies,
    ...(violation === undefined ? {} : { violation }),
    ...(trace === undefined ? {} : { trace }),
    asExpected,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    cpuSeconds: (c.user + c.system) / 1e6,
  };
}
