/**
 * The visited set: 64-bit fingerprints in an open-addressing table of 32-bit
 * pairs with linear probing. 8 bytes a slot, grown by doubling at 3/4 load,
 * so 10.7 to 21 bytes a state; no per-entry objects for the GC to walk, and
 * no 16.7M-entry cap as a JS Set has.
 */
export class FingerprintSet {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /** Adds a fingerprint; true when it was not there before. (0,0) is stored as (0,1). */
  add(hi: number, lo: number): boolean {
    if ((hi | lo) === 0) lo = 1;
    hi >>>= 0;
    lo >>>= 0;
    const t = this.table;
    let i = (lo ^ (hi << 7)) & this.mask;
    for (;;) {
      const h = t[2 * i];
      const l = t[2 * i + 1];
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      i = (i + 1) & this.mask;
    }
    t[2 * i] = hi;
    t[2 * i + 1] = lo;
    this.count++;
    if (this.count * 4 >= (this.mask + 1) * 3) this.grow();
    return true;
  }

  has(hi: number, lo: number): boolean {
    if ((hi | lo) === 0) lo = 1;
    hi >>>= 0;
    lo >>>= 0;
    const t = this.table;
    let i = (lo ^ (hi << 7)) & this.mask;
    for (;;) {
      const h = t[2 * i];
      const l = t[2 * i + 1];
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    const t = this.table;
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j];
      const lo = old[j + 1];
      if (hi === 0 && lo === 0) continue;
      let i = (lo ^ (hi << 7)) & this.mask;
      while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      t[2 * i] = hi;
      t[2 * i + 1] = lo;
    }
  }
}
