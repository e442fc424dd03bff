/**
 * Membership changes requested by an administrator at the leader, a local
 * step that may come at any moment, so the checker interleaves changes with
 * elections, replication and faults. Each change is a configuration entry
 * appended to the leader's log; it takes effect on every server as soon as
 * the entry reaches its log (membership.ts). The budget `maxChanges` bounds
 * how many changes a log may hold.
 *
 * single (dissertation §4.2, with the fix of July 2015): one server added
 * or removed at a time, so the old and new majorities overlap; a leader
 * starts a change only once the previous one is committed and it has
 * committed an entry of its own term.
 *
 * joint (paper §6): any change goes through C_old,new, whose quorums need a
 * majority of both; once C_old,new is committed the leader appends C_new.
 */
import type { LocalStep, Send } from '../contract.js';
import { isJoint, isMember, isMembership, membershipIndex, membershipOf, membershipText } from './membership.js';
import { appended } from './replication.js';
import type { Entry, Membership, RaftConfig, RaftMessage, RaftState } from './types.js';

type Steps = readonly LocalStep<RaftState, RaftMessage>[];
const none: readonly Send<RaftMessage>[] = [];

/** Changes the administrator started in this log: every configuration entry except a C_new that ends a joint change. */
export function changesIn(log: readonly Entry[]): number {
  let n = 0;
  let afterJoint = false;
  for (const e of log) {
    const v = e[1];
    if (!isMembership(v)) continue;
    if (isJoint(v) || !afterJoint) n++;
    afterJoint = isJoint(v);
  }
  return n;
}

/** The leader has committed an entry of its current term (the guard Ongaro added in 2015). */
export function committedInTerm(s: RaftState): boolean {
  return s.commit > 0 && s.commit <= s.log.length && s.log[s.commit - 1][0] === s.term;
}

/** One server more or less than `set`, among the servers that may change: the targets of single-server changes, adds first. */
function oneAway(config: RaftConfig, set: readonly string[]): readonly { readonly what: string; readonly set: readonly string[] }[] {
  const adds = config.changing.filter((id) => !set.includes(id)).map((id) => ({ what: `adds ${id}`, set: [...set, id].sort() }));
  const removes = set.length <= 1 ? [] : set.filter((id) => config.changing.includes(id)).map((id) => ({ what: `removes ${id}`, set: set.filter((x) => x !== id) }));
  return [...adds, ...removes];
}

/** Joint consensus may change any number of servers; the model offers adding, removing or replacing one. */
function jointTargets(config: RaftConfig, set: readonly string[]): readonly { readonly what: string; readonly set: readonly string[] }[] {
  const replaces = set.filter((id) => config.changing.includes(id)).flatMap((out) =>
    config.changing.filter((id) => !set.includes(id)).map((inn) => ({ what: `replaces ${out} by ${inn}`, set: [...set.filter((x) => x !== out), inn].sort() })),
  );
  return [...oneAway(config, set), ...replaces];
}

/**
 * Append a configuration. A server it adds starts from scratch at the
 * leader, nextIndex just past the log and matchIndex 0, as for a new
 * leader's peers: what the leader knew of it from before a removal belongs
 * to a past it may no longer have (etcd resets progress the same way).
 */
function append(config: RaftConfig, self: string, s: RaftState, m: Membership): RaftState {
  const log: readonly Entry[] = [...s.log, [s.term, m]];
  const before = membershipOf(config, s.log);
  const fresh = (id: string): boolean => id !== self && isMember(m, id) && !isMember(before, id);
  const next = config.servers.some(fresh) ? config.servers.map((id, k) => (fresh(id) ? s.log.length + 1 : s.next[k])) : s.next;
  const match = next === s.next ? s.match : config.servers.map((id, k) => (fresh(id) ? 0 : s.match[k]));
  return appended(config, self, { ...s, log, leaderLog: log, next, match });
}

/**
 * The administrator asks the leader for a change. Only when the latest
 * configuration in its log is committed and is not C_old,new (a change is
 * then in progress), within the budget, and for single-server changes only
 * once the leader has committed an entry of its term: without that guard
 * (bug changeBeforeTermCommit) a leader may append a configuration beside an
 * uncommitted sibling from an earlier term that it never saw.
 */
export function adminSteps(config: RaftConfig, self: string, s: RaftState): Steps {
  if (config.reconfig === 'none' || s.role !== 'leader' || changesIn(s.log) >= config.maxChanges) return [];
  const m = membershipOf(config, s.log);
  if (isJoint(m) || s.commit < membershipIndex(s.log)) return [];
  if (config.reconfig === 'single') {
    if (!config.bugs.changeBeforeTermCommit && !committedInTerm(s)) return [];
    return oneAway(config, m[0]).map((c) => {
      const next: Membership = [c.set];
      return { label: `${c.what}: appends configuration ${membershipText(next)} at index ${s.log.length + 1}`, timer: 'client', state: append(config, self, s, next), send: none };
    });
  }
  return jointTargets(config, m[0]).map((c) => {
    const next: Membership = [m[0], c.set];
    return { label: `${c.what}: appends C_old,new ${membershipText(next)} at index ${s.log.length + 1}`, timer: 'client', state: append(config, self, s, next), send: none };
  });
}

/**
 * Joint consensus, second phase: once C_old,new is committed the leader
 * appends C_new. A leader of a later term that inherits an uncommitted
 * C_old,new commits it first (with an entry of its own term) and then does
 * the same. The jointEarlySwitch bug appends C_new while C_old,new is
 * still uncommitted.
 */
export function finishJointSteps(config: RaftConfig, self: string, s: RaftState): Steps {
  if (config.reconfig !== 'joint' || s.role !== 'leader') return [];
  const m = membershipOf(config, s.log);
  if (!isJoint(m)) return [];
  const committed = s.commit >= membershipIndex(s.log);
  if (!committed && !config.bugs.jointEarlySwitch) return [];
  const next: Membership = [m[1]];
  const why = committed ? 'C_old,new committed' : 'C_old,new not yet committed';
  const out = isMember(next, self) ? '' : ' (without itself)';
  return [{ label: `${why}: appends C_new ${membershipText(next)}${out} at index ${s.log.length + 1}`, timer: 'client', state: append(config, self, s, next), send: none }];
}
