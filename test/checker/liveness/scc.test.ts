import { describe, expect, it } from 'vitest';
import { components } from '../../../src/checker/liveness/scc.js';

function graph(edges: Record<number, number[]>, size: number, member: (i: number) => boolean = () => true) {
  return { size, member, successors: (i: number, f: (j: number) => void) => (edges[i] ?? []).forEach(f) };
}

const sorted = (xs: readonly (readonly number[])[]): number[][] => xs.map((c) => [...c].sort((a, b) => a - b));

describe('strongly connected components', () => {
  it('finds cycles and singletons, sinks first', () => {
    // 0 → 1 ⇄ 2 → 3 ⇄ 4, 5 alone
    const c = components(graph({ 0: [1], 1: [2], 2: [1, 3], 3: [4], 4: [3] }, 6));
    expect(sorted(c.members)).toEqual([[3, 4], [1, 2], [0], [5]]);
    expect(c.component[1]).toBe(c.component[2]);
    expect(c.component[0]).not.toBe(c.component[1]);
  });

  it('ignores non-members and edges to them (and EXIT, -1)', () => {
    const c = components(graph({ 0: [1, -1], 1: [2], 2: [0] }, 3, (i) => i !== 2));
    expect(sorted(c.members)).toEqual([[1], [0]]);
    expect(c.component[2]).toBe(-1);
  });

  it('survives a path of 200,000 nodes without a deep stack', () => {
    const n = 200_000;
    const c = components({ size: n, member: () => true, successors: (i, f) => (i + 1 < n ? f(i + 1) : f(0)) });
    expect(c.members).toHaveLength(1);
    expect(c.members[0]).toHaveLength(n);
  });
});
