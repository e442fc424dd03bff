/**
 * Paxos's one timer and what a simulator with time observes of a node. A
 * proposer (re)starts a ballot when its retry timer runs out; an answer for
 * its current ballot is progress and restarts the timer, so a proposer gives
 * up on a ballot only after hearing nothing for a whole timeout. How the
 * timeout is drawn (constant: retry at once each time; growing with
 * jitter: back off) is the spec's choice, not the protocol's.
 */
import type { Observation, TimerDef } from '../contract.js';
import type { PaxosMessage, PaxosState } from './types.js';

export const paxosTimers: readonly TimerDef[] = [
  { name: 'retry', description: 'a proposer that has not learned the outcome starts its next ballot' },
];

export function paxosRestarts(before: PaxosState, msg: PaxosMessage, after: PaxosState): readonly string[] {
  if (before.role !== 'proposer' || after.role !== 'proposer') return [];
  return (msg.t === '1b' || msg.t === '2b') && msg.b === before.ballot && after !== before ? ['retry'] : [];
}

export function paxosObserve(s: PaxosState): Observation {
  if (s.role === 'acceptor') return {};
  return { leader: s.phase === 2, term: s.ballot, accepted: s.decided.length, committed: s.decided.length };
}
