/**
 * The memo of local steps: what node `node` in state `val` at clock `clock`
 * may do on its own, computed once per distinct triple. Kept flat in typed
 * arrays (a move is its successor value id, its sends, its client event and
 * its label's index), not as one object and one label string per move: on a
 * model whose every state is new (bench/mirror/lamport.ts) these lists are
 * most of what the checker keeps per state. Labels repeat across states, so
 * each distinct label is stored once.
 */
import { TripleMap } from './triple-map.js';

export interface LocalMove {
  readonly val: number;
  readonly sends: Int32Array;
  readonly label: string;
  /** A client event for the ghost history (GhostRecorder), -1 for none. */
  readonly event: number;
}

function grown(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class LocalMoves {
  private readonly memo = new TripleMap(1 << 10);
  /** Per list: the index of its first move, and how many it has. */
  start = new Int32Array(1 << 10);
  count = new Int32Array(1 << 10);
  private lists = 0;
  /** Per move (read them through this object: a later add() may replace the arrays). */
  val = new Int32Array(1 << 12);
  event = new Int32Array(1 << 12);
  private labelOf = new Int32Array(1 << 12);
  readonly sends: Int32Array[] = [];
  private moves = 0;
  private readonly labels: string[] = [];
  private readonly labelIds = new Map<string, number>();

  /** The index of the list of (node, val, clock), or -1 when not computed yet. */
  get(node: number, val: number, clock: number): number {
    return this.memo.get(node, val, clock);
  }

  /** Records the local moves of (node, val, clock); returns the list's index. */
  add(node: number, val: number, clock: number, moves: readonly LocalMove[]): number {
    const k = this.lists++;
    this.start = grown(this.start, k + 1);
    this.count = grown(this.count, k + 1);
    this.start[k] = this.moves;
    this.count[k] = moves.length;
    const need = this.moves + moves.length;
    this.val = grown(this.val, need);
    this.event = grown(this.event, need);
    this.labelOf = grown(this.labelOf, need);
    for (const m of moves) {
      const at = this.moves++;
      this.val[at] = m.val;
      this.event[at] = m.event;
      this.labelOf[at] = this.labelId(m.label);
      this.sends.push(m.sends);
    }
    this.memo.set(node, val, clock, k);
    return k;
  }

  /** The label of move s of list k. */
  label(k: number, s: number): string {
    return this.labels[this.labelOf[this.start[k] + s]];
  }

  /** Bytes of the index and the per-move arrays (not the sends lists). */
  get bytes(): number {
    return this.memo.bytes + this.start.byteLength + this.count.byteLength + 3 * this.val.byteLength + 8 * this.sends.length;
  }

  private labelId(label: string): number {
    let id = this.labelIds.get(label);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(label);
      this.labelIds.set(label, id);
    }
    return id;
  }
}
