import { describe, expect, it } from 'vitest';
import { NodeViewCache } from '../../src/checker/view-cache.js';

const view = (state: unknown) => ({ id: 'n', role: 'r', index: 0, up: true, state, clock: 0 });

describe('NodeViewCache', () => {
  it('returns a view only for its exact key, and forgets what a colliding key replaced', () => {
    const c = new NodeViewCache();
    const v = view(1);
    c.set(5, 2, 0, v);
    expect(c.get(5, 2, 0)).toBe(v);
    expect(c.get(5, 2, 1)).toBeUndefined();
    expect(c.get(6, 2, 0)).toBeUndefined();
    expect(c.get(0, 0, 0)).toBeUndefined();
    // Bounded: after many more keys than slots, the old key is either still there or gone, never another view.
    for (let a = 0; a < 100000; a++) c.set(a + 10, 2, 0, view(a));
    const again = c.get(5, 2, 0);
    expect(again === undefined || again === v).toBe(true);
    expect(c.get(99999 + 10, 2, 0)?.state).toBe(99999);
  });
});
