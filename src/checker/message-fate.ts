/**
 * Memo of what becomes of a message at its recipient in a given state:
 * dropped (Protocol.stale), replaced by an equivalent canonical message
 * (Protocol.normalize), or kept. Asked for every message to a node each time
 * that node's state changes, so it must cost a couple of array reads. Rows
 * are dense byte arrays per state id (0 not yet asked, 1 kept, 2 dropped,
 * 3 replaced, the replacement in a side table); past a byte budget new
 * answers go to a hash map.
 */
import { TripleMap } from './triple-map.js';

const KEEP = 1;
const DROP = 2;
const REPLACE = 3;

export class MessageFate {
  private readonly rows: (Uint8Array | undefined)[] = [];
  private rowBytes = 0;
  private readonly replacements = new TripleMap(1 << 10);
  /** Past the budget: result + 1 (0: dropped). */
  private readonly overflow = new TripleMap();

  /** compute(val, msg): -1 to drop msg, msg to keep it, another message id to replace it. */
  constructor(
    private readonly compute: (val: number, msg: number) => number,
    private readonly budget = 128 * 2 ** 20,
  ) {}

  get bytes(): number {
    return this.rowBytes + this.replacements.bytes + this.overflow.bytes;
  }

  /** -1: the recipient in state val ignores msg for good; otherwise the message id to keep in its place. */
  of(val: number, msg: number): number {
    const row = this.rows[val];
    if (row !== undefined && msg < row.length) {
      const r = row[msg];
      if (r === KEEP) return msg;
      if (r === DROP) return -1;
      if (r === REPLACE) return this.replacements.get(val, msg, 0);
    }
    return this.miss(val, msg);
  }

  private miss(val: number, msg: number): number {
    let row = this.rows[val];
    if (row === undefined || msg >= row.length) {
      let len = row === undefined ? 64 : row.length;
      while (len <= msg) len *= 2;
      const extra = len - (row === undefined ? 0 : row.length);
      if (this.rowBytes + extra > this.budget) {
        const known = this.overflow.get(val, msg, 0);
        if (known >= 0) return known - 1;
        const fate = this.compute(val, msg);
        this.overflow.set(val, msg, 0, fate + 1);
        return fate;
      }
      const grown = new Uint8Array(len);
      if (row !== undefined) grown.set(row);
      this.rowBytes += extra;
      this.rows[val] = grown;
      row = grown;
    }
    const fate = this.compute(val, msg);
    if (fate === msg) row[msg] = KEEP;
    else if (fate < 0) row[msg] = DROP;
    else {
      row[msg] = REPLACE;
      this.replacements.set(val, msg, 0, fate);
    }
    return fate;
  }
}
