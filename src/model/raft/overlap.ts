/**
 * "No two quorums of concurrently usable configurations are disjoint": the
 * property every membership-change algorithm must keep, since Raft's safety
 * rests on any two quorums sharing a server that knows of the earlier
 * decision (Ongaro, raft-dev, July 2015).
 *
 * A server's configuration is usable now when it could make a decision with
 * it from this world on:
 * - elect: the server campaigns (a candidate, a member of its own
 *   configuration) and a quorum of that configuration would grant it a vote
 *   on the up-to-date check, its own log against theirs; or
 * - commit: the server is a leader and a quorum of its configuration is in
 *   its term or below, so could still accept its AppendEntries.
 * The property asks for two such quorums, one per configuration, made of
 * servers that would take part, that share no server. Two servers using
 * the same configuration are no concern; neither are
 * configurations no one could use any more (a lagging server still in
 * C_old after C_old,new committed: the servers that hold C_old,new refuse
 * to vote for it). Down servers count with the state they recover to.
 */
import type { Invariant, NodeView, Violation, WorldView } from '../contract.js';
import { lastIndex, lastTerm, upToDate } from './log.js';
import { disjointQuorums, hasQuorum, isMember, membershipOf, membershipText, sameMembership } from './membership.js';
import type { Membership, RaftConfig, RaftMessage, RaftState } from './types.js';

type Node = NodeView<RaftState>;

/** A server that could use its configuration now, and the servers that would take part: vote for it, or accept its AppendEntries. */
export interface Usable {
  readonly id: string;
  readonly m: Membership;
  readonly how: string;
  readonly able: readonly string[];
}

function usable(config: RaftConfig, n: Node, all: readonly Node[]): Usable | null {
  const m = membershipOf(config, n.state.log);
  if (n.up && n.state.role === 'leader') {
    const able = all.filter((q) => (q.id === n.id ? isMember(m, q.id) : q.state.term <= n.state.term)).map((q) => q.id);
    return hasQuorum(m, (id) => able.includes(id)) ? { id: n.id, m, how: `leader in term ${n.state.term}`, able } : null;
  }
  if (!config.candidates.includes(n.id) || !isMember(m, n.id)) return null;
  const li = lastIndex(n.state.log);
  const lt = lastTerm(n.state.log);
  const able = all.filter((q) => q.id === n.id || upToDate(q.state.log, li, lt)).map((q) => q.id);
  return hasQuorum(m, (id) => able.includes(id)) ? { id: n.id, m, how: 'could win an election', able } : null;
}

/** The usable configurations of this world, one per server that could use its own. */
export function usableConfigurations(config: RaftConfig, world: WorldView<RaftState, RaftMessage>): readonly Usable[] {
  const out: Usable[] = [];
  for (const n of world.nodes) {
    const u = usable(config, n, world.nodes);
    if (u !== null) out.push(u);
  }
  return out;
}

const setText = (ids: readonly string[]): string => `{${ids.join(',')}}`;

export const configurationsOverlap: Invariant<RaftConfig, RaftState, RaftMessage> = {
  name: 'configurationsOverlap',
  description:
    'No two quorums of concurrently usable configurations are disjoint: no two servers with different configurations could each decide (win an election, or commit as leader) with quorums that share no server.',
  check(config, world): Violation | null {
    if (config.reconfig === 'none') return null;
    const first = membershipOf(config, world.nodes[0].state.log);
    if (world.nodes.every((n) => sameMembership(membershipOf(config, n.state.log), first))) return null;
    const us = usableConfigurations(config, world);
    for (let a = 0; a < us.length; a++) {
      for (let b = a + 1; b < us.length; b++) {
        const x = us[a];
        const y = us[b];
        if (sameMembership(x.m, y.m)) continue;
        const split = disjointQuorums(x.m, x.able, y.m, y.able);
        if (split === null) continue;
        return {
          message: `${x.id} and ${y.id} use configurations with disjoint quorums`,
          witnesses: [
            `${x.id} (${x.how}) uses ${membershipText(x.m)}, with quorum ${setText(split[0])}`,
            `${y.id} (${y.how}) uses ${membershipText(y.m)}, with quorum ${setText(split[1])}`,
          ],
        };
      }
    }
    return null;
  },
};
