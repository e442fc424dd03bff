/**
 * A protocol instance under a network, a fault budget and (optionally) time:
 * packs worlds into Int32Arrays, enumerates their successors, fingerprints
 * them. Knows nothing about any one protocol.
 *
 * A packed world is
 *   [time,
 *    per node: status (0 up, 1 down), value id, clock offset (local - global),
 *    faults used: crash, restart, amnesia, drop, duplicate, cuts,
 *    cut links: ceil(n²/32) bit words,
 *    K, then K message ids]
 * Value ids index `values` (node states and, for down nodes, persisted
 * values); message ids index `messages` (envelopes). Messages are kept in a
 * canonical order: by content hash for set and multiset networks, by channel
 * and then queue position for FIFO. Successors are enumerated in an order
 * that depends only on the world's content, so a trace can be rebuilt from
 * (parent, successor ordinal) pairs in any process.
 *
 * Transitions are memoised on (value id, message id, clock): most worlds
 * deliver the same message to the same node state, so the model runs once
 * per distinct pair and the checker's hot path is array copies and hashing.
 */
import type { AnyProtocol, Envelope, LocalStep, NodeDef, NodeView, Send, WorldView } from '../model/contract.js';
import { fmix32 } from './canonical.js';
import { Pool } from './intern.js';
import type { SystemSettings } from './settings.js';

export const UP = 0;
export const DOWN = 1;

/** Successor kinds, as reported to a sink along with two arguments. */
export const enum Act {
  Local = 0,
  Deliver = 1,
  Drop = 2,
  Duplicate = 3,
  Crash = 4,
  Restart = 5,
  Amnesia = 6,
  Cut = 7,
  Heal = 8,
  Tick = 9,
  Clock = 10,
}

/** Receives successors: the new world and what produced it (kind and two arguments). */
export type Sink = (next: Int32Array, act: Act, a: number, b: number) => void;

interface Move {
  readonly val: number;
  readonly sends: Int32Array;
  readonly label: string;
}

const C_CRASH = 0;
const C_RESTART = 1;
const C_AMNESIA = 2;
const C_DROP = 3;
const C_DUP = 4;
const C_CUTS = 5;

export class SystemError extends Error {}

export class System {
  readonly nodes: readonly NodeDef[];
  readonly n: number;
  readonly values = new Pool<unknown>();
  readonly messages = new Pool<Envelope<unknown>>();
  readonly msgFrom: number[] = [];
  readonly msgTo: number[] = [];

  /** Layout offsets. */
  readonly nodeBase = 1;
  readonly countBase: number;
  readonly cutBase: number;
  readonly cutWords: number;
  readonly netBase: number;

  private readonly nodeIndex = new Map<string, number>();
  private readonly faultable: boolean[];
  private readonly clockRange: number;
  private readonly usesTime: boolean;
  private readonly fifo: boolean;
  private readonly consume: boolean;

  private readonly handleMemo: (Map<number, Move> | undefined)[] = [];
  private readonly localMemo: Map<number, Move[]>[];
  private readonly persistMemo: Map<number, number>[];
  private readonly recoverMemo: Map<number, number>[];
  private readonly initVal: number[];
  private readonly viewMemo = new Map<number, NodeView<unknown>>();
  /** Per node: whether stale messages to it may be removed (never for a node that may lose its disk). */
  private readonly collects: boolean[];
  private readonly staleMemo: (Map<number, boolean> | undefined)[] = [];
  private readonly emptySends = new Int32Array(0);

  /** Fingerprint of the last world passed to fingerprint(). */
  fpHi = 0;
  fpLo = 0;

