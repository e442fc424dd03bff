/**
 * The granter side of every node: a grant is a promise to grant no one else
 * until the granter's own clock passes the end of that lease plus the margin.
 */
import type { LocalStep, NodeId, Send, Step } from '../contract.js';
import { promiseBinds, promiseEnd } from './validity.js';
import type { LeaseConfig, LeaseMessage, LeaseState } from './types.js';

type Out = Step<LeaseState, LeaseMessage>;
const none: readonly Send<LeaseMessage>[] = [];

export interface Decision {
  readonly state: LeaseState;
  readonly grants: boolean;
}

/** Whether request `r` of candidate `from` was granted already (then it is ignored, now and after restarts). */
export function grantedAlready(config: LeaseConfig, s: LeaseState, from: NodeId, r: number): boolean {
  const i = config.candidates.indexOf(from);
  return i < 0 || r <= s.granted[i];
}

/**
 * The granter's answer to request `r` from `from` (possibly itself), read at
 * `clock`. It grants unless its promise to someone else still binds (or it
 * restarted and has not waited out a lease yet); a newer request from the
 * node it promised is granted (renewal), which only extends the promise.
 * Each request is granted at most once, and an older one than the last
 * granted is ignored; a refused request changes nothing and may be granted
 * when delivered again later (in the set network a message can be).
 */
export function decide(config: LeaseConfig, s: LeaseState, from: NodeId, r: number, clock: number): Decision | null {
  if (grantedAlready(config, s, from, r)) return null;
  if (promiseBinds(s, clock) && (s.until === null || s.grantee !== from)) return { state: s, grants: false };
  const i = config.candidates.indexOf(from);
  const granted = s.granted.map((a, j) => (j === i ? r : a));
  return { state: { ...s, granted, grantee: from, until: promiseEnd(config, clock) }, grants: true };
}

/** Req(r) from `from`: grant and reply, or refuse silently (the asker may ask again in a new round). */
export function onRequest(config: LeaseConfig, s: LeaseState, from: NodeId, r: number, clock: number): Out {
  const d = decide(config, s, from, r, clock);
  if (d === null) return { state: s, send: none };
  return { state: d.state, send: d.grants ? [{ to: from, msg: { t: 'grant', r } }] : none };
}

/**
 * A restarted node does not know whom it promised before the crash (a promise
 * is measured on a clock that does not survive a reboot), so it waits out a
 * full lease period, measured from now, before granting: the classic rule.
 */
export function resumeSteps(config: LeaseConfig, s: LeaseState, clock: number): readonly LocalStep<LeaseState, LeaseMessage>[] {
  if (s.until !== null) return [];
  const until = promiseEnd(config, clock);
  return [{ label: `resumes granting: waits out a lease until ${until}`, timer: 'resume', state: { ...s, grantee: null, until }, send: none }];
}
