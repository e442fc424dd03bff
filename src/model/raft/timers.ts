/**
 * Raft's timers and what a simulator with time observes of a server. The
 * checker lets any enabled step fire at any moment; a simulator arms each
 * step's timer with a delay from the spec (randomised election timeouts,
 * §5.2) and needs to know which deliveries restart it.
 */
import type { Observation, TimerDef } from '../contract.js';
import type { RaftConfig, RaftMessage, RaftState } from './types.js';

export const raftTimers: readonly TimerDef[] = [
  { name: 'election', description: 'a follower or candidate that hears no leader campaigns; Raft draws it at random (e.g. 150-300 ms) so split votes resolve' },
  { name: 'heartbeat', description: 'a leader sends every peer AppendEntries (new entries or none); well below the election timeout' },
  { name: 'quorum', description: 'CheckQuorum: a leader checks it heard from a majority since the last check, else steps down' },
  { name: 'client', description: 'a client request reaches the leader, which appends it' },
];

/**
 * Figure 2, "Followers": convert to candidate if the election timeout
 * elapses without receiving AppendEntries from the current leader or
 * granting a vote. So those two restart the timer; nothing else does.
 */
export function raftRestarts(_config: RaftConfig, before: RaftState, msg: RaftMessage, after: RaftState): readonly string[] {
  if (msg.t === 'AE' && msg.term === after.term && msg.term >= before.term) return ['election'];
  if (msg.t === 'RV' && after.votedFor !== null && after.votedFor !== before.votedFor) return ['election'];
  return [];
}

export function raftObserve(_config: RaftConfig, s: RaftState): Observation {
  return { leader: s.role === 'leader', term: s.term, accepted: s.log.length, committed: Math.min(s.commit, s.log.length) };
}