  constructor(
    readonly protocol: AnyProtocol,
    readonly config: unknown,
    readonly settings: SystemSettings,
  ) {
    this.nodes = protocol.nodes(config);
    this.n = this.nodes.length;
    this.nodes.forEach((d, i) => this.nodeIndex.set(d.id, i));
    this.countBase = this.nodeBase + 3 * this.n;
    this.cutBase = this.countBase + 6;
    this.cutWords = Math.ceil((this.n * this.n) / 32);
    this.netBase = this.cutBase + this.cutWords;
    const allowed = settings.faults.nodes;
    this.faultable = this.nodes.map((d) => allowed === undefined || allowed.includes(d.id));
    this.usesTime = settings.time !== null;
    this.clockRange = settings.time === null ? 1 : settings.time.maxTime + settings.time.skew + 1;
    this.fifo = settings.network === 'fifo';
    this.consume = settings.network !== 'set';
    this.collects = this.nodes.map(
      (_, i) => settings.dropStale && protocol.stale !== undefined && !(this.faultable[i] && settings.faults.amnesia > 0),
    );
    this.localMemo = this.nodes.map(() => new Map());
    this.persistMemo = this.nodes.map(() => new Map());
    this.recoverMemo = this.nodes.map(() => new Map());
    this.initVal = this.nodes.map((d) => this.internState(protocol.init(config, d.id)));
  }

  index(id: string): number {
    const i = this.nodeIndex.get(id);
    if (i === undefined) throw new SystemError(`unknown node "${id}"`);
    return i;
  }

  // ---------------------------------------------------------------- worlds

  initialWorld(): Int32Array {
    const w = new Int32Array(this.netBase + 1);
    for (let i = 0; i < this.n; i++) w[this.nodeBase + 3 * i + 1] = this.initVal[i];
    for (const [from, to] of this.settings.initialCuts) {
      const bit = this.index(from) * this.n + this.index(to);
      w[this.cutBase + (bit >>> 5)] |= 1 << (bit & 31);
    }
    return w;
  }

  status(w: Int32Array, i: number): number {
    return w[this.nodeBase + 3 * i];
  }

  valueOf(w: Int32Array, i: number): number {
    return w[this.nodeBase + 3 * i + 1];
  }

  clockOf(w: Int32Array, i: number): number {
    return w[0] + w[this.nodeBase + 3 * i + 2];
  }

  used(w: Int32Array, k: number): number {
    return w[this.countBase + k];
  }

  isCut(w: Int32Array, from: number, to: number): boolean {
    const bit = from * this.n + to;
    return ((w[this.cutBase + (bit >>> 5)] >>> (bit & 31)) & 1) === 1;
  }

  messageCount(w: Int32Array): number {
    return w[this.netBase];
  }

  message(w: Int32Array, k: number): number {
    return w[this.netBase + 1 + k];
  }

  // ----------------------------------------------------------- fingerprint

  /**
   * 64-bit fingerprint into fpHi/fpLo: the fixed part hashed in order, the
   * network as a sum of per-message hashes (order-free, so a multiset hashes
   * the same however it was built; FIFO positions are mixed in).
   */
  fingerprint(w: Int32Array): void {
    const sa = this.values.hashA;
    const sb = this.values.hashB;
    let a = 0x3c6ef372 | 0;
    let b = 0xa54ff53a | 0;
    const nb = this.nodeBase;
    for (let k = 0; k < this.netBase; k++) {
      let xa = w[k];
      let xb = xa;
      if (k >= nb && k < this.countBase && (k - nb) % 3 === 1) {
        xa = sa[xa];
        xb = sb[xb];
      }
      a = Math.imul(a ^ xa, 0xcc9e2d51);
      a = Math.imul((a << 15) | (a >>> 17), 0x1b873593) + 0xe6546b64;
      b = Math.imul(b ^ xb, 0x85ebca6b);
      b = Math.imul((b << 13) | (b >>> 19), 0xc2b2ae35) + 0x52dce729;
    }
    const ma = this.messages.hashA;
    const mb = this.messages.hashB;
    const K = w[this.netBase];
    let na = 0;
    let nbSum = 0;
    if (this.fifo) {
      let prevChan = -1;
      let pos = 0;
      for (let k = 0; k < K; k++) {
        const id = w[this.netBase + 1 + k];
        const chan = this.msgFrom[id] * this.n + this.msgTo[id];
        pos = chan === prevChan ? pos + 1 : 0;
        prevChan = chan;
        na = (na + fmix32(ma[id] + Math.imul(pos + 1, 0x9e3779b1))) | 0;
        nbSum = (nbSum + fmix32(mb[id] ^ Math.imul(pos + 1, 0x7feb352d))) | 0;
      }
    } else {
      for (let k = 0; k < K; k++) {
        const id = w[this.netBase + 1 + k];
        na = (na + ma[id]) | 0;
        nbSum = (nbSum + mb[id]) | 0;
      }
    }
    this.fpHi = fmix32(a ^ fmix32(na ^ K));
    this.fpLo = fmix32(b ^ fmix32(nbSum + K));
  }

