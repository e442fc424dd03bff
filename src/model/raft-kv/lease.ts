/**
 * Leases over clocks (dissertation §6.4.1). The leader's side: its lease
 * holds while its clock is below the end its last confirmed round gave
 * (heartbeat.ts). The followers' side: the promise a heartbeat extracted
 * (neither vote for another candidate nor campaign until the clock passes
 * `until`) is what makes the lease safe, so elections wait for it; and a
 * server that restarts has forgotten it (a clock reading does not survive a
 * reboot), so it first waits out a whole timeout from when it resumes, the
 * rule the lease protocol's granters follow.
 */
import type { LocalStep, Send } from '../contract.js';
import type { RaftKvConfig, RaftKvMessage, ServerState } from './types.js';

const none: readonly Send<RaftKvMessage>[] = [];

export function leaseHolds(s: ServerState, clock: number): boolean {
  return s.raft.role === 'leader' && clock < s.leaseEnd;
}

/** With lease reads, whether the server is bound not to vote for another leader or campaign now. */
export function promiseBinds(config: RaftKvConfig, s: ServerState, clock: number): boolean {
  return config.reads === 'lease' && (!s.resumed || clock < s.until);
}

/** A restarted server resumes: it waits out a timeout from now before it may vote or campaign. */
export function resumeSteps(config: RaftKvConfig, s: ServerState, clock: number): LocalStep<ServerState, RaftKvMessage>[] {
  if (config.reads !== 'lease' || s.resumed) return [];
  const until = Math.max(s.until, clock + config.timeout);
  return [{ label: `resumes: waits out a timeout until clock ${until} before voting`, timer: 'election', state: { ...s, resumed: true, until }, send: none }];
}
