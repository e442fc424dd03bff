/**
 * Ballots and instance sets. Ballots are unique per serving instance, as in
 * Paxos: round × serving + k for the k-th serving instance (1-based), so
 * the ballot that chose a grant names it and orders it: it is the fencing
 * token.
 */
import type { NodeId } from '../contract.js';
import type { LockConfig } from './types.js';

/** The lowest ballot of `self` above `above`, or null when its rounds are used up (or it serves no clients). */
export function nextBallot(config: LockConfig, self: NodeId, above: number): number | null {
  const k = config.serving.indexOf(self) + 1;
  if (k === 0) return null;
  const size = config.serving.length;
  const round = above < k ? 0 : Math.floor((above - k) / size) + 1;
  return round < config.maxRound ? round * size + k : null;
}

/** The serving instance whose ballot `b` is. */
export function ballotOwner(config: LockConfig, b: number): NodeId {
  return config.serving[(b - 1) % config.serving.length];
}

export function instanceBit(config: LockConfig, id: NodeId): number {
  const i = config.instances.indexOf(id);
  return i < 0 ? 0 : 1 << i;
}

export function maskNames(config: LockConfig, mask: number): string {
  return `{${config.instances.filter((_, i) => (mask >> i) & 1).join(',')}}`;
}