  // --------------------------------------------------------------- interning

  private internState(s: unknown): number {
    return this.values.intern(s, 'S');
  }

  private internSends(from: number, sends: readonly Send<unknown>[]): Int32Array {
    if (sends.length === 0) return this.emptySends;
    const out = new Int32Array(sends.length);
    for (let k = 0; k < sends.length; k++) {
      const to = this.nodeIndex.get(sends[k].to);
      if (to === undefined) {
        throw new SystemError(`${this.protocol.name}: node ${this.nodes[from].id} sent a message to unknown node "${sends[k].to}"`);
      }
      const env: Envelope<unknown> = { from: this.nodes[from].id, to: sends[k].to, msg: sends[k].msg };
      const id = this.messages.intern(env);
      if (id === this.msgFrom.length) {
        this.msgFrom.push(from);
        this.msgTo.push(to);
      }
      out[k] = id;
    }
    return out;
  }

  private handleMove(i: number, val: number, msg: number, clock: number): Move {
    let memo = this.handleMemo[val];
    if (memo === undefined) {
      memo = new Map();
      this.handleMemo[val] = memo;
    }
    const key = msg * this.clockRange + clock;
    let move = memo.get(key);
    if (move === undefined) {
      const env = this.messages.values[msg];
      const state = this.values.values[val];
      const step = this.protocol.handle(this.config, this.nodes[i].id, state, env.msg, env.from, clock);
      const nextVal = step.state === state ? val : this.internState(step.state);
      move = { val: nextVal, sends: this.internSends(i, step.send), label: '' };
      memo.set(key, move);
    }
    return move;
  }

  localMoves(i: number, val: number, clock: number): Move[] {
    const key = val * this.clockRange + clock;
    let moves = this.localMemo[i].get(key);
    if (moves === undefined) {
      const state = this.values.values[val];
      const steps: readonly LocalStep<unknown, unknown>[] = this.protocol.local(this.config, this.nodes[i].id, state, clock);
      moves = steps.map((s) => ({
        val: s.state === state ? val : this.internState(s.state),
        sends: this.internSends(i, s.send),
        label: s.label,
      }));
      this.localMemo[i].set(key, moves);
    }
    return moves;
  }

  private persistedVal(i: number, val: number): number {
    let p = this.persistMemo[i].get(val);
    if (p === undefined) {
      p = this.values.intern(this.protocol.persisted(this.config, this.values.values[val]), 'P');
      this.persistMemo[i].set(val, p);
    }
    return p;
  }

  private recoveredVal(i: number, persisted: number): number {
    let v = this.recoverMemo[i].get(persisted);
    if (v === undefined) {
      v = this.internState(this.protocol.recover(this.config, this.nodes[i].id, this.values.values[persisted]));
      this.recoverMemo[i].set(persisted, v);
    }
    return v;
  }

  private isStale(val: number, msg: number): boolean {
    let memo = this.staleMemo[val];
    if (memo === undefined) {
      memo = new Map();
      this.staleMemo[val] = memo;
    }
    let stale = memo.get(msg);
    if (stale === undefined) {
      const env = this.messages.values[msg];
      stale = (this.protocol.stale as NonNullable<AnyProtocol['stale']>)(this.config, env.to, this.values.values[val], env.msg, env.from);
      memo.set(msg, stale);
    }
    return stale;
  }

