/**
 * The holder side of every node: ask every node (itself included) for a
 * lease, count the lease from when the request was sent, act only while its
 * own clock is below the end less the margin.
 */
import type { LocalStep, NodeId, Send, Step } from '../contract.js';
import { decide } from './granter.js';
import { nodeBit, popcount } from './nodes.js';
import { holdsLease, leaseEnd } from './validity.js';
import type { LeaseConfig, LeaseMessage, LeaseState } from './types.js';

type Out = Step<LeaseState, LeaseMessage>;
const none: readonly Send<LeaseMessage>[] = [];

/** With a majority of grants for the pending request, the node holds a lease. */
function settle(config: LeaseConfig, s: LeaseState, clock: number): LeaseState {
  if (s.sentAt === null || popcount(s.grants) < config.majority) return s;
  const start = config.bugs.leaseFromReceipt ? clock : s.sentAt;
  return { ...s, sentAt: null, grants: 0, lease: [s.round, start, leaseEnd(config, start)] };
}

/**
 * Ask for a lease (or, holding one, renew it) in the next round. The node
 * grants itself at once and asks everyone else by message; it does not ask
 * while its own promise binds it to another node (as a Raft node that voted
 * for another does not campaign), which also keeps the state space small. A
 * pending request may be abandoned for a new one at any time: that is how a
 * node retries after losses or refusals.
 */
export function requestSteps(config: LeaseConfig, self: NodeId, s: LeaseState, clock: number): readonly LocalStep<LeaseState, LeaseMessage>[] {
  if (s.round >= config.maxRound || !config.candidates.includes(self)) return [];
  const holding = holdsLease(s, clock);
  if (holding && !config.renew) return [];
  const r = s.round + 1;
  const asked: LeaseState = { ...s, round: r, sentAt: clock, grants: 0, lease: holding ? s.lease : null };
  const own = decide(config, asked, self, r, clock);
  if (own === null || !own.grants) return [];
  const state = settle(config, { ...own.state, grants: nodeBit(config, self) }, clock);
  const send = config.nodes.filter((to) => to !== self).map((to) => ({ to, msg: { t: 'req', r } as const }));
  return [{ label: `${holding ? 'renews its lease' : 'asks for a lease'} (r=${r}) at clock ${clock}`, timer: 'request', state, send }];
}

/**
 * Whether Grant(r) from `from` can never count again: rounds only grow (and
 * survive restarts), and a round's request stops pending for good.
 */
export function grantStale(config: LeaseConfig, s: LeaseState, from: NodeId, r: number): boolean {
  return r < s.round || (r === s.round && (s.sentAt === null || (s.grants & nodeBit(config, from)) !== 0));
}

/** Grant(r) from `from`: counts only for the pending request of round r. */
export function onGrant(config: LeaseConfig, s: LeaseState, from: NodeId, r: number, clock: number): Out {
  if (r !== s.round || grantStale(config, s, from, r)) return { state: s, send: none };
  return { state: settle(config, { ...s, grants: s.grants | nodeBit(config, from) }, clock), send: none };
}
