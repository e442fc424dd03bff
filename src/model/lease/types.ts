/** Lease-based leadership: configuration, node state, messages. */
import type { NodeId } from '../contract.js';

export interface LeaseBugs {
  /** Both margins are dropped: the holder acts until sentAt + D, a granter promises until receipt + D. */
  readonly noSkewMargin: boolean;
  /** Each side allows for the skew once (ε) instead of twice (2ε). */
  readonly halfMargin: boolean;
  /** The holder counts its lease from when the majority's grants arrived, not from when it asked. */
  readonly leaseFromReceipt: boolean;
  /** A restarted granter grants at once instead of waiting out the lease it may have promised. */
  readonly noWaitOut: boolean;
}

export interface LeaseConfig {
  readonly nodes: readonly NodeId[];
  readonly majority: number;
  /** The first `candidates` nodes may ask for leases; the others only grant. */
  readonly candidates: readonly NodeId[];
  /** Lease duration D, in clock units. */
  readonly duration: number;
  /** The clock skew ε the model is told to allow for (the spec's time.skew, if consistent). */
  readonly margin: number;
  /** Rounds (requests) per node. */
  readonly maxRound: number;
  /** Whether a holder may ask again while its lease is still valid. */
  readonly renew: boolean;
  /** The holder stops acting at sentAt + duration − holderMargin. */
  readonly holderMargin: number;
  /** A granter promises until receipt + duration + granterMargin. */
  readonly granterMargin: number;
  readonly bugs: LeaseBugs;
}

/** A lease a node holds or last held: [round, start, end) by its own clock. */
export type Lease = readonly [number, number, number];

/**
 * Every node both asks for leases (holder side) and grants them (granter side).
 * Clock values are the node's local clock.
 */
export interface LeaseState {
  /** Round of this node's latest request (0: none). Persisted: a restarted node never reuses one. */
  readonly round: number;
  /** Local clock when request `round` was sent; null when no request is pending. */
  readonly sentAt: number | null;
  /** Nodes that granted the pending request, as a bit mask of node indexes. */
  readonly grants: number;
  /** The lease held or last held; it is valid while clock < end. */
  readonly lease: Lease | null;
  /** Granter side: whom this node promised its grant to (null: nobody). */
  readonly grantee: NodeId | null;
  /**
   * Granter side: per candidate (in config order), the highest round of its
   * requests this node has granted. Persisted, like a Paxos acceptor's
   * promised ballot: a request is granted once, ever, and older ones never.
   */
  readonly granted: readonly number[];
  /**
   * Granter side: no grant to anyone but `grantee` while clock < until.
   * null: just restarted, so the promise is forgotten and a full lease must be waited out first.
   */
  readonly until: number | null;
}

/** What survives a crash: the rounds, never the clock readings (a clock does not survive a reboot). */
export interface LeaseDisk {
  readonly round: number;
  readonly granted: readonly number[];
}

export type LeaseMessage =
  | { readonly t: 'req'; readonly r: number }
  | { readonly t: 'grant'; readonly r: number };
