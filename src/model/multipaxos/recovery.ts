/**
 * What a new leader proposes once a majority has promised: for every slot
 * up to the highest one any promise reported a vote for, the value of the
 * highest-ballot vote reported there (it may have been chosen), and a
 * no-op for a gap, a slot below it with no vote reported (nothing can have
 * been chosen there, and the no-op lets the slots after it execute without
 * waiting for new client commands: "Paxos Made Simple", section 3). Slots
 * after that are free for new commands.
 */
import { higherVote } from '../paxos/ballots.js';
import type { MultiPaxosConfig, Value, Vote } from './types.js';

/** The per-slot highest-ballot votes of two reports. */
export function mergeVotes(a: readonly (Vote | null)[], b: readonly (Vote | null)[]): readonly (Vote | null)[] {
  if (b.length === 0) return a;
  const out: (Vote | null)[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(higherVote(a[i] ?? null, b[i] ?? null));
  return out;
}

/**
 * The new ballot's log. Bugs: skipLastVotedSlot stops one slot short (the
 * recovery loop's bound off by one), so the last voted slot becomes the
 * first free one; gapFilledWithCommand leaves gaps open (null) for the next
 * client commands.
 */
export function recoveredLog(config: MultiPaxosConfig, votes: readonly (Vote | null)[]): readonly (Value | null)[] {
  let top = votes.length - 1;
  while (top >= 0 && votes[top] === null) top--;
  if (config.bugs.skipLastVotedSlot) top--;
  const log: (Value | null)[] = [];
  for (let i = 0; i <= top; i++) {
    const v = votes[i];
    log.push(v !== null ? v[1] : config.bugs.gapFilledWithCommand ? null : 'noop');
  }
  return log;
}
