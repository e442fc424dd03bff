/**
 * 64-bit fingerprints to state indexes: open addressing with linear probing
 * on one typed array of (hi, lo, index) triples, as the BFS visited set, but
 * remembering where each state sits in the graph.
 */
export class FingerprintIndex {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 12) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.table = FingerprintIndex.empty(cap);
    this.mask = cap - 1;
  }

  private static empty(cap: number): Int32Array {
    const t = new Int32Array(cap * 3);
    for (let i = 2; i < t.length; i += 3) t[i] = -1;
    return t;
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  /** The index stored for (hi, lo), or -1. */
  get(hi: number, lo: number): number {
    hi |= 0;
    lo |= 0;
    const t = this.table;
    for (let i = (lo ^ (hi << 7)) & this.mask; ; i = (i + 1) & this.mask) {
      const o = 3 * i;
      if (t[o + 2] < 0) return -1;
      if (t[o] === hi && t[o + 1] === lo) return t[o + 2];
    }
  }

  /** Stores (hi, lo) -> index (index ≥ 0); the fingerprint must not be present. */
  set(hi: number, lo: number, index: number): void {
    if ((this.count + 1) * 4 >= (this.mask + 1) * 3) this.grow();
    this.put(hi | 0, lo | 0, index);
    this.count++;
  }

  private put(hi: number, lo: number, index: number): void {
    const t = this.table;
    let i = (lo ^ (hi << 7)) & this.mask;
    while (t[3 * i + 2] >= 0) i = (i + 1) & this.mask;
    t[3 * i] = hi;
    t[3 * i + 1] = lo;
    t[3 * i + 2] = index;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = FingerprintIndex.empty(cap);
    this.mask = cap - 1;
    for (let j = 0; j < old.length; j += 3) if (old[j + 2] >= 0) this.put(old[j], old[j + 1], old[j + 2]);
  }
}
