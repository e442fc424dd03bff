/**
 * Log replication (§5.3) and the commit rule (§5.4.2). A leader's
 * replication to one peer is a local step that sends exactly what nextIndex
 * says: the entries from nextIndex to the end of its log (none: a
 * heartbeat). It may fire at any time, which also models retransmission.
 */
import type { LocalStep, Send, Step } from '../contract.js';
import { mergeEntries, overwriteEntries, termAt } from './log.js';
import { hasQuorum, isMember, isMembership, membershipIndex, membershipOf, peersOf } from './membership.js';
import { asFollower, observeTerm } from './roles.js';
import { addSorted } from './sets.js';
import type { Entry, RaftConfig, RaftMessage, RaftState } from './types.js';

type Out = Step<RaftState, RaftMessage>;
const none: readonly Send<RaftMessage>[] = [];

/** Client values in the log (configuration entries do not count against maxLog). */
function valueCount(log: readonly Entry[]): number {
  let n = 0;
  for (const e of log) if (!isMembership(e[1])) n++;
  return n;
}

/** A client request reaches the leader: append one value in the leader's term. */
export function clientSteps(config: RaftConfig, self: string, s: RaftState): readonly LocalStep<RaftState, RaftMessage>[] {
  if (s.role !== 'leader' || valueCount(s.log) >= config.maxLog) return [];
  return config.values.map((v) => {
    const log: readonly Entry[] = [...s.log, [s.term, v]];
    return { label: `appends client value ${v} at index ${log.length}`, timer: 'client', state: appended(config, self, { ...s, log, leaderLog: log }), send: none };
  });
}

/**
 * After the leader appends: a leader that is the only member of its
 * configuration commits on its own, with no reply to wait for. (With two or
 * more members nothing new is committable yet: no peer holds the new entry.)
 */
export function appended(config: RaftConfig, self: string, s: RaftState): RaftState {
  return config.reconfig === 'none' ? s : stepDownIfRemoved(config, self, advanceCommit(config, self, s));
}

export function appendEntriesFor(config: RaftConfig, s: RaftState, peer: string): RaftMessage {
  const prevIndex = s.next[config.servers.indexOf(peer)] - 1;
  return { t: 'AE', term: s.term, prevIndex, prevTerm: termAt(s.log, prevIndex), entries: s.log.slice(prevIndex), commit: s.commit };
}

/**
 * One step sends every peer what its nextIndex says. Per-peer steps would
 * add no behaviour on a set or multiset network, where a copy may wait
 * undelivered for ever, and would multiply the interleavings.
 */
export function replicateSteps(config: RaftConfig, self: string, s: RaftState): readonly LocalStep<RaftState, RaftMessage>[] {
  if (s.role !== 'leader') return [];
  const send = peersOf(config, self, s.log).map((to) => ({ to, msg: appendEntriesFor(config, s, to) }));
  return [{ label: s.log.length === 0 ? 'sends heartbeats' : 'sends AppendEntries', timer: 'heartbeat', state: s, send }];
}

/**
 * AppendEntries receiver (Figure 2, steps 1-5). A candidate of the same term
 * steps down; a leader of the same term (only reachable once election
 * safety is broken) follows the rules literally and stays leader, so that
 * leaderAppendOnly can see what that does to its log.
 */
export function onAppendEntries(
  config: RaftConfig,
  s: RaftState,
  m: { readonly term: number; readonly prevIndex: number; readonly prevTerm: number; readonly entries: readonly Entry[]; readonly commit: number },
  from: string,
): Out {
  if (m.term < s.term) return { state: s, send: [{ to: from, msg: { t: 'AER', term: s.term, success: false, index: m.prevIndex } }] };
  let cur = m.term > s.term || s.role === 'candidate' || s.role === 'precandidate' ? asFollower(s, m.term) : s;
  if (config.leases && cur.role === 'follower' && !cur.lease) cur = { ...cur, lease: true };
  if (termAt(cur.log, m.prevIndex) !== m.prevTerm) {
    return { state: cur, send: [{ to: from, msg: { t: 'AER', term: cur.term, success: false, index: m.prevIndex } }] };
  }
  const log = config.bugs.truncateOnStaleAppend ? overwriteEntries(cur.log, m.prevIndex, m.entries) : mergeEntries(cur.log, m.prevIndex, m.entries);
  const lastNew = m.prevIndex + m.entries.length;
  const commit = Math.max(cur.commit, Math.min(m.commit, lastNew));
  const state = log === cur.log && commit === cur.commit ? cur : { ...cur, log, commit };
  return { state, send: [{ to: from, msg: { t: 'AER', term: state.term, success: true, index: lastNew } }] };
}

