import type { Send, Step } from '../contract.js';
import type { AcceptorState, PaxosConfig, PaxosMessage } from './types.js';

type Out = Step<AcceptorState, PaxosMessage>;
const none: readonly Send<PaxosMessage>[] = [];

export function initAcceptor(): AcceptorState {
  return { role: 'acceptor', promised: 0, accepted: null };
}

/**
 * Phase 1b. An acceptor answers a prepare at or above its promise; answering
 * an equal ballot again is what real implementations do for a retransmitted
 * prepare, and is safe while ballots are unique.
 */
export function onPrepare(s: AcceptorState, b: number, from: string): Out {
  if (b < s.promised) return { state: s, send: none };
  const state = b === s.promised ? s : { ...s, promised: b };
  return { state, send: [{ to: from, msg: { t: '1b', b, acc: s.accepted } }] };
}

/** Phase 2b: accept unless a higher ballot was promised; tell every learner. */
export function onAccept(config: PaxosConfig, s: AcceptorState, b: number, v: string): Out {
  if (b < s.promised && !config.bugs.acceptBelowPromise) return { state: s, send: none };
  const same = s.accepted !== null && s.accepted[0] === b && s.accepted[1] === v;
  const state: AcceptorState = same
    ? s
    : { ...s, promised: Math.max(s.promised, b), accepted: [b, v] };
  return { state, send: config.proposers.map((to) => ({ to, msg: { t: '2b', b, v } })) };
}
