/**
 * The memo of deliveries: what delivering message `msg` to a node in state
 * `val` at clock `clock` does, computed once per distinct triple (most
 * worlds deliver the same message to the same node state). A delivery has
 * one or more outcomes (choice on receipt), or none (a refusal: then one
 * placeholder keeps the indexes aligned); they sit at consecutive indexes
 * from the delivery's first, which count[] holds the number of.
 */
import { TripleMap } from './triple-map.js';

export interface MoveOutcome {
  readonly val: number;
  readonly sends: Int32Array;
  /** null for a plain Step. */
  readonly label: string | null;
  /** A client event for the ghost history, -1 for none. */
  readonly event: number;
}

export class MoveTable {
  private readonly memo = new TripleMap(1 << 14);
  readonly val: number[] = [];
  readonly sends: Int32Array[] = [];
  readonly event: number[] = [];
  /** At a delivery's first index: how many outcomes it has. */
  readonly count: number[] = [];
  readonly label: (string | null)[] = [];

  /** The first index of the delivery's outcomes, or -1 when not computed yet. */
  get(val: number, msg: number, clock: number): number {
    return this.memo.get(val, msg, clock);
  }

  /** Records a delivery's outcomes (none: a refusal, which leaves node state `val` as it is); returns its first index. */
  add(val: number, msg: number, clock: number, outcomes: readonly MoveOutcome[], empty: Int32Array): number {
    const m = this.val.length;
    if (outcomes.length === 0) this.push({ val, sends: empty, label: null, event: -1 }, 0);
    outcomes.forEach((o, k) => this.push(o, k === 0 ? outcomes.length : 0));
    this.memo.set(val, msg, clock, m);
    return m;
  }

  get bytes(): number {
    return this.memo.bytes;
  }

  private push(o: MoveOutcome, count: number): void {
    this.val.push(o.val);
    this.sends.push(o.sends);
    this.label.push(o.label);
    this.count.push(count);
    this.event.push(o.event);
  }
}
