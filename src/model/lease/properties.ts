import type { Invariant, NodeView, Predicate, Violation, WorldView } from '../contract.js';
import { holdsLease, promiseBinds } from './validity.js';
import type { LeaseConfig, LeaseMessage, LeaseState } from './types.js';

type View = WorldView<LeaseState, LeaseMessage>;

/** Nodes that believe, by their own clock, that they hold a valid lease. A node that is down holds nothing. */
export function holders(world: View): NodeView<LeaseState>[] {
  return world.nodes.filter((n) => n.up && holdsLease(n.state, n.clock));
}

function holderText(world: View, n: NodeView<LeaseState>): string {
  const [r, start, end] = n.state.lease ?? [0, 0, 0];
  return `t=${world.time}: ${n.id} holds [${start},${end}) by its clock ${n.clock} (round ${r})`;
}

function promiseText(n: NodeView<LeaseState>): string | null {
  const s = n.state;
  if (!n.up || !promiseBinds(s, n.clock)) return null;
  if (s.until === null) return `${n.id} restarted and has not yet started waiting out a lease`;
  return `${n.id} (clock ${n.clock}) promised ${s.grantee ?? 'nobody'} until ${s.until}`;
}

export const leaseExclusive: Invariant<LeaseConfig, LeaseState, LeaseMessage> = {
  name: 'leaseExclusive',
  description: 'At no global instant do two nodes both believe, each by its own clock, that they hold a valid lease.',
  check(_config, world): Violation | null {
    const h = holders(world);
    if (h.length < 2) return null;
    const promises = world.nodes.map(promiseText).filter((t): t is string => t !== null);
    return {
      message: `${h.map((n) => n.id).join(' and ')} both believe they hold the lease at global time ${world.time}`,
      witnesses: [...h.map((n) => holderText(world, n)), ...promises],
    };
  },
};

export const leaderHolds: Predicate<LeaseConfig, LeaseState, LeaseMessage> = {
  name: 'leaderHolds',
  description: 'Some node that is up believes it holds a valid lease.',
  holds: (_config, world) => holders(world).length > 0,
};
