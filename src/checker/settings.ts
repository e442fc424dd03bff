/** What the checker needs to know about a run besides the protocol itself. */

export type NetworkKind = 'set' | 'multiset' | 'fifo';

export const FAULT_KINDS = ['crash', 'restart', 'amnesia', 'drop', 'duplicate', 'cuts'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultBudget {
  readonly crash: number;
  readonly restart: number;
  readonly amnesia: number;
  readonly drop: number;
  readonly duplicate: number;
  /** Cut and heal steps, together. */
  readonly cuts: number;
  /** Nodes that may crash and restart; all when absent. */
  readonly nodes?: readonly string[];
}

export const NO_FAULTS: FaultBudget = { crash: 0, restart: 0, amnesia: 0, drop: 0, duplicate: 0, cuts: 0 };

export interface TimeSettings {
  /** Global time runs from 0 to maxTime. */
  readonly maxTime: number;
  /** Every local clock stays within ±skew of global time. */
  readonly skew: number;
  /** Nodes whose clocks may drift within the skew (all when absent); the others read global time. */
  readonly nodes?: readonly string[];
}

export interface SystemSettings {
  readonly network: NetworkKind;
  readonly faults: FaultBudget;
  /** Directed links that are down from the start, as [from, to] node ids. */
  readonly initialCuts: readonly (readonly [string, string])[];
  /** Present exactly when the protocol uses time. */
  readonly time: TimeSettings | null;
  /** Remove messages the model declares stale (see Protocol.stale). */
  readonly dropStale: boolean;
}

export interface SearchLimits {
  /** States at this depth are not expanded. */
  readonly maxDepth: number;
  readonly maxStates: number;
  /** Seconds. */
  readonly timeLimit: number;
  /** Bytes of resident memory; the search stops cleanly past it. */
  readonly maxMemory?: number;
}

export const DEFAULT_LIMITS: SearchLimits = { maxDepth: 1000, maxStates: 50_000_000, timeLimit: 600 };
