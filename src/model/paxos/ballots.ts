import type { PaxosConfig } from './types.js';

/** What the ballot helpers read of a configuration: Multi-Paxos shares them with single-decree Paxos. */
export type BallotConfig = Pick<PaxosConfig, 'proposers' | 'maxRound'>;
export type AcceptorsConfig = Pick<PaxosConfig, 'acceptors'>;

/**
 * Ballots a proposer may start. Correct Paxos makes ballots globally unique:
 * round × proposers + k for the k-th proposer (1-based). With the
 * sharedBallots bug (`shared`) a ballot is just the round number, so two proposers can
 * run the same ballot.
 */
export function ballotsOf(config: BallotConfig, proposer: string, shared = false): readonly number[] {
  const k = config.proposers.indexOf(proposer) + 1;
  const out: number[] = [];
  for (let round = 0; round < config.maxRound; round++) {
    out.push(shared ? round + 1 : round * config.proposers.length + k);
  }
  return out;
}

export function acceptorBit(config: AcceptorsConfig, acceptor: string): number {
  const i = config.acceptors.indexOf(acceptor);
  return i < 0 ? 0 : 1 << i;
}

export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export function maskNames(config: AcceptorsConfig, mask: number): string {
  return `{${config.acceptors.filter((_, i) => (mask >> i) & 1).join(',')}}`;
}

/** The higher-ballot of two votes (either may be absent): what phase 1 carries forward. */
export function higherVote<V>(a: readonly [number, V] | null, b: readonly [number, V] | null): readonly [number, V] | null {
  if (a === null) return b;
  if (b === null) return a;
  return b[0] > a[0] ? b : a;
}
