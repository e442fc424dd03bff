/**
 * Where everything is in a packed world (an Int32Array):
 *   [time,
 *    per node: status (0 up, 1 down), value id, clock offset (local - global),
 *    the clients' ghost history's value id (only when the protocol declares
 *      its object, Protocol.object: otherwise the world is as without clients),
 *    faults used: crash, restart, amnesia, drop, duplicate, cuts,
 *    cut links: ceil(n²/32) bit words,
 *    K, then K message ids]
 * and how to read it. Knows nothing of what the ids mean.
 */
export const UP = 0;
export const DOWN = 1;

/** Offsets of the fault counters from countBase. */
export const C_CRASH = 0;
export const C_RESTART = 1;
export const C_AMNESIA = 2;
export const C_DROP = 3;
export const C_DUP = 4;
export const C_CUTS = 5;
const FAULT_COUNTERS = 6;

export class WorldLayout {
  readonly nodeBase = 1;
  /** The ghost history's slot, -1 without clients. */
  readonly histSlot: number;
  readonly countBase: number;
  readonly cutBase: number;
  readonly cutWords: number;
  readonly netBase: number;

  constructor(
    readonly n: number,
    withHistory: boolean,
  ) {
    this.histSlot = withHistory ? this.nodeBase + 3 * n : -1;
    this.countBase = this.nodeBase + 3 * n + (withHistory ? 1 : 0);
    this.cutBase = this.countBase + FAULT_COUNTERS;
    this.cutWords = Math.ceil((n * n) / 32);
    this.netBase = this.cutBase + this.cutWords;
  }

  status(w: Int32Array, i: number): number {
    return w[this.nodeBase + 3 * i];
  }

  valueOf(w: Int32Array, i: number): number {
    return w[this.nodeBase + 3 * i + 1];
  }

  clockOf(w: Int32Array, i: number): number {
    return w[0] + w[this.nodeBase + 3 * i + 2];
  }

  used(w: Int32Array, k: number): number {
    return w[this.countBase + k];
  }

  isCut(w: Int32Array, from: number, to: number): boolean {
    const bit = from * this.n + to;
    return ((w[this.cutBase + (bit >>> 5)] >>> (bit & 31)) & 1) === 1;
  }

  messageCount(w: Int32Array): number {
    return w[this.netBase];
  }

  message(w: Int32Array, k: number): number {
    return w[this.netBase + 1 + k];
  }

  /** The length of the world starting at w[0] (w may be a longer buffer). */
  lengthOf(w: Int32Array): number {
    return this.netBase + 1 + w[this.netBase];
  }

  /** Whether slot k holds a value id (a node's value or the history), hashed by the value's content. */
  isValueSlot(k: number): boolean {
    return k === this.histSlot || (k >= this.nodeBase && k < this.nodeBase + 3 * this.n && (k - this.nodeBase) % 3 === 1);
  }
}
