/**
 * For every discovered state, in discovery order: its parent's index and its
 * ordinal among the parent's successors. 6 bytes a state, in fixed-size
 * chunks (no doubling, so no slack beyond one chunk and no copy on growth);
 * a trace is rebuilt by replaying ordinals from the initial world, not by
 * storing worlds.
 */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class ParentStore {
  private readonly parents: Uint32Array[] = [];
  private readonly ordinals: Uint16Array[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.parents.length * CHUNK * 6;
  }

  /** Records a state and returns its index. */
  add(parent: number, ordinal: number): number {
    if (ordinal > 0xffff) throw new RangeError(`a world has more than 65535 successors (${ordinal + 1})`);
    const c = this.count >>> CHUNK_BITS;
    if (c === this.parents.length) {
      this.parents.push(new Uint32Array(CHUNK));
      this.ordinals.push(new Uint16Array(CHUNK));
    }
    const k = this.count & MASK;
    this.parents[c][k] = parent;
    this.ordinals[c][k] = ordinal;
    return this.count++;
  }

  parentOf(index: number): number {
    return this.parents[index >>> CHUNK_BITS][index & MASK];
  }

  ordinalOf(index: number): number {
    return this.ordinals[index >>> CHUNK_BITS][index & MASK];
  }

  /** Successor ordinals from the initial state (index 0) to `index`. */
  path(index: number): number[] {
    const out: number[] = [];
    for (let i = index; i !== 0; i = this.parentOf(i)) out.push(this.ordinalOf(i));
    return out.reverse();
  }
}
