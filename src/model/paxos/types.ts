/** Single-decree Paxos (the Synod protocol): configuration, node states, messages. */

/** An acceptor's vote: [ballot, value]. */
export type Vote = readonly [number, string];

export interface PaxosBugs {
  /** An acceptor accepts a 2a whose ballot is below its promise. */
  readonly acceptBelowPromise: boolean;
  /** Phase 2 proposes the proposer's own value, ignoring the votes reported in 1b. */
  readonly ignorePromisedValues: boolean;
  /** Ballots are plain round numbers, so two proposers may use the same ballot. */
  readonly sharedBallots: boolean;
  /** A learner adds up 2b messages for one value across different ballots. */
  readonly learnAcrossBallots: boolean;
}

export interface PaxosConfig {
  readonly acceptors: readonly string[];
  readonly proposers: readonly string[];
  readonly values: readonly string[];
  readonly maxRound: number;
  readonly majority: number;
  readonly bugs: PaxosBugs;
}

export interface AcceptorState {
  readonly role: 'acceptor';
  /** Highest ballot promised (0: none). */
  readonly promised: number;
  readonly accepted: Vote | null;
}

/**
 * A proposer is also a learner: acceptors send their 2b to every proposer.
 * `phase` 0 is idle, 1 is collecting promises, 2 is waiting for acceptance.
 */
export interface ProposerState {
  readonly role: 'proposer';
  readonly ballot: number;
  readonly phase: 0 | 1 | 2;
  /** The value this ballot was started with, replaced by the value sent in 2a. */
  readonly value: string | null;
  /** Acceptors that promised `ballot`, as a bit mask of acceptor indexes. */
  readonly promises: number;
  /** The highest-ballot vote reported in those promises. */
  readonly best: Vote | null;
  /** Every value this proposer has sent in a 2a (sorted): what validity reads. */
  readonly proposed: readonly string[];
  /** 2b messages heard, as [ballot, value, mask of acceptors], sorted. */
  readonly heard: readonly (readonly [number, string, number])[];
}

export type PaxosState = AcceptorState | ProposerState;

export type PaxosMessage =
  | { readonly t: '1a'; readonly b: number }
  | { readonly t: '1b'; readonly b: number; readonly acc: Vote | null }
  | { readonly t: '2a'; readonly b: number; readonly v: string }
  | { readonly t: '2b'; readonly b: number; readonly v: string };
