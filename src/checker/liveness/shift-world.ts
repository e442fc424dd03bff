/**
 * Builds the packed world a view maps a world to: node states and messages
 * shifted down by the view's offset. The liveness graph expands these
 * shifted worlds rather than whichever raw world reached a state first, so
 * every state is explored with its counters as low as they go, and a model
 * bound (maxRound, maxTerm) limits how far apart counters may be, not how
 * high they have climbed: without it, a representative that happened to be
 * reached at the bound would show a spurious "stuck" state.
 *
 * The packed layout and the canonical message order (content hash for set
 * and multiset networks; channel, then queue position, for FIFO) are those
 * documented in system.ts.
 */
import type { ViewDef } from '../../model/contract.js';
import { DOWN, type System } from '../system.js';

export class WorldShifter {
  private readonly stateMemo = new Map<number, number>();
  private readonly messageMemo = new Map<number, number>();

  constructor(
    readonly sys: System,
    readonly view: ViewDef<unknown, unknown, unknown>,
  ) {}

  /** w shifted down by `by`, or null when it stays as it is (by 0, or a node is down: persisted values are not shifted). */
  shift(w: Int32Array, by: number): Int32Array | null {
    const sys = this.sys;
    if (by === 0) return null;
    for (let i = 0; i < sys.n; i++) if (sys.status(w, i) === DOWN) return null;
    const out = w.slice(0, sys.lengthOf(w));
    for (let i = 0; i < sys.n; i++) out[sys.nodeBase + 3 * i + 1] = this.state(sys.valueOf(w, i), by);
    const K = sys.messageCount(w);
    const ids: number[] = [];
    for (let k = 0; k < K; k++) ids.push(this.message(sys.message(w, k), by));
    // A shift keeps channels and queue order, so FIFO order stands; hash order must be redone.
    if (sys.settings.network !== 'fifo') {
      const ha = sys.messages.hashA;
      const hb = sys.messages.hashB;
      ids.sort((x, y) => (ha[x] !== ha[y] ? (ha[x] < ha[y] ? -1 : 1) : hb[x] !== hb[y] ? (hb[x] < hb[y] ? -1 : 1) : x - y));
    }
    out.set(ids, sys.netBase + 1);
    return out;
  }

  private state(val: number, by: number): number {
    const key = val * 65536 + by;
    let id = this.stateMemo.get(key);
    if (id === undefined) {
      id = this.sys.internValue(this.view.shiftState(this.sys.config, this.sys.values.values[val], by));
      this.stateMemo.set(key, id);
    }
    return id;
  }

  private message(raw: number, by: number): number {
    const key = raw * 65536 + by;
    let id = this.messageMemo.get(key);
    if (id === undefined) {
      const env = this.sys.messages.values[raw];
      id = this.sys.internEnvelope({ from: env.from, to: env.to, msg: this.view.shiftMessage(this.sys.config, env.msg, by) });
      this.messageMemo.set(key, id);
    }
    return id;
  }
}
