/**
 * The model contract: what a protocol must provide so that the checker can
 * drive it without knowing anything about it.
 *
 * Every function here is pure. States, messages and persisted values are
 * plain JSON-like data (numbers, strings, booleans, null, arrays, plain
 * objects), never mutated: the checker interns them by content, memoises
 * transitions on them and hashes them canonically, so a rule that mutated
 * its input would corrupt every world that shares it.
 *
 * Methods are declared with method syntax on purpose: TypeScript checks
 * method parameters bivariantly, so a `Protocol<PaxosConfig, ...>` can sit
 * in a registry typed `Protocol<unknown, ...>` without any casts to `any`.
 */

import type { AnyMachine } from './machines/machine.js';

export type NodeId = string;

/** A JSON-like value: the only kind of data a model may keep or send. */
export type Data =
  | null
  | boolean
  | number
  | string
  | readonly Data[]
  | { readonly [key: string]: Data };

export interface NodeDef {
  readonly id: NodeId;
  /** Nodes sharing a role may be declared interchangeable (symmetry). */
  readonly role: string;
}

export interface Send<M> {
  readonly to: NodeId;
  readonly msg: M;
}

/** The outcome of a delivered message: the node's new state and what it sends. */
export interface Step<S, M> {
  /** Return the very same object when nothing changed. */
  readonly state: S;
  readonly send: readonly Send<M>[];
  /**
   * Optional, for client nodes of a protocol that declares its object
   * (Protocol.object): this step invokes `invoke`, a command of that object.
   * The checker records it in the world's ghost history. A client has at
   * most one operation outstanding.
   */
  readonly invoke?: Data;
  /**
   * Optional, for client nodes: this step receives `respond`, the output of
   * the node's outstanding operation (null is an output; absent: no response).
   */
  readonly respond?: Data;
}

/** An enabled local step: a timeout, a proposer starting a ballot, a client request. */
export interface LocalStep<S, M> extends Step<S, M> {
  /** Reads as a sentence after the node's id: "starts ballot 4 with v2". */
  readonly label: string;
  /**
   * Optional: the timer this step waits for ("election", "heartbeat",
   * "retry", "client"), one of Protocol.timers. The checker ignores it (any
   * enabled step may fire at any moment); a simulator with time (netsim)
   * fires the step when that timer, armed with a delay drawn from the
   * distribution a spec gives it, runs out.
   */
  readonly timer?: string;
}

/** A timer a protocol's local steps wait for (see LocalStep.timer). */
export interface TimerDef {
  readonly name: string;
  /** What it stands for: "a follower that hears no leader campaigns (Raft randomises it)". */
  readonly description: string;
}

/**
 * What a simulator measures of one node: protocol-neutral facts, each
 * optional, that availability and latency are computed from.
 */
export interface Observation {
  /** The node acts as the one leader clients should reach (a Raft leader, a Paxos proposer in phase 2). */
  readonly leader?: boolean;
  /** Its term, ballot or epoch. */
  readonly term?: number;
  /** Client operations the node holds in order, committed or not (a log's length). */
  readonly accepted?: number;
  /** How many of them it knows are committed (chosen, decided). */
  readonly committed?: number;
}

export type ParamValue = number | boolean | string;
export type ParamValues = Readonly<Record<string, ParamValue>>;

export interface ParamDef {
  readonly name: string;
  readonly description: string;
  readonly type: 'int' | 'bool' | 'enum';
  readonly default: ParamValue;
  readonly min?: number;
  readonly max?: number;
  /** For `enum` parameters. */
  readonly choices?: readonly string[];
}

export interface BugDef {
  readonly name: string;
  readonly description: string;
  /** The real-world bug or textbook mistake it reproduces. */
  readonly reproduces: string;
}

/** What a property sees of one node. */
export interface NodeView<S> {
  readonly id: NodeId;
  readonly role: string;
  readonly index: number;
  readonly up: boolean;
  /**
   * The node's state. For a node that is down this is what it would come
   * back as, `recover(persisted(state))`: what it knows durably.
   */
  readonly state: S;
  /** The node's local clock (0 for models that do not use time). */
  readonly clock: number;
}