/**
 * The largest N above commitIndex that a quorum of the leader's
 * configuration holds (matchIndex, plus the leader itself while it is a
 * member: a leader replicating a configuration without itself does not count
 * itself, dissertation §4.2.2) and whose entry is from the leader's current
 * term. The figure8 bug drops the term condition.
 */
export function advanceCommit(config: RaftConfig, self: string, s: RaftState): RaftState {
  const m = membershipOf(config, s.log);
  for (let n = s.log.length; n > s.commit; n--) {
    if (!config.bugs.figure8 && s.log[n - 1][0] !== s.term) continue;
    if (hasQuorum(m, (id) => (id === self ? isMember(m, self) : s.match[config.servers.indexOf(id)] >= n))) return { ...s, commit: n };
  }
  return s;
}

/**
 * A leader that committed a configuration without itself steps down
 * (dissertation §4.2.2): until then it led the cluster through the change,
 * after it another member takes over. It never campaigns again, being
 * outside its own configuration.
 */
export function stepDownIfRemoved(config: RaftConfig, self: string, s: RaftState): RaftState {
  if (s.role !== 'leader' || config.reconfig === 'none') return s;
  const at = membershipIndex(s.log);
  return at > 0 && s.commit >= at && !isMember(membershipOf(config, s.log), self) ? asFollower(s, s.term) : s;
}

/** AppendEntries response at the leader: advance matchIndex/nextIndex (never backwards on success), then commit. */
export function onAppendResponse(
  config: RaftConfig,
  self: string,
  s: RaftState,
  m: { readonly term: number; readonly success: boolean; readonly index: number },
  from: string,
): Out {
  const cur = observeTerm(s, m.term);
  if (cur !== s) return { state: cur, send: none };
  if (s.role !== 'leader' || m.term !== s.term) return { state: s, send: none };
  const j = config.servers.indexOf(from);
  const acks = config.quorumChecks ? addSorted(s.acks, from) : s.acks;
  const match = m.success ? Math.max(s.match[j], m.index) : s.match[j];
  const next = m.success ? Math.max(s.next[j], m.index + 1) : Math.max(s.match[j] + 1, Math.min(s.next[j], m.index));
  if (acks === s.acks && match === s.match[j] && next === s.next[j]) return { state: s, send: none };
  const state: RaftState = {
    ...s,
    acks,
    match: match === s.match[j] ? s.match : s.match.map((x, k) => (k === j ? match : x)),
    next: next === s.next[j] ? s.next : s.next.map((x, k) => (k === j ? next : x)),
  };
  return { state: stepDownIfRemoved(config, self, advanceCommit(config, self, state)), send: none };
}

/**
 * CheckQuorum (§6.2): the leader's quorum timer fires. Having heard from a
 * quorum of its configuration since the last check, it starts a new period; otherwise it steps
 * down, so a partitioned leader stops serving. Under quietTimeouts this
 * timer is left out: with nondeterministic timing it could fire before any
 * answer had time to arrive and depose every leader.
 */
export function quorumSteps(config: RaftConfig, self: string, s: RaftState): readonly LocalStep<RaftState, RaftMessage>[] {
  if (!config.quorumChecks || s.role !== 'leader') return [];
  const m = membershipOf(config, s.log);
  if (hasQuorum(m, (id) => (id === self ? isMember(m, self) : s.acks.includes(id)))) {
    return [{ label: 'checks quorum: heard from a majority', timer: 'quorum', state: s.acks.length === 0 ? s : { ...s, acks: [] }, send: none }];
  }
  return [{ label: 'checks quorum: no majority heard, steps down', timer: 'quorum', state: asFollower(s, s.term), send: none }];
}
