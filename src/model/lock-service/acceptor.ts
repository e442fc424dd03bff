/**
 * The acceptor side of every instance: Paxos phases 1b and 2b on the
 * lock's holder, plus the lease an accepted grant stands for. A vote for a
 * holder binds the instance for D + 2ε by its own clock from when it
 * accepted it (the granter's side of src/model/lease/validity.ts); after
 * that it reports the vote as lapsed, and a proposer may grant the lock to
 * someone else.
 */
import type { LocalStep, NodeId, Send, Step } from '../contract.js';
import { promiseEnd } from '../lease/validity.js';
import type { InstanceState, LockConfig, LockMessage, Vote } from './types.js';

type Out = Step<InstanceState, LockMessage>;
const none: readonly Send<LockMessage>[] = [];

export function initInstance(): InstanceState {
  return { role: 'instance', promised: 0, accepted: null, acceptedAt: 0, ballot: 0, phase: 0, op: null, promises: 0, best: null, lapsed: false, acks: 0 };
}

/** Whether the lease of the instance's vote has run out by its clock (never without leases, nor while the accept time is unknown). */
export function voteLapsed(config: LockConfig, s: InstanceState, clock: number): boolean {
  if (config.duration === 0 || s.accepted === null || s.accepted[1] === null || s.acceptedAt === null) return false;
  return clock >= promiseEnd(config, s.acceptedAt);
}

/** Takes vote (b, holder) at `clock`; the same vote again changes nothing (its lease runs from the first accept). */
export function acceptVote(config: LockConfig, s: InstanceState, b: number, holder: NodeId | null, clock: number): InstanceState {
  if (s.accepted !== null && s.accepted[0] === b && s.accepted[1] === holder) return s;
  const vote: Vote = [b, holder];
  return { ...s, promised: Math.max(s.promised, b), accepted: vote, acceptedAt: config.duration > 0 && holder !== null ? clock : 0 };
}

/** Phase 1b: promise a ballot above any promised before, reporting the vote and whether its lease has lapsed. */
export function onPrepare(config: LockConfig, s: InstanceState, b: number, from: NodeId, clock: number): Out {
  if (b <= s.promised) return { state: s, send: none };
  return { state: { ...s, promised: b }, send: [{ to: from, msg: { t: '1b', b, acc: s.accepted, lapsed: voteLapsed(config, s, clock) } }] };
}

/** Phase 2b: accept unless a higher ballot was promised, and commit (2b) to the proposer. */
export function onAccept(config: LockConfig, s: InstanceState, b: number, holder: NodeId | null, from: NodeId, clock: number): Out {
  if (b < s.promised) return { state: s, send: none };
  return { state: acceptVote(config, s, b, holder, clock), send: [{ to: from, msg: { t: '2b', b } }] };
}

/**
 * Back from a restart with leases on, an instance does not know when it
 * accepted its vote (a clock reading does not survive a reboot), so it
 * counts the vote's lease afresh from now: later than the real accept, so
 * it only waits longer.
 */
export function resumeSteps(s: InstanceState, clock: number): readonly LocalStep<InstanceState, LockMessage>[] {
  if (s.acceptedAt !== null) return [];
  return [{ label: `resumes: counts its vote's lease from clock ${clock}`, timer: 'resume', state: { ...s, acceptedAt: clock }, send: none }];
}
