/**
 * Configurations (dissertation chapter 4). A server's configuration is the
 * latest configuration entry in its log, committed or not, or the initial
 * one when its log holds none: it is a function of the log, so a follower
 * that truncates a configuration entry falls back to the previous one with
 * no extra rule. Quorums, for votes and for commitment, are majorities of
 * every set of that configuration.
 */
import type { Entry, Membership, RaftConfig } from './types.js';

export function isMembership(v: Entry[1]): v is Membership {
  return typeof v !== 'string';
}

/** Index (1-based) of the latest configuration entry in the log; 0 when there is none. */
export function membershipIndex(log: readonly Entry[]): number {
  for (let i = log.length - 1; i >= 0; i--) if (isMembership(log[i][1])) return i + 1;
  return 0;
}

/** The configuration a server with this log uses. */
export function membershipOf(config: RaftConfig, log: readonly Entry[]): Membership {
  if (config.reconfig === 'none') return config.initial;
  const i = membershipIndex(log);
  return i === 0 ? config.initial : (log[i - 1][1] as Membership);
}

export function isMember(m: Membership, id: string): boolean {
  return m.some((set) => set.includes(id));
}

/** Every server of the configuration, in the order of config.servers. */
export function membersOf(config: RaftConfig, m: Membership): readonly string[] {
  return m.length === 1 ? m[0] : config.servers.filter((id) => isMember(m, id));
}

/** The other servers of the configuration a server with this log uses: whom it asks for votes and replicates to. */
export function peersOf(config: RaftConfig, self: string, log: readonly Entry[]): readonly string[] {
  return membersOf(config, membershipOf(config, log)).filter((id) => id !== self);
}

/** A majority of every set of `m` is among `ids`. */
export function hasQuorum(m: Membership, ids: (id: string) => boolean): boolean {
  return m.every((set) => 2 * set.filter(ids).length > set.length);
}

export function isJoint(m: Membership): boolean {
  return m.length > 1;
}

export function sameMembership(a: Membership, b: Membership): boolean {
  return a.length === b.length && a.every((set, k) => set.length === b[k].length && set.every((id, j) => id === b[k][j]));
}

/** "{s1,s2,s3}", or "{s1,s2,s3}→{s1,s2,s4}" for C_old,new. */
export function membershipText(m: Membership): string {
  return m.map((set) => `{${set.join(',')}}`).join('→');
}

/**
 * A quorum of `a` drawn from `ableA` and a quorum of `b` drawn from
 * `ableB` that share no server, if there are any: each made of members
 * only, the first as small as the search finds. A quorum stays a quorum
 * when servers are added, so once Q is chosen for `a` the best choice for
 * `b` is everything of `ableB` outside Q.
 */
export function disjointQuorums(
  a: Membership,
  ableA: readonly string[],
  b: Membership,
  ableB: readonly string[],
): readonly [readonly string[], readonly string[]] | null {
  const pool = ableA.filter((id) => isMember(a, id));
  for (let bits = 1; bits < 1 << pool.length; bits++) {
    const q = pool.filter((_, k) => ((bits >> k) & 1) === 1);
    if (!hasQuorum(a, (id) => q.includes(id))) continue;
    const rest = ableB.filter((id) => isMember(b, id) && !q.includes(id));
    if (hasQuorum(b, (id) => rest.includes(id))) return [q, rest];
  }
  return null;
}
