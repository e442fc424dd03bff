import { maskNames, popcount } from './ballots.js';
import type { PaxosConfig, ProposerState } from './types.js';

export interface Learned {
  readonly value: string;
  /** "ballot 1 by {a1,a3}" */
  readonly how: string;
}

/**
 * What a learner has learned from the 2b messages it heard: a value voted for
 * by a majority in one ballot. With the learnAcrossBallots bug, votes for one
 * value from different ballots are added up.
 */
export function learned(config: PaxosConfig, s: ProposerState): readonly Learned[] {
  const out: Learned[] = [];
  if (config.bugs.learnAcrossBallots) {
    const byValue = new Map<string, number>();
    for (const [, v, mask] of s.heard) byValue.set(v, (byValue.get(v) ?? 0) | mask);
    for (const [v, mask] of byValue) {
      if (popcount(mask) >= config.majority) out.push({ value: v, how: `votes from ${maskNames(config, mask)} across ballots` });
    }
    return out;
  }
  for (const [b, v, mask] of s.heard) {
    if (popcount(mask) >= config.majority) out.push({ value: v, how: `ballot ${b} by ${maskNames(config, mask)}` });
  }
  return out;
}
