/**
 * Invariant checks memoised on what invariants see. Invariants that do not
 * declare `readsMessages` are functions of the nodes and the time alone, and
 * worlds that differ only in their messages vastly outnumber distinct node
 * tuples; so a world whose view hash (System.viewHi/viewLo) passed before is
 * not checked again. The cache is direct-mapped and lossy: a bounded 2 MiB,
 * and a miss only costs the check.
 */
import type { Invariant } from '../model/contract.js';
import { firstBroken, type Broken } from './invariants.js';
import { SystemError, type System } from './system.js';

const BITS = 18;
const MASK = (1 << BITS) - 1;

export class InvariantCache {
  private readonly keys: Int32Array | null;
  private readonly names: string;

  constructor(
    private readonly sys: System,
    private readonly invariants: readonly Invariant<unknown, unknown, unknown>[],
  ) {
    this.names = invariants.map((i) => i.name).join(', ');
    this.keys = invariants.length === 0 || invariants.some((i) => i.readsMessages === true) ? null : new Int32Array(2 << BITS);
  }

  /** The first invariant w breaks, or null; viewHi/viewLo must be w's view hash. */
  check(w: Int32Array, viewHi: number, viewLo: number): Broken | null {
    if (this.invariants.length === 0) return null;
    const keys = this.keys;
    if (keys === null) return firstBroken(this.sys.config, this.invariants, this.sys.view(w));
    if ((viewHi | viewLo) === 0) viewLo = 1;
    const slot = ((viewHi ^ (viewLo >>> BITS)) & MASK) << 1;
    if (keys[slot] === viewHi && keys[slot + 1] === viewLo) return null;
    const broken = firstBroken(this.sys.config, this.invariants, this.guarded(w));
    if (broken === null) {
      keys[slot] = viewHi;
      keys[slot + 1] = viewLo;
    }
    return broken;
  }

  /** The view, refusing access to messages: the cache is only sound for invariants that do not read them. */
  private guarded(w: Int32Array): ReturnType<System['view']> {
    const v = this.sys.view(w);
    const names = this.names;
    return {
      nodes: v.nodes,
      time: v.time,
      ...(v.history === undefined ? {} : { history: v.history }),
      get messages(): never {
        throw new SystemError(`an invariant among ${names} reads WorldView.messages without declaring readsMessages: true`);
      },
    };
  }
}
