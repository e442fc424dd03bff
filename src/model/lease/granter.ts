/**
 * The granter side of every node: a grant is a promise to grant no one else
 * until the granter's own clock passes the end of that lease plus the margin.
 */
import type { LocalStep, NodeId, Send, Step } from '../contract.js';
import { promiseBinds, promiseEnd } from './validity.js';
import type { LeaseConfig, LeaseMessage, LeaseState } from './types.js';

type Out = Step<LeaseState, LeaseMessage>;
const none: readonly Send<LeaseMessage>[] = [];

/**
 * The granter's decision on request `r` from `from` (possibly itself), read at
 * `clock`: the new state, or null when it must refuse. A newer request from
 * the node it promised is granted (renewal), which only extends the promise;
 * the request it granted last is answered again without a new promise, and an
 * older one is ignored. A stale request granted later would still be safe
 * (the holder counts from when it asked), but answering each request once
 * keeps redeliveries from multiplying states.
 */
export function grant(config: LeaseConfig, s: LeaseState, from: NodeId, r: number, clock: number): LeaseState | null {
  if (s.grantee === from && r <= s.granted) return r === s.granted ? s : null;
  if (promiseBinds(s, clock) && (s.until === null || s.grantee !== from)) return null;
  return { ...s, grantee: from, granted: r, until: promiseEnd(config, clock) };
}

/** Req(r) from `from`: grant and reply, or stay silent (no reply needed: the asker may simply ask again). */
export function onRequest(config: LeaseConfig, s: LeaseState, from: NodeId, r: number, clock: number): Out {
  const next = grant(config, s, from, r, clock);
  if (next === null) return { state: s, send: none };
  return { state: next, send: [{ to: from, msg: { t: 'grant', r } }] };
}

/**
 * A restarted node does not know what it promised before the crash (a grant
 * is not written to disk, and the clock it was measured on does not survive a
 * reboot either), so it waits out a full lease period, measured from now,
 * before granting: the classic rule.
 */
export function resumeSteps(config: LeaseConfig, s: LeaseState, clock: number): readonly LocalStep<LeaseState, LeaseMessage>[] {
  if (s.until !== null) return [];
  const until = promiseEnd(config, clock);
  return [{ label: `resumes granting: waits out a lease until ${until}`, state: { ...s, grantee: null, granted: 0, until }, send: none }];
}
