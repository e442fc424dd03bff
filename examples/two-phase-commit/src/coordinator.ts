/** The coordinator's rules: one exported function per step of the protocol. */
import type { LocalStep, Send, Step } from 'synod';
import type { Config, CoordinatorState, Decision, Msg, State } from './types.js';

export const initialCoordinator: CoordinatorState = { kind: 'tm', phase: 'init', yes: [], logged: null };

function toAll(config: Config, msg: Msg): Send<Msg>[] {
  return config.rms.map((to) => ({ to, msg }));
}

/**
 * Decides and tells every RM. The decision goes to the log in the same step
 * as it is sent (force-write before send), unless decisionNotLogged: then the
 * log write is a later step of its own, and a crash in between loses it.
 */
function decide(config: Config, s: CoordinatorState, d: Decision): Step<State, Msg> {
  const logged = config.bugs.decisionNotLogged ? s.logged : d;
  return { state: { ...s, phase: d === 'commit' ? 'committed' : 'aborted', logged }, send: toAll(config, { t: d }) };
}

/** Phase 1: ask every RM to prepare. */
export function startCommit(config: Config, s: CoordinatorState): LocalStep<State, Msg> {
  return { label: 'sends prepare to every RM', state: { ...s, phase: 'waiting' }, send: toAll(config, { t: 'prepare' }) };
}

/** A vote arrives: commit once every RM voted yes, abort on the first no. */
export function onVote(config: Config, s: CoordinatorState, from: string, yes: boolean): Step<State, Msg> {
  if (s.phase !== 'waiting') return { state: s, send: [] };
  if (!yes) return decide(config, s, 'abort');
  if (s.yes.includes(from)) return { state: s, send: [] };
  const next = { ...s, yes: [...s.yes, from].sort() };
  if (config.bugs.commitOnFirstYes || next.yes.length === config.rms.length) return decide(config, next, 'commit');
  return { state: next, send: [] };
}

/** Presumed abort: a coordinator that restarts with no decision in its log aborts. */
export function abortAfterRestart(config: Config, s: CoordinatorState): LocalStep<State, Msg> {
  return { label: 'aborts: no decision in its log', ...decide(config, s, 'abort') };
}

/** With decisionNotLogged: the log write that comes after the decision was sent. */
export function logDecision(s: CoordinatorState): LocalStep<State, Msg> | null {
  if (s.logged !== null || (s.phase !== 'committed' && s.phase !== 'aborted')) return null;
  return { label: 'writes its decision to its log', state: { ...s, logged: s.phase === 'committed' ? 'commit' : 'abort' }, send: [] };
}

/** The coordinator after a restart: its log is all it has. */
export function recoverCoordinator(logged: Decision | null): CoordinatorState {
  if (logged === null) return { kind: 'tm', phase: 'recovered', yes: [], logged: null };
  return { kind: 'tm', phase: logged === 'commit' ? 'committed' : 'aborted', yes: [], logged };
}
