/** Raft (Ongaro & Ousterhout): configuration, server states, messages, what a crash keeps. */

/**
 * A configuration: the sets of servers whose majorities make a quorum. One
 * set for an ordinary configuration, two ([C_old, C_new], each sorted) for
 * the joint configuration C_old,new of joint consensus, where a quorum needs
 * a majority of each.
 */
export type Membership = readonly (readonly string[])[];

/**
 * A log entry: [term in which a leader created it, client value or
 * configuration]. Index = position + 1. A configuration entry takes effect
 * on a server as soon as it is in its log, committed or not (dissertation §4.1).
 */
export type Entry = readonly [number, string | Membership];

export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

export interface RaftBugs {
  /** A leader commits an entry of an earlier term by counting replicas (paper, Figure 8). */
  readonly figure8: boolean;
  /** A server grants its vote without checking that the candidate's log is at least as up-to-date. */
  readonly noUpToDateCheck: boolean;
  /** votedFor is kept in memory only, so a restarted server may vote again in the same term. */
  readonly votedForNotPersisted: boolean;
  /** A follower truncates its log after prevIndex on every AppendEntries, even when the entries already match. */
  readonly truncateOnStaleAppend: boolean;
  /** Single-server changes as first published: no entry of the leader's own term need be committed before a change. */
  readonly changeBeforeTermCommit: boolean;
  /** Joint consensus that appends C_new without waiting for C_old,new to commit. */
  readonly jointEarlySwitch: boolean;
}

/** How membership may change: not at all, one server at a time (dissertation §4.2), or by joint consensus (paper §6). */
export type Reconfig = 'none' | 'single' | 'joint';

export interface RaftConfig {
  /** Server ids in order: s1, s2, ... */
  readonly servers: readonly string[];
  readonly values: readonly string[];
  readonly maxTerm: number;
  readonly maxLog: number;
  /** Servers whose election timers may fire; the others never campaign (all by default). */
  readonly candidates: readonly string[];
  /** Majority of all servers (the quorum size while membership never changes). */
  readonly majority: number;
  readonly reconfig: Reconfig;
  /** The configuration of a server whose log holds no configuration entry: the first `members` servers. */
  readonly initial: Membership;
  /** Budget of administrator-requested changes: configuration changes a leader may start while its log holds fewer. */
  readonly maxChanges: number;
  /** Servers the administrator may add or remove; the others keep their initial membership. */
  readonly changing: readonly string[];
  /** Elections start with a pre-vote round that does not raise terms (dissertation §9.6). */
  readonly preVote: boolean;
  /** Leaders step down without a quorum of recent contact; followers that hear a leader ignore vote requests. */
  readonly checkQuorum: boolean;
  /**
   * Timing assumption for liveness runs: heartbeats arrive well within an
   * election timeout, so a follower that hears its leader never times out.
   */
  readonly quietTimeouts: boolean;
  /** Derived: followers track whether they heard the leader (preVote, checkQuorum or quietTimeouts). */
  readonly leases: boolean;
  /** Derived: leaders count answers and may step down (checkQuorum without quietTimeouts). */
  readonly quorumChecks: boolean;
  readonly bugs: RaftBugs;
}

/**
 * One server. Every field is always present (canonical states): volatile
 * fields a role does not use hold their empty value.
 */
export interface RaftState {
  readonly role: Role;
  /** Persisted. */
  readonly term: number;
  /** Persisted (unless the votedForNotPersisted bug is on). */
  readonly votedFor: string | null;
  /** Persisted. */
  readonly log: readonly Entry[];
  /** Volatile: highest index known committed. */
  readonly commit: number;
  /** Candidate / precandidate: servers that granted (pre-)votes, sorted, self included. */
  readonly votes: readonly string[];
  /** Leader: nextIndex per server, in config order (own slot 0). */
  readonly next: readonly number[];
  /** Leader: matchIndex per server, in config order (own slot 0). */
  readonly match: readonly number[];
  /**
   * Leader, ghost: the log as the leader itself last left it (on election and
   * on each of its own appends). The leaderAppendOnly invariant checks it is a
   * prefix of the current log; anything else changed a leader's log.
   */
  readonly leaderLog: readonly Entry[];
  /** Leader with quorumChecks: peers that answered in this term since the last quorum check, sorted. */
  readonly acks: readonly string[];
  /**
   * Follower, when config.leases: heard from the leader of its term since
   * its election timer last fired. Always false otherwise.
   */
  readonly lease: boolean;
}

export interface RaftPersisted {
  readonly term: number;
  readonly votedFor: string | null;
  readonly log: readonly Entry[];
}

export type RaftMessage =
  /** RequestVote: candidate's term and the (index, term) of its last entry. */
  | { readonly t: 'RV'; readonly term: number; readonly lastIndex: number; readonly lastTerm: number }
  | { readonly t: 'RVR'; readonly term: number; readonly granted: boolean }
  /** PreVote: the term the sender would campaign in (its term + 1); the receiver's term does not change. */
  | { readonly t: 'PV'; readonly term: number; readonly lastIndex: number; readonly lastTerm: number }
  /** PreVote response: the proposed term when granted, the responder's own term when refused. */
  | { readonly t: 'PVR'; readonly term: number; readonly granted: boolean }
  | {
      readonly t: 'AE';
      readonly term: number;
      readonly prevIndex: number;
      readonly prevTerm: number;
      readonly entries: readonly Entry[];
      readonly commit: number;
    }
  /** AppendEntries response. index: on success the last index the request covered, on failure its prevIndex. */
  | { readonly t: 'AER'; readonly term: number; readonly success: boolean; readonly index: number };
