/**
 * One random walk through a System, driven by a list of choices: at each
 * world the next choice, taken modulo the number of successors that change
 * the world, picks one of them. The walk records the successor ordinals it
 * took (what replay() reads), checks the invariants on every world it
 * enters, and stops at the first violation, when the choices run out, or
 * when nothing can change any more.
 *
 * Successors equal to the world they come from (a message redelivered under
 * set semantics, say) are not offered: they cannot break an invariant, and a
 * walk that spends its choices on them only gets longer.
 */
import type { Invariant } from '../../model/contract.js';
import { firstBroken, type Broken } from '../invariants.js';
import { Act, type System } from '../system.js';
import { FingerprintSet } from '../visited.js';

/**
 * Paces, a form of swarm testing: a walk's first choice sets how many
 * weighted slots a message delivery and any other step (a timeout, a client
 * request, a new ballot, a fault, a tick) get: [delivery, other]. Pace 0 is
 * the plain uniform walk. Bugs like Raft's Figure 8 need several elections
 * that each run to completion before the next timeout, which uniform walks
 * rarely do (they spend the terms on timeouts); bugs like Paxos's
 * learnAcrossBallots need new ballots to interrupt others, which walks
 * favouring deliveries rarely do. Mixing paces finds both (measured).
 */
export const PACES: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 1],
  [4, 1],
  [8, 1],
  [16, 1],
  [1, 2],
  [1, 4],
];

export type WalkEnd = 'violation' | 'choices' | 'stuck';

/**
 * How one swarm member's walks differ from the plain walk (see
 * src/checker/shard/swarm.ts). Absent fields mean the plain walk.
 */
export interface WalkDiversity {
  /** The paces (indices into PACES) a walk's first choice picks among; default all. */
  readonly paces?: readonly number[];
  /** A node whose steps (local steps, deliveries to it, its faults) get FAVOUR_WEIGHT times the slots. */
  readonly favour?: number;
}

/** How much more often a member's favoured node acts: enough to change who leads, not so much that others starve. */
export const FAVOUR_WEIGHT = 4;

const ALL_PACES: readonly number[] = PACES.map((_, k) => k);

export interface WalkOutcome {
  /** The walk's pace: an index into PACES. */
  readonly pace: number;
  /** Successor ordinals from the initial world, as replay() takes them. */
  readonly path: readonly number[];
  /** The smallest choices that take the same walk (the pace first). */
  readonly picks: readonly number[];
  /** What each step did, by content ("deliver this message", "n1: starts ballot 3 with v1"): see actionKey. */
  readonly actions: readonly string[];
  readonly broken: Broken | null;
  readonly end: WalkEnd;
}

/**
 * A name for a step that survives changes elsewhere in the walk: the kind,
 * the node, and the message (interned ids name content) or the local step's
 * label. Positions in the network are left out on purpose.
 */
function actionKey(sys: System, w: Int32Array, act: Act, a: number, b: number): string {
  switch (act) {
    case Act.Local:
      return `L${a}:${sys.localLabel(w, a, b)}`;
    case Act.Deliver:
      // b: the receiver's choice among labelled outcomes (-1: a plain Step).
      return b < 0 ? `D${a}` : `D${a}:${b}`;
    case Act.Drop:
      return `X${a}`;
    case Act.Duplicate:
      return `U${a}`;
    case Act.Cut:
    case Act.Heal:
      return `${act}:${a}:${b}`;
    default:
      return `${act}:${a}`;
  }
}

export class Walker {
  /** Walks and steps taken while counting (see `counting`). */
  walks = 0;
  steps = 0;
  /** Fingerprints of every world entered while counting. */
  readonly visited = new FingerprintSet(1 << 12);
  /** Whether plain walks add to walks/steps/visited (off while shrinking, so that the figures describe the search). */
  counting = true;

  // Successors of the current world that change it, in enumeration order (pooled buffers).
  private count = 0;
  /** Slots of the current successors, weighted by the walk's pace. */
  private slots = 0;
  private deliveryWeight = 1;
  private otherWeight = 1;
  private bufs: Int32Array[] = [];
  private lens: number[] = [];
  private ords: number[] = [];
  private acts: number[] = [];
  private as: number[] = [];
  private bs: number[] = [];
  private fpHi: number[] = [];
  private fpLo: number[] = [];

  private readonly paces: readonly number[];
  private readonly favour: number;

  constructor(
    readonly sys: System,
    readonly invariants: readonly Invariant<unknown, unknown, unknown>[],
    diversity: WalkDiversity = {},
  ) {
    const paces = diversity.paces ?? ALL_PACES;
    if (paces.length === 0 || paces.some((p) => !Number.isInteger(p) || p < 0 || p >= PACES.length)) {
      throw new Error(`walk: paces must be indices into PACES (got ${paces.join(',')})`);
    }
    this.paces = paces;
    this.favour = diversity.favour ?? -1;
  }

  /**
   * Walks by choices: the first sets the walk's pace (one of this walker's
   * paces, see PACES), each later
   * one, taken modulo the number of weighted slots, picks a successor.
   * `named` also records the actions' names.
   */
  run(choices: readonly number[], named = false): WalkOutcome {
    const pace = this.paces[choices.length === 0 ? 0 : choices[0] % this.paces.length];
    return this.walk(pace, Math.max(0, choices.length - 1), (k) => this.atSlot(choices[k + 1] % this.slots), named);
  }

