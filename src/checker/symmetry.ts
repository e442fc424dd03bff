/**
 * Symmetry reduction. A protocol may declare nodes of a role, and values,
 * interchangeable (Protocol.symmetry); then a world and any renaming of it
 * behave alike, and the search need only visit one world per class. A
 * world's class is fingerprinted as the least fingerprint over every
 * permutation in the group, computed without building the permuted worlds:
 * node slots move, and node states and messages are mapped through
 * permuteState/permuteMessage once per (permutation, id) and memoised.
 *
 * The group: all permutations of each symmetric role's nodes (split by
 * whether the fault budget covers them, so that renaming never moves a fault
 * to a node that may not have it, and by whether their clocks drift)
 * times all permutations of the values.
 * Down nodes are hashed by the state they would recover to: a down node's
 * only futures are that state or amnesia, so two persisted values that
 * recover alike are interchangeable, and only states need permuting.
 *
 * Sound for invariants (they are symmetric when the model's symmetry is);
 * not for liveness under fairness in general, which is why the CLI warns.
 */
import type { NodeId, Permutation, Symmetry } from '../model/contract.js';
import { fmix32 } from './canonical.js';
import { DOWN, finalB, slotHashA, slotHashB, SystemError, type System } from './system.js';

/** Bytes the per-image node-hash memo may take; past it, hashes are computed each time. */
const NODE_MEMO_BUDGET = 256 * 2 ** 20;

interface GroupElement {
  /** Node index -> node index. */
  readonly node: Int32Array;
  readonly perm: Permutation;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/** Every permutation the declared symmetry allows on this system, the identity first. */
export function symmetryGroup(sys: System, sym: Symmetry<unknown, unknown, unknown>): GroupElement[] {
  const classes = new Map<string, number[]>();
  sys.nodes.forEach((d, i) => {
    if (!sym.roles.includes(d.role)) return;
    const key = `${d.role}/${sys.isFaultable(i)}/${sys.drifts(i)}`;
    classes.set(key, [...(classes.get(key) ?? []), i]);
  });
  let nodeMaps: Int32Array[] = [Int32Array.from(sys.nodes, (_, i) => i)];
  for (const members of classes.values()) {
    const next: Int32Array[] = [];
    for (const base of nodeMaps) {
      for (const image of permutations(members)) {
        const m = base.slice();
        members.forEach((from, k) => (m[from] = image[k]));
        next.push(m);
      }
    }
    nodeMaps = next;
  }
  const values = sym.values(sys.config);
  const valueMaps = permutations(values).map((image) => new Map(values.map((v, k) => [v, image[k]])));
  const out: GroupElement[] = [];
  for (const node of nodeMaps) {
    for (const vm of valueMaps) {
      const ids = new Map<NodeId, NodeId>(sys.nodes.map((d, i) => [d.id, sys.nodes[node[i]].id]));
      out.push({ node, perm: { node: (id) => ids.get(id) ?? id, value: (v) => vm.get(v) ?? v } });
    }
  }
  return out;
}

export class SymmetryReducer {
  /** The canonical fingerprint of the last world passed to canonical(). */
  hi = 0;
  lo = 0;
  private readonly sym: Symmetry<unknown, unknown, unknown>;
  private readonly group: GroupElement[];
  /** Per group element: state id -> permuted state id (-1: not yet), and message id -> permuted message id. */
  private readonly valMaps: Int32Array[];
  private readonly msgMaps: Int32Array[];
  private readonly cuts: Int32Array;
  private readonly his: Int32Array;
  private readonly fifo: boolean;
  /** Per image: lane A of the moving part of the world being canonicalised; and both lanes of the prepared parent's. */
  private readonly movA: Int32Array;
  private readonly parentA: Int32Array;
  private readonly parentB: Int32Array;
  private parentValid = false;
  private parent: Int32Array = new Int32Array(0);
  private parentCut = false;
  private readonly parentBKnown: Uint8Array;
  /** Per image: node slot-block hashes by (val, node, status, offset), and whether known. */
  private readonly nodeKnown: Uint8Array[];
  private readonly nodeA: Int32Array[];
  private readonly nodeB: Int32Array[];
  private memoBytes = 0;
  private readonly offsets: number;
  private readonly skew: number;
  private fixedA = 0;
  private fixedB = 0;

