/**
 * The acceptor half of every replica. One promise covers every slot (phase
 * 1 runs once per leader, not once per command); votes are kept per slot.
 * A replica that promises or accepts a higher ballot than the one it leads
 * has been preempted and stops leading.
 */
import type { Send, Step } from '../contract.js';
import { stepDown } from './leader.js';
import type { MultiPaxosMessage, ServerState, Value, Vote } from './types.js';

type Out = Step<ServerState, MultiPaxosMessage>;
const none: readonly Send<MultiPaxosMessage>[] = [];

/** Phase 1b: promise a ballot above any promised before, reporting the vote held in each slot. */
export function onPrepare(s: ServerState, b: number, from: string): Out {
  if (b <= s.promised) return { state: s, send: none };
  const state = stepDown({ ...s, promised: b }, b);
  return { state, send: [{ to: from, msg: { t: '1b', b, votes: s.accepted } }] };
}

/** The accepted votes with `slot` set to [b, v], grown with empty slots as needed. */
export function withVote(accepted: readonly (Vote | null)[], slot: number, b: number, v: Value): readonly (Vote | null)[] {
  const out = [...accepted];
  while (out.length <= slot) out.push(null);
  out[slot] = [b, v];
  return out;
}

/** Phase 2b: accept a slot's value unless a higher ballot was promised; ack to the leader. */
export function onAccept(s: ServerState, b: number, slot: number, v: Value, from: string): Out {
  if (b < s.promised) return { state: s, send: none };
  const held = s.accepted[slot] ?? null;
  const same = held !== null && held[0] === b && sameValue(held[1], v) && b === s.promised;
  const state = same ? s : stepDown({ ...s, promised: b, accepted: withVote(s.accepted, slot, b, v) }, b);
  return { state, send: [{ to: from, msg: { t: '2b', b, slot } }] };
}

export function sameValue(a: Value, b: Value): boolean {
  if (a === 'noop' || b === 'noop') return a === b;
  return a.client === b.client && a.seq === b.seq;
}
