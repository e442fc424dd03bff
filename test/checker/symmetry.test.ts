import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/checker/bfs.js';
import { canonicalKey } from '../../src/checker/canonical.js';
import { checkSpec } from '../../src/checker/run.js';
import { validateSpec, type LoadedSpec } from '../../src/checker/spec.js';
import { symmetryGroup, SymmetryReducer } from '../../src/checker/symmetry.js';
import { DOWN, System } from '../../src/checker/system.js';
import type { Permutation, Protocol, Symmetry } from '../../src/model/contract.js';
import { findProtocol } from '../../src/model/registry.js';
import { toySpec } from './toys.js';

const sysOf = (spec: LoadedSpec) => new System(spec.protocol, spec.config, spec.settings);
const search = (spec: LoadedSpec, symmetry: boolean) => bfs(sysOf(spec), spec.invariants, { limits: spec.limits, symmetry });

/** Three interchangeable nodes, each may raise its flag once: 8 worlds, 4 up to renaming (how many flags are up). */
const flags: Protocol<null, number, never, number> = {
  name: 'flags',
  summary: 'three flags',
  params: [],
  bugs: [],
  usesTime: false,
  invariants: [],
  predicates: [],
  symmetry: { roles: ['node'], values: () => [], permuteState: (_c, s) => s, permuteMessage: (_c, m) => m } as Symmetry<null, number, never>,
  configure: () => null,
  nodes: () => ['n1', 'n2', 'n3'].map((id) => ({ id, role: 'node' })),
  init: () => 0,
  handle: (_c, _self, s) => ({ state: s, send: [] }),
  local: (_c, _self, s) => (s === 0 ? [{ label: 'raises', state: 1, send: [] }] : []),
  persisted: (_c, s) => s,
  recover: (_c, _self, p) => p,
  describeMessage: () => '',
  describeState: (_c, _self, s) => String(s),
};

/** Every world reachable without reduction (as packed arrays), by plain BFS over expand(). */
function reachable(sys: System): Int32Array[] {
  const seen = new Map<string, Int32Array>();
  const init = sys.initialWorld();
  let level = [init];
  seen.set(init.join(','), init);
  while (level.length > 0) {
    const next: Int32Array[] = [];
    for (const w of level) {
      sys.expand(w, (s) => {
        const k = s.join(',');
        if (seen.has(k)) return;
        seen.set(k, s);
        next.push(s);
      });
    }
    level = next;
  }
  return [...seen.values()];
}

function perms<T>(xs: readonly T[]): T[][] {
  return xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => perms(xs.filter((_, j) => j !== i)).map((rest) => [x, ...rest]));
}

/** The group written out afresh: renamings within a role (nodes in the fault budget among themselves), times value renamings. */
function bruteGroup(spec: LoadedSpec): { node: number[]; perm: Permutation }[] {
  const P = spec.protocol;
  const sym = P.symmetry as Symmetry<unknown, unknown, unknown>;
  const defs = P.nodes(spec.config);
  const inBudget = (id: string) => spec.settings.faults.nodes === undefined || spec.settings.faults.nodes.includes(id);
  const drifts = (id: string) => spec.settings.time?.nodes === undefined || spec.settings.time.nodes.includes(id);
  let maps: number[][] = [defs.map((_, i) => i)];
  for (const role of sym.roles) {
    for (const [budget, drift] of [[true, true], [true, false], [false, true], [false, false]]) {
      const members = defs.flatMap((d, i) => (d.role === role && inBudget(d.id) === budget && drifts(d.id) === drift ? [i] : []));
      maps = maps.flatMap((m) => perms(members).map((image) => m.map((x, i) => (members.includes(i) ? image[members.indexOf(i)] : x))));
    }
  }
  const values = sym.values(spec.config);
  const out: { node: number[]; perm: Permutation }[] = [];
  for (const m of maps) {
    for (const image of perms(values)) {
      out.push({
        node: m,
        perm: { node: (id) => defs[m[defs.findIndex((d) => d.id === id)]].id, value: (v) => image[values.indexOf(v)] ?? v },
      });
    }
  }
  return out;
}

/**
 * The orbit count by brute force: each world is decoded into plain data,
 * renamed by every permutation of the group (states and messages through the
 * model's permuteState/permuteMessage), and keyed by the least JSON text.
 * Shares nothing with the reducer.
 */
