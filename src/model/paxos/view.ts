/**
 * The Paxos view for liveness checking: ballots shifted down by whole rounds
 * so that the lowest round in use is round 0. Paxos only compares ballots
 * and tells proposers apart by ballot mod proposers, so a shift by whole
 * rounds keeps every comparison and every owner: in Paxos without a round
 * bound, worlds with equal views have the same futures. Dueling proposers
 * then close a cycle (the same duel, one round higher) instead of running
 * into maxRound.
 *
 * A proposer that has not started a ballot (ballot 0) may still start its
 * lowest one, so while there is one nothing is shifted.
 */
import type { ViewDef, WorldView } from '../contract.js';
import type { PaxosConfig, PaxosMessage, PaxosState, Vote } from './types.js';

/** Ballots per round: one per proposer, or one when ballots are shared (the sharedBallots bug). */
function roundSize(config: PaxosConfig): number {
  return config.bugs.sharedBallots ? 1 : config.proposers.length;
}

/** The lowest round in use in the world, in ballots to shift by. */
export function ballotShift(config: PaxosConfig, world: WorldView<PaxosState, PaxosMessage>): number {
  const size = roundSize(config);
  let low = Infinity;
  const use = (b: number): void => {
    if (b > 0) low = Math.min(low, Math.floor((b - 1) / size));
  };
  for (const n of world.nodes) {
    const s = n.state;
    if (s.role === 'acceptor') {
      use(s.promised);
      if (s.accepted !== null) use(s.accepted[0]);
    } else {
      if (s.ballot === 0) return 0;
      use(s.ballot);
      if (s.best !== null) use(s.best[0]);
    }
  }
  for (const e of world.messages) {
    use(e.msg.b);
    if (e.msg.t === '1b' && e.msg.acc !== null) use(e.msg.acc[0]);
  }
  return low === Infinity ? 0 : low * size;
}

function shiftVote(v: Vote | null, by: number): Vote | null {
  return v === null ? null : [v[0] - by, v[1]];
}

export function shiftState(s: PaxosState, by: number): PaxosState {
  if (by === 0) return s;
  if (s.role === 'acceptor') {
    return { ...s, promised: s.promised > 0 ? s.promised - by : 0, accepted: shiftVote(s.accepted, by) };
  }
  return { ...s, ballot: s.ballot - by, best: shiftVote(s.best, by) };
}

export function shiftMessage(m: PaxosMessage, by: number): PaxosMessage {
  if (by === 0) return m;
  if (m.t === '1b') return { ...m, b: m.b - by, acc: shiftVote(m.acc, by) };
  return { ...m, b: m.b - by };
}

export const paxosView: ViewDef<PaxosConfig, PaxosState, PaxosMessage> = {
  description: 'Paxos ballots shifted down by whole rounds so that the lowest round in use is round 0',
  offset: ballotShift,
  shiftState: (_config, state, by) => shiftState(state, by),
  shiftMessage: (_config, msg, by) => shiftMessage(msg, by),
  raiseBounds: (config, by) => ({ ...config, maxRound: config.maxRound + by }),
};
