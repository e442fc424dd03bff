/**
 * For every discovered state, in discovery order: its parent's index and its
 * ordinal among the parent's successors. 6 bytes a state; a trace is rebuilt
 * by replaying ordinals from the initial world, not by storing worlds.
 */
export class ParentStore {
  private parent = new Uint32Array(1 << 16);
  private ordinal = new Uint16Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.parent.byteLength + this.ordinal.byteLength;
  }

  /** Records a state and returns its index. */
  add(parent: number, ordinal: number): number {
    if (ordinal > 0xffff) throw new RangeError(`a world has more than 65535 successors (${ordinal + 1})`);
    if (this.count === this.parent.length) {
      const p = new Uint32Array(this.parent.length * 2);
      p.set(this.parent);
      this.parent = p;
      const o = new Uint16Array(this.ordinal.length * 2);
      o.set(this.ordinal);
      this.ordinal = o;
    }
    this.parent[this.count] = parent;
    this.ordinal[this.count] = ordinal;
    return this.count++;
  }

  /** Successor ordinals from the initial state (index 0) to `index`. */
  path(index: number): number[] {
    const out: number[] = [];
    for (let i = index; i !== 0; i = this.parent[i]) out.push(this.ordinal[i]);
    return out.reverse();
  }
}
