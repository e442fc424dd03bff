/** The simulator's shared types: a run's input and raw output, node runtime state, queued events. */
import type { Envelope, LocalStep, Observation } from '../../model/contract.js';
import type { LoadedSpec } from '../spec.js';
import type { Trace } from '../trace.js';
import type { ClientBook } from './clients.js';
import type { CutPoint, NodePoint } from './metrics.js';
import type { NetworkModel } from './network.js';
import type { FaultEvent } from './schedule.js';
import type { NetsimSettings } from './settings.js';

export interface RunInput {
  readonly spec: LoadedSpec;
  readonly settings: NetsimSettings;
  readonly network: NetworkModel;
  readonly placement: Readonly<Record<string, string>>;
  readonly faults: readonly FaultEvent[];
  readonly duration: number;
  readonly seed: number;
  readonly run: number;
  /** Record a trace of the events from this index on (a replay of a violating run). */
  readonly recordFrom?: number;
}

export interface RunViolation {
  readonly property: string;
  readonly message: string;
  readonly witnesses: readonly string[];
  readonly time: number;
  /** Index of the event after which it was seen. */
  readonly event: number;
}

/** What a run counts as it goes: the raw run and its figures (figures.ts) both carry these. */
export interface RunCounts {
  readonly run: number;
  readonly duration: number;
  readonly events: number;
  readonly messages: number;
  readonly lost: number;
  readonly committed: number;
  readonly firstCommit: number | null;
  /** When every node that reports commitment first reported some. */
  readonly commitEverywhere: number | null;
  /** Messages sent up to then. */
  readonly messagesToEverywhere: number | null;
  readonly leaderChanges: number;
  /** Fractions of the run's time with no leader, and with no leader in touch with a majority. */
  readonly noLeader: number;
  readonly noQuorum: number;
  readonly firings: Readonly<Record<string, number>>;
}

export interface RawRun extends RunCounts {
  readonly seed: number;
  readonly book: ClientBook | null;
  readonly timeline: readonly NodePoint[];
  readonly cuts: readonly CutPoint[];
  readonly downs: readonly { readonly node: string; readonly from: number; readonly to: number }[];
  readonly faults: readonly FaultEvent[];
  readonly violation?: RunViolation;
  readonly trace?: Trace;
}

export interface TimerRt {
  gen: number;
  armed: boolean;
  attempt: number;
}

export interface NodeRt {
  readonly id: string;
  readonly role: string;
  readonly index: number;
  readonly place: string;
  readonly rate: number;
  up: boolean;
  state: unknown;
  obs: Observation;
  clientStep: LocalStep<unknown, unknown> | null;
  readonly timers: Map<string, TimerRt>;
  downSince: number;
}

export type SimEvent =
  | { readonly time: number; readonly rank: 0; seq: number; readonly kind: 'fault'; readonly fault: FaultEvent }
  | { readonly time: number; readonly rank: 1; seq: number; readonly kind: 'deliver'; readonly env: Envelope<unknown> }
  | { readonly time: number; readonly rank: 2; seq: number; readonly kind: 'timer'; readonly node: number; readonly name: string; readonly gen: number }
  | { readonly time: number; readonly rank: 3; seq: number; readonly kind: 'arrival' }
  | { readonly time: number; readonly rank: 4; seq: number; readonly kind: 'expire'; readonly op: number };

/** A model that broke the contract while simulated: reported like the checker's model errors. */
export class NetsimModelError extends Error {
  override readonly name = 'NetsimModelError';
}