  /** Whether a message would be removed as stale in world w (node values as in w). */
  private collectable(w: Int32Array, id: number): boolean {
    const to = this.msgTo[id];
    const o = this.nodeBase + 3 * to;
    return this.collects[to] && w[o] === UP && this.isStale(w[o + 1], id);
  }

  /** Removes, in place, messages to node i that its (new) state makes stale. */
  private collectFor(next: Int32Array, i: number): Int32Array {
    const base = this.netBase + 1;
    const K = next[this.netBase];
    let out = base;
    for (let k = 0; k < K; k++) {
      const id = next[base + k];
      if (this.msgTo[id] === i && this.collectable(next, id)) continue;
      next[out++] = id;
    }
    if (out === base + K) return next;
    next[this.netBase] = out - base;
    return next.slice(0, out);
  }

  // ---------------------------------------------------------- successors

  /** Calls sink once per successor of w, in an order fixed by w's content. */
  expand(w: Int32Array, sink: Sink): void {
    const n = this.n;
    const nb = this.nodeBase;
    const K = w[this.netBase];
    // Local steps.
    for (let i = 0; i < n; i++) {
      if (w[nb + 3 * i] !== UP) continue;
      const val = w[nb + 3 * i + 1];
      const moves = this.localMoves(i, val, this.usesTime ? this.clockOf(w, i) : 0);
      for (let s = 0; s < moves.length; s++) sink(this.apply(w, i, UP, moves[s].val, moves[s].sends, -1), Act.Local, i, s);
    }
    // Deliveries: each distinct message once (copies are identical); FIFO: channel heads only.
    let prev = -1;
    let prevChan = -1;
    for (let k = 0; k < K; k++) {
      const id = w[this.netBase + 1 + k];
      if (id === prev) continue;
      prev = id;
      const to = this.msgTo[id];
      if (this.fifo) {
        const chan = this.msgFrom[id] * n + to;
        if (chan === prevChan) continue;
        prevChan = chan;
      }
      if (w[nb + 3 * to] !== UP || this.isCut(w, this.msgFrom[id], to)) continue;
      const move = this.handleMove(to, w[nb + 3 * to + 1], id, this.usesTime ? this.clockOf(w, to) : 0);
      sink(this.apply(w, to, UP, move.val, move.sends, this.consume ? k : -1), Act.Deliver, id, k);
    }
    this.expandFaults(w, sink);
    if (this.usesTime) this.expandTime(w, sink);
  }

  private expandFaults(w: Int32Array, sink: Sink): void {
    const f = this.settings.faults;
    const n = this.n;
    const nb = this.nodeBase;
    const cb = this.countBase;
    for (let i = 0; i < n; i++) {
      if (!this.faultable[i]) continue;
      const status = w[nb + 3 * i];
      const val = w[nb + 3 * i + 1];
      if (status === UP && w[cb + C_CRASH] < f.crash) {
        sink(this.withCount(this.apply(w, i, DOWN, this.persistedVal(i, val), this.emptySends, -1), C_CRASH), Act.Crash, i, 0);
      }
      if (status === DOWN && w[cb + C_RESTART] < f.restart) {
        sink(this.withCount(this.apply(w, i, UP, this.recoveredVal(i, val), this.emptySends, -1), C_RESTART), Act.Restart, i, 0);
      }
      if (status === DOWN && w[cb + C_AMNESIA] < f.amnesia) {
        sink(this.withCount(this.apply(w, i, UP, this.initVal[i], this.emptySends, -1), C_AMNESIA), Act.Amnesia, i, 0);
      }
    }
    const K = w[this.netBase];
    if (this.consume && (w[cb + C_DROP] < f.drop || w[cb + C_DUP] < f.duplicate)) {
      let prev = -1;
      for (let k = 0; k < K; k++) {
        const id = w[this.netBase + 1 + k];
        if (id === prev) continue;
        prev = id;
        if (w[cb + C_DROP] < f.drop) sink(this.withCount(this.removeAt(w, k), C_DROP), Act.Drop, id, k);
        if (w[cb + C_DUP] < f.duplicate) sink(this.withCount(this.insertAt(w, k, id), C_DUP), Act.Duplicate, id, k);
      }
    }
    if (w[cb + C_CUTS] < f.cuts) {
      for (let from = 0; from < n; from++) {
        for (let to = 0; to < n; to++) {
          if (from === to) continue;
          const cut = this.isCut(w, from, to);
          const next = w.slice();
          const bit = from * n + to;
          next[this.cutBase + (bit >>> 5)] ^= 1 << (bit & 31);
          next[cb + C_CUTS]++;
          sink(next, cut ? Act.Heal : Act.Cut, from, to);
        }
      }
    }
  }

