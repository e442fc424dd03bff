/**
 * Memo of Protocol.stale per (node state id, message id): asked for every
 * message to a node each time that node's state changes, so it must cost a
 * couple of array reads. Rows are dense byte arrays per state id (0 not yet
 * asked, 1 live, 2 stale); past a byte budget new answers go to a hash map.
 */
import { TripleMap } from './triple-map.js';

const LIVE = 1;
const STALE = 2;

export class StaleMemo {
  private readonly rows: (Uint8Array | undefined)[] = [];
  private rowBytes = 0;
  private readonly overflow = new TripleMap();

  constructor(
    private readonly compute: (val: number, msg: number) => boolean,
    private readonly budget = 128 * 2 ** 20,
  ) {}

  get bytes(): number {
    return this.rowBytes + this.overflow.bytes;
  }

  isStale(val: number, msg: number): boolean {
    const row = this.rows[val];
    if (row !== undefined && msg < row.length) {
      const r = row[msg];
      if (r !== 0) return r === STALE;
    }
    return this.miss(val, msg);
  }

  private miss(val: number, msg: number): boolean {
    let row = this.rows[val];
    if (row === undefined || msg >= row.length) {
      let len = row === undefined ? 64 : row.length;
      while (len <= msg) len *= 2;
      const extra = len - (row === undefined ? 0 : row.length);
      if (this.rowBytes + extra <= this.budget) {
        const grown = new Uint8Array(len);
        if (row !== undefined) grown.set(row);
        this.rowBytes += extra;
        this.rows[val] = grown;
        row = grown;
      } else {
        const known = this.overflow.get(val, msg, 0);
        if (known >= 0) return known === STALE;
        const stale = this.compute(val, msg);
        this.overflow.set(val, msg, 0, stale ? STALE : LIVE);
        return stale;
      }
    }
    const stale = this.compute(val, msg);
    row[msg] = stale ? STALE : LIVE;
    return stale;
  }
}