  /**
   * Walks by action names at a given pace: each step takes the first
   * successor doing the named action, and an action no longer enabled is
   * skipped. Used to shrink: a walk with some steps cut out still does the
   * same things afterwards, where plain choices would pick something else in
   * a different world.
   */
  follow(pace: number, actions: readonly string[]): WalkOutcome {
    return this.walk(pace, actions.length, (k, w) => {
      for (let j = 0; j < this.count; j++) if (actionKey(this.sys, w, this.acts[j], this.as[j], this.bs[j]) === actions[k]) return j;
      return -1;
    }, true);
  }

  /** performance.now() past which a walk stops where it is (a time limit must hold inside one long walk too, as in a replay). */
  deadline = Infinity;
  /** Set when a walk stopped at the deadline. */
  timedOut = false;

  private walk(pace: number, n: number, pick: (k: number, w: Int32Array) => number, named: boolean): WalkOutcome {
    const sys = this.sys;
    [this.deliveryWeight, this.otherWeight] = PACES[pace];
    let w = sys.initialWorld();
    const path: number[] = [];
    const picks: number[] = [Math.max(0, this.paces.indexOf(pace))];
    const actions: string[] = [];
    // Walks by name serve shrinking: only plain walks count towards the figures.
    const counting = this.counting && !named;
    if (counting) {
      this.walks++;
      sys.fingerprint(w);
      this.visited.add(sys.fpHi, sys.fpLo);
    }
    let broken = this.check(w);
    if (broken !== null) return { pace, path, picks, actions, broken, end: 'violation' };
    for (let k = 0; k < n; k++) {
      if ((k & 1023) === 1023 && performance.now() > this.deadline) {
        this.timedOut = true;
        return { pace, path, picks, actions, broken: null, end: 'choices' };
      }
      this.expand(w);
      if (this.count === 0) return { pace, path, picks, actions, broken: null, end: 'stuck' };
      const j = pick(k, w);
      if (j < 0) continue;
      if (named) actions.push(actionKey(sys, w, this.acts[j], this.as[j], this.bs[j]));
      path.push(this.ords[j]);
      picks.push(this.firstSlot(j));
      w = this.bufs[j].slice(0, this.lens[j]);
      if (counting) {
        this.steps++;
        this.visited.add(this.fpHi[j], this.fpLo[j]);
      }
      broken = this.check(w);
      if (broken !== null) return { pace, path, picks, actions, broken, end: 'violation' };
    }
    return { pace, path, picks, actions, broken: null, end: 'choices' };
  }

  private slotsOf(j: number): number {
    const act = this.acts[j];
    const base = act === Act.Deliver ? this.deliveryWeight : this.otherWeight;
    return this.favour >= 0 && this.nodeOf(act, this.as[j]) === this.favour ? base * FAVOUR_WEIGHT : base;
  }

  /** The node a step acts on (-1: none, a global tick). */
  private nodeOf(act: number, a: number): number {
    switch (act) {
      case Act.Deliver:
      case Act.Drop:
      case Act.Duplicate:
        return this.sys.msgTo[a];
      case Act.Tick:
        return -1;
      default:
        // Local steps, faults and clock steps name their node; a cut or heal names the sending side.
        return a;
    }
  }

  /** The successor that owns slot s. */
  private atSlot(s: number): number {
    for (let j = 0; j < this.count; j++) {
      const k = this.slotsOf(j);
      if (s < k) return j;
      s -= k;
    }
    throw new Error('walk: slot out of range');
  }

  /** The smallest choice that picks successor j. */
  private firstSlot(j: number): number {
    let s = 0;
    for (let i = 0; i < j; i++) s += this.slotsOf(i);
    return s;
  }

  /** Fills the pooled successor buffers with w's successors that differ from w. */
  private expand(w: Int32Array): void {
    const sys = this.sys;
    const wlen = sys.lengthOf(w);
    let count = 0;
    let ord = 0;
    sys.each(w, (len, act, a, b) => {
      const o = ord++;
      // A self-loop (a redelivery under set semantics) is reported without being written to buf.
      if (sys.selfLoop) return;
      const src = sys.buf;
      if (len === wlen) {
        let same = true;
        for (let k = 0; k < len; k++) {
          if (src[k] !== w[k]) {
            same = false;
            break;
          }
        }
        if (same) return;
      }
      if (count === this.bufs.length) this.bufs.push(new Int32Array(Math.max(64, len * 2)));
      let dst = this.bufs[count];
      if (dst.length < len) dst = this.bufs[count] = new Int32Array(len * 2);
      for (let k = 0; k < len; k++) dst[k] = src[k];
      this.lens[count] = len;
      this.ords[count] = o;
      this.acts[count] = act;
      this.as[count] = a;
      this.bs[count] = act === Act.Deliver ? sys.outcome : b;
      this.fpHi[count] = sys.fpHi;
      this.fpLo[count] = sys.fpLo;
      count++;
    });
    this.count = count;
    let slots = 0;
    for (let j = 0; j < count; j++) slots += this.slotsOf(j);
    this.slots = slots;
  }

  private check(w: Int32Array): Broken | null {
    return firstBroken(this.sys.config, this.invariants, this.sys.view(w));
  }
}
