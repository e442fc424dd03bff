/** Raft with a key-value state machine: configuration, server state, messages. */
import type { NodeId } from '../contract.js';
import type { ClientConfig, ClientReply, ClientRequest, ClientState } from '../clients/types.js';
import type { KvCommand, KvOutput, KvState } from '../machines/kv.js';
import type { RaftConfig, RaftMessage, RaftState } from '../raft/types.js';

/** How a leader answers a get: as a log entry, by ReadIndex (a round of heartbeats), or from its lease. */
export type ReadPath = 'log' | 'readIndex' | 'lease';

export interface RaftKvBugs {
  /** No no-op at the start of a term, and reads served before the leader has committed an entry of its term. */
  readonly noNoop: boolean;
  /** The leader's lease runs for a whole election timeout by its own clock, with no allowance for skew. */
  readonly leaseIgnoresSkew: boolean;
  /** No session table: a retried command is appended and applied again. */
  readonly noSessionTable: boolean;
}

export interface RaftKvConfig extends ClientConfig {
  /** The Raft underneath (no membership changes, no PreVote or CheckQuorum: leases stand in for them). */
  readonly raft: RaftConfig;
  readonly clients: readonly NodeId[];
  readonly reads: ReadPath;
  /** A leader appends nothing once its log holds this many entries (no-ops included). */
  readonly maxLog: number;
  /** Election timeout E: a follower that heard its leader neither campaigns nor votes for another until its clock passes receipt + E. */
  readonly timeout: number;
  /** The clock skew ε leases allow for (the spec's time.skew). */
  readonly margin: number;
  /** A lease from a round sent at clock c is valid while the leader's clock < c + leaseLength. */
  readonly leaseLength: number;
  readonly bugs: RaftKvBugs;
}

/** A read the leader holds until a heartbeat round it started after the read arrived is confirmed. */
export interface PendingRead {
  readonly client: NodeId;
  readonly seq: number;
  readonly cmd: KvCommand;
  /** The round whose confirmation answers it: one the leader started after the read arrived. */
  readonly round: number;
}

/** Per client: the serial number of its latest applied command and that command's output. */
export type Sessions = Readonly<Record<NodeId, readonly [number, KvOutput]>>;

export interface ServerState {
  readonly role: 'server';
  /** Raft's own state: term, vote, log (whose entries carry commands, commands.ts), commit index, leader bookkeeping. */
  readonly raft: RaftState;
  /** Entries applied to the store: the commit index, as every step applies at once what it committed. */
  readonly applied: number;
  readonly store: KvState;
  readonly sessions: Sessions;
  /** Leader: reads waiting for a confirmed round (ReadIndex). */
  readonly reads: readonly PendingRead[];
  /** Leader: the latest heartbeat round of this term (0: none), the clock it was sent at, who answered it (sorted, self included). */
  readonly round: number;
  readonly roundAt: number;
  readonly acks: readonly NodeId[];
  /** Leader: per client, the highest read serial number it took this term (retries and redeliveries of it are ignored). */
  readonly lastRead: Readonly<Record<NodeId, number>>;
  /** Leader: the latest round a quorum answered. */
  readonly confirmed: number;
  /** Leader, lease reads: its lease is valid while its clock < leaseEnd (0: no lease). */
  readonly leaseEnd: number;
  /** Follower, lease reads: promised the leader not to vote for another, nor campaign, while its clock < until. */
  readonly until: number;
  /** Lease reads: false after a restart until the server has waited out the promise it may have forgotten. */
  readonly resumed: boolean;
}

export type NodeState = ServerState | ClientState;

export type HeartbeatMessage =
  /** A leader's heartbeat round, for ReadIndex and leases. */
  | { readonly t: 'HB'; readonly term: number; readonly round: number }
  /** ok: the sender follows the leader of `term` (then round is the one answered); refused: the sender's higher term, round 0. */
  | { readonly t: 'HBR'; readonly term: number; readonly round: number; readonly ok: boolean };

export type RaftKvMessage = RaftMessage | HeartbeatMessage | ClientRequest | ClientReply;
