import { describe, expect, it } from 'vitest';
import { exploreGraph, stateGraphDot } from '../../../src/checker/report/graph.js';
import { graphValence } from '../../../src/checker/report/graph-valence.js';
import { System } from '../../../src/checker/system.js';
import { validateSpec } from '../../../src/checker/spec.js';
import { findProtocol } from '../../../src/model/registry.js';

// One acceptor, two proposers with inputs v1 and v2, one round each: small enough to reason about.
const spec = validateSpec(
  'tiny.json',
  { protocol: 'paxos', params: { acceptors: 1, proposers: 2, values: 2, maxRound: 1 }, network: 'multiset', expect: 'pass' },
  findProtocol,
);
const graph = exploreGraph(new System(spec.protocol, spec.config, spec.settings), spec.invariants);
const valence = graphValence(graph, spec.protocol, spec.config);

describe('state graph coloured by valence', () => {
  it('the initial state is bivalent: either proposer may still win', () => {
    expect(valence?.[0]).toEqual({ values: ['v1', 'v2'], name: 'bivalent {v1, v2}' });
  });

  it('a state where a value was learned is univalent, and so is everything after it', () => {
    const decided = graph.states.filter((s) => s.world.nodes.some((n) => n.id === 'p1' && (n.state as { decided: string[] }).decided.length > 0));
    expect(decided.length).toBeGreaterThan(0);
    for (const s of decided) expect(valence?.[s.id].name).toBe('v1-valent');
    for (const e of graph.edges) {
      const from = valence?.[e.from].values ?? [];
      for (const v of valence?.[e.to].values ?? []) expect(from).toContain(v);
    }
  });

  it('once the only acceptor has accepted v1 at ballot 1 and p2 cannot win, the state is v1-valent', () => {
    const s = graph.states.find((x) =>
      x.world.nodes.some((n) => n.id === 'a1' && JSON.stringify((n.state as { accepted: unknown }).accepted) === '[1,"v1"]'),
    );
    expect(s).toBeDefined();
    expect(valence?.[s?.id ?? 0].name).toBe('v1-valent');
  });

  it('the DOT fills states by valence and says so in a legend', () => {
    const dot = stateGraphDot(graph, { title: 't', usesTime: false, ...(valence === undefined ? {} : { valence }) });
    expect(dot).toContain('fill by valence (FLP)');
    expect(dot).toMatch(/#0 +bivalent \{v1, v2\}/);
    expect(dot).toContain('#ffe0b2');
  });
});
