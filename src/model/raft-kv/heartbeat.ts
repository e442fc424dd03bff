/**
 * Heartbeat rounds: how a leader learns it still leads (ReadIndex,
 * dissertation §6.4) and how it holds a lease (§6.4.1). The leader numbers
 * its rounds within its term; a round a quorum answered confirms every read
 * that arrived before it started. A follower that answers promises, with
 * lease reads, neither to vote for another nor to campaign until its own
 * clock has run an election timeout past the heartbeat's arrival; the
 * leader, counting from when it sent the round by its clock, relies on that
 * promise for the lease length E − 4ε: each clock is within ε of real time,
 * so two can disagree by 2ε at the start and 2ε at the end
 * (bug leaseIgnoresSkew: for the whole E).
 */
import type { Send } from '../contract.js';
import { kv } from '../machines/kv.js';
import { hasQuorum, membershipOf, peersOf } from '../raft/membership.js';
import { asFollower } from '../raft/roles.js';
import { addSorted } from '../raft/sets.js';
import type { Out } from './server.js';
import type { HeartbeatMessage, RaftKvConfig, RaftKvMessage, ServerState } from './types.js';

const none: readonly Send<RaftKvMessage>[] = [];

/** The leader starts round + 1 at its clock and sends it to every peer. */
export function startRound(config: RaftKvConfig, self: string, s: ServerState, clock: number): Out {
  const round = s.round + 1;
  const msg: HeartbeatMessage = { t: 'HB', term: s.raft.term, round };
  return { state: { ...s, round, roundAt: clock, acks: [self] }, send: peersOf(config.raft, self, s.raft.log).map((to) => ({ to, msg })) };
}

/**
 * A follower hears a heartbeat of its term or a later one: it follows that
 * leader (a candidate of the term steps down) and answers; with lease reads
 * it promises until its clock reaches now + E. A heartbeat from an older
 * term is refused with the follower's term.
 */
export function onHeartbeat(config: RaftKvConfig, s: ServerState, m: { readonly term: number; readonly round: number }, from: string, clock: number): Out {
  const r = s.raft;
  if (m.term < r.term) return { state: s, send: [{ to: from, msg: { t: 'HBR', term: r.term, round: 0, ok: false } }] };
  if (m.term === r.term && r.role === 'leader') return { state: s, send: none };
  const raft = m.term > r.term || r.role !== 'follower' ? asFollower(r, m.term) : r;
  const until = config.reads === 'lease' ? Math.max(s.until, clock + config.timeout) : s.until;
  const state = raft === r && until === s.until ? s : { ...s, raft, until };
  return { state, send: [{ to: from, msg: { t: 'HBR', term: m.term, round: m.round, ok: true } }] };
}

/** Answers the pending reads that round `confirmed` covers, from the store. */
export function serveConfirmed(s: ServerState): Out {
  const ready = s.reads.filter((r) => r.round <= s.confirmed);
  if (ready.length === 0) return { state: s, send: none };
  return {
    state: { ...s, reads: s.reads.filter((r) => r.round > s.confirmed) },
    send: ready.map((r) => ({ to: r.client, msg: { t: 'resp', seq: r.seq, out: kv.apply(s.store, r.cmd)[1] } })),
  };
}

/**
 * An answer to the current round. A quorum of them (the leader counts
 * itself) confirms the round: the pending reads it covers are answered and,
 * with lease reads, the lease runs from the round's start. (A reply from a
 * later term is Raft's business: the caller deposes the leader.)
 */
export function onHeartbeatReply(config: RaftKvConfig, s: ServerState, m: { readonly term: number; readonly round: number; readonly ok: boolean }, from: string): Out {
  const r = s.raft;
  if (r.role !== 'leader' || !m.ok || m.term !== r.term || m.round !== s.round || s.acks.includes(from)) return { state: s, send: none };
  const acks = addSorted(s.acks, from);
  if (s.confirmed === s.round || !hasQuorum(membershipOf(config.raft, r.log), (id) => acks.includes(id))) return { state: { ...s, acks }, send: none };
  const leaseEnd = config.reads === 'lease' ? s.roundAt + config.leaseLength : 0;
  return serveConfirmed({ ...s, acks, confirmed: s.round, leaseEnd });
}

/** Replies the server will ignore for good: from an older term, refusals of its own term, answers to an older round or counted already. */
export function heartbeatReplyStale(s: ServerState, m: { readonly term: number; readonly round: number; readonly ok: boolean }, from: string): boolean {
  const r = s.raft;
  if (m.term < r.term) return true;
  if (m.term > r.term) return false;
  if (!m.ok) return true;
  // Only the leader of a term sends its heartbeats; a follower or precandidate of the term never leads it again.
  if (r.role === 'follower' || r.role === 'precandidate') return true;
  return r.role === 'leader' && (m.round < s.round || (m.round === s.round && s.acks.includes(from)));
}
