/**
 * A FIFO of packed worlds: each entry is [state index, length, ...world ints]
 * in large Int32Array chunks, so a frontier of millions of states costs a few
 * bytes a state instead of an object graph each. Reading returns views into
 * the chunks; a chunk is released once it has been read past.
 */
const CHUNK = 1 << 20;
/** The first chunk is small: a level of a deep, narrow search holds a handful of worlds. */
const FIRST_CHUNK = 1 << 10;

export class WorldQueue {
  private readonly chunks: (Int32Array | undefined)[] = [];
  /** How much of each chunk holds entries. */
  private readonly fill: number[] = [];
  private readChunk = 0;
  private readPos = 0;
  private entries = 0;
  private held = 0;

  /** The world of the entry last returned by shift(); valid until the next shift(). */
  world: Int32Array = new Int32Array(0);

  get length(): number {
    return this.entries;
  }

  /** Bytes held by chunks not yet released. */
  get bytes(): number {
    return this.held;
  }

  /** Appends world[0, len) (all of it by default) as the entry of state `index`. */
  push(index: number, world: Int32Array, len = world.length): void {
    const need = len + 2;
    let last = this.chunks.length - 1;
    let chunk = this.chunks[last];
    if (chunk === undefined || this.fill[last] + need > chunk.length) {
      const size = chunk === undefined ? FIRST_CHUNK : Math.min(CHUNK, chunk.length * 4);
      chunk = new Int32Array(Math.max(size, need));
      this.chunks.push(chunk);
      this.fill.push(0);
      this.held += chunk.byteLength;
      last++;
    }
    const at = this.fill[last];
    chunk[at] = index;
    chunk[at + 1] = len;
    for (let k = 0; k < len; k++) chunk[at + 2 + k] = world[k];
    this.fill[last] = at + need;
    this.entries++;
  }

  /** The next entry's state index (its world in `world`), or -1 when empty. */
  shift(): number {
    if (this.entries === 0) return -1;
    while (this.readPos >= this.fill[this.readChunk]) {
      this.held -= (this.chunks[this.readChunk] as Int32Array).byteLength;
      this.chunks[this.readChunk] = undefined;
      this.readChunk++;
      this.readPos = 0;
    }
    const chunk = this.chunks[this.readChunk] as Int32Array;
    const index = chunk[this.readPos];
    const len = chunk[this.readPos + 1];
    this.world = chunk.subarray(this.readPos + 2, this.readPos + 2 + len);
    this.readPos += len + 2;
    this.entries--;
    return index;
  }
}
