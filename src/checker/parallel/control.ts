/**
 * The coordinator and the workers talk through one shared Int32Array (slots
 * below) and Atomics.wait/notify; bulk data (a grown table, a violation, an
 * error) goes over a MessagePort read synchronously with
 * receiveMessageOnPort, so no side ever returns to its event loop mid-search.
 */

/** Workers that have started. */
export const READY = 0;
/** Bumped by the coordinator to start a command. */
export const GEN = 1;
/** The command (below). */
export const CMD = 2;
/** Workers that finished the command. */
export const DONE = 3;
/** Distinct states in the shared table. */
export const COUNT = 4;
/** Why workers should stop the level early (Stop below; 0: no reason). */
export const STOP = 5;
/** The worker that found a violation first (-1: none). */
export const WINNER = 6;
/** Set when some worker deferred successors because the table was full. */
export const DEFERRED = 7;
/** Table fill at which workers defer rather than insert. */
export const HARD_LIMIT = 8;
/** Set when a depth probe found a successor not yet visited. */
export const CUT = 9;
/** Set when a worker failed (its error follows on its port). */
export const ERROR = 10;
/** Argument and results of a PARENT command. */
export const ARG = 11;
export const RES_PARENT = 12;
export const RES_ORDINAL = 13;
/** maxStates, for workers to stop at. */
export const MAX_STATES = 14;
/** maxDepth, for the prefix search; and the depth the prefix reached. */
export const MAX_DEPTH = 15;
export const PREFIX_DEPTH = 16;
export const CTRL_SLOTS = 20;

/** Claims a worker counts locally before adding them to COUNT (at most; less on small tables). */
export const FLUSH_EVERY = 256;

export const enum Cmd {
  Init = 1,
  Level = 2,
  Table = 3,
  Resolve = 4,
  Probe = 5,
  Parent = 6,
  Exit = 7,
}

export const enum Stop {
  None = 0,
  Violation = 1,
  States = 2,
  Memory = 3,
  Time = 4,
  /** A signal asked the run to stop (src/checker/interrupt.ts). */
  Interrupted = 5,
}

/** Per-worker figures, in a shared Float64Array: STAT_SLOTS per worker. */
export const S_TRANSITIONS = 0;
export const S_STATES = 1;
export const S_QUEUE = 2;
export const S_PARENT_BYTES = 3;
/** The violating state's global index (-1: none). */
export const S_VIOLATION = 4;
export const S_DEFERRED = 5;
/** Permutations in the symmetry group (0: no reduction). */
export const S_GROUP = 6;
/** Reachability witnesses this worker's states satisfied, as bits. */
export const S_WITNESSES = 7;
export const STAT_SLOTS = 8;

export interface WorkerInput {
  readonly index: number;
  readonly workers: number;
  readonly file: string;
  readonly raw: unknown;
  /** The user's module the protocol comes from (Protocol source URL with #export), or null for a built-in. */
  readonly protocolModule: string | null;
  readonly symmetry: boolean;
  /** false: the spec runs with Protocol.stale and Protocol.normalize switched off (--no-reduce). */
  readonly reduce?: boolean;
  readonly ctrl: SharedArrayBuffer;
  readonly stats: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
}

/** What a worker posts on its port. */
export type WorkerNote =
  | { readonly kind: 'violation'; readonly property: string; readonly message: string; readonly witnesses: readonly string[] }
  | { readonly kind: 'error'; readonly name: string; readonly message: string; readonly stack: string };
