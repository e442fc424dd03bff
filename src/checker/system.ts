/**
 * A protocol instance under a network, a fault budget and (optionally) time:
 * enumerates the successors of packed worlds (layout: world-layout.ts) and
 * fingerprints them. Knows nothing about any one protocol.
 *
 * Value ids index `values` (node states and, for down nodes, persisted
 * values); message ids index `messages` (envelopes), both interned by
 * content (intern.ts). Messages are kept in a canonical order: by content
 * hash for set and multiset networks, by channel and then queue position
 * for FIFO. Successors are enumerated in an order that depends only on the
 * world's content, so a trace can be rebuilt from (parent, successor
 * ordinal) pairs in any process.
 *
 * Transitions are memoised on (value id, message id, clock) (move-table.ts):
 * most worlds deliver the same message to the same node state, so the model
 * runs once per distinct pair and the checker's hot path is array copies
 * and hashing (slot-hash.ts). Faults edit the network (network-edits.ts)
 * and time moves clocks (clock-steps.ts).
 */
import type { AnyProtocol, Envelope, GhostHistory, LocalStep, NodeDef, NodeView, Send, Step, WorldView } from '../model/contract.js';
import type { AnyMachine } from '../model/machines/machine.js';
import { EMPTY_HISTORY } from './linearizability/ghost.js';
import { GhostRecorder } from './linearizability/recorder.js';
import { DATA_GUARD, DataError, deepFreeze, fmix32 } from './canonical.js';
import { Pool } from './intern.js';
import { MessageFate } from './message-fate.js';
import { ShapeError, guarded, outcomesOf, safeDescribe } from './model-guard.js';
import { idempotenceError, normalizeClaimError, sameStep, staleClaimError, type ClaimStep, type ClaimSubject } from './reduction-claims.js';
import { TripleMap } from './triple-map.js';
import type { SystemSettings } from './settings.js';
import { finalB, slotHashA, slotHashB } from './slot-hash.js';
import { C_AMNESIA, C_CRASH, C_CUTS, C_DROP, C_DUP, C_RESTART, DOWN, UP, WorldLayout } from './world-layout.js';
import { canRunAhead, canTick, runAhead, tick } from './clock-steps.js';
import { insertAt, removeAt, toggleCut } from './network-edits.js';
import { MoveTable } from './move-table.js';
import { onCopies, thaw } from './thaw.js';
import { LocalMoves } from './local-moves.js';
import { NodeViewCache } from './view-cache.js';

export { UP, DOWN } from './world-layout.js';
export { slotHashA, slotHashB, finalB } from './slot-hash.js';

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

export type { LocalMove as Move } from './local-moves.js';

export class SystemError extends Error {
  override name = 'SystemError';
}

/** Receives successors from System.each: the successor is sys.buf[0, len), valid until the next one. */
export type Visit = (len: number, act: Act, a: number, b: number) => void;

export class System extends WorldLayout {
  readonly nodes: readonly NodeDef[];
  readonly values = new Pool<unknown>();
  readonly messages = new Pool<Envelope<unknown>>();
  readonly msgFrom: number[] = [];
  readonly msgTo: number[] = [];

  /** The object the clients use (Protocol.object), or null: no clients, no history slot. */
  readonly object: AnyMachine | null;
  private readonly nodeIndex = new Map<string, number>();
  private readonly faultable: boolean[];
  /** Per node: whether its clock may drift within the skew (time.nodes). */
  private readonly driftMask: boolean[];
  private readonly clockRange: number;
  private readonly usesTime: boolean;
  private readonly fifo: boolean;
  private readonly consume: boolean;

  /** Deliveries: (value id, message id, clock) -> their outcomes. */
  private readonly moves = new MoveTable();
  private readonly ghost: GhostRecorder | null;
  /** The history id the next build() writes (-1: unchanged); build() resets it. */
  private nextHist = -1;
  /** Local steps: (node, value id, clock) -> their moves. */
  private readonly locals = new LocalMoves();
  /** (node, value id, 0 persist | 1 recover) -> value id. */
  private readonly faultMemo = new TripleMap(1 << 8);
  private readonly initVal: number[];
  /** (value id, status × n + node, clock) -> its node view. */
  private readonly views = new NodeViewCache();
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

