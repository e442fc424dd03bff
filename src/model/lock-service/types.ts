/** A Paxos lock service after "Skinny": configuration, node states, messages. */
import type { NodeId } from '../contract.js';

export interface LockBugs {
  /** An instance keeps its promise and its vote in memory only: a restart forgets them. */
  readonly promisesInMemory: boolean;
  /** The storage server ignores fencing tokens and accepts every write. */
  readonly noFencing: boolean;
  /** An instance answers "acquired" as soon as it has accepted its own proposal, before a quorum has. */
  readonly grantWithoutQuorum: boolean;
  /** An instance frees the lock on a release from any client, not only from its holder. */
  readonly releaseByAnyone: boolean;
}

export interface LockConfig {
  /** Every instance is a Paxos acceptor; the first `serving` also take client requests and propose. */
  readonly instances: readonly NodeId[];
  readonly serving: readonly NodeId[];
  readonly clients: readonly NodeId[];
  readonly storage: NodeId;
  readonly majority: number;
  /** Ballots per serving instance: every request and every retry of one takes a fresh ballot. */
  readonly maxRound: number;
  /** Lease duration D in clock units; 0: no leases, a lock is held until it is released. */
  readonly duration: number;
  /** The clock skew ε allowed for (set it to time.skew). */
  readonly margin: number;
  /** A holder stops believing at start + D − holderMargin (2ε). */
  readonly holderMargin: number;
  /** An instance's vote for a holder runs out at its accept + D + granterMargin (2ε). */
  readonly granterMargin: number;
  /** Acquisitions each client makes, one after another. */
  readonly acquisitions: number;
  /** Timeouts per acquisition after which a client asks the next serving instance again. */
  readonly retries: number;
  /** Whether a client that has used its retries may give up (and releases, in case an attempt went through). */
  readonly giveUp: boolean;
  /** Whether a holder releases the lock (otherwise it keeps it until its lease runs out). */
  readonly release: boolean;
  readonly bugs: LockBugs;
}

/** An accepted value: [ballot, holder], the holder null when the lock is free. */
export type Vote = readonly [number, NodeId | null];

/** The request an instance is running a Paxos round for. */
export interface Op {
  readonly kind: 'acquire' | 'release';
  readonly client: NodeId;
  /** The client's acquisition number, echoed in the answer. */
  readonly n: number;
}

/**
 * An instance: a Paxos acceptor of the lock's holder and, if it serves
 * clients, the proposer of the request it is running. `phase` 0 is idle,
 * 1 collecting promises, 2 collecting commits (2b).
 */
export interface InstanceState {
  readonly role: 'instance';
  /** Acceptor: highest ballot promised (0: none). */
  readonly promised: number;
  readonly accepted: Vote | null;
  /**
   * Acceptor, with leases: its local clock when it accepted a vote naming a
   * holder (0 otherwise, and always without leases); null after a restart
   * until it starts counting that vote's lease afresh (clock readings do
   * not survive a reboot).
   */
  readonly acceptedAt: number | null;
  /** Proposer: its current (or last) ballot. */
  readonly ballot: number;
  readonly phase: 0 | 1 | 2;
  readonly op: Op | null;
  /** Instances that promised `ballot`, as a bit mask of instance indexes. */
  readonly promises: number;
  /** The highest-ballot vote those promises reported. */
  readonly best: Vote | null;
  /** Whether an instance reporting `best` said its lease has run out by its clock. */
  readonly lapsed: boolean;
  /** Instances that committed (accepted) the current 2a, as a bit mask. */
  readonly acks: number;
}

export interface ClientState {
  readonly role: 'client';
  /** Acquisitions started; the current or last one is number n. */
  readonly n: number;
  readonly phase: 'idle' | 'acquiring' | 'holding';
  /** Index into serving of the instance last asked. */
  readonly target: number;
  /** Timeouts used by the current acquisition. */
  readonly retried: number;
  /** With leases: local clock when the current acquisition first asked (0 without leases). */
  readonly start: number;
  /** The fencing token of the current or last grant (0: none yet). */
  readonly token: number;
  /** Whether it has written to the storage under the current grant. */
  readonly wrote: boolean;
}

/** A write the storage accepted: [client, token]. */
export type Write = readonly [NodeId, number];

export interface StorageState {
  readonly role: 'storage';
  /** Accepted writes in order. */
  readonly writes: readonly Write[];
}

export type LockState = InstanceState | ClientState | StorageState;

export type LockMessage =
  | { readonly t: 'acquire'; readonly n: number }
  | { readonly t: 'release'; readonly n: number }
  | { readonly t: 'granted'; readonly n: number; readonly token: number }
  | { readonly t: 'busy'; readonly n: number }
  | { readonly t: '1a'; readonly b: number }
  | { readonly t: '1b'; readonly b: number; readonly acc: Vote | null; readonly lapsed: boolean }
  | { readonly t: '2a'; readonly b: number; readonly holder: NodeId | null }
  | { readonly t: '2b'; readonly b: number }
  | { readonly t: 'write'; readonly token: number };
