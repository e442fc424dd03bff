/**
 * A protocol instance under a network, a fault budget and (optionally) time:
 * packs worlds into Int32Arrays, enumerates their successors, fingerprints
 * them. Knows nothing about any one protocol.
 *
 * A packed world is
 *   [time,
 *    per node: status (0 up, 1 down), value id, clock offset (local - global),
 *    the clients' ghost history's value id (only when the protocol declares
 *      its object, Protocol.object: otherwise the world is as without clients),
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
import type { AnyProtocol, Envelope, GhostHistory, LocalStep, NodeDef, NodeView, Send, Step, WorldView } from '../model/contract.js';
import type { AnyMachine } from '../model/machines/machine.js';
import { EMPTY_HISTORY } from './linearizability/ghost.js';
import { GhostRecorder } from './linearizability/recorder.js';
import { fmix32 } from './canonical.js';
import { Pool } from './intern.js';
import { MessageFate } from './message-fate.js';
import { idempotenceError, normalizeClaimError, sameStep, staleClaimError, type ClaimSubject } from './reduction-claims.js';
import { TripleMap } from './triple-map.js';
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

export interface Move {
  readonly val: number;
  readonly sends: Int32Array;
  readonly label: string;
  /** A client event for the ghost history (GhostRecorder), -1 for none. */
  readonly event: number;
}

const C_CRASH = 0;
const C_RESTART = 1;
const C_AMNESIA = 2;
const C_DROP = 3;
const C_DUP = 4;
const C_CUTS = 5;

export class SystemError extends Error {
  override name = 'SystemError';
}

/** Receives successors from System.each: the successor is sys.buf[0, len), valid until the next one. */
export type Visit = (len: number, act: Act, a: number, b: number) => void;

/** Two independent slot hashes: a world hashes as the sum of its slots' hashes, so a step re-hashes only what it changed. */
export function slotHashA(k: number, x: number): number {
  return fmix32((x + Math.imul(k + 1, 0x9e3779b1)) | 0) | 0;
}