export interface Envelope<M> {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: M;
}

/**
 * One operation of the ghost history: the command a client invoked, how
 * many operations of each other client had returned by then (absent: none),
 * and the output once it returned (absent: pending). The counts are exactly
 * the real-time order: clients' operations are chains, so "b was invoked
 * after a returned" is "a is among the first seen[a's client] of its
 * client". Worlds that differ only in how unrelated events interleaved keep
 * one history.
 */
export interface GhostOp {
  readonly command: Data;
  readonly seen: Readonly<Record<NodeId, number>>;
  readonly output?: Data;
}

/** Per client node (only those that invoked something), its operations in order. */
export type GhostHistory = Readonly<Record<NodeId, readonly GhostOp[]>>;

/** What a property sees of one world. */
export interface WorldView<S, M> {
  readonly nodes: readonly NodeView<S>[];
  /** Messages in flight, one entry per copy. */
  readonly messages: readonly Envelope<M>[];
  /** Global time (0 for models that do not use time). */
  readonly time: number;
  /** The clients' ghost history, when the protocol declares its object (Protocol.object). */
  readonly history?: GhostHistory;
}

export interface Violation {
  /** One sentence: what went wrong. */
  readonly message: string;
  /** The facts that break it: "v1 chosen by {a1,a3} at ballot 1". */
  readonly witnesses: readonly string[];
}

/** A safety property: must hold in every reachable world. */
export interface Invariant<C, S, M> {
  readonly name: string;
  readonly description: string;
  /** Set when check() reads WorldView.messages: the checker then keeps stale messages. */
  readonly readsMessages?: boolean;
  check(config: C, world: WorldView<S, M>): Violation | null;
}

/** A state predicate for liveness ("eventually decided"). */
export interface Predicate<C, S, M> {
  readonly name: string;
  readonly description: string;
  holds(config: C, world: WorldView<S, M>): boolean;
}

/** A renaming of interchangeable nodes and values, for symmetry reduction. */
export interface Permutation {
  node(id: NodeId): NodeId;
  value(v: string): string;
}

export interface Symmetry<C, S, M> {
  /** Roles whose nodes may be permuted among themselves. */
  readonly roles: readonly string[];
  /** Value names that may be permuted among themselves (empty: none). */
  values(config: C): readonly string[];
  permuteState(config: C, state: S, p: Permutation): S;
  permuteMessage(config: C, msg: M, p: Permutation): M;
}

/**
 * A normalisation of unbounded counters for liveness checking: shift ballots
 * or terms down so that the smallest in use is 0, so that a livelock which
 * with raw numbers only runs into a bound (maxRound, maxTerm) closes into a
 * finite cycle. Two worlds with equal views must have the same futures up to
 * the shift, in the protocol without its bounds; the checker then
 * fingerprints views while traces keep the real numbers, and says so in its
 * output. Used only when a spec asks for it ("view": true).
 */
export interface ViewDef<C, S, M> {
  /** One sentence for reports: "ballots shifted by whole rounds so the lowest in use is in round 0". */
  readonly description: string;
  /** How far this world's counters are shifted down (0: not at all). */
  offset(config: C, world: WorldView<S, M>): number;
  /** A node state with its counters shifted down by `by` (the same object when by is 0). */
  shiftState(config: C, state: S, by: number): S;
  shiftMessage(config: C, msg: M, by: number): M;
  /**
   * The configuration with its counter bounds raised by `by` (rounds, terms):
   * a lasso that closes up to the view is replayed with real numbers, which
   * climb with every repetition, on this configuration.
   */
  raiseBounds(config: C, by: number): C;
}

export interface Protocol<C, S, M, P> {
  readonly name: string;
  readonly summary: string;
  readonly params: readonly ParamDef[];
  readonly bugs: readonly BugDef[];
  /** Whether the model reads clocks; the checker only adds time to worlds that do. */
  readonly usesTime: boolean;
  readonly invariants: readonly Invariant<C, S, M>[];
  readonly predicates: readonly Predicate<C, S, M>[];
  readonly symmetry?: Symmetry<C, S, M>;