  /**
   * Global time advances by tick (dragging along any clock that would fall
   * more than `skew` behind); each local clock may run ahead by up to `skew`.
   */
  private expandTime(w: Int32Array, sink: Sink): void {
    const time = this.settings.time;
    if (time === null) return;
    const nb = this.nodeBase;
    if (w[0] < time.maxTime) {
      const next = w.slice();
      next[0]++;
      for (let i = 0; i < this.n; i++) {
        const o = nb + 3 * i + 2;
        next[o] = Math.max(next[o] - 1, -time.skew);
      }
      sink(next, Act.Tick, 0, 0);
    }
    for (let i = 0; i < this.n; i++) {
      const o = nb + 3 * i + 2;
      if (w[o] + 1 > time.skew) continue;
      const next = w.slice();
      next[o]++;
      sink(next, Act.Clock, i, 0);
    }
  }

  private withCount(w: Int32Array, k: number): Int32Array {
    w[this.countBase + k]++;
    return w;
  }

  /**
   * World w with node i set to (status, val), the message at position
   * `consumed` removed (-1: none) and `sends` added. Returns w itself when
   * nothing changes (a redelivery under set semantics).
   */
  private apply(w: Int32Array, i: number, status: number, val: number, sends: Int32Array, consumed: number): Int32Array {
    const nb = this.nodeBase;
    const nbase = this.netBase;
    const K = w[nbase];
    let adds = 0;
    let addList: number[] | null = null;
    for (let s = 0; s < sends.length; s++) {
      const id = sends[s];
      if (this.isCut(w, this.msgFrom[id], this.msgTo[id])) continue;
      if (this.collects[this.msgTo[id]] && this.staleOnArrival(w, i, status, val, id)) continue;
      if (!this.consume && this.containsMessage(w, id)) continue;
      if (!this.consume && addList !== null && addList.includes(id)) continue;
      (addList ??= []).push(id);
      adds++;
    }
    if (adds === 0 && consumed < 0 && w[nb + 3 * i] === status && w[nb + 3 * i + 1] === val) return w;
    const K2 = K + adds - (consumed >= 0 ? 1 : 0);
    const next = new Int32Array(nbase + 1 + K2);
    next.set(w.subarray(0, nbase));
    next[nb + 3 * i] = status;
    next[nb + 3 * i + 1] = val;
    next[nbase] = K2;
    const collect = this.collects[i] && status === UP && val !== w[nb + 3 * i + 1];
    if (addList === null) {
      // Copy the network, skipping the consumed message.
      if (consumed < 0) next.set(w.subarray(nbase + 1, nbase + 1 + K), nbase + 1);
      else {
        next.set(w.subarray(nbase + 1, nbase + 1 + consumed), nbase + 1);
        next.set(w.subarray(nbase + 2 + consumed, nbase + 1 + K), nbase + 1 + consumed);
      }
      return collect ? this.collectFor(next, i) : next;
    }
    // Merge the old network (minus the consumed message) with the sorted additions.
    addList.sort((x, y) => this.compare(x, y));
    let out = nbase + 1;
    let j = 0;
    for (let k = 0; k < K; k++) {
      if (k === consumed) continue;
      const id = w[nbase + 1 + k];
      while (j < addList.length && this.compare(addList[j], id) < 0) next[out++] = addList[j++];
      next[out++] = id;
    }
    while (j < addList.length) next[out++] = addList[j++];
    return collect ? this.collectFor(next, i) : next;
  }