  constructor(private readonly sys: System) {
    const sym = sys.protocol.symmetry;
    if (sym === undefined) throw new SystemError(`${sys.protocol.name} declares no symmetry`);
    if (sys.histSlot >= 0) throw new SystemError(`${sys.protocol.name}: symmetry reduction does not permute the clients' history yet; run without it`);
    this.sym = sym;
    this.group = symmetryGroup(sys, sym);
    this.valMaps = this.group.map(() => new Int32Array(0));
    this.msgMaps = this.group.map(() => new Int32Array(0));
    this.cuts = new Int32Array(sys.cutWords);
    this.his = new Int32Array(this.group.length);
    this.movA = new Int32Array(this.group.length);
    this.parentA = new Int32Array(this.group.length);
    this.parentB = new Int32Array(this.group.length);
    this.parentBKnown = new Uint8Array(this.group.length);
    this.nodeKnown = this.group.map(() => new Uint8Array(0));
    this.nodeA = this.group.map(() => new Int32Array(0));
    this.nodeB = this.group.map(() => new Int32Array(0));
    this.skew = sys.settings.time === null ? 0 : sys.settings.time.skew;
    this.offsets = 2 * this.skew + 1;
    this.fifo = sys.settings.network === 'fifo';
  }

  get size(): number {
    return this.group.length;
  }

  private permutedVal(g: number, val: number): number {
    let map = this.valMaps[g];
    if (val >= map.length) {
      const grown = new Int32Array(Math.max(64, val * 2)).fill(-1);
      grown.set(map);
      this.valMaps[g] = map = grown;
    }
    let v = map[val];
    if (v < 0) {
      v = this.sys.internValue(this.sym.permuteState(this.sys.config, this.sys.values.values[val], this.group[g].perm));
      map[val] = v;
    }
    return v;
  }

  private permutedMsg(g: number, id: number): number {
    let map = this.msgMaps[g];
    if (id >= map.length) {
      const grown = new Int32Array(Math.max(64, id * 2)).fill(-1);
      grown.set(map);
      this.msgMaps[g] = map = grown;
    }
    let m = map[id];
    if (m < 0) {
      const env = this.sys.messages.values[id];
      const p = this.group[g].perm;
      m = this.sys.internEnvelope({ from: p.node(env.from), to: p.node(env.to), msg: this.sym.permuteMessage(this.sys.config, env.msg, p) });
      map[id] = m;
    }
    return m;
  }

  /** The slots that no permutation moves (time, fault counts, message count) and, when no link is cut, the cut words. */
  private fixedLanes(w: Int32Array): boolean {
    const sys = this.sys;
    const netBase = sys.netBase;
    let a = (slotHashA(0, w[0]) + slotHashA(netBase, w[netBase])) | 0;
    let b = (slotHashB(0, w[0]) + slotHashB(netBase, w[netBase])) | 0;
    for (let k = sys.countBase; k < sys.cutBase; k++) {
      a = (a + slotHashA(k, w[k])) | 0;
      b = (b + slotHashB(k, w[k])) | 0;
    }
    let anyCut = false;
    for (let k = 0; k < sys.cutWords; k++) if (w[sys.cutBase + k] !== 0) anyCut = true;
    if (!anyCut) {
      for (let k = 0; k < sys.cutWords; k++) {
        a = (a + slotHashA(sys.cutBase + k, 0)) | 0;
        b = (b + slotHashB(sys.cutBase + k, 0)) | 0;
      }
    }
    this.fixedA = a;
    this.fixedB = b;
    return anyCut;
  }

  /** Sets hi/lo to the least fingerprint over the group's images of w. */
  canonical(w: Int32Array): void {
    const anyCut = this.fixedLanes(w);
    const G = this.group.length;
    for (let g = 0; g < G; g++) this.movA[g] = this.lane(w, g, anyCut, true);
    this.pick(w, anyCut, null);
  }

