/**
 * The Raft view for liveness checking: terms shifted down so that the
 * lowest term in use is 1. Raft compares terms and starts elections at
 * term + 1, never reads a term's absolute value, so shifted worlds have the
 * same futures in Raft without a term bound; repeated elections (split
 * votes, a leader deposed again and again) then close into a cycle instead
 * of running into maxTerm.
 *
 * Term 0 stays 0: it is the term of the empty log prefix (lastTerm,
 * prevTerm) and of a server that never left its first term. While some
 * server is still in term 0 nothing is shifted, since its next election is
 * for term 1 whatever the others are at.
 */
import type { ViewDef, WorldView } from '../contract.js';
import type { Entry, RaftConfig, RaftMessage, RaftState } from './types.js';

function lowestInLog(log: readonly Entry[], low: number): number {
  for (const e of log) if (e[0] > 0 && e[0] < low) low = e[0];
  return low;
}

function lowestInMessage(m: RaftMessage, low: number): number {
  const use = (t: number): void => {
    if (t > 0 && t < low) low = t;
  };
  use(m.term);
  if (m.t === 'RV' || m.t === 'PV') use(m.lastTerm);
  if (m.t === 'AE') {
    use(m.prevTerm);
    low = lowestInLog(m.entries, low);
  }
  return low;
}

/** How far terms are shifted down: lowest term in use minus 1, or 0 while a server is in term 0. */
export function termShift(_config: RaftConfig, world: WorldView<RaftState, RaftMessage>): number {
  let low = Infinity;
  for (const n of world.nodes) {
    const s = n.state;
    if (s.term === 0) return 0;
    low = Math.min(low, s.term);
    low = lowestInLog(s.log, low);
    low = lowestInLog(s.leaderLog, low);
  }
  for (const e of world.messages) low = lowestInMessage(e.msg, low);
  return low === Infinity ? 0 : low - 1;
}

const shift = (t: number, by: number): number => (t > 0 ? t - by : t);

function shiftLog(log: readonly Entry[], by: number): readonly Entry[] {
  return log.length === 0 ? log : log.map((e) => [shift(e[0], by), e[1]] as const);
}

export function shiftRaftState(s: RaftState, by: number): RaftState {
  if (by === 0) return s;
  const log = shiftLog(s.log, by);
  return { ...s, term: shift(s.term, by), log, leaderLog: s.leaderLog === s.log ? log : shiftLog(s.leaderLog, by) };
}

export function shiftRaftMessage(m: RaftMessage, by: number): RaftMessage {
  if (by === 0) return m;
  switch (m.t) {
    case 'RV':
    case 'PV':
      return { ...m, term: shift(m.term, by), lastTerm: shift(m.lastTerm, by) };
    case 'AE':
      return { ...m, term: shift(m.term, by), prevTerm: shift(m.prevTerm, by), entries: shiftLog(m.entries, by) };
    default:
      return { ...m, term: shift(m.term, by) };
  }
}

export const raftView: ViewDef<RaftConfig, RaftState, RaftMessage> = {
  description: 'Raft terms shifted down so that the lowest term in use is 1',
  offset: termShift,
  shiftState: (_config, state, by) => shiftRaftState(state, by),
  shiftMessage: (_config, msg, by) => shiftRaftMessage(msg, by),
  raiseBounds: (config, by) => ({ ...config, maxTerm: config.maxTerm + by }),
};