  /**
   * For a delivery whose handler chose among labelled outcomes: which one the
   * successor being visited is (-1: a plain Step). Read by trace replay.
   */
  outcome = -1;

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
    // A rule that wrote to the configuration would change every other transition: freeze it too.
    if (DATA_GUARD) deepFreeze(config);
    const nodes = protocol.nodes(config);
    const object = protocol.object?.(config) ?? null;
    super(nodes.length, object !== null);
    this.nodes = nodes;
    this.nodes.forEach((d, i) => this.nodeIndex.set(d.id, i));
    this.object = object;
    this.ghost =
      this.object === null
        ? null
        : new GhostRecorder(this.values, this.nodes.map((d) => d.id), protocol.name, (m) => {
            throw new SystemError(m);
          });
    const allowed = settings.faults.nodes;
    this.faultable = this.nodes.map((d) => allowed === undefined || allowed.includes(d.id));
    const drifting = settings.time?.nodes;
    this.driftMask = this.nodes.map((d) => drifting === undefined || drifting.includes(d.id));
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
    this.initVal = this.nodes.map((d) => guarded(protocol.name, () => `${d.id}: init`, () => this.internState(protocol.init(config, d.id))));
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

  /** Whether node i's clock may drift from global time (time.nodes). */
  drifts(i: number): boolean {
    return this.driftMask[i];
  }

  /** Bytes held by the memo tables' index arrays (not the interned JS values). */
  get memoBytes(): number {
    return this.moves.bytes + this.locals.bytes + this.views.bytes + this.fate.bytes;
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
    try {
      return this.values.intern(s, 'S');
    } catch (e) {
      throw e instanceof DataError ? new DataError(`state${e.path}`, e.problem) : e;
    }
  }

  /** A message's text for errors, even from a model whose describeMessage fails. */
  private describe(msg: unknown): string {
    return safeDescribe(() => this.protocol.describeMessage(msg), msg);
  }

  /** The id of an envelope, registering its endpoints the first time. */
  internEnvelope(env: Envelope<unknown>): number {
    let id: number;
    try {
      id = this.messages.intern(env);
    } catch (e) {
      throw e instanceof DataError ? new DataError(e.path.startsWith('.msg') ? `message${e.path.slice(4)}` : `message envelope${e.path}`, e.problem) : e;
    }
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
    if (!Array.isArray(sends)) throw new ShapeError(`returned send = ${safeDescribe(() => JSON.stringify(sends), sends)}, not a list of { to, msg }`);
    if (sends.length === 0) return this.emptySends;
    for (const s of sends) {
      if (typeof s !== 'object' || s === null || typeof s.to !== 'string') throw new ShapeError(`sent ${safeDescribe(() => JSON.stringify(s), s)}, not { to: <node id>, msg }`);
      if (!this.nodeIndex.has(s.to)) throw new ShapeError(`sent a message to unknown node "${s.to}" (nodes: ${this.nodes.map((d) => d.id).join(', ')})`);
    }
    const out = new Int32Array(sends.length);
    for (let k = 0; k < sends.length; k++) out[k] = this.internEnvelope({ from: this.nodes[from].id, to: sends[k].to, msg: sends[k].msg });
    if (out.length > this.adds.length) this.adds = new Int32Array(out.length * 2);
    return out;
  }

