/**
 * Edits of a world's message list that faults make (a message lost, a
 * message duplicated), written into a buffer: no semantics, only where the
 * ids go. The caller re-hashes the result.
 */
import type { WorldLayout } from './world-layout.js';

/** w without the message at position k, in buf; returns the length. */
export function removeAt(layout: WorldLayout, w: Int32Array, k: number, buf: Int32Array): number {
  const len = layout.lengthOf(w);
  const at = layout.netBase + 1 + k;
  for (let j = 0; j < at; j++) buf[j] = w[j];
  for (let j = at + 1; j < len; j++) buf[j - 1] = w[j];
  buf[layout.netBase]--;
  return len - 1;
}

/** w with a copy of message `id` (at position k) placed right behind it, in buf (which has room for one more); returns the length. */
export function insertAt(layout: WorldLayout, w: Int32Array, k: number, id: number, buf: Int32Array): number {
  const len = layout.lengthOf(w);
  const at = layout.netBase + 2 + k;
  for (let j = 0; j < at; j++) buf[j] = w[j];
  buf[at] = id;
  for (let j = at; j < len; j++) buf[j + 1] = w[j];
  buf[layout.netBase]++;
  return len + 1;
}

/** In buf (a copy of the world), link from→to flips between cut and healed. */
export function toggleCut(layout: WorldLayout, buf: Int32Array, from: number, to: number): void {
  const bit = from * layout.n + to;
  buf[layout.cutBase + (bit >>> 5)] ^= 1 << (bit & 31);
}
