import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/checker/bfs.js';
import { checkSpec } from '../../src/checker/run.js';
import { System } from '../../src/checker/system.js';
import { counter, epochs, pingPong, toySpec } from './toys.js';

const explore = (spec: ReturnType<typeof toySpec>) =>
  bfs(new System(spec.protocol, spec.config, spec.settings), spec.invariants, { limits: spec.limits });

describe('exhaustive BFS on tiny systems', () => {
  it('ping under set semantics: 4 states, 5 transitions', () => {
    // (unsent) -> (sent, {ping}) -> got=1 -> got=2, and at got=2 a redelivery loops: 4 transitions.
    const r = explore(toySpec(pingPong));
    expect(r.status).toBe('exhausted');
    expect(r.states).toBe(4);
    expect(r.transitions).toBe(4);
    expect(r.depth).toBe(3);
  });

  it('ping under multiset semantics: delivery consumes, 3 states, 2 transitions', () => {
    const r = explore(toySpec(pingPong, { network: 'multiset' }));
    expect(r.states).toBe(3);
    expect(r.transitions).toBe(2);
    expect(r.depth).toBe(2);
  });

  it('normalized old requests merge worlds: 32 states without, 30 with, 32 again where b may lose its disk', () => {
    // (sent set S of 1..e, b's highest f in {0} ∪ S) for e = 0..3: 1 + 3 + 8 + 20 = 32. With normalize the
    // requests below f become request 0; only at e = 3, f = 3 do different S meet: 20 -> 18 (see toys.ts).
    expect(explore(toySpec(epochs(3, false))).states).toBe(32);
    const r = explore(toySpec(epochs(3, true)));
    expect(r.status).toBe('exhausted');
    expect(r.states).toBe(30);
    // b forgetting its highest would make an old request new again: no normalizing for a node that may lose its disk.
    const amnesia = { faults: { amnesia: 1, crash: 1, nodes: ['b'] } };
    expect(explore(toySpec(epochs(3, true), amnesia)).states).toBe(explore(toySpec(epochs(3, false), amnesia)).states);
  });

  it('counter 0..6 by +1/+2: 7 states, 11 transitions', () => {
    // From k, +1 when k+1<=6 (6 times), +2 when k+2<=6 (5 times).
    const r = explore(toySpec(counter(6, -1)));
    expect(r.states).toBe(7);
    expect(r.transitions).toBe(11);
    expect(r.depth).toBe(3);
  });

  it('BFS finds a shortest counterexample', () => {
    // 5 is reached in 3 steps at the least (2+2+1 in some order), though DFS-like orders would take longer.
    const spec = toySpec(counter(9, 5));
    const r = checkSpec({ ...spec, expect: { kind: 'violates', property: 'neverBad' } });
    expect(r.verdict).toBe('violation');
    expect(r.asExpected).toBe(true);
    expect(r.traceLength).toBe(3);
    const labels = r.trace?.steps.map((s) => s.label) ?? [];
    expect(labels.filter((l) => l === 'c +2')).toHaveLength(2);
    expect(r.trace?.steps.at(-1)?.world.nodes[0].state).toBe(5);
  });

  it('stops at maxDepth and says whether the bound cut anything off', () => {
    const spec = toySpec(counter(6, -1));
    const cut = explore({ ...spec, limits: { ...spec.limits, maxDepth: 2 } });
    expect(cut.status).toBe('limit');
    expect(cut.limit).toBe('depth');
    const whole = explore({ ...spec, limits: { ...spec.limits, maxDepth: 3 } });
    expect(whole.status).toBe('exhausted');
    expect(whole.states).toBe(7);
  });

  it('reports incomplete when maxStates stops the search', () => {
    const spec = toySpec(counter(5000, -1));
    const r = checkSpec({ ...spec, limits: { ...spec.limits, maxStates: 1000 } });
    expect(r.verdict).toBe('incomplete');
    expect(r.limit).toBe('states');
  });
});
