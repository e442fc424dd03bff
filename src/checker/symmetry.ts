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
 * to a node that may not have it) times all permutations of the values.
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
    const key = `${d.role}/${sys.isFaultable(i)}`;
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

  constructor(private readonly sys: System) {
    const sym = sys.protocol.symmetry;
    if (sym === undefined) throw new SystemError(`${sys.protocol.name} declares no symmetry`);
    this.sym = sym;
    this.group = symmetryGroup(sys, sym);
    this.valMaps = this.group.map(() => new Int32Array(0));
    this.msgMaps = this.group.map(() => new Int32Array(0));
    this.cuts = new Int32Array(sys.cutWords);
    this.his = new Int32Array(this.group.length);
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

  /** Sets hi/lo to the least fingerprint over the group's images of w. */
  canonical(w: Int32Array): void {
    const sys = this.sys;
    const cb = sys.countBase;
    const netBase = sys.netBase;
    const K = w[netBase];
    // Time, fault counts and message count do not move.
    let fixedA = (slotHashA(0, w[0]) + slotHashA(netBase, K)) | 0;
    let fixedB = (slotHashB(0, w[0]) + slotHashB(netBase, K)) | 0;
    for (let k = cb; k < sys.cutBase; k++) {
      fixedA = (fixedA + slotHashA(k, w[k])) | 0;
      fixedB = (fixedB + slotHashB(k, w[k])) | 0;
    }
    let anyCut = false;
    for (let k = 0; k < sys.cutWords; k++) if (w[sys.cutBase + k] !== 0) anyCut = true;
    if (!anyCut) {
      for (let k = 0; k < sys.cutWords; k++) {
        fixedA = (fixedA + slotHashA(sys.cutBase + k, 0)) | 0;
        fixedB = (fixedB + slotHashB(sys.cutBase + k, 0)) | 0;
      }
    }
    // Lane A of every image; lane B only of the images with the least lane A
    // (those are the world's stabiliser, bar a 2^-32 coincidence).
    const his = this.his;
    let bestHi = 0;
    for (let g = 0; g < this.group.length; g++) {
      const hi = fmix32(this.lane(w, g, fixedA, anyCut, true)) | 0;
      his[g] = hi;
      if (g === 0 || hi < bestHi) bestHi = hi;
    }
    let bestLo = 0;
    let first = true;
    for (let g = 0; g < this.group.length; g++) {
      if (his[g] !== bestHi) continue;
      const lo = finalB(this.lane(w, g, fixedB, anyCut, false));
      if (first || lo < bestLo) bestLo = lo;
      first = false;
    }
    // The least of many fingerprints is small: re-mix (bijectively) so the visited table's slots stay uniform.
    this.hi = fmix32(bestHi ^ 0x6a09e667) | 0;
    this.lo = finalB((bestLo + bestHi) | 0);
  }

  /** One lane (A or B) of the sum-of-slots hash of image g of w, given the slots that do not move. */
  private lane(w: Int32Array, g: number, fixed: number, anyCut: boolean, laneA: boolean): number {
    const sys = this.sys;
    const n = sys.n;
    const nb = sys.nodeBase;
    const netBase = sys.netBase;
    const K = w[netBase];
    const node = this.group[g].node;
    const sv = laneA ? sys.values.hashA : sys.values.hashB;
    const sm = laneA ? sys.messages.hashA : sys.messages.hashB;
    let h = fixed;
    for (let i = 0; i < n; i++) {
      const o = nb + 3 * node[i];
      const status = w[nb + 3 * i];
      let val = w[nb + 3 * i + 1];
      if (status === DOWN) val = sys.recoveredVal(i, val);
      const vmap = this.valMaps[g];
      let pv = val < vmap.length ? vmap[val] : -1;
      if (pv < 0) pv = this.permutedVal(g, val);
      const offset = w[nb + 3 * i + 2];
      h = laneA
        ? (h + slotHashA(o, status) + slotHashA(o + 1, sv[pv]) + slotHashA(o + 2, offset)) | 0
        : (h + slotHashB(o, status) + slotHashB(o + 1, sv[pv]) + slotHashB(o + 2, offset)) | 0;
    }
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
    const mmap = this.msgMaps[g];
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
        let pm = id < mmap.length ? mmap[id] : -1;
        if (pm < 0) pm = this.permutedMsg(g, id);
        h = (h + sm[pm]) | 0;
      }
    }
    return h;
  }
}
