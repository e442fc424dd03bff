/** Role changes shared by every rule, and what survives a crash. */
import type { RaftConfig, RaftPersisted, RaftState } from './types.js';

const empty: readonly never[] = [];

export function initServer(): RaftState {
  return {
    role: 'follower',
    term: 0,
    votedFor: null,
    log: empty,
    commit: 0,
    votes: empty,
    next: empty,
    match: empty,
    leaderLog: empty,
    acks: empty,
    lease: false,
  };
}

/**
 * Become a follower in `term` (≥ the current one). A new term clears the
 * vote and the lease; in the same term the vote stands. Leader and candidate
 * bookkeeping is dropped. Returns `s` itself when nothing changes.
 */
export function asFollower(s: RaftState, term: number): RaftState {
  if (term === s.term && s.role === 'follower') return s;
  const newTerm = term > s.term;
  return {
    ...s,
    role: 'follower',
    term,
    votedFor: newTerm ? null : s.votedFor,
    votes: empty,
    next: empty,
    match: empty,
    leaderLog: empty,
    acks: empty,
    lease: newTerm ? false : s.lease,
  };
}

/** "If RPC request or response contains term T > currentTerm: set currentTerm = T, convert to follower." */
export function observeTerm(s: RaftState, term: number): RaftState {
  return term > s.term ? asFollower(s, term) : s;
}

/** A candidate that won: nextIndex just past its log, matchIndex 0; own slots 0. */
export function asLeader(config: RaftConfig, self: string, s: RaftState): RaftState {
  const n = s.log.length + 1;
  return {
    ...s,
    role: 'leader',
    votes: empty,
    next: config.servers.map((id) => (id === self ? 0 : n)),
    match: config.servers.map(() => 0),
    leaderLog: s.log,
    acks: empty,
    lease: false,
  };
}

/** currentTerm, votedFor and log are on disk (Figure 2); the votedForNotPersisted bug leaves the vote in memory. */
export function persist(config: RaftConfig, s: RaftState): RaftPersisted {
  return { term: s.term, votedFor: config.bugs.votedForNotPersisted ? null : s.votedFor, log: s.log };
}

/** A restarted server is a follower with nothing volatile: commitIndex 0, no leader or candidate state. */
export function recoverServer(p: RaftPersisted): RaftState {
  return { ...initServer(), term: p.term, votedFor: p.votedFor, log: p.log };
}
