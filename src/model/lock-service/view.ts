/**
 * The view for liveness checking: ballots (and the fencing tokens that are
 * ballots) shifted down by whole rounds so that the lowest round in use is
 * round 0. The service only compares ballots and tells their owners apart
 * by ballot mod serving instances, so a shift by whole rounds keeps every
 * comparison and every owner: without the round bound, worlds with equal
 * views have the same futures. Dueling instances then close a cycle.
 *
 * A serving instance that has not started a ballot may still start its
 * lowest one, so while there is one nothing is shifted.
 */
import type { ViewDef, WorldView } from '../contract.js';
import type { LockConfig, LockMessage, LockState, Vote } from './types.js';

export function ballotShift(config: LockConfig, world: WorldView<LockState, LockMessage>): number {
  const size = config.serving.length;
  let low = Infinity;
  const use = (b: number): void => {
    if (b > 0) low = Math.min(low, Math.floor((b - 1) / size));
  };
  const useVote = (v: Vote | null): void => {
    if (v !== null) use(v[0]);
  };
  for (const n of world.nodes) {
    const s = n.state;
    if (s.role === 'client') use(s.token);
    else if (s.role === 'storage') s.writes.forEach((w) => use(w[1]));
    else {
      if (s.ballot === 0 && config.serving.includes(n.id)) return 0;
      use(s.promised);
      use(s.ballot);
      useVote(s.accepted);
      useVote(s.best);
    }
  }
  for (const e of world.messages) {
    const m = e.msg;
    if (m.t === '1a' || m.t === '2a' || m.t === '2b') use(m.b);
    if (m.t === '1b') {
      use(m.b);
      useVote(m.acc);
    }
    if (m.t === 'granted' || m.t === 'write') use(m.token);
  }
  return low === Infinity ? 0 : low * size;
}

const down = (b: number, by: number): number => (b > 0 ? b - by : 0);

function shiftVote(v: Vote | null, by: number): Vote | null {
  return v === null ? null : [v[0] - by, v[1]];
}

export function shiftState(s: LockState, by: number): LockState {
  if (by === 0) return s;
  switch (s.role) {
    case 'client':
      return s.token === 0 ? s : { ...s, token: s.token - by };
    case 'storage':
      return { ...s, writes: s.writes.map((w) => [w[0], w[1] - by] as const) };
    case 'instance':
      return { ...s, promised: down(s.promised, by), ballot: down(s.ballot, by), accepted: shiftVote(s.accepted, by), best: shiftVote(s.best, by) };
  }
}

export function shiftMessage(m: LockMessage, by: number): LockMessage {
  if (by === 0) return m;
  switch (m.t) {
    case '1b':
      return { ...m, b: m.b - by, acc: shiftVote(m.acc, by) };
    case '1a':
    case '2a':
    case '2b':
      return { ...m, b: m.b - by };
    case 'granted':
    case 'write':
      return { ...m, token: m.token - by };
    default:
      return m;
  }
}

export const lockView: ViewDef<LockConfig, LockState, LockMessage> = {
  description: 'ballots and fencing tokens shifted down by whole rounds so that the lowest round in use is round 0',
  offset: ballotShift,
  shiftState: (_config, state, by) => shiftState(state, by),
  shiftMessage: (_config, msg, by) => shiftMessage(msg, by),
  raiseBounds: (config, by) => ({ ...config, maxRound: config.maxRound + by }),
};
