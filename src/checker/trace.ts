/**
 * A counterexample as reporters see it: every step explained, every world
 * decoded back into the model's own data. Built off the hot path by replaying
 * the search's parent links (see replay.ts).
 */
import type { Data, GhostHistory, NodeId } from '../model/contract.js';

export type Action =
  | { readonly kind: 'local'; readonly node: NodeId; readonly label: string }
  | { readonly kind: 'deliver'; readonly node: NodeId; readonly message: MessageSnapshot }
  | { readonly kind: 'drop'; readonly message: MessageSnapshot }
  | { readonly kind: 'duplicate'; readonly message: MessageSnapshot }
  | { readonly kind: 'crash'; readonly node: NodeId }
  | { readonly kind: 'restart'; readonly node: NodeId }
  | { readonly kind: 'amnesia'; readonly node: NodeId }
  | { readonly kind: 'cut'; readonly from: NodeId; readonly to: NodeId }
  | { readonly kind: 'heal'; readonly from: NodeId; readonly to: NodeId }
  | { readonly kind: 'tick' }
  | { readonly kind: 'clock'; readonly node: NodeId };

export type ActionKind = Action['kind'];

export interface MessageSnapshot {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: Data;
  /** The model's own rendering: "1b(b=3, acc=(1,v1))". */
  readonly text: string;
}

export interface NodeSnapshot {
  readonly id: NodeId;
  readonly role: string;
  readonly up: boolean;
  /** The node's state; for a node that is down, what it would recover to. */
  readonly state: Data;
  readonly summary: string;
  /**
   * Top-level fields of the state as the model describes them
   * (Protocol.describeField): "promises" → "{a2}". Absent when the model
   * describes none; the diff then shows the raw data.
   */
  readonly fields?: Readonly<Record<string, string>>;
  readonly clock: number;
}

export interface WorldSnapshot {
  readonly time: number;
  readonly nodes: readonly NodeSnapshot[];
  /** Messages in flight, one entry per copy; for FIFO networks in queue order. */
  readonly messages: readonly MessageSnapshot[];
  /** Directed links that are cut, as [from, to]. */
  readonly cuts: readonly (readonly [NodeId, NodeId])[];
  /** Faults used so far, by kind. */
  readonly faultsUsed: Readonly<Record<string, number>>;
  /** The clients' ghost history, for protocols with clients. */
  readonly history?: GhostHistory;
}

export interface TraceStep {
  readonly action: Action;
  /** "deliver 1b(b=3, acc=(1,v1)) a2→p1", "p1 starts ballot 4 with v2". */
  readonly label: string;
  /** Messages this step put on the network. */
  readonly sent: readonly MessageSnapshot[];
  /** The world after the step. */
  readonly world: WorldSnapshot;
}

export interface TraceViolation {
  readonly property: string;
  readonly message: string;
  readonly witnesses: readonly string[];
}

export interface PropertyStatus {
  readonly name: string;
  readonly description: string;
  /** 'invariant': must hold in every world; 'eventually': must hold some time (a lasso shows it never does). */
  readonly kind: 'invariant' | 'eventually';
}

export interface PropertyTimeline {
  readonly list: readonly PropertyStatus[];
  /**
   * Per world (0: the initial world, i: after step i), per property in list
   * order: null when it holds, else what is wrong. An `eventually` property
   * "fails" in a world where it does not hold yet.
   */
  readonly worlds: readonly (readonly (TraceViolation | null)[])[];
}

export interface Trace {
  readonly spec: string;
  readonly protocol: string;
  readonly params: Readonly<Record<string, Data>>;
  readonly bugs: readonly string[];
  readonly initial: WorldSnapshot;
  readonly steps: readonly TraceStep[];
  readonly violation?: TraceViolation;
  /**
   * For a lasso (liveness counterexample): the step index at which the cycle
   * starts; the world after the last step equals the world before step `loop`
   * (the initial world when loop is 0).
   */
  readonly loop?: number;
  /**
   * For a lasso that closes only up to the model's view (counters shifted):
   * the view's description ("ballots shifted by whole rounds ..."). The loop
   * then repeats with higher numbers each time round.
   */
  readonly view?: string;
  /** The network the trace ran on: on "set" networks undelivered messages are summed up, not drawn. */
  readonly network?: 'set' | 'multiset' | 'fifo';
  /** The spec's properties, and which of them each world breaks (for the HTML trace). */
  readonly properties?: PropertyTimeline;
  /** Free-form notes a verdict depends on (e.g. "fingerprints taken of a view"). */
  readonly notes?: readonly string[];
}
