/**
 * Swarm members (after SPIN's swarm verification, Holzmann, Joshi and Groce
 * 2008): many small independent searches that each search differently, so
 * that together they cover what no single configuration reaches. A member
 * of a simulation swarm differs from the plain walk in four ways, all a
 * function of (base seed, base walk length, member index):
 *
 * - its seed (member 1 keeps the base seed, so `--shard 1/1` is the plain run);
 * - its walk length: the base length scaled by LENGTHS (short walks try more
 *   starts per second, long ones reach deeper);
 * - its paces (PACE_MIXES): which weightings of delivery against other steps
 *   its walks use (see simulate/walk.ts PACES);
 * - its search order among nodes: none favoured, or one node whose steps get
 *   FAVOUR_WEIGHT times the weight (as SPIN's swarm reorders processes).
 *
 * The cycles have lengths 5, 3 and nodes+1 (for 3 servers: 60 members
 * before a profile repeats); seeds never repeat.
 * A member's profile does not depend on N: growing a swarm from 2 to 4
 * members keeps members 1 and 2 exactly as they were.
 */
import { MAX_SEED, MIN_SEED } from '../simulate/spec.js';
import { PACES, type WalkDiversity } from '../simulate/walk.js';
import type { Shard } from './shard.js';

export const LENGTHS: readonly number[] = [1, 0.5, 2, 0.75, 1.5];

export const PACE_MIXES: readonly { readonly name: string; readonly paces: readonly number[] }[] = [
  { name: 'all paces', paces: PACES.map((_, k) => k) },
  // Deliveries first: each election or ballot tends to finish before the next timeout.
  { name: 'deliveries first', paces: [2, 3, 4] },
  // Interruptions: timeouts, new ballots and faults cut rounds short.
  { name: 'interruptions', paces: [0, 5, 6] },
];

export interface SwarmMember {
  readonly shard: Shard;
  /** The run's seed and walk length, from which this member's are derived. */
  readonly baseSeed: number;
  readonly baseMaxSteps: number;
  readonly seed: number;
  readonly maxSteps: number;
  readonly paceMix: string;
  readonly diversity: WalkDiversity;
  /** The favoured node's id, for reports. */
  readonly favoured?: string;
}

const MAX_STEPS = 1_000_000;

/** A 32-bit mix (murmur3's finaliser) of the base seed and the member index, in fast-check's seed range. */
export function memberSeed(base: number, index: number): number {
  if (index === 1) return base;
  let h = (base ^ Math.imul(index, 0x9e3779b9)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.min(MAX_SEED, Math.max(MIN_SEED, h | 0));
}

export function swarmMember(shard: Shard, baseSeed: number, baseMaxSteps: number, nodeIds: readonly string[]): SwarmMember {
  const k = shard.index - 1;
  const maxSteps = Math.min(MAX_STEPS, Math.max(1, Math.round(baseMaxSteps * LENGTHS[k % LENGTHS.length])));
  const mix = PACE_MIXES[k % PACE_MIXES.length];
  const f = k % (nodeIds.length + 1);
  const favour = f === 0 ? undefined : f - 1;
  return {
    shard,
    baseSeed,
    baseMaxSteps,
    seed: memberSeed(baseSeed, shard.index),
    maxSteps,
    paceMix: mix.name,
    diversity: { paces: mix.paces, ...(favour === undefined ? {} : { favour }) },
    ...(favour === undefined ? {} : { favoured: nodeIds[favour] }),
  };
}

export function memberText(m: SwarmMember): string {
  return (
    `swarm member ${m.shard.index}/${m.shard.count}: seed ${m.seed}, walks of up to ${m.maxSteps} steps, ${m.paceMix}, ` +
    (m.favoured === undefined ? 'no node favoured' : `favours ${m.favoured}`)
  );
}
