import type { Send, Step } from '../contract.js';
import type { AcceptorState, PaxosConfig, PaxosMessage } from './types.js';

type Out = Step<AcceptorState, PaxosMessage>;
const none: readonly Send<PaxosMessage>[] = [];

export function initAcceptor(): AcceptorState {
  return { role: 'acceptor', promised: 0, accepted: null };
}

/**
 * Phase 1b: promise a ballot above any promised before. With the
 * sharedBallots bug an acceptor also re-answers a prepare for the ballot it
 * already promised, as implementations that handle retransmitted prepares do:
 * harmless while ballots are unique, fatal when two proposers share one.
 */
export function onPrepare(config: PaxosConfig, s: AcceptorState, b: number, from: string): Out {
  if (b < s.promised || (b === s.promised && !config.bugs.sharedBallots)) return { state: s, send: none };
  const state = b === s.promised ? s : { ...s, promised: b };
  return { state, send: [{ to: from, msg: { t: '1b', b, acc: s.accepted } }] };
}

/** Phase 2b: accept unless a higher ballot was promised; ack to the proposer, which learns. */
export function onAccept(config: PaxosConfig, s: AcceptorState, b: number, v: string, from: string): Out {
  if (b < s.promised && !config.bugs.acceptBelowPromise) return { state: s, send: none };
  const same = s.accepted !== null && s.accepted[0] === b && s.accepted[1] === v;
  const state: AcceptorState = same
    ? s
    : { ...s, promised: Math.max(s.promised, b), accepted: [b, v] };
  return { state, send: [{ to: from, msg: { t: '2b', b, v } }] };
}