  /** A message just sent is stale if its recipient, as it will be after this step, would ignore it for good. */
  private staleOnArrival(w: Int32Array, i: number, status: number, val: number, id: number): boolean {
    const to = this.msgTo[id];
    const toStatus = to === i ? status : w[this.nodeBase + 3 * to];
    const toVal = to === i ? val : w[this.nodeBase + 3 * to + 1];
    return toStatus === UP && this.isStale(toVal, id);
  }

  /**
   * The canonical order of messages. FIFO: by channel only; the sort is
   * stable and the merge puts an addition after everything that compares
   * equal, so within a channel messages stay in the order they were sent.
   */
  private compare(x: number, y: number): number {
    if (this.fifo) return this.msgFrom[x] * this.n + this.msgTo[x] - (this.msgFrom[y] * this.n + this.msgTo[y]);
    const ha = this.messages.hashA;
    if (ha[x] !== ha[y]) return ha[x] < ha[y] ? -1 : 1;
    const hb = this.messages.hashB;
    if (hb[x] !== hb[y]) return hb[x] < hb[y] ? -1 : 1;
    return x - y;
  }

  private containsMessage(w: Int32Array, id: number): boolean {
    const base = this.netBase + 1;
    const K = w[this.netBase];
    for (let k = 0; k < K; k++) if (w[base + k] === id) return true;
    return false;
  }

  private removeAt(w: Int32Array, k: number): Int32Array {
    const base = this.netBase;
    const next = new Int32Array(w.length - 1);
    next.set(w.subarray(0, base + 1 + k));
    next.set(w.subarray(base + 2 + k), base + 1 + k);
    next[base]--;
    return next;
  }

  /** A copy of the message at position k, placed next to it (FIFO: right behind it in its channel). */
  private insertAt(w: Int32Array, k: number, id: number): Int32Array {
    const base = this.netBase;
    const next = new Int32Array(w.length + 1);
    next.set(w.subarray(0, base + 2 + k));
    next[base + 2 + k] = id;
    next.set(w.subarray(base + 2 + k), base + 3 + k);
    next[base]++;
    return next;
  }

  // -------------------------------------------------------------- views

  /** What properties see: every node's state (down nodes: what they recover to) and the messages. */
  view(w: Int32Array): WorldView<unknown, unknown> {
    const nodes: NodeView<unknown>[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) nodes[i] = this.nodeView(w, i);
    const sys = this;
    let messages: Envelope<unknown>[] | null = null;
    return {
      nodes,
      time: w[0],
      get messages(): readonly Envelope<unknown>[] {
        if (messages === null) {
          messages = [];
          for (let k = 0; k < w[sys.netBase]; k++) messages.push(sys.messages.values[w[sys.netBase + 1 + k]]);
        }
        return messages;
      },
    };
  }

  nodeView(w: Int32Array, i: number): NodeView<unknown> {
    const status = this.status(w, i);
    const val = this.valueOf(w, i);
    const clock = this.usesTime ? this.clockOf(w, i) : 0;
    const key = ((val * 2 + status) * this.n + i) * this.clockRange + clock;
    let v = this.viewMemo.get(key);
    if (v === undefined) {
      const stateVal = status === UP ? val : this.recoveredVal(i, val);
      v = { id: this.nodes[i].id, role: this.nodes[i].role, index: i, up: status === UP, state: this.values.values[stateVal], clock };
      this.viewMemo.set(key, v);
    }
    return v;
  }

  /** The label of a local step, for traces. */
  localLabel(w: Int32Array, i: number, s: number): string {
    return this.localMoves(i, this.valueOf(w, i), this.usesTime ? this.clockOf(w, i) : 0)[s].label;
  }
}
