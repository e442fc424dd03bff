import { describe, expect, it } from 'vitest';
import { LocalMoves } from '../../src/checker/local-moves.js';

const none = new Int32Array(0);

describe('LocalMoves', () => {
  it('keeps each list flat and finds it again by (node, value, clock)', () => {
    const t = new LocalMoves();
    const sends = Int32Array.of(4, 5);
    const k = t.add(1, 7, 0, [
      { val: 8, sends: none, label: 'a', event: -1 },
      { val: 9, sends, label: 'b', event: 3 },
    ]);
    expect(t.get(1, 7, 0)).toBe(k);
    expect(t.get(1, 7, 1)).toBe(-1);
    expect(t.get(0, 7, 0)).toBe(-1);
    expect(t.count[k]).toBe(2);
    const f = t.start[k];
    expect([t.val[f], t.val[f + 1], t.event[f], t.event[f + 1]]).toEqual([8, 9, -1, 3]);
    expect(t.sends[f + 1]).toBe(sends);
    expect([t.label(k, 0), t.label(k, 1)]).toEqual(['a', 'b']);
    const e = t.add(0, 7, 0, []);
    expect(t.count[e]).toBe(0);
  });

  it('survives growth of its arrays, labels shared across lists', () => {
    const t = new LocalMoves();
    for (let v = 0; v < 5000; v++) t.add(0, v, 0, [{ val: v + 1, sends: none, label: `step ${v % 3}`, event: -1 }, { val: v, sends: none, label: 'stay', event: -1 }]);
    for (const v of [0, 1234, 4999]) {
      const k = t.get(0, v, 0);
      expect([t.val[t.start[k]], t.val[t.start[k] + 1], t.count[k]]).toEqual([v + 1, v, 2]);
      expect(t.label(k, 0)).toBe(`step ${v % 3}`);
    }
  });
});
