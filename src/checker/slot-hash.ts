/**
 * The slot hashes fingerprints are sums of. A world hashes as the sum, in
 * each of two independent 32-bit lanes, of its slots' hashes (a slot's
 * hash mixes its position k with its content x), so a step re-hashes only
 * the slots it changed, and symmetry reduction can re-sum a permuted world.
 */
import { fmix32 } from './canonical.js';

export function slotHashA(k: number, x: number): number {
  return fmix32((x + Math.imul(k + 1, 0x9e3779b1)) | 0) | 0;
}

export function slotHashB(k: number, x: number): number {
  let h = (x ^ Math.imul(k + 0x3c6e, 0x85ebca77)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h | 0;
}

/** The B lane's finaliser, applied to a sum. */
export function finalB(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h | 0;
}