  /**
   * Remembers the moving part of every image of w (nodes, cuts, messages),
   * so that successors built from w by System.each can be canonicalised by
   * what they changed: call before each(w), then successor() in the visitor.
   */
  prepare(w: Int32Array): void {
    const G = this.group.length;
    this.parentValid = !this.fifo;
    if (!this.parentValid) return;
    const anyCut = this.fixedLanes(w);
    for (let g = 0; g < G; g++) this.parentA[g] = this.lane(w, g, anyCut, true);
    // Lane B of the parent's images is needed only for the few images that win on lane A: computed on demand.
    this.parent = w;
    this.parentCut = anyCut;
    this.parentB.fill(0);
    this.parentBKnown.fill(0);
  }

  /** canonical(sys.buf) for the successor each() just built from the prepared world. */
  successor(w: Int32Array): void {
    const sys = this.sys;
    const i = sys.dNode;
    if (!this.parentValid || i < 0) {
      this.canonical(w);
      return;
    }
    const anyCut = this.fixedLanes(w);
    const G = this.group.length;
    const nodeChanged = sys.dOldStatus !== sys.dNewStatus || sys.dOldVal !== sys.dNewVal;
    for (let g = 0; g < G; g++) this.movA[g] = this.delta(g, i, nodeChanged, true, this.parentA[g]);
    this.pick(w, anyCut, this.parentB);
  }

  /** Lane A sums are in movA: choose the least, then lane B among the images that tie on it. */
  private pick(w: Int32Array, anyCut: boolean, parentB: Int32Array | null): void {
    const G = this.group.length;
    const his = this.his;
    let bestHi = 0;
    for (let g = 0; g < G; g++) {
      const hi = fmix32((this.movA[g] + this.fixedA) | 0) | 0;
      his[g] = hi;
      if (g === 0 || hi < bestHi) bestHi = hi;
    }
    let bestLo = 0;
    let first = true;
    const i = this.sys.dNode;
    const nodeChanged = this.sys.dOldStatus !== this.sys.dNewStatus || this.sys.dOldVal !== this.sys.dNewVal;
    for (let g = 0; g < G; g++) {
      if (his[g] !== bestHi) continue;
      let moving: number;
      if (parentB === null) moving = this.lane(w, g, anyCut, false);
      else {
        if (this.parentBKnown[g] === 0) {
          parentB[g] = this.lane(this.parent, g, this.parentCut, false);
          this.parentBKnown[g] = 1;
        }
        moving = this.delta(g, i, nodeChanged, false, parentB[g]);
      }
      const lo = finalB((moving + this.fixedB) | 0);
      if (first || lo < bestLo) bestLo = lo;
      first = false;
    }
    // The least of many fingerprints is small: re-mix (bijectively) so the visited table's slots stay uniform.
    this.hi = fmix32(bestHi ^ 0x6a09e667) | 0;
    this.lo = finalB((bestLo + bestHi) | 0);
  }

  /** Hash of node i's slot block, holding (status, val, offset), in image g; memoised per image. */
  private nodeHash(g: number, i: number, status: number, val: number, offset: number, laneA: boolean): number {
    const key = ((val * this.sys.n + i) * 2 + status) * this.offsets + offset + this.skew;
    const known = this.nodeKnown[g];
    if (key < known.length && known[key] === 1) return laneA ? this.nodeA[g][key] : this.nodeB[g][key];
    return this.nodeHashMiss(g, i, status, val, offset, laneA, key);
  }

  private nodeHashMiss(g: number, i: number, status: number, val: number, offset: number, laneA: boolean, key: number): number {
    const sys = this.sys;
    const o = sys.nodeBase + 3 * this.group[g].node[i];
    const stateVal = status === DOWN ? sys.recoveredVal(i, val) : val;
    const vmap = this.valMaps[g];
    let pv = stateVal < vmap.length ? vmap[stateVal] : -1;
    if (pv < 0) pv = this.permutedVal(g, stateVal);
    const a = (slotHashA(o, status) + slotHashA(o + 1, sys.values.hashA[pv]) + slotHashA(o + 2, offset)) | 0;
    const b = (slotHashB(o, status) + slotHashB(o + 1, sys.values.hashB[pv]) + slotHashB(o + 2, offset)) | 0;
    if (this.memoBytes < NODE_MEMO_BUDGET) {
      let known = this.nodeKnown[g];
      if (key >= known.length) {
        let len = Math.max(256, known.length);
        while (len <= key) len *= 2;
        this.memoBytes += (len - known.length) * 9;
        const k2 = new Uint8Array(len);
        k2.set(known);
        const a2 = new Int32Array(len);
        a2.set(this.nodeA[g]);
        const b2 = new Int32Array(len);
        b2.set(this.nodeB[g]);
        this.nodeKnown[g] = known = k2;
        this.nodeA[g] = a2;
        this.nodeB[g] = b2;
      }
      known[key] = 1;
      this.nodeA[g][key] = a;
      this.nodeB[g][key] = b;
    }
    return laneA ? a : b;
  }

