/**
 * Two-phase commit (Gray 1978; Bernstein, Hadzilacos & Goodman, ch. 7): a
 * transaction manager (the coordinator, "tm") asks every resource manager
 * ("rm1", "rm2", ...) to prepare; each votes yes or no; the coordinator
 * commits only if every vote is yes, and aborts otherwise. The coordinator
 * may crash: what it wrote to its log survives, and one that restarts with
 * no decision in its log aborts (presumed abort).
 */

export interface Bugs {
  /** The coordinator commits as soon as one yes vote arrives. */
  readonly commitOnFirstYes: boolean;
  /** The coordinator sends its decision first and writes it to its log afterwards. */
  readonly decisionNotLogged: boolean;
}

export interface Config {
  readonly rms: readonly string[];
  readonly bugs: Bugs;
}

export type Decision = 'commit' | 'abort';

export interface CoordinatorState {
  readonly kind: 'tm';
  /** init: not started; waiting: prepare sent; recovered: restarted with an empty log. */
  readonly phase: 'init' | 'waiting' | 'recovered' | 'committed' | 'aborted';
  /** RMs that voted yes, sorted. */
  readonly yes: readonly string[];
  /** The decision in the coordinator's log (what survives a crash). */
  readonly logged: Decision | null;
}

export interface RmState {
  readonly kind: 'rm';
  readonly phase: 'working' | 'prepared' | 'committed' | 'aborted';
}

export type State = CoordinatorState | RmState;

export type Msg =
  | { readonly t: 'prepare' }
  | { readonly t: 'vote'; readonly yes: boolean }
  | { readonly t: 'commit' }
  | { readonly t: 'abort' };

/** What survives a crash: the coordinator's log, an RM's whole state (its own log). */
export type Persisted = { readonly logged: Decision | null } | RmState;
