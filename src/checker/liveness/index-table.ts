/**
 * 64-bit fingerprints to state indexes: open addressing on typed arrays, as
 * the BFS visited set, but remembering where each state sits in the graph.
 */
export class FingerprintIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private idx: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 12) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.idx = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.idx.byteLength;
  }

  /** The index stored for (hi, lo), or -1. */
  get(hi: number, lo: number): number {
    hi >>>= 0;
    lo >>>= 0;
    for (let i = (lo ^ (hi << 7)) & this.mask; ; i = (i + 1) & this.mask) {
      if (this.idx[i] < 0) return -1;
      if (this.hi[i] === hi && this.lo[i] === lo) return this.idx[i];
    }
  }

  /** Stores (hi, lo) -> index; the fingerprint must not be present. */
  set(hi: number, lo: number, index: number): void {
    if ((this.count + 1) * 4 >= (this.mask + 1) * 3) this.grow();
    this.put(hi >>> 0, lo >>> 0, index);
    this.count++;
  }

  private put(hi: number, lo: number, index: number): void {
    let i = (lo ^ (hi << 7)) & this.mask;
    while (this.idx[i] >= 0) i = (i + 1) & this.mask;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.idx[i] = index;
  }

  private grow(): void {
    const { hi, lo, idx } = this;
    const cap = (this.mask + 1) * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.idx = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let j = 0; j < idx.length; j++) if (idx[j] >= 0) this.put(hi[j], lo[j], idx[j]);
  }
}
