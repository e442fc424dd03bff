/**
 * The visited set: 64-bit fingerprints in an open-addressing table of 32-bit
 * pairs with linear probing. 8 bytes a slot; the table grows by half (not
 * doubling) when 3/4 full, so it is always at least half full: at most
 * 16 bytes a state, 10.7 just before a growth. No per-entry objects for the
 * GC to walk, and no 16.7M-entry cap as a JS Set has.
 *
 * Slots are found by scaling the high word to the capacity (which need not
 * be a power of two): fingerprints are uniform, so the scaled index is too.
 */
export const MAX_LOAD = 0.75;
export const GROWTH = 1.5;

/** The home slot of a fingerprint in a table of `cap` slots. */
export function homeSlot(hi: number, cap: number): number {
  const i = Math.floor(((hi >>> 0) * cap) / 4294967296);
  return i < cap ? i : cap - 1;
}

export class FingerprintSet {
  private table: Int32Array;
  private cap: number;
  private limit: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    this.cap = Math.max(16, Math.ceil(initialCapacity));
    this.table = new Int32Array(this.cap * 2);
    this.limit = Math.ceil(this.cap * MAX_LOAD);
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  get capacity(): number {
    return this.cap;
  }

  /** Adds a fingerprint; true when it was not there before. (0,0) is stored as (0,1). */
  add(hi: number, lo: number): boolean {
    hi |= 0;
    lo |= 0;
    if ((hi | lo) === 0) lo = 1;
    const t = this.table;
    const cap = this.cap;
    let i = homeSlot(hi, cap);
    for (;;) {
      const h = t[2 * i];
      const l = t[2 * i + 1];
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      if (++i === cap) i = 0;
    }
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
    if (++this.count >= this.limit) this.grow();
    return true;
  }

  has(hi: number, lo: number): boolean {
    hi |= 0;
    lo |= 0;
    if ((hi | lo) === 0) lo = 1;
    const t = this.table;
    const cap = this.cap;
    let i = homeSlot(hi, cap);
    for (;;) {
      const h = t[2 * i];
      const l = t[2 * i + 1];
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
      if (++i === cap) i = 0;
    }
  }

  private grow(): void {
    const old = this.table;
    const cap = Math.floor(this.cap * GROWTH);
    const t = new Int32Array(cap * 2);
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j];
      const lo = old[j + 1];
      if (hi === 0 && lo === 0) continue;
      let i = homeSlot(hi, cap);
      while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) if (++i === cap) i = 0;
      t[2 * i] = hi;
      t[2 * i + 1] = lo;
    }
    this.table = t;
    this.cap = cap;
    this.limit = Math.ceil(cap * MAX_LOAD);
  }
}