  /** The moving part of image g of the last successor, from the parent's. */
  private delta(g: number, i: number, nodeChanged: boolean, laneA: boolean, parent: number): number {
    const sys = this.sys;
    let h = parent;
    if (nodeChanged) {
      const offset = sys.buf[sys.nodeBase + 3 * i + 2];
      h = (h - this.nodeHash(g, i, sys.dOldStatus, sys.dOldVal, offset, laneA) + this.nodeHash(g, i, sys.dNewStatus, sys.dNewVal, offset, laneA)) | 0;
    }
    const sm = laneA ? sys.messages.hashA : sys.messages.hashB;
    const mmap = this.msgMaps[g];
    const removed = sys.dRemoved;
    for (let k = 0; k < sys.dRemovedCount; k++) {
      const id = removed[k];
      let pm = id < mmap.length ? mmap[id] : -1;
      if (pm < 0) pm = this.permutedMsg(g, id);
      h = (h - sm[pm]) | 0;
    }
    const added = sys.adds;
    for (let k = 0; k < sys.dAddedCount; k++) {
      const id = added[k];
      const map = this.msgMaps[g];
      let pm = id < map.length ? map[id] : -1;
      if (pm < 0) pm = this.permutedMsg(g, id);
      h = (h + sm[pm]) | 0;
    }
    return h;
  }

  /** The moving part (nodes, cut words when any link is cut, messages) of one lane of image g of w. */
  private lane(w: Int32Array, g: number, anyCut: boolean, laneA: boolean): number {
    const sys = this.sys;
    const n = sys.n;
    const nb = sys.nodeBase;
    const netBase = sys.netBase;
    const K = w[netBase];
    const node = this.group[g].node;
    let h = 0;
    for (let i = 0; i < n; i++) h = (h + this.nodeHash(g, i, w[nb + 3 * i], w[nb + 3 * i + 1], w[nb + 3 * i + 2], laneA)) | 0;
    if (anyCut) {
      const cuts = this.cuts;
      cuts.fill(0);
      for (let from = 0; from < n; from++) {
        for (let to = 0; to < n; to++) {
          if (from === to || !sys.isCut(w, from, to)) continue;
          const bit = node[from] * n + node[to];
          cuts[bit >>> 5] |= 1 << (bit & 31);
        }
      }
      for (let k = 0; k < cuts.length; k++) h = (h + (laneA ? slotHashA(sys.cutBase + k, cuts[k]) : slotHashB(sys.cutBase + k, cuts[k]))) | 0;
    }
    const sm = laneA ? sys.messages.hashA : sys.messages.hashB;
    if (this.fifo) {
      let prevChan = -1;
      let pos = 0;
      for (let k = 0; k < K; k++) {
        const id = w[netBase + 1 + k];
        const chan = sys.msgFrom[id] * n + sys.msgTo[id];
        pos = chan === prevChan ? pos + 1 : 0;
        prevChan = chan;
        const pm = this.permutedMsg(g, id);
        h = (h + (laneA ? fmix32(sm[pm] + Math.imul(pos + 1, 0x9e3779b1)) : fmix32(sm[pm] ^ Math.imul(pos + 1, 0x7feb352d)))) | 0;
      }
    } else {
      for (let k = 0; k < K; k++) {
        const id = w[netBase + 1 + k];
        const mmap = this.msgMaps[g];
        let pm = id < mmap.length ? mmap[id] : -1;
        if (pm < 0) pm = this.permutedMsg(g, id);
        h = (h + sm[pm]) | 0;
      }
    }
    return h;
  }
}
