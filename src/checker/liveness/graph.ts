/**
 * The explicit state graph that liveness and valence analysis work on:
 * breadth-first from the initial world, every kept world a node, every
 * successor an edge labelled with the fairness classes it serves. Worlds
 * that are not kept (for "eventually P": worlds where P holds) are exits:
 * an edge may lead to one, but it is not stored or expanded. BFS order
 * makes the parent links shortest paths, so lasso prefixes are short.
 */
import type { Invariant, WorldView } from '../../model/contract.js';
import { overMemory, type LimitKind } from '../bfs.js';
import { interruptedBy } from '../interrupt.js';
import { firstBroken, type Broken } from '../invariants.js';
import type { SearchLimits } from '../settings.js';
import { Act, type System } from '../system.js';
import { fairDelivery, fairLocalRules, slowLocal, type FairnessRule } from './fairness.js';
import { FingerprintIndex } from './index-table.js';
import type { WorldKeys } from './keys.js';
import { WorldShifter } from './shift-world.js';

/** An edge that leaves the graph: its target is a world that is not kept. */
export const EXIT = -1;

export interface ExploreOptions {
  readonly keys: WorldKeys;
  readonly fairness: readonly FairnessRule[];
  /** Whether a world belongs to the graph (is stored and expanded). */
  readonly keep: (world: WorldView<unknown, unknown>) => boolean;
  /** Checked on every kept world; the first violation stops the exploration. */
  readonly invariants: readonly Invariant<unknown, unknown, unknown>[];
  readonly limits: SearchLimits;
  /** A number to remember about each world that is not kept, read back per edge as edgeExit (valence: its decided values). */
  readonly exitMark?: (world: WorldView<unknown, unknown>) => number;
  /** Called once per kept world, with its index. */
  readonly onState?: (index: number, world: WorldView<unknown, unknown>) => void;
  /** Called on every new world reached, kept in the graph or not (reachability witnesses). */
  readonly onWorld?: (world: WorldView<unknown, unknown>) => void;
  /**
   * Called with the graph so far (unexpanded states have no edges) after a
   * BFS level whenever the graph has doubled since the last call; true stops
   * the exploration (status 'stopped'), e.g. once a lasso is found.
   */
  readonly stopWhen?: (g: StateGraph) => boolean;
}

export interface StateGraph {
  readonly size: number;
  /** Per state: the state it was discovered from (-1 for the initial world). */
  readonly parent: readonly number[];
  /** Per state: the edge it was discovered through (-1 for the initial world). */
  readonly parentEdge: readonly number[];
  readonly depth: readonly number[];
  readonly fpHi: readonly number[];
  readonly fpLo: readonly number[];
  /** Per state: whether its successors were enumerated (false past a bound). */
  readonly expanded: readonly boolean[];
  /** Edges of state i are edgeStart[i] .. edgeStart[i + 1] - 1; unexpanded states have none. */
  readonly edgeStart: readonly number[];
  readonly edgeTarget: readonly number[];
  /** The successor's ordinal in System.expand's enumeration of the source world. */
  readonly edgeOrdinal: readonly number[];
  readonly edgeAct: readonly Act[];
  /** What the step acts on: the node of a local step or fault, the message class of a delivery, ... */
  readonly edgeArg: readonly number[];
  /** Per edge to EXIT: the exitMark of the world it leads to (0 without exitMark). */
  readonly edgeExit: readonly number[];
  /** Fairness classes of edge e: classes[classStart[e] .. classStart[e + 1] - 1]. */
  readonly classStart: readonly number[];
  readonly classes: readonly number[];
  /** Per class: a description for reports. */
  readonly classNames: readonly string[];
  /** Per class: strongly fair (else weakly). */
  readonly classStrong: readonly boolean[];
  readonly status: 'exhausted' | 'limit' | 'violation' | 'stopped';
  readonly limit?: LimitKind;
  /** An invariant broken at state `brokenAt`. */
  readonly broken?: Broken;
  readonly brokenAt?: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly seconds: number;
  readonly bytes: number;
}

export function edgesOf(g: StateGraph, i: number): [number, number] {
  return i + 1 < g.edgeStart.length ? [g.edgeStart[i], g.edgeStart[i + 1]] : [0, 0];
}

/**
 * What a step acts on, in terms that survive a view: the node of a local
 * step or node fault, the (normalised) message of a delivery, drop or
 * duplicate, the link of a cut or heal.
 */
export function argOf(sys: System, act: Act, a: number, b: number, msgClass: readonly number[] | null): number {
  if (act === Act.Deliver || act === Act.Drop || act === Act.Duplicate) return msgClass === null ? a : msgClass[b];
  if (act === Act.Cut || act === Act.Heal) return a * sys.n + b;
  return a;
}

