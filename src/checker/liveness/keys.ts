/**
 * State keys for the liveness graph: the system's own 64-bit fingerprint,
 * or, when the spec asks for the model's view, a fingerprint of the shifted
 * world (node states and messages shifted by the view's offset; up flags,
 * clocks, fault counters, cut links and time as they are). Also names the
 * message a delivery delivers, shifted the same way, so that a fairness
 * class ("deliver this message") means the same thing in view-equal worlds.
 *
 * Shifted states and messages are interned by content (so their hashes do
 * not depend on the system that produced them: a lasso found on one system
 * can be replayed on another with raised bounds) and memoised per (raw id,
 * offset), so the model's shift functions run once per pair.
 */
import type { Envelope, ViewDef, WorldView } from '../../model/contract.js';
import { fmix32 } from '../canonical.js';
import { Pool } from '../intern.js';
import type { System } from '../system.js';

interface Shared {
  readonly states: Pool<unknown>;
  readonly envelopes: Pool<Envelope<unknown>>;
}

export class WorldKeys {
  hi = 0;
  lo = 0;
  /** The view's offset for the last world keyed (0 without a view). */
  offset = 0;
  /** Shifted message ids of the last world keyed, by network position (view only). */
  private shiftedIds: number[] = [];
  private readonly shared: Shared;
  private readonly viewDef: ViewDef<unknown, unknown, unknown> | undefined;
  /** (raw value id, offset) and (raw message id, offset) -> shifted id. */
  private readonly stateMemo = new Map<number, number>();
  private readonly messageMemo = new Map<number, number>();

  constructor(
    readonly sys: System,
    useView: boolean,
    shared?: Shared,
  ) {
    this.viewDef = useView ? sys.protocol.view : undefined;
    if (useView && this.viewDef === undefined) throw new Error(`${sys.protocol.name} defines no view`);
    this.shared = shared ?? { states: new Pool(), envelopes: new Pool() };
  }

  /** Keys for worlds of another system of the same protocol, agreeing with these on every key and message class. */
  forSystem(sys: System): WorldKeys {
    return new WorldKeys(sys, this.viewDef !== undefined, this.shared);
  }

  get usesView(): boolean {
    return this.viewDef !== undefined;
  }

  /** The model's view, when keys are taken of it. */
  get view(): ViewDef<unknown, unknown, unknown> | undefined {
    return this.viewDef;
  }

  /** Keys world w into hi/lo; `view` is sys.view(w) when the caller has it. */
  key(w: Int32Array, view?: WorldView<unknown, unknown>): void {
    if (this.viewDef === undefined) {
      this.sys.fingerprint(w);
      this.hi = this.sys.fpHi;
      this.lo = this.sys.fpLo;
      return;
    }
    this.offset = this.viewDef.offset(this.sys.config, view ?? this.sys.view(w));
    this.keyView(w, this.viewDef, this.offset);
  }

  /**
   * Per network position of the world last passed to key(), the identity of
   * its message for fairness: null when there is no view (the raw message
   * id is the identity), else the shifted envelope's id.
   */
  messageClasses(): readonly number[] | null {
    return this.viewDef === undefined ? null : this.shiftedIds;
  }

  /** The text of a message class, for fairness patterns and reports. */
  messageText(cls: number): string {
    const env = this.viewDef === undefined ? this.sys.messages.values[cls] : this.shared.envelopes.values[cls];
    return this.sys.protocol.describeMessage(env.msg);
  }

  private shiftedState(view: ViewDef<unknown, unknown, unknown>, raw: number, state: unknown, by: number): number {
    const key = raw * 65536 + by;
    let id = this.stateMemo.get(key);
    if (id === undefined) {
      id = this.shared.states.intern(view.shiftState(this.sys.config, state, by));
      this.stateMemo.set(key, id);
    }
    return id;
  }

  private shiftedMessage(view: ViewDef<unknown, unknown, unknown>, raw: number, by: number): number {
    const key = raw * 65536 + by;
    let id = this.messageMemo.get(key);
    if (id === undefined) {
      const env = this.sys.messages.values[raw];
      id = this.shared.envelopes.intern({ from: env.from, to: env.to, msg: view.shiftMessage(this.sys.config, env.msg, by) });
      this.messageMemo.set(key, id);
    }
    return id;
  }

  private keyView(w: Int32Array, view: ViewDef<unknown, unknown, unknown>, by: number): void {
    const sys = this.sys;
    if (!Number.isInteger(by) || by < 0 || by >= 65536) throw new Error(`${sys.protocol.name}: view offset must be an integer from 0 to 65535 (got ${by})`);
    const pool = this.shared.states;
    let a = 0x3c6ef372 | 0;
    let b = 0xa54ff53a | 0;
    const mix = (xa: number, xb: number): void => {
      a = Math.imul(a ^ xa, 0xcc9e2d51);
      a = Math.imul((a << 15) | (a >>> 17), 0x1b873593) + 0xe6546b64;
      b = Math.imul(b ^ xb, 0x85ebca6b);
      b = Math.imul((b << 13) | (b >>> 19), 0xc2b2ae35) + 0x52dce729;
    };
    mix(w[0], w[0]);
    for (let i = 0; i < sys.n; i++) {
      const o = sys.nodeBase + 3 * i;
      // Down nodes are keyed by what they recover to, as properties see them.
      const nv = sys.nodeView(w, i);
      const s = this.shiftedState(view, w[o] === 0 ? w[o + 1] : -1 - w[o + 1], nv.state, by);
      mix(w[o], w[o + 2]);
      mix(pool.hashA[s], pool.hashB[s]);
    }
    if (sys.histSlot >= 0) mix(sys.values.hashA[w[sys.histSlot]], sys.values.hashB[w[sys.histSlot]]);
    for (let k = sys.countBase; k < sys.netBase; k++) mix(w[k], w[k]);
    const K = sys.messageCount(w);
    const fifo = sys.settings.network === 'fifo';
    const ids: number[] = new Array(K);
    const env = this.shared.envelopes;
    let na = 0;
    let nb = 0;
    let prevChan = -1;
    let pos = 0;
    for (let k = 0; k < K; k++) {
      const raw = sys.message(w, k);
      const id = this.shiftedMessage(view, raw, by);
      ids[k] = id;
      let ha = env.hashA[id];
      let hb = env.hashB[id];
      if (fifo) {
        const chan = sys.msgFrom[raw] * sys.n + sys.msgTo[raw];
        pos = chan === prevChan ? pos + 1 : 0;
        prevChan = chan;
        ha = fmix32(ha + Math.imul(pos + 1, 0x9e3779b1));
        hb = fmix32(hb ^ Math.imul(pos + 1, 0x7feb352d));
      }
      na = (na + ha) | 0;
      nb = (nb + hb) | 0;
    }
    this.shiftedIds = ids;
    this.hi = fmix32(a ^ fmix32(na ^ K));
    this.lo = fmix32(b ^ fmix32(nb + K));
  }
}