function orbits(spec: LoadedSpec): number {
  const sys = sysOf(spec);
  const P = spec.protocol;
  const sym = P.symmetry as Symmetry<unknown, unknown, unknown>;
  const group = bruteGroup(spec);
  const keys = new Set<string>();
  for (const w of reachable(sys)) {
    let best: string | null = null;
    for (const g of group) {
      const nodes = new Array<unknown>(sys.n);
      for (let i = 0; i < sys.n; i++) {
        const down = sys.status(w, i) === DOWN;
        const raw = sys.values.values[sys.valueOf(w, i)];
        const state = down ? P.recover(spec.config, sys.nodes[i].id, raw) : raw;
        nodes[g.node[i]] = [down, sym.permuteState(spec.config, state, g.perm), sys.clockOf(w, i) - w[0]];
      }
      const cuts: string[] = [];
      for (let a = 0; a < sys.n; a++) for (let b = 0; b < sys.n; b++) if (a !== b && sys.isCut(w, a, b)) cuts.push(`${g.node[a]}>${g.node[b]}`);
      const msgs: string[] = [];
      for (let k = 0; k < sys.messageCount(w); k++) {
        const env = sys.messages.values[sys.message(w, k)];
        msgs.push(canonicalKey({ from: g.perm.node(env.from), to: g.perm.node(env.to), msg: sym.permuteMessage(spec.config, env.msg, g.perm) }));
      }
      const used = [0, 1, 2, 3, 4, 5].map((f) => sys.used(w, f));
      const key = canonicalKey({ t: w[0], nodes, cuts: cuts.sort(), used, msgs: msgs.sort() });
      if (best === null || key < best) best = key;
    }
    keys.add(best as string);
  }
  return keys.size;
}

function paxosSpec(extra: Record<string, unknown>): LoadedSpec {
  return validateSpec(
    'spec/paxos/tiny.json',
    { protocol: 'paxos', params: { acceptors: 3, proposers: 1, values: 2, maxRound: 1 }, network: 'set', expect: 'pass', ...extra },
    findProtocol,
  );
}

describe('symmetry reduction', () => {
  it('counts one world per class: three interchangeable flags, 8 worlds, 4 classes', () => {
    const spec = toySpec(flags);
    expect(search(spec, false).states).toBe(8);
    const r = search(spec, true);
    expect(r.states).toBe(4);
    expect(r.symmetryGroup).toBe(6);
    expect(orbits(spec)).toBe(4);
  });

  it('a fault budget on some nodes only splits the group', () => {
    const spec = toySpec(flags, { faults: { crash: 1, nodes: ['n1'] } });
    expect(symmetryGroup(sysOf(spec), flags.symmetry as Symmetry<unknown, unknown, unknown>)).toHaveLength(2);
    expect(search(spec, true).states).toBe(orbits(spec));
  });

  it('clocks that drift and clocks that read global time (time.nodes) split the group too', () => {
    const spec = toySpec(flags, { time: { maxTime: 0, skew: 1, nodes: ['n1'] } });
    expect(symmetryGroup(sysOf(spec), flags.symmetry as Symmetry<unknown, unknown, unknown>)).toHaveLength(2);
    expect(search(spec, true).states).toBe(orbits(spec));
    // n1's flag and clock (2 × 2) times how many of n2, n3 are up (3).
    expect(orbits(spec)).toBe(12);
  });

  const cases: [string, Record<string, unknown>][] = [
    ['Paxos, set network', {}],
    ['Paxos, 2 proposers, multiset', { params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 }, network: 'multiset' }],
    ['Paxos, FIFO with a duplicate', { network: 'fifo', faults: { duplicate: 1 } }],
    ['Paxos, crash and restart of acceptors', { network: 'multiset', faults: { crash: 1, restart: 1, nodes: ['a1', 'a2', 'a3'] } }],
    ['Paxos, a cut link', { topology: { cut: [['a1', 'p1']] }, faults: { cuts: 1 } }],
  ];
  for (const [name, extra] of cases) {
    it(`equals the brute-force orbit count: ${name}`, () => {
      const spec = paxosSpec(extra);
      const full = search(spec, false);
      const reduced = search(spec, true);
      const expected = orbits(spec);
      expect(reduced.status).toBe('exhausted');
      expect(reduced.states).toBe(expected);
      expect(reduced.states).toBeLessThan(full.states);
    });
  }

  it('keeps verdicts and finds a counterexample no longer than without reduction', () => {
    const bug = { params: { acceptors: 3, proposers: 2, values: 2, maxRound: 2 }, bugs: ['ignorePromisedValues'], expect: { violates: 'agreement' } };
    const spec = paxosSpec(bug);
    const plain = checkSpec(spec);
    const reduced = checkSpec(spec, { symmetry: true });
    expect(plain.verdict).toBe('violation');
    expect(reduced.verdict).toBe('violation');
    expect(reduced.traceLength).toBe(plain.traceLength);
    // The trace replays the stored representatives exactly: it ends in a world that breaks agreement.
    expect(reduced.trace?.steps.at(-1)?.world).toBeDefined();
  });

  it('gives every renaming of a world the same canonical fingerprint', () => {
    const spec = paxosSpec({ params: { acceptors: 3, proposers: 1, values: 2, maxRound: 2 } });
    const sys = sysOf(spec);
    const red = new SymmetryReducer(sys);
    const worlds = reachable(sys);
    const classes = new Set<string>();
    for (const w of worlds) {
      red.canonical(w);
      classes.add(`${red.hi},${red.lo}`);
    }
    expect(worlds.length).toBeGreaterThan(classes.size);
    expect(classes.size).toBe(orbits(spec));
  });
});