export function explore(sys: System, options: ExploreOptions): StateGraph {
  const { keys, fairness, limits } = options;
  const start = performance.now();
  const index = new FingerprintIndex();
  const parent: number[] = [];
  const parentEdge: number[] = [];
  const depth: number[] = [];
  const fpHi: number[] = [];
  const fpLo: number[] = [];
  const expanded: boolean[] = [];
  const edgeStart: number[] = [];
  const edgeTarget: number[] = [];
  const edgeOrdinal: number[] = [];
  const edgeAct: Act[] = [];
  const edgeArg: number[] = [];
  const edgeExit: number[] = [];
  const classStart: number[] = [0];
  const classes: number[] = [];
  const classIds = new Map<string, number>();
  const classNames: string[] = [];
  const classStrong: boolean[] = [];
  const pending: (Int32Array | null)[] = [];
  let transitions = 0;
  let broken: Broken | undefined;
  let brokenAt = -1;
  let limit: LimitKind | undefined;

  const classId = (key: string, strong: boolean, name: () => string): number => {
    let id = classIds.get(key);
    if (id === undefined) {
      id = classNames.length;
      classIds.set(key, id);
      classNames.push(name());
      classStrong.push(strong);
    }
    return id;
  };
  const fairMessage = new Map<number, 'no' | 'weak' | 'strong'>();

  // Raw fingerprint -> state (or NOT_KEPT): with a view many raw worlds share a state, and
  // worlds that are not kept are judged once.
  const rawIndex = new FingerprintIndex();
  const NOT_KEPT = 0x7fffffff;
  const exitMarks = new FingerprintIndex();
  /** The exitMark of the last world discover() found not kept. */
  let lastMark = 0;

  /**
   * The state of world w (which may sit in a longer scratch buffer), added if
   * new; EXIT when it is not kept. rawHi/rawLo: its raw fingerprint.
   */
  const discover = (w: Int32Array, from: number, edge: number, d: number, rawHi: number, rawLo: number): number => {
    const seen = rawIndex.get(rawHi, rawLo);
    if (seen === NOT_KEPT) lastMark = exitMarks.get(rawHi, rawLo);
    if (seen >= 0) return seen === NOT_KEPT ? EXIT : seen;
    let hi = rawHi;
    let lo = rawLo;
    let known = -1;
    const view = sys.view(w);
    options.onWorld?.(view);
    if (keys.usesView) {
      keys.key(w, view);
      hi = keys.hi;
      lo = keys.lo;
      known = index.get(hi, lo);
    }
    if (known < 0) {
      known = options.keep(view) ? add(representative(w), hi, lo, from, edge, d, view) : EXIT;
      if (known === EXIT) {
        lastMark = options.exitMark?.(view) ?? 0;
        exitMarks.set(rawHi, rawLo, lastMark);
      }
    }
    rawIndex.set(rawHi, rawLo, known === EXIT ? NOT_KEPT : known);
    return known;
  };

  // With a view, a state is explored from its shifted world (counters as low as they go).
  const shifter = keys.view === undefined ? null : new WorldShifter(sys, keys.view);
  const representative = (w: Int32Array): Int32Array => shifter?.shift(w, keys.offset) ?? w.slice(0, sys.lengthOf(w));

  const add = (w: Int32Array, hi: number, lo: number, from: number, edge: number, d: number, view: WorldView<unknown, unknown>): number => {
    const i = parent.length;
    if (keys.usesView) index.set(hi, lo, i);
    parent.push(from);
    parentEdge.push(edge);
    depth.push(d);
    fpHi.push(hi >>> 0);
    fpLo.push(lo >>> 0);
    expanded.push(false);
    pending.push(w);
    options.onState?.(i, view);
    if (broken === undefined) {
      const b = firstBroken(sys.config, options.invariants, view);
      if (b !== null) {
        broken = b;
        brokenAt = i;
      }
    }
    return i;
  };

  const hasSlow = fairness.some((r) => r.kind === 'slow');
  /** No delivery would change w. */
  const isQuiet = (w: Int32Array): boolean => {
    sys.fingerprint(w);
    const [hi, lo] = [sys.fpHi, sys.fpLo];
    let quiet = true;
    sys.each(w, (_len, act) => {
      if (act === Act.Deliver && (sys.fpHi !== hi || sys.fpLo !== lo)) quiet = false;
    });
    return quiet;
  };

  const init = sys.initialWorld();
  sys.fingerprint(init);
  discover(init, -1, -1, 0, sys.fpHi, sys.fpLo);
  let next = 0;
  let checkedAt = 0;
  let stopped = false;
  for (; next < parent.length && broken === undefined; next++) {
    const w = pending[next] as Int32Array;
    if (options.stopWhen !== undefined && next > 0 && depth[next] > depth[next - 1] && next >= 2 * checkedAt) {
      checkedAt = next;
      if (options.stopWhen(snapshot(next))) {
        stopped = true;
        break;
      }
    }
    edgeStart[next] = edgeTarget.length;
    if (depth[next] >= limits.maxDepth) {
      limit = 'depth';
      continue;
    }
    if (parent.length >= limits.maxStates) {
      limit = 'states';
      break;
    }
    if ((next & 255) === 255) {
      if (performance.now() - start > limits.timeLimit * 1000) limit = 'time';
      else if (interruptedBy() !== 0) limit = 'interrupted';
      else if ((next & 65535) === 65535 && overMemory(limits.maxMemory)) limit = 'memory';
      if (limit !== undefined) break;
    }
    pending[next] = null;
    expanded[next] = true;
    let msgClass: readonly number[] | null = null;
    if (keys.usesView) {
      keys.key(w);
      msgClass = keys.messageClasses();
    }
    const from = next;
    const quiet = hasSlow ? isQuiet(w) : true;
    let ordinal = 0;
    sys.each(w, (_len, act, a, b) => {
      const rawHi = sys.fpHi;
      const rawLo = sys.fpLo;
      // A slow step waits for a quiet network: while it is not, the step is not there at all.
      if (!quiet && act === Act.Local && slowLocal(fairness, sys.nodes[a].id, sys.localLabel(w, a, b))) {
        ordinal++;
        return;
      }
      transitions++;
      const e = edgeTarget.length;
      const arg = argOf(sys, act, a, b, msgClass);
      if (act === Act.Deliver) {
        let fair = fairMessage.get(arg);
        if (fair === undefined) {
          fair = fairDelivery(fairness, sys.nodes[sys.msgTo[a]].id, () => keys.messageText(arg));
          fairMessage.set(arg, fair);
        }
        if (fair !== 'no') {
          const m = sys.messages.values[a];
          classes.push(classId(`d${arg}`, fair === 'strong', () => `deliver ${keys.messageText(arg)} ${m.from}→${m.to}`));
        }
      } else if (act === Act.Local) {
        const node = sys.nodes[a].id;
        for (const r of fairLocalRules(fairness, node, sys.localLabel(w, a, b))) {
          classes.push(classId(`l${a}/${r}`, fairness[r].strong === true, () => `local steps of ${node}${fairness[r].pattern === undefined ? '' : ` labelled /${fairness[r].pattern?.source}/`}`));
        }
      }
      classStart.push(classes.length);
      edgeAct.push(act);
      edgeArg.push(arg);
      edgeOrdinal.push(ordinal++);
      const target = discover(sys.buf, from, e, depth[from] + 1, rawHi, rawLo);
      edgeTarget.push(target);
      edgeExit.push(target === EXIT ? lastMark : 0);
    });
  }
  return snapshot(parent.length, stopped);

  /** The graph as it stands, states from `expandedUpTo` on treated as unexpanded. */
  function snapshot(expandedUpTo: number, stop = false): StateGraph {
    const size = parent.length;
    const starts = edgeStart.slice(0, Math.min(expandedUpTo, edgeStart.length));
    // States never expanded (past a bound, or after a violation) have no edges.
    while (starts.length <= size) starts.push(edgeTarget.length);
    const status = broken !== undefined ? 'violation' : stop ? 'stopped' : limit !== undefined ? 'limit' : expandedUpTo < size ? 'stopped' : 'exhausted';
    return {
      size,
      parent,
      parentEdge,
      depth,
      fpHi,
      fpLo,
      expanded,
      edgeStart: starts,
      edgeTarget,
      edgeOrdinal,
      edgeAct,
      edgeArg,
      edgeExit,
      classStart,
      classes,
      classNames,
      classStrong,
      status,
      ...(limit === undefined ? {} : { limit }),
      ...(broken === undefined ? {} : { broken, brokenAt }),
      transitions,
      maxDepth: depth.reduce((m, d) => Math.max(m, d), 0),
      seconds: (performance.now() - start) / 1000,
      // Seven numbers a state, six an edge, one a class entry; 8 bytes each as JS arrays of small integers hold them.
      bytes: 8 * (7 * size + 6 * edgeTarget.length + classes.length) + index.bytes + (rawIndex?.bytes ?? 0),
    };
  }
}
