import { describe, expect, it } from 'vitest';
import { GraphTooBig, counterexamplePath, exploreGraph, stateGraphDot } from '../../../src/checker/report/graph.js';
import { systemFor } from '../../../src/checker/run.js';
import { counter, pingPong, toySpec } from '../toys.js';

describe('state graph', () => {
  // Counts 0..4 by +1/+2; 3 is bad and, like in the checker, not expanded.
  const spec = toySpec(counter(4, 3));
  const g = exploreGraph(systemFor(spec), spec.invariants);

  it('keeps every state and every edge, labelled by step', () => {
    expect(g.states.map((s) => s.world.nodes[0].summary)).toEqual(['0', '1', '2', '3', '4']);
    const e = g.edges.map((x) => `${g.states[x.from].world.nodes[0].summary}-${x.label}->${g.states[x.to].world.nodes[0].summary}`);
    expect(e.sort()).toEqual(['0-c +1->1', '0-c +2->2', '1-c +1->2', '1-c +2->3', '2-c +1->3', '2-c +2->4'].sort());
    expect(g.states.filter((s) => s.broken !== null).map((s) => s.world.nodes[0].summary)).toEqual(['3']);
  });

  it('finds the shortest path to the first violating state', () => {
    const p = counterexamplePath(g);
    expect([...p.states].map((s) => g.states[s].world.nodes[0].summary).sort()).toEqual(['0', '1', '3']);
    expect(p.edges.size).toBe(2);
  });

  it('draws states with their summaries, violating states and the path in red', () => {
    const dot = stateGraphDot(g, { title: 'toy', usesTime: false });
    expect([...dot.matchAll(/^\s*s\d+ \[/gm)]).toHaveLength(5);
    expect([...dot.matchAll(/^\s*s\d+ -> s\d+ /gm)]).toHaveLength(6);
    expect(dot).toMatch(/s3 \[label=<.*VIOLATES neverBad.*fillcolor="#fde0dc"/);
    expect(dot).toMatch(/s1 -> s3 \[label="c \+2" color="#c62828"/);
    expect(dot).toMatch(/s1 -> s2 \[label="c \+1"\]/);
  });

  it('leaves out self-loops (redeliveries) and counts them', () => {
    const ping = toySpec(pingPong);
    const pg = exploreGraph(systemFor(ping), ping.invariants);
    expect(pg.edges.every((e) => e.from !== e.to)).toBe(true);
    expect(pg.selfLoops).toBeGreaterThan(0);
    expect(stateGraphDot(pg, { title: 'ping', usesTime: false })).toContain('self-loops not drawn');
  });

  it('stops with a clear error past the cap, and at the depth bound', () => {
    const big = toySpec(counter(100, -1));
    expect(() => exploreGraph(systemFor(big), big.invariants, { maxStates: 10 })).toThrow(GraphTooBig);
    expect(() => exploreGraph(systemFor(big), big.invariants, { maxStates: 10 })).toThrow('more than 10 states');
    const cut = exploreGraph(systemFor(big), big.invariants, { maxStates: 10, maxDepth: 2 });
    expect(cut.states.map((s) => s.world.nodes[0].summary)).toEqual(['0', '1', '2', '3', '4']);
    expect(cut.truncated).toBe(true);
  });
});
