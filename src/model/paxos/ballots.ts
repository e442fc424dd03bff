import type { PaxosConfig } from './types.js';

/**
 * Ballots a proposer may start. Correct Paxos makes ballots globally unique:
 * round × proposers + k for the k-th proposer (1-based). With the
 * sharedBallots bug a ballot is just the round number, so two proposers can
 * run the same ballot.
 */
export function ballotsOf(config: PaxosConfig, proposer: string): readonly number[] {
  const k = config.proposers.indexOf(proposer) + 1;
  const out: number[] = [];
  for (let round = 0; round < config.maxRound; round++) {
    out.push(config.bugs.sharedBallots ? round + 1 : round * config.proposers.length + k);
  }
  return out;
}

export function acceptorBit(config: PaxosConfig, acceptor: string): number {
  const i = config.acceptors.indexOf(acceptor);
  return i < 0 ? 0 : 1 << i;
}

export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export function maskNames(config: PaxosConfig, mask: number): string {
  return `{${config.acceptors.filter((_, i) => (mask >> i) & 1).join(',')}}`;
}