  /** The first index of the moves (outcomes) of delivering message `msg` to node i in state `val`: moveCount[m] of them. */
  private handleMove(i: number, val: number, msg: number, clock: number): number {
    let m = this.moves.get(val, msg, clock);
    if (m < 0) {
      const env = this.messages.values[msg];
      const frozen = this.values.values[val];
      // The handler works on copies (thaw.ts): frozen arrays are slow; what it returns unchanged is the copy.
      const state = DATA_GUARD ? thaw(frozen) : frozen;
      const body = DATA_GUARD ? thaw(env.msg) : env.msg;
      const where = (): string => `${this.nodes[i].id}: handle(${this.describe(env.msg)} from ${env.from})`;
      const outcomes = guarded(this.protocol.name, where, () =>
        outcomesOf(onCopies([frozen, env.msg], [state, body], (copies) => this.protocol.handle(this.config, this.nodes[i].id, copies ? state : frozen, copies ? body : env.msg, env.from, clock))),
      );
      const vals: number[] = [];
      const sends: Int32Array[] = [];
      for (const o of outcomes) {
        const at = o.label === null ? where : (): string => `${where()} outcome "${o.label ?? ''}"`;
        vals.push(o.state === state ? val : guarded(this.protocol.name, at, () => this.internState(o.state)));
        sends.push(guarded(this.protocol.name, at, () => this.internSends(i, o.send)));
      }
      const rule = `handling of ${this.protocol.describeMessage(env.msg)}`;
      // A handler that chose no outcome refuses the message in this state (the table keeps a placeholder).
      m = this.moves.add(
        val,
        msg,
        clock,
        outcomes.map((o, k) => ({ val: vals[k], sends: sends[k], label: o.label, event: this.eventOf(o, i, rule) })),
        this.emptySends,
      );
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
    // Every outcome of the delivery (choice on receipt: several; a refusal: none).
    const steps = (id: number, clock: number): ClaimStep[] => {
      const m = this.handleMove(i, val, id, clock);
      return Array.from({ length: this.moves.count[m] }, (_, o) => ({ val: this.moves.val[m + o], sends: this.moves.sends[m + o] }));
    };
    const where = (): string => `${env.to}: stale/normalize(${this.describe(env.msg)} from ${env.from})`;
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
    if (guarded(protocol.name, where, () => protocol.stale?.(this.config, env.to, state, env.msg, env.from)) === true) {
      for (let c = 0; c < this.clockRange; c++) {
        for (const s of steps(msg, c)) if (s.val !== val || s.sends.length > 0) throw staleClaimError(subject(c), val, s);
      }
      return -1;
    }
    if (protocol.normalize === undefined) return msg;
    const normalize = protocol.normalize;
    const canonical = guarded(protocol.name, where, () => normalize(this.config, env.to, state, env.msg, env.from));
    if (canonical === env.msg) return msg;
    const id = this.internEnvelope({ from: env.from, to: env.to, msg: canonical });
    if (id === msg) return msg;
    const again = guarded(protocol.name, where, () => normalize(this.config, env.to, state, canonical, env.from));
    if (again !== canonical && this.internEnvelope({ from: env.from, to: env.to, msg: again }) !== id) throw idempotenceError(subject(0), canonical, again);
    for (let c = 0; c < this.clockRange; c++) {
      const original = steps(msg, c);
      const replaced = steps(id, c);
      const none: ClaimStep = { val, sends: this.emptySends };
      const k = original.length === replaced.length ? original.findIndex((o, x) => !sameStep(o, replaced[x])) : 0;
      if (k >= 0) throw normalizeClaimError(subject(c), val, canonical, original[k] ?? none, replaced[k] ?? none);
    }
    return id;
  }

  /** The label of outcome o when message `msg` is delivered in world w (choice on receipt), or null for a plain Step. */
  deliveryLabel(w: Int32Array, msg: number, o: number): string | null {
    if (o < 0) return null;
    const to = this.msgTo[msg];
    return this.moves.label[this.handleMove(to, this.valueOf(w, to), msg, this.usesTime ? this.clockOf(w, to) : 0) + o];
  }

  /** The index of node i's list of local moves in state `val` at `clock` (in `locals`). */
  private localList(i: number, val: number, clock: number): number {
    const k = this.locals.get(i, val, clock);
    if (k >= 0) return k;
    const frozen = this.values.values[val];
    // local() works on a copy (thaw.ts): frozen arrays are slow; a step that leaves the state as it is returns the copy.
    const state = DATA_GUARD ? thaw(frozen) : frozen;
    const node = this.nodes[i].id;
    const steps: readonly LocalStep<unknown, unknown>[] = guarded(this.protocol.name, () => `${node}: local`, () => {
      const r = onCopies([frozen], [state], (copies) => this.protocol.local(this.config, node, copies ? state : frozen, clock));
      if (!Array.isArray(r)) throw new ShapeError('must return a list of { label, state, send } steps');
      return r;
    });
    const moves = steps.map((s, k) =>
      guarded(this.protocol.name, () => `${node}: local step ${typeof s?.label === 'string' ? `"${s.label}"` : `#${k}`}`, () => {
        if (typeof s !== 'object' || s === null || typeof s.label !== 'string') throw new ShapeError('is not { label: string, state, send }');
        return { val: s.state === state ? val : this.internState(s.state), sends: this.internSends(i, s.send), label: s.label, event: this.eventOf(s, i, `local step "${s.label}"`) };
      }),
    );
    return this.locals.add(i, val, clock, moves);
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
      p = guarded(this.protocol.name, () => `${this.nodes[i].id}: persisted`, () => {
        try {
          return this.values.intern(this.protocol.persisted(this.config, this.values.values[val]), 'P');
        } catch (e) {
          throw e instanceof DataError ? new DataError(`persisted value${e.path}`, e.problem) : e;
        }
      });
      this.faultMemo.set(i, val, 0, p);
    }
    return p;
  }

  /** The state node i comes back as from persisted value `persisted`. */
  recoveredVal(i: number, persisted: number): number {
    let v = this.faultMemo.get(i, persisted, 1);
    if (v < 0) {
      v = guarded(this.protocol.name, () => `${this.nodes[i].id}: recover`, () => this.internState(this.protocol.recover(this.config, this.nodes[i].id, this.values.values[persisted])));
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
      const lm = this.locals;
      const k = this.localList(i, val, this.usesTime ? this.clockOf(w, i) : 0);
      const first = lm.start[k];
      const c = lm.count[k];
      // Through lm on every move: a nested expansion may add lists and replace its arrays.
      for (let s = 0; s < c; s++) {
        this.stage(w, i, lm.event[first + s]);
        visit(this.build(w, i, UP, lm.val[first + s], lm.sends[first + s], -1), Act.Local, i, s);
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
      const moves = this.moves;
      const c = moves.count[m];
      for (let o = 0; o < c; o++) {
        this.outcome = moves.label[m + o] === null ? -1 : o;
        this.stage(w, to, moves.event[m + o]);
        visit(this.build(w, to, UP, moves.val[m + o], moves.sends[m + o], this.consume ? k : -1), Act.Deliver, id, k);
      }
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
        if (w[cb + C_DROP] < f.drop) visit(this.bump(this.rehashed(removeAt(this, w, k, this.reserve(this.lengthOf(w)))), C_DROP), Act.Drop, id, k);
        if (w[cb + C_DUP] < f.duplicate) visit(this.bump(this.rehashed(insertAt(this, w, k, id, this.reserve(this.lengthOf(w) + 1))), C_DUP), Act.Duplicate, id, k);
      }
    }
    if (w[cb + C_CUTS] < f.cuts) {
      for (let from = 0; from < n; from++) {
        for (let to = 0; to < n; to++) {
          if (from === to) continue;
          const cut = this.isCut(w, from, to);
          const len = this.copy(w);
          toggleCut(this, this.buf, from, to);
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
    if (canTick(w, time.maxTime)) {
      const len = this.copy(w);
      tick(this.buf, this, time.skew, this.driftMask);
      visit(this.rehashed(len), Act.Tick, 0, 0);
    }
    for (let i = 0; i < this.n; i++) {
      if (!canRunAhead(w, this, i, time.skew, this.driftMask)) continue;
      const len = this.copy(w);
      runAhead(this.buf, this, i);
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
    const known = this.views.get(val, status * this.n + i, clock);
    if (known !== undefined) return known;
    const stateVal = status === UP ? val : this.recoveredVal(i, val);
    const v = { id: this.nodes[i].id, role: this.nodes[i].role, index: i, up: status === UP, state: this.values.values[stateVal], clock };
    this.views.set(val, status * this.n + i, clock, v);
    return v;
  }

  /** The world's ghost history (the empty one without clients). */
  historyOf(w: Int32Array): GhostHistory {
    return this.histSlot < 0 ? EMPTY_HISTORY : (this.values.values[w[this.histSlot]] as GhostHistory);
  }

  /** The label of a local step, for traces. */
  localLabel(w: Int32Array, i: number, s: number): string {
    return this.locals.label(this.localList(i, this.valueOf(w, i), this.usesTime ? this.clockOf(w, i) : 0), s);
  }
}