  /** Builds the configuration; throws ModelConfigError on a bad combination. */
  configure(params: ParamValues, bugs: readonly string[]): C;
  nodes(config: C): readonly NodeDef[];

  init(config: C, self: NodeId): S;
  /** A message `msg` from `from` is delivered to `self`, whose local clock reads `clock`. */
  handle(config: C, self: NodeId, state: S, msg: M, from: NodeId, clock: number): Step<S, M>;
  local(config: C, self: NodeId, state: S, clock: number): readonly LocalStep<S, M>[];
  /** What survives a crash. */
  persisted(config: C, state: S): P;
  /** Rebuilds a node that restarts with its disk. */
  recover(config: C, self: NodeId, persisted: P): S;

  /**
   * Optional: true when delivering `msg` from `from` to a node in `state` has
   * no effect now and never will in any state the node can reach from here
   * (restarts with the disk included; the checker never applies this to a
   * node that may still lose its disk). The checker then removes the message
   * from the network: a sound reduction for invariants that do not read
   * messages, and often the difference between a space that exhausts and one
   * that does not. Must not depend on the clock.
   */
  stale?(config: C, self: NodeId, state: S, msg: M, from: NodeId): boolean;

  /**
   * Optional: a canonical message whose delivery to `self` has exactly the
   * effect of delivering `msg` (same new state, same sends), now and in every
   * state the node can reach from here (restarts with the disk included);
   * `msg` itself when there is none. Typically one representative for a
   * whole class of old requests that can only be refused from now on. The
   * checker puts it in msg's place, under the same conditions as stale(), so
   * worlds that differ only in which member of the class is in flight become
   * one. Must be idempotent and not depend on the clock.
   */
  normalize?(config: C, self: NodeId, state: S, msg: M, from: NodeId): M;

  /** Optional: the timers local steps name (LocalStep.timer), for specs that give them delays. */
  readonly timers?: readonly TimerDef[];

  /**
   * Optional, for simulators with time: the timers of `self` that delivering
   * `msg` restarts with a fresh delay (a Raft follower hearing its leader, or
   * granting a vote, restarts its election timer). `before` and `after` are
   * the node's states around the delivery. Must be pure.
   */
  restarts?(config: C, self: NodeId, before: S, msg: M, from: NodeId, after: S): readonly string[];

  /** Optional, for simulators with time: what the node shows of itself (see Observation). */
  observe?(config: C, self: NodeId, state: S): Observation;

  /** Short text for traces: "1b(b=3, acc=(1,v1))". */
  describeMessage(msg: M): string;
  /** One line for the state graph and trace diffs. */
  describeState(config: C, self: NodeId, state: S): string;
  /**
   * Optional: one field of the state as the model means it, for the "what
   * changed" lines of traces: a bitmask as the set it encodes ("{a2,a3}"), a
   * vote as "(1,v1)", per-peer arrays as "s2:2,s3:2". Use the notation of
   * describeState. `field` is a top-level key of the state (when it is a
   * record); return undefined to keep the generic rendering of the raw data.
   */
  describeField?(config: C, self: NodeId, field: string, state: S): string | undefined;
  /** Values decided in this world, for valence analysis (FLP). */
  decided?(config: C, world: WorldView<S, M>): readonly string[];
  /** Optional view for liveness checking (see ViewDef). */
  readonly view?: ViewDef<C, S, M>;

  /**
   * Optional: the sequential object this protocol implements for its
   * clients (a state machine from src/model/machines, or one of the
   * model's own); null when the configuration has no clients. With an
   * object, the checker keeps a ghost history of the steps that carry
   * `invoke` / `respond`, and checks the properties `linearizable` and
   * `sequentiallyConsistent` against the object. Without one (or with
   * null), worlds are exactly as before.
   */
  object?(config: C): AnyMachine | null;
}

export type AnyProtocol = Protocol<unknown, unknown, unknown, unknown>;

/** A configuration the model cannot run; the message names the parameter. */
export class ModelConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelConfigError';
  }
}