export function slotHashB(k: number, x: number): number {
  let h = (x ^ Math.imul(k + 0x3c6e, 0x85ebca77)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h | 0;
}

export function finalB(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h | 0;
}

export class System {
  readonly nodes: readonly NodeDef[];
  readonly n: number;
  readonly values = new Pool<unknown>();
  readonly messages = new Pool<Envelope<unknown>>();
  readonly msgFrom: number[] = [];
  readonly msgTo: number[] = [];

  /** The object the clients use (Protocol.object), or null: no clients, no history slot. */
  readonly object: AnyMachine | null;
  /** Layout offsets. histSlot is -1 without clients. */
  readonly nodeBase = 1;
  readonly histSlot: number;
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

  /** (value id, message id, clock) -> index into moveVal/moveSends. */
  private readonly handleMemo = new TripleMap(1 << 14);
  private readonly moveVal: number[] = [];
  private readonly moveSends: Int32Array[] = [];
  private readonly moveEvent: number[] = [];
  private readonly ghost: GhostRecorder | null;
  /** The history id the next build() writes (-1: unchanged); build() resets it. */
  private nextHist = -1;
  /** (node, value id, clock) -> index into localLists. */
  private readonly localMemo = new TripleMap(1 << 10);
  private readonly localLists: Move[][] = [];
  /** (node, value id, 0 persist | 1 recover) -> value id. */
  private readonly faultMemo = new TripleMap(1 << 8);
  private readonly initVal: number[];
  /** (value id, status × n + node, clock) -> index into nodeViews. */
  private readonly viewMemo = new TripleMap(1 << 10);
  private readonly nodeViews: NodeView<unknown>[] = [];
  /** Per node: whether messages to it may be dropped as stale or normalized (never for a node that may lose its disk). */
  private readonly collects: boolean[];
  private readonly fate: MessageFate;
  /** The model declares canonical forms (Protocol.normalize), not only stale messages. */
  private readonly normalizes: boolean;
  private readonly emptySends = new Int32Array(0);

  /**
   * Set when the last successor is the world being expanded itself (a
   * redelivery under set semantics): then buf was not written, and the
   * successor is known to be visited already.
   */
  selfLoop = false;

  /** Successor scratch: each() writes every successor here, but for self-loops. */
  buf = new Int32Array(256);
  adds = new Int32Array(64);

  /**
   * What the last successor built by each() changed, for symmetry reduction
   * to update its per-permutation sums: node dNode went from
   * (dOldStatus, dOldVal) to (dNewStatus, dNewVal), messages dRemoved[0,
   * dRemovedCount) left and adds[0, dAddedCount) arrived. dNode = -1: the
   * successor was hashed from scratch (faults on messages, cuts, time).
   */
  dNode = -1;
  dOldStatus = 0;
  dOldVal = 0;
  dNewStatus = 0;
  dNewVal = 0;
  dRemoved = new Int32Array(64);
  dRemovedCount = 0;
  dAddedCount = 0;

  /** Fingerprint of the last world passed to fingerprint(), or of the last successor each() produced. */
  fpHi = 0;
  fpLo = 0;
  /** Hash of the part of that world that invariants see (time, nodes), messages excluded. */
  viewHi = 0;
  viewLo = 0;

  // Slot-hash sums of the world being expanded (p*) and of the successor being built (c*).
  private pViewA = 0;
  private pViewB = 0;
  private pRestA = 0;
  private pRestB = 0;
  private pNetA = 0;
  private pNetB = 0;
  /** Whether the world being expanded has any link cut. */
  private anyCut = false;
  private cViewA = 0;
  private cViewB = 0;
  private cRestA = 0;
  private cRestB = 0;
  private cNetA = 0;
  private cNetB = 0;

  constructor(
    readonly protocol: AnyProtocol,
    readonly config: unknown,
    readonly settings: SystemSettings,
  ) {
    this.nodes = protocol.nodes(config);
    this.n = this.nodes.length;
    this.nodes.forEach((d, i) => this.nodeIndex.set(d.id, i));
    this.object = protocol.object?.(config) ?? null;
    this.histSlot = this.object === null ? -1 : this.nodeBase + 3 * this.n;
    this.countBase = this.nodeBase + 3 * this.n + (this.object === null ? 0 : 1);
    this.ghost =
      this.object === null
        ? null
        : new GhostRecorder(this.values, this.nodes.map((d) => d.id), protocol.name, (m) => {
            throw new SystemError(m);
          });
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
      (_, i) =>
        settings.dropStale &&
        (protocol.stale !== undefined || protocol.normalize !== undefined) &&
        !(this.faultable[i] && settings.faults.amnesia > 0),
    );
    this.normalizes = protocol.normalize !== undefined;
    this.fate = new MessageFate((val, msg) => this.claimedFate(val, msg));
    this.initVal = this.nodes.map((d) => this.internState(protocol.init(config, d.id)));
  }

  index(id: string): number {
    const i = this.nodeIndex.get(id);
    if (i === undefined) throw new SystemError(`unknown node "${id}"`);
    return i;
  }

  /** Whether node i is within the fault budget's nodes. */
  isFaultable(i: number): boolean {
    return this.faultable[i];
  }

  /** Bytes held by the memo tables' index arrays (not the interned JS values). */
  get memoBytes(): number {
    return this.handleMemo.bytes + this.localMemo.bytes + this.viewMemo.bytes + this.fate.bytes;
  }

  // ---------------------------------------------------------------- worlds

  initialWorld(): Int32Array {
    const w = new Int32Array(this.netBase + 1);
    for (let i = 0; i < this.n; i++) w[this.nodeBase + 3 * i + 1] = this.initVal[i];
    if (this.histSlot >= 0) w[this.histSlot] = this.values.intern(EMPTY_HISTORY, 'H');
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

  /** The length of the world starting at w[0] (w may be a longer buffer). */
  lengthOf(w: Int32Array): number {
    return this.netBase + 1 + w[this.netBase];
  }

  // ----------------------------------------------------------- fingerprint

  /**
   * 64-bit fingerprint into fpHi/fpLo (and the view hash into viewHi/viewLo).
   * Each lane is a sum of per-slot hashes: fixed slots hashed with their
   * position, node values by their content hash, and the network as the sum
   * of its messages' content hashes (order-free, so a multiset hashes the
   * same however it was built; FIFO mixes in each message's position in its
   * channel). A sum lets a step update the fingerprint by what it changed.
   */
  fingerprint(w: Int32Array): void {
    this.sumFixed(w);
    this.sumNet(w);
    this.finish();
  }

  /** The value-slot content for hashing: a node value's content hash, any other slot as is. */
  private isValueSlot(k: number): boolean {
    return k === this.histSlot || (k >= this.nodeBase && k < this.nodeBase + 3 * this.n && (k - this.nodeBase) % 3 === 1);
  }

  private sumFixed(w: Int32Array): void {
    const sa = this.values.hashA;
    const sb = this.values.hashB;
    let va = 0;
    let vb = 0;
    for (let k = 0; k < this.countBase; k++) {
      const value = this.isValueSlot(k);
      va = (va + slotHashA(k, value ? sa[w[k]] : w[k])) | 0;
      vb = (vb + slotHashB(k, value ? sb[w[k]] : w[k])) | 0;
    }
    let ra = 0;
    let rb = 0;
    for (let k = this.countBase; k <= this.netBase; k++) {
      ra = (ra + slotHashA(k, w[k])) | 0;
      rb = (rb + slotHashB(k, w[k])) | 0;
    }
    this.cViewA = va;
    this.cViewB = vb;
    this.cRestA = ra;
    this.cRestB = rb;
  }

  private sumNet(w: Int32Array): void {
    const ma = this.messages.hashA;
    const mb = this.messages.hashB;
    const base = this.netBase + 1;
    const K = w[this.netBase];
    let na = 0;
    let nb = 0;
    if (this.fifo) {
      let prevChan = -1;
      let pos = 0;
      for (let k = 0; k < K; k++) {
        const id = w[base + k];
        const chan = this.msgFrom[id] * this.n + this.msgTo[id];
        pos = chan === prevChan ? pos + 1 : 0;
        prevChan = chan;
        na = (na + fmix32(ma[id] + Math.imul(pos + 1, 0x9e3779b1))) | 0;
        nb = (nb + fmix32(mb[id] ^ Math.imul(pos + 1, 0x7feb352d))) | 0;
      }
    } else {
      for (let k = 0; k < K; k++) {
        const id = w[base + k];
        na = (na + ma[id]) | 0;
        nb = (nb + mb[id]) | 0;
      }
    }
    this.cNetA = na;
    this.cNetB = nb;
  }

  private finish(): void {
    this.fpHi = fmix32((this.cViewA + this.cRestA + this.cNetA) | 0) | 0;
    this.fpLo = finalB((this.cViewB + this.cRestB + this.cNetB) | 0);
    this.viewHi = fmix32(this.cViewA ^ 0x2545f491) | 0;
    this.viewLo = finalB(this.cViewB ^ 0x68e31da4);
  }

  // --------------------------------------------------------------- interning

  private internState(s: unknown): number {
    return this.values.intern(s, 'S');
  }

  /** The id of an envelope, registering its endpoints the first time. */
  internEnvelope(env: Envelope<unknown>): number {
    const id = this.messages.intern(env);
    if (id === this.msgFrom.length) {
      const from = this.nodeIndex.get(env.from);
      const to = this.nodeIndex.get(env.to);
      if (from === undefined || to === undefined) {
        throw new SystemError(`${this.protocol.name}: node ${env.from} sent a message to unknown node "${env.to}"`);
      }
      this.msgFrom.push(from);
      this.msgTo.push(to);
    }
    return id;
  }

  /** The id of a node state (used by symmetry reduction for permuted states). */
  internValue(s: unknown): number {
    return this.internState(s);
  }

  private internSends(from: number, sends: readonly Send<unknown>[]): Int32Array {
    if (sends.length === 0) return this.emptySends;
    const out = new Int32Array(sends.length);
    for (let k = 0; k < sends.length; k++) out[k] = this.internEnvelope({ from: this.nodes[from].id, to: sends[k].to, msg: sends[k].msg });
    if (out.length > this.adds.length) this.adds = new Int32Array(out.length * 2);
    return out;
  }

  private handleMove(i: number, val: number, msg: number, clock: number): number {
    let m = this.handleMemo.get(val, msg, clock);
    if (m < 0) {
      const env = this.messages.values[msg];
      const state = this.values.values[val];
      const step = this.protocol.handle(this.config, this.nodes[i].id, state, env.msg, env.from, clock);
      m = this.moveVal.length;
      this.moveVal.push(step.state === state ? val : this.internState(step.state));
      this.moveSends.push(this.internSends(i, step.send));
      this.moveEvent.push(this.eventOf(step, i, `handling of ${this.protocol.describeMessage(env.msg)}`));
      this.handleMemo.set(val, msg, clock, m);
    }
    return m;
  }

  /**
   * What the model claims becomes of message `msg` at its recipient in state
   * `val` (dropped: -1, kept: msg, replaced: the canonical message's id),
   * each claim checked against handle() at every clock the node can read
   * (see reduction-claims.ts). Asked once per (state, message) pair: the
   * answer is memoised in `fate`.
   */
  private claimedFate(val: number, msg: number): number {
    const env = this.messages.values[msg];
    const state = this.values.values[val];
    const i = this.msgTo[msg];
    const protocol = this.protocol;
    const step = (id: number, clock: number): { val: number; sends: Int32Array } => {
      const m = this.handleMove(i, val, id, clock);
      return { val: this.moveVal[m], sends: this.moveSends[m] };
    };
    const subject = (clock: number, m: unknown = env.msg): ClaimSubject => ({
      protocol,
      config: this.config,
      to: env.to,
      from: env.from,
      state,
      msg: m,
      clock,
      usesTime: this.usesTime,
      describeState: (v) => protocol.describeState(this.config, env.to, this.values.values[v]),
      describeSends: (sends) => Array.from(sends, (id) => `${protocol.describeMessage(this.messages.values[id].msg)} to ${this.messages.values[id].to}`).join(', '),
    });
    if (protocol.stale?.(this.config, env.to, state, env.msg, env.from) === true) {
      for (let c = 0; c < this.clockRange; c++) {
        const s = step(msg, c);
        if (s.val !== val || s.sends.length > 0) throw staleClaimError(subject(c), val, s);
      }
      return -1;
    }
    if (protocol.normalize === undefined) return msg;
    const canonical = protocol.normalize(this.config, env.to, state, env.msg, env.from);
    if (canonical === env.msg) return msg;
    const id = this.internEnvelope({ from: env.from, to: env.to, msg: canonical });
    if (id === msg) return msg;
    const again = protocol.normalize(this.config, env.to, state, canonical, env.from);
    if (again !== canonical && this.internEnvelope({ from: env.from, to: env.to, msg: again }) !== id) throw idempotenceError(subject(0), canonical, again);
    for (let c = 0; c < this.clockRange; c++) {
      const original = step(msg, c);
      const replaced = step(id, c);
      if (!sameStep(original, replaced)) throw normalizeClaimError(subject(c), val, canonical, original, replaced);
    }
    return id;
  }

  localMoves(i: number, val: number, clock: number): Move[] {
    const k = this.localMemo.get(i, val, clock);
    if (k >= 0) return this.localLists[k];
    const state = this.values.values[val];
    const steps: readonly LocalStep<unknown, unknown>[] = this.protocol.local(this.config, this.nodes[i].id, state, clock);
    const moves = steps.map((s) => ({
      val: s.state === state ? val : this.internState(s.state),
      sends: this.internSends(i, s.send),
      label: s.label,
      event: this.eventOf(s, i, `local step "${s.label}"`),
    }));
    this.localMemo.set(i, val, clock, this.localLists.length);
    this.localLists.push(moves);
    return moves;
  }

  /** The ghost-history event a step carries (-1: none); a model without an object may not carry one. */
  private eventOf(step: Step<unknown, unknown>, i: number, rule: string): number {
    if (this.ghost !== null) return this.ghost.eventOf(step, i, rule);
    if (step.invoke !== undefined || step.respond !== undefined) {
      throw new SystemError(`${this.protocol.name}: ${this.nodes[i].id}'s ${rule} carries a client event, but the protocol declares no object (Protocol.object) for this configuration`);
    }
    return -1;
  }

  /** Sets the history the next build() writes: w's after node i's event (no-op for -1). */
  private stage(w: Int32Array, i: number, event: number): void {
    if (event >= 0 && this.ghost !== null) this.nextHist = this.ghost.after(w[this.histSlot], i, event);
  }

  private persistedVal(i: number, val: number): number {
    let p = this.faultMemo.get(i, val, 0);
    if (p < 0) {
      p = this.values.intern(this.protocol.persisted(this.config, this.values.values[val]), 'P');
      this.faultMemo.set(i, val, 0, p);
    }
    return p;
  }

  /** The state node i comes back as from persisted value `persisted`. */
  recoveredVal(i: number, persisted: number): number {
    let v = this.faultMemo.get(i, persisted, 1);
    if (v < 0) {
      v = this.internState(this.protocol.recover(this.config, this.nodes[i].id, this.values.values[persisted]));
      this.faultMemo.set(i, persisted, 1, v);
    }
    return v;
  }

  // ---------------------------------------------------------- successors

  /** Calls sink once per successor of w, in an order fixed by w's content; each successor is a fresh array. */
  expand(w: Int32Array, sink: Sink): void {
    this.each(w, (len, act, a, b) => sink(this.selfLoop ? w.slice(0, len) : this.buf.slice(0, len), act, a, b));
  }

  /**
   * The engine's successor loop: builds each successor of w in `buf` and
   * calls visit(len, ...) with fpHi/fpLo and viewHi/viewLo already set
   * (for a self-loop, `selfLoop` is set and buf is left alone).
   * Same successors in the same order as expand(). Re-entrant (a visitor may
   * expand another world), but `buf` is overwritten by every successor.
   */
  each(w: Int32Array, visit: Visit): void {
    const s0 = this.pViewA;
    const s1 = this.pViewB;
    const s2 = this.pRestA;
    const s3 = this.pRestB;
    const s4 = this.pNetA;
    const s5 = this.pNetB;
    const savedCuts = this.anyCut;
    let anyCut = false;
    for (let k = 0; k < this.cutWords; k++) if (w[this.cutBase + k] !== 0) anyCut = true;
    this.anyCut = anyCut;
    this.sumFixed(w);
    this.sumNet(w);
    this.pViewA = this.cViewA;
    this.pViewB = this.cViewB;
    this.pRestA = this.cRestA;
    this.pRestB = this.cRestB;
    this.pNetA = this.cNetA;
    this.pNetB = this.cNetB;
    const n = this.n;
    const nb = this.nodeBase;
    const K = w[this.netBase];
    // Local steps.
    for (let i = 0; i < n; i++) {
      if (w[nb + 3 * i] !== UP) continue;
      const val = w[nb + 3 * i + 1];
      const moves = this.localMoves(i, val, this.usesTime ? this.clockOf(w, i) : 0);
      for (let s = 0; s < moves.length; s++) {
        this.stage(w, i, moves[s].event);
        visit(this.build(w, i, UP, moves[s].val, moves[s].sends, -1), Act.Local, i, s);
      }
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
      const m = this.handleMove(to, w[nb + 3 * to + 1], id, this.usesTime ? this.clockOf(w, to) : 0);
      this.stage(w, to, this.moveEvent[m]);
      visit(this.build(w, to, UP, this.moveVal[m], this.moveSends[m], this.consume ? k : -1), Act.Deliver, id, k);
    }
    this.eachFault(w, visit);
    if (this.usesTime) this.eachTime(w, visit);
    this.pViewA = s0;
    this.pViewB = s1;
    this.pRestA = s2;
    this.pRestB = s3;
    this.pNetA = s4;
    this.pNetB = s5;
    this.anyCut = savedCuts;
  }

  private eachFault(w: Int32Array, visit: Visit): void {
    const f = this.settings.faults;
    const n = this.n;
    const nb = this.nodeBase;
    const cb = this.countBase;
    for (let i = 0; i < n; i++) {
      if (!this.faultable[i]) continue;
      const status = w[nb + 3 * i];
      const val = w[nb + 3 * i + 1];
      if (status === UP && w[cb + C_CRASH] < f.crash) {
        visit(this.bump(this.build(w, i, DOWN, this.persistedVal(i, val), this.emptySends, -1), C_CRASH), Act.Crash, i, 0);
      }
      if (status === DOWN && w[cb + C_RESTART] < f.restart) {
        visit(this.bump(this.build(w, i, UP, this.recoveredVal(i, val), this.emptySends, -1), C_RESTART), Act.Restart, i, 0);
      }
      if (status === DOWN && w[cb + C_AMNESIA] < f.amnesia) {
        visit(this.bump(this.build(w, i, UP, this.initVal[i], this.emptySends, -1), C_AMNESIA), Act.Amnesia, i, 0);
      }
    }
    const K = w[this.netBase];
    if (this.consume && (w[cb + C_DROP] < f.drop || w[cb + C_DUP] < f.duplicate)) {
      let prev = -1;
      for (let k = 0; k < K; k++) {
        const id = w[this.netBase + 1 + k];
        if (id === prev) continue;
        prev = id;
        if (w[cb + C_DROP] < f.drop) visit(this.bump(this.rehashed(this.removeAt(w, k)), C_DROP), Act.Drop, id, k);
        if (w[cb + C_DUP] < f.duplicate) visit(this.bump(this.rehashed(this.insertAt(w, k, id)), C_DUP), Act.Duplicate, id, k);
      }
    }
    if (w[cb + C_CUTS] < f.cuts) {
      for (let from = 0; from < n; from++) {
        for (let to = 0; to < n; to++) {
          if (from === to) continue;
          const cut = this.isCut(w, from, to);
          const len = this.copy(w);
          const bit = from * n + to;
          this.buf[this.cutBase + (bit >>> 5)] ^= 1 << (bit & 31);
          this.buf[cb + C_CUTS]++;
          visit(this.rehashed(len), cut ? Act.Heal : Act.Cut, from, to);
        }
      }
    }
  }

  /**
   * Global time advances by tick (dragging along any clock that would fall
   * more than `skew` behind); each local clock may run ahead by up to `skew`.
   */
  private eachTime(w: Int32Array, visit: Visit): void {
    const time = this.settings.time;
    if (time === null) return;
    const nb = this.nodeBase;
    if (w[0] < time.maxTime) {
      const len = this.copy(w);
      const next = this.buf;
      next[0]++;
      for (let i = 0; i < this.n; i++) {
        const o = nb + 3 * i + 2;
        next[o] = Math.max(next[o] - 1, -time.skew);
      }
      visit(this.rehashed(len), Act.Tick, 0, 0);
    }
    for (let i = 0; i < this.n; i++) {
      const o = nb + 3 * i + 2;
      if (w[o] + 1 > time.skew) continue;
      const len = this.copy(w);
      this.buf[o]++;
      visit(this.rehashed(len), Act.Clock, i, 0);
    }
  }

  private reserve(len: number): Int32Array {
    if (this.buf.length < len) this.buf = new Int32Array(Math.max(len, this.buf.length * 2));
    return this.buf;
  }

  /** w copied into buf; returns its length. */
  private copy(w: Int32Array): number {
    const len = this.netBase + 1 + w[this.netBase];
    const buf = this.reserve(len);
    for (let k = 0; k < len; k++) buf[k] = w[k];
    return len;
  }

  /** Hashes buf from scratch (rare successor kinds); returns len. */
  private rehashed(len: number): number {
    this.fingerprint(this.buf);
    this.dNode = -1;
    this.selfLoop = false;
    return len;
  }

  /** Counts one more use of fault kind k in the successor in buf. */
  private bump(len: number, k: number): number {
    const slot = this.countBase + k;
    const old = this.buf[slot];
    this.buf[slot] = old + 1;
    this.cRestA = (this.cRestA - slotHashA(slot, old) + slotHashA(slot, old + 1)) | 0;
    this.cRestB = (this.cRestB - slotHashB(slot, old) + slotHashB(slot, old + 1)) | 0;
    this.finish();
    return len;
  }

  /**
   * Builds in buf the world w with node i set to (status, val), the message
   * at position `consumed` removed (-1: none) and `sends` added, dropping
   * sends over cut links and, where the model declares staleness, messages
   * the recipient will ignore for good, and putting a message's canonical
   * form (Protocol.normalize) in its place. Hashes incrementally from the
   * parent's sums. Returns the successor's length.
   */
  private build(w: Int32Array, i: number, status: number, val: number, sends: Int32Array, consumed: number): number {
    const nb = this.nodeBase;
    const nbase = this.netBase;
    const K = w[nbase];
    const so = nb + 3 * i;
    const oldStatus = w[so];
    const oldVal = w[so + 1];
    const collect = this.collects[i] && status === UP && val !== oldVal;
    const hist = this.nextHist;
    this.nextHist = -1;
    const oldHist = hist < 0 ? -1 : w[this.histSlot];
    if (this.adds.length < sends.length + K) this.adds = new Int32Array((sends.length + K) * 2);
    const adds = this.adds;
    let nAdd = 0;
    for (let s = 0; s < sends.length; s++) {
      let id = sends[s];
      const to = this.msgTo[id];
      if (this.anyCut && this.isCut(w, i, to)) continue;
      if (this.collects[to] && (to === i ? status : w[nb + 3 * to]) === UP) {
        id = this.fate.of(to === i ? val : w[nb + 3 * to + 1], id);
        if (id < 0) continue;
      }
      if (!this.consume && (this.containsMessage(w, id) || this.added(nAdd, id))) continue;
      adds[nAdd++] = id;
    }
    // Node i's new state may make messages already waiting for it replaceable: their canonical forms arrive.
    if (collect && this.normalizes) {
      for (let k = 0; k < K; k++) {
        const id = w[nbase + 1 + k];
        if (k === consumed || this.msgTo[id] !== i) continue;
        const f = this.fate.of(val, id);
        if (f < 0 || f === id) continue;
        if (!this.consume && (this.containsMessage(w, f) || this.added(nAdd, f))) continue;
        adds[nAdd++] = f;
      }
    }
    this.dNode = i;
    this.dOldStatus = oldStatus;
    this.dOldVal = oldVal;
    this.dNewStatus = status;
    this.dNewVal = val;
    this.dRemovedCount = 0;
    this.dAddedCount = 0;
    if (nAdd === 0 && consumed < 0 && oldStatus === status && oldVal === val && hist === oldHist) {
      // A redelivery under set semantics: the world itself, which the search has already seen; buf is not written.
      this.selfLoop = true;
      const len = this.netBase + 1 + K;
      this.cViewA = this.pViewA;
      this.cViewB = this.pViewB;
      this.cRestA = this.pRestA;
      this.cRestB = this.pRestB;
      this.cNetA = this.pNetA;
      this.cNetB = this.pNetB;
      this.finish();
      return len;
    }
    this.selfLoop = false;
    // Insertion sort: a step sends a handful of messages.
    for (let a = 1; a < nAdd; a++) {
      const x = adds[a];
      let b = a - 1;
      while (b >= 0 && this.compare(adds[b], x) > 0) {
        adds[b + 1] = adds[b];
        b--;
      }
      adds[b + 1] = x;
    }
    const next = this.reserve(nbase + 1 + K + nAdd);
    if (this.dRemoved.length < K) this.dRemoved = new Int32Array(K * 2);
    const removed = this.dRemoved;
    let nRemoved = 0;
    this.dAddedCount = nAdd;
    for (let k = 0; k < nbase; k++) next[k] = w[k];
    next[so] = status;
    next[so + 1] = val;
    if (hist >= 0) next[this.histSlot] = hist;
    const ma = this.messages.hashA;
    const mb = this.messages.hashB;
    let na = this.pNetA;
    let nbs = this.pNetB;
    let out = nbase + 1;
    let j = 0;
    for (let k = 0; k < K; k++) {
      const id = w[nbase + 1 + k];
      if (k === consumed) {
        na = (na - ma[id]) | 0;
        nbs = (nbs - mb[id]) | 0;
        removed[nRemoved++] = id;
        continue;
      }
      while (j < nAdd && this.compare(adds[j], id) < 0) {
        const add = adds[j++];
        next[out++] = add;
        na = (na + ma[add]) | 0;
        nbs = (nbs + mb[add]) | 0;
      }
      // Dropped as stale, or replaced by its canonical form (among the additions).
      if (collect && this.msgTo[id] === i && this.fate.of(val, id) !== id) {
        na = (na - ma[id]) | 0;
        nbs = (nbs - mb[id]) | 0;
        removed[nRemoved++] = id;
        continue;
      }
      next[out++] = id;
    }
    while (j < nAdd) {
      const add = adds[j++];
      next[out++] = add;
      na = (na + ma[add]) | 0;
      nbs = (nbs + mb[add]) | 0;
    }
    const K2 = out - nbase - 1;
    next[nbase] = K2;
    this.dRemovedCount = nRemoved;
    const sa = this.values.hashA;
    const sb = this.values.hashB;
    this.cViewA = (this.pViewA - slotHashA(so, oldStatus) + slotHashA(so, status) - slotHashA(so + 1, sa[oldVal]) + slotHashA(so + 1, sa[val])) | 0;
    this.cViewB = (this.pViewB - slotHashB(so, oldStatus) + slotHashB(so, status) - slotHashB(so + 1, sb[oldVal]) + slotHashB(so + 1, sb[val])) | 0;
    if (hist !== oldHist) {
      const hs = this.histSlot;
      this.cViewA = (this.cViewA - slotHashA(hs, sa[oldHist]) + slotHashA(hs, sa[hist])) | 0;
      this.cViewB = (this.cViewB - slotHashB(hs, sb[oldHist]) + slotHashB(hs, sb[hist])) | 0;
    }
    this.cRestA = (this.pRestA - slotHashA(nbase, K) + slotHashA(nbase, K2)) | 0;
    this.cRestB = (this.pRestB - slotHashB(nbase, K) + slotHashB(nbase, K2)) | 0;
    if (this.fifo) this.sumNet(next);
    else {
      this.cNetA = na;
      this.cNetB = nbs;
    }
    this.finish();
    return out;
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

  private added(n: number, id: number): boolean {
    const adds = this.adds;
    for (let j = 0; j < n; j++) if (adds[j] === id) return true;
    return false;
  }

  private containsMessage(w: Int32Array, id: number): boolean {
    const base = this.netBase + 1;
    const K = w[this.netBase];
    for (let k = 0; k < K; k++) if (w[base + k] === id) return true;
    return false;
  }

  /** w without the message at position k, in buf; returns the length. */
  private removeAt(w: Int32Array, k: number): number {
    const len = this.netBase + 1 + w[this.netBase];
    const buf = this.reserve(len);
    const at = this.netBase + 1 + k;
    for (let j = 0; j < at; j++) buf[j] = w[j];
    for (let j = at + 1; j < len; j++) buf[j - 1] = w[j];
    buf[this.netBase]--;
    return len - 1;
  }

  /** w with a copy of the message at position k placed next to it (FIFO: right behind it in its channel), in buf. */
  private insertAt(w: Int32Array, k: number, id: number): number {
    const len = this.netBase + 1 + w[this.netBase];
    const buf = this.reserve(len + 1);
    const at = this.netBase + 2 + k;
    for (let j = 0; j < at; j++) buf[j] = w[j];
    buf[at] = id;
    for (let j = at; j < len; j++) buf[j + 1] = w[j];
    buf[this.netBase]++;
    return len + 1;
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
      ...(this.histSlot < 0 ? {} : { history: this.historyOf(w) }),
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
    const k = this.viewMemo.get(val, status * this.n + i, clock);
    if (k >= 0) return this.nodeViews[k];
    const stateVal = status === UP ? val : this.recoveredVal(i, val);
    const v = { id: this.nodes[i].id, role: this.nodes[i].role, index: i, up: status === UP, state: this.values.values[stateVal], clock };
    this.viewMemo.set(val, status * this.n + i, clock, this.nodeViews.length);
    this.nodeViews.push(v);
    return v;
  }

  /** The world's ghost history (the empty one without clients). */
  historyOf(w: Int32Array): GhostHistory {
    return this.histSlot < 0 ? EMPTY_HISTORY : (this.values.values[w[this.histSlot]] as GhostHistory);
  }

  /** The label of a local step, for traces. */
  localLabel(w: Int32Array, i: number, s: number): string {
    return this.localMoves(i, this.valueOf(w, i), this.usesTime ? this.clockOf(w, i) : 0)[s].label;
  }
}
