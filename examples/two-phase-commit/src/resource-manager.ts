/** A resource manager's rules. */
import type { Outcome, Step } from 'synod';
import type { Msg, RmState, State } from './types.js';

export const initialRm: RmState = { kind: 'rm', phase: 'working' };

/**
 * Phase 1: asked to prepare, a working RM chooses: it votes yes (and is then
 * bound to the coordinator's decision) or votes no (and aborts on its own).
 * Two outcomes of one delivery: the checker explores both.
 */
export function onPrepare(s: RmState, from: string): Step<State, Msg> | readonly Outcome<State, Msg>[] {
  if (s.phase !== 'working') return { state: s, send: [] };
  return [
    { label: 'votes yes', state: { kind: 'rm', phase: 'prepared' }, send: [{ to: from, msg: { t: 'vote', yes: true } }] },
    { label: 'votes no', state: { kind: 'rm', phase: 'aborted' }, send: [{ to: from, msg: { t: 'vote', yes: false } }] },
  ];
}

/** Phase 2: the coordinator's decision. Only a prepared RM can commit; an RM that voted no has already rolled back. */
export function onDecision(s: RmState, commit: boolean): Step<State, Msg> {
  if (commit) return s.phase === 'prepared' ? { state: { kind: 'rm', phase: 'committed' }, send: [] } : { state: s, send: [] };
  return s.phase === 'working' || s.phase === 'prepared' ? { state: { kind: 'rm', phase: 'aborted' }, send: [] } : { state: s, send: [] };
}
