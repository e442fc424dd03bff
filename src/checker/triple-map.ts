/**
 * A map from three small non-negative integers to one, on a typed array:
 * the transition memo's index ((state, message, clock) -> move). A JS Map
 * keyed by a combined number costs a boxed lookup and, nested per state,
 * one Map object per state; this costs a hash and a probe or two.
 */
export class TripleMap {
  /** Per slot: a+1 (0: empty), b, c, value. */
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.table = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  private static slot(a: number, b: number, c: number, mask: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h & mask;
  }

  /** The value stored for (a, b, c), or -1. */
  get(a: number, b: number, c: number): number {
    const t = this.table;
    const mask = this.mask;
    let i = TripleMap.slot(a, b, c, mask);
    for (;;) {
      const o = i << 2;
      const ka = t[o];
      if (ka === 0) return -1;
      if (ka === a + 1 && t[o + 1] === b && t[o + 2] === c) return t[o + 3];
      i = (i + 1) & mask;
    }
  }

  /** Stores a value for a key not yet present (callers get() first). */
  set(a: number, b: number, c: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.put(a, b, c, value);
    this.count++;
  }

  private put(a: number, b: number, c: number, value: number): void {
    const t = this.table;
    const mask = this.mask;
    let i = TripleMap.slot(a, b, c, mask);
    while (t[i << 2] !== 0) i = (i + 1) & mask;
    const o = i << 2;
    t[o] = a + 1;
    t[o + 1] = b;
    t[o + 2] = c;
    t[o + 3] = value;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = (this.mask << 1) | 1;
    for (let o = 0; o < old.length; o += 4) if (old[o] !== 0) this.put(old[o] - 1, old[o + 1], old[o + 2], old[o + 3]);
  }
}
