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
  /** A proposer learning its outcome counts 2b acks for one value across different ballots. */
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
 * A proposer is also the learner of its own ballots: an acceptor acks a 2a
 * with a 2b to its sender, and a majority of acks for the current ballot
 * decides. `phase` 0 is idle, 1 is collecting promises, 2 is collecting acks.
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
  /** Acceptors that acked the current 2a, as a bit mask. */
  readonly acks: number;
  /** Values this proposer learned were chosen (sorted; more than one is a violation). */
  readonly decided: readonly string[];
}

export type PaxosState = AcceptorState | ProposerState;

export type PaxosMessage =
  | { readonly t: '1a'; readonly b: number }
  | { readonly t: '1b'; readonly b: number; readonly acc: Vote | null }
  | { readonly t: '2a'; readonly b: number; readonly v: string }
  | { readonly t: '2b'; readonly b: number; readonly v: string };
