/**
 * The visited set shared by worker threads: 64-bit fingerprints in an
 * open-addressing table on a SharedArrayBuffer. A slot is claimed by a
 * compare-and-swap of its high word (0: empty), then its low word is
 * written; a thread that finds a matching high word whose low word is still
 * 0 waits the few nanoseconds until it lands. Neither word is ever 0 in a
 * stored fingerprint (0 maps to 1). Growth needs every thread stopped, so
 * the coordinator does it between levels (see search.ts).
 */
import { homeSlot } from '../visited.js';

export class SharedTable {
  readonly table: Int32Array;
  readonly capacity: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.table = new Int32Array(buffer);
    this.capacity = this.table.length / 2;
  }

  static create(capacity: number): SharedTable {
    return new SharedTable(new SharedArrayBuffer(Math.max(16, Math.ceil(capacity)) * 8));
  }

  get bytes(): number {
    return this.buffer.byteLength;
  }

  /** Adds a fingerprint; true when no thread had added it before. */
  insert(hi: number, lo: number): boolean {
    hi |= 0;
    lo |= 0;
    if (hi === 0) hi = 1;
    if (lo === 0) lo = 1;
    const t = this.table;
    const cap = this.capacity;
    let i = homeSlot(hi, cap);
    for (;;) {
      let h = Atomics.load(t, 2 * i);
      if (h === 0) {
        h = Atomics.compareExchange(t, 2 * i, 0, hi);
        if (h === 0) {
          Atomics.store(t, 2 * i + 1, lo);
          return true;
        }
      }
      if (h === hi) {
        let l = Atomics.load(t, 2 * i + 1);
        while (l === 0) l = Atomics.load(t, 2 * i + 1);
        if (l === lo) return false;
      }
      if (++i === cap) i = 0;
    }
  }

  has(hi: number, lo: number): boolean {
    hi |= 0;
    lo |= 0;
    if (hi === 0) hi = 1;
    if (lo === 0) lo = 1;
    const t = this.table;
    const cap = this.capacity;
    let i = homeSlot(hi, cap);
    for (;;) {
      const h = Atomics.load(t, 2 * i);
      if (h === 0) return false;
      if (h === hi) {
        let l = Atomics.load(t, 2 * i + 1);
        while (l === 0) l = Atomics.load(t, 2 * i + 1);
        if (l === lo) return true;
      }
      if (++i === cap) i = 0;
    }
  }

  /** A larger table holding the same fingerprints; call only while no thread inserts. */
  grownTo(capacity: number): SharedTable {
    const next = SharedTable.create(capacity);
    const t = next.table;
    const cap = next.capacity;
    const old = this.table;
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j];
      if (hi === 0) continue;
      let i = homeSlot(hi, cap);
      while (t[2 * i] !== 0) if (++i === cap) i = 0;
      t[2 * i] = hi;
      t[2 * i + 1] = old[j + 1];
    }
    return next;
  }
}
