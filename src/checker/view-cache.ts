/**
 * The node views properties see, cached on (value id, status × n + node,
 * clock): a view is rebuilt only when its node's value changed. The cache
 * is direct-mapped and bounded (a miss only costs one small object), so it
 * holds no view per distinct node state for the whole run: on a model whose
 * every state is new that would be one object more per state.
 */
import type { NodeView } from '../model/contract.js';

const BITS = 14;
const MASK = (1 << BITS) - 1;

export class NodeViewCache {
  /** Per slot: a+1 (0: empty), b, c. */
  private readonly keys = new Int32Array(3 << BITS);
  private readonly views: (NodeView<unknown> | undefined)[] = new Array<NodeView<unknown> | undefined>(1 << BITS).fill(undefined);

  private static slot(a: number, b: number, c: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35);
    h ^= h >>> 15;
    return h & MASK;
  }

  get(a: number, b: number, c: number): NodeView<unknown> | undefined {
    const s = NodeViewCache.slot(a, b, c);
    const k = this.keys;
    return k[3 * s] === a + 1 && k[3 * s + 1] === b && k[3 * s + 2] === c ? this.views[s] : undefined;
  }

  set(a: number, b: number, c: number, v: NodeView<unknown>): void {
    const s = NodeViewCache.slot(a, b, c);
    this.keys[3 * s] = a + 1;
    this.keys[3 * s + 1] = b;
    this.keys[3 * s + 2] = c;
    this.views[s] = v;
  }

  get bytes(): number {
    return this.keys.byteLength + 8 * this.views.length;
  }
}
