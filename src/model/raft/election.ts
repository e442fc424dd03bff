/**
 * Leader election (§5.2, §5.4.1) and its optional pre-vote round
 * (dissertation §9.6). Election timers fire nondeterministically: any
 * follower, precandidate or candidate may time out at any moment while its
 * term is below maxTerm; that is what makes split votes and repeated
 * elections reachable without a clock.
 */
import type { LocalStep, Send, Step } from '../contract.js';
import { lastIndex, lastTerm, upToDate } from './log.js';
import { hasQuorum, isMember, membershipOf, peersOf } from './membership.js';
import { appendEntriesFor } from './replication.js';
import { asLeader, observeTerm } from './roles.js';
import { addSorted } from './sets.js';
import type { RaftConfig, RaftMessage, RaftState } from './types.js';

type Out = Step<RaftState, RaftMessage>;
const none: readonly Send<RaftMessage>[] = [];

/** A quorum of this server's configuration is among `ids` (sorted lists that include the server itself when it counts). */
function isQuorum(config: RaftConfig, s: RaftState, ids: readonly string[]): boolean {
  return hasQuorum(membershipOf(config, s.log), (id) => ids.includes(id));
}

/**
 * Campaign in term + 1: vote for yourself (persisted) and ask every peer of
 * your configuration. The only member of its configuration is a quorum by
 * itself and leads at once.
 */
export function startElection(config: RaftConfig, self: string, s: RaftState): Out {
  const term = s.term + 1;
  const candidate: RaftState = { ...s, role: 'candidate', term, votedFor: self, votes: [self], lease: false };
  if (isQuorum(config, candidate, candidate.votes)) return won(config, self, candidate);
  const msg: RaftMessage = { t: 'RV', term, lastIndex: lastIndex(s.log), lastTerm: lastTerm(s.log) };
  return { state: candidate, send: peersOf(config, self, s.log).map((to) => ({ to, msg })) };
}

function won(config: RaftConfig, self: string, s: RaftState): Out {
  const leader = asLeader(config, self, s);
  return { state: leader, send: peersOf(config, self, leader.log).map((to) => ({ to, msg: appendEntriesFor(config, leader, to) })) };
}

/**
 * The election timer fires: campaign, or with preVote first ask whether
 * peers would vote. Under quietTimeouts a follower that hears its leader
 * keeps resetting its timer, so it never fires. A server outside the
 * configuration its log gives it (removed, or not yet added) never
 * campaigns (dissertation §4.2.2).
 */
export function timeoutSteps(config: RaftConfig, self: string, s: RaftState): readonly LocalStep<RaftState, RaftMessage>[] {
  if (s.role === 'leader' || s.term >= config.maxTerm || (config.quietTimeouts && s.lease) || !config.candidates.includes(self)) return [];
  if (!isMember(membershipOf(config, s.log), self)) return [];
  if (!config.preVote) {
    const out = startElection(config, self, s);
    return [{ label: `times out, starts election for term ${s.term + 1}`, timer: 'election', ...out }];
  }
  if (isQuorum(config, s, [self])) return [{ label: `times out, starts election for term ${s.term + 1}`, timer: 'election', ...startElection(config, self, s) }];
  const msg: RaftMessage = { t: 'PV', term: s.term + 1, lastIndex: lastIndex(s.log), lastTerm: lastTerm(s.log) };
  return [
    {
      label: `times out, starts pre-vote for term ${s.term + 1}`,
      timer: 'election',
      state: { ...s, role: 'precandidate', votes: [self], lease: false },
      send: peersOf(config, self, s.log).map((to) => ({ to, msg })),
    },
  ];
}

/**
 * With checkQuorum, a follower that has heard from the leader of its term
 * since its timer last fired ignores requests to start a new term (§9.6,
 * the "leader stickiness" that etcd pairs with CheckQuorum).
 */
function inLease(config: RaftConfig, s: RaftState): boolean {
  return config.checkQuorum && s.role === 'follower' && s.lease;
}

/** RequestVote receiver: grant at most one vote per term, only to a candidate whose log is at least as up-to-date. */
export function onRequestVote(
  config: RaftConfig,
  s: RaftState,
  m: { readonly term: number; readonly lastIndex: number; readonly lastTerm: number },
  from: string,
): Out {
  if (m.term > s.term && inLease(config, s)) return { state: s, send: none };
  const cur = observeTerm(s, m.term);
  const grant =
    m.term === cur.term &&
    (cur.votedFor === null || cur.votedFor === from) &&
    (config.bugs.noUpToDateCheck || upToDate(cur.log, m.lastIndex, m.lastTerm));
  const state = grant && cur.votedFor !== from ? { ...cur, votedFor: from } : cur;
  // A refusal in the candidate's own term changes nothing where it lands; leaving it out keeps the network small.
  if (!grant && cur.term === m.term) return { state, send: none };
  return { state, send: [{ to: from, msg: { t: 'RVR', term: state.term, granted: grant } }] };
}

/**
 * A vote for the current term; a quorum of the candidate's configuration
 * (votes from outside it do not count) makes the candidate leader, which
 * at once sends every peer an initial AppendEntries (Figure 2: "upon
 * election: send initial empty AppendEntries RPCs"), so no follower that
 * voted for it has to time out before hearing from it.
 */
export function onVoteResponse(config: RaftConfig, self: string, s: RaftState, m: { readonly term: number; readonly granted: boolean }, from: string): Out {
  const cur = observeTerm(s, m.term);
  if (cur !== s) return { state: cur, send: none };
  if (s.role !== 'candidate' || m.term !== s.term || !m.granted || s.votes.includes(from)) return { state: s, send: none };
  if (!isMember(membershipOf(config, s.log), from)) return { state: s, send: none };
  const votes = addSorted(s.votes, from);
  if (!isQuorum(config, s, votes)) return { state: { ...s, votes }, send: none };
  return won(config, self, { ...s, votes });
}

/**
 * PreVote receiver: would I vote for you in term m.term? Yes if that term is
 * above mine, your log is up-to-date, and I have not heard from a leader
 * since my own timer last fired. Neither my term nor my vote changes.
 */
export function onPreVote(
  config: RaftConfig,
  s: RaftState,
  m: { readonly term: number; readonly lastIndex: number; readonly lastTerm: number },
  from: string,
): Out {
  const grant =
    m.term > s.term &&
    !(s.role === 'follower' && s.lease) &&
    (config.bugs.noUpToDateCheck || upToDate(s.log, m.lastIndex, m.lastTerm));
  return { state: s, send: [{ to: from, msg: { t: 'PVR', term: grant ? m.term : s.term, granted: grant } }] };
}

/**
 * A pre-vote answer. A refusal from a higher term is an ordinary higher term;
 * a grant carries the proposed term and must not raise ours. A quorum of
 * grants from the precandidate's configuration starts the real election.
 */
export function onPreVoteResponse(config: RaftConfig, self: string, s: RaftState, m: { readonly term: number; readonly granted: boolean }, from: string): Out {
  if (!m.granted) return { state: observeTerm(s, m.term), send: none };
  if (s.role !== 'precandidate' || m.term !== s.term + 1 || s.votes.includes(from)) return { state: s, send: none };
  if (!isMember(membershipOf(config, s.log), from)) return { state: s, send: none };
  const votes = addSorted(s.votes, from);
  if (!isQuorum(config, s, votes)) return { state: { ...s, votes }, send: none };
  return startElection(config, self, s);
}
