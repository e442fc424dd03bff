import { describe, expect, it } from 'vitest';
import { WorldLayout } from '../../src/checker/world-layout.js';
import { canRunAhead, canTick, runAhead, tick } from '../../src/checker/clock-steps.js';
import { insertAt, removeAt, toggleCut } from '../../src/checker/network-edits.js';
import { finalB, slotHashA, slotHashB } from '../../src/checker/slot-hash.js';
import { MoveTable } from '../../src/checker/move-table.js';

describe('world layout', () => {
  it('places time, 3 slots per node, the history, 6 fault counters, cut words, then the network', () => {
    const l = new WorldLayout(3, false);
    expect([l.histSlot, l.countBase, l.cutBase, l.cutWords, l.netBase]).toEqual([-1, 10, 16, 1, 17]);
    const h = new WorldLayout(6, true);
    expect([h.histSlot, h.countBase, h.cutBase, h.cutWords, h.netBase]).toEqual([19, 20, 26, 2, 28]);
    expect([2, 5, 8, 19].every((k) => h.isValueSlot(k))).toBe(true);
    expect([0, 1, 3, 20, 28].some((k) => h.isValueSlot(k))).toBe(false);
  });

  it('reads nodes, clocks, cuts and messages', () => {
    const l = new WorldLayout(2, false);
    const w = new Int32Array(l.netBase + 3);
    w[0] = 4;
    w[l.nodeBase + 3] = 1;
    w[l.nodeBase + 4] = 9;
    w[l.nodeBase + 5] = -1;
    w[l.cutBase] = 1 << (1 * 2 + 0);
    w[l.netBase] = 2;
    w[l.netBase + 1] = 7;
    w[l.netBase + 2] = 8;
    expect([l.status(w, 1), l.valueOf(w, 1), l.clockOf(w, 1), l.clockOf(w, 0)]).toEqual([1, 9, 3, 4]);
    expect([l.isCut(w, 1, 0), l.isCut(w, 0, 1)]).toEqual([true, false]);
    expect([l.messageCount(w), l.message(w, 1), l.lengthOf(w)]).toEqual([2, 8, l.netBase + 3]);
  });
});

describe('clock steps', () => {
  const l = new WorldLayout(2, false);
  it('a tick drags clocks that would fall more than skew behind', () => {
    const w = new Int32Array(l.netBase + 1);
    w[l.nodeBase + 2] = -1;
    w[l.nodeBase + 5] = 1;
    expect(canTick(w, 1)).toBe(true);
    tick(w, l, 1);
    expect([w[0], w[l.nodeBase + 2], w[l.nodeBase + 5]]).toEqual([1, -1, 0]);
    expect(canTick(w, 1)).toBe(false);
  });
  it('a clock runs ahead by at most skew', () => {
    const w = new Int32Array(l.netBase + 1);
    expect(canRunAhead(w, l, 0, 1)).toBe(true);
    runAhead(w, l, 0);
    expect(canRunAhead(w, l, 0, 1)).toBe(false);
    expect(l.clockOf(w, 0)).toBe(1);
  });
  it('a clock that does not drift (time.nodes) never runs ahead, and a tick leaves it on global time', () => {
    const w = new Int32Array(l.netBase + 1);
    const drifts = [false, true];
    expect([canRunAhead(w, l, 0, 1, drifts), canRunAhead(w, l, 1, 1, drifts)]).toEqual([false, true]);
    tick(w, l, 1, drifts);
    expect([w[0], w[l.nodeBase + 2], w[l.nodeBase + 5]]).toEqual([1, 0, -1]);
  });
});

describe('network edits', () => {
  const l = new WorldLayout(2, false);
  const w = new Int32Array(l.netBase + 4);
  w[l.netBase] = 3;
  w.set([5, 6, 7], l.netBase + 1);
  it('removes and duplicates a message in place', () => {
    const buf = new Int32Array(64);
    const len = removeAt(l, w, 1, buf);
    expect(Array.from(buf.subarray(l.netBase, len))).toEqual([2, 5, 7]);
    const len2 = insertAt(l, w, 1, 6, buf);
    expect(Array.from(buf.subarray(l.netBase, len2))).toEqual([4, 5, 6, 6, 7]);
  });
  it('cuts and heals a link', () => {
    const buf = w.slice();
    toggleCut(l, buf, 0, 1);
    expect(l.isCut(buf, 0, 1)).toBe(true);
    toggleCut(l, buf, 0, 1);
    expect(l.isCut(buf, 0, 1)).toBe(false);
  });
});

describe('slot hashes', () => {
  it('depend on the position and the content, and the world sum is order-free', () => {
    expect(slotHashA(1, 5)).not.toBe(slotHashA(2, 5));
    expect(slotHashB(1, 5)).not.toBe(slotHashB(1, 6));
    const s1 = (slotHashA(1, 5) + slotHashA(2, 6)) | 0;
    const s2 = (slotHashA(2, 6) + slotHashA(1, 5)) | 0;
    expect(s1).toBe(s2);
    expect(finalB(1)).not.toBe(finalB(2));
  });
});

describe('move table', () => {
  it('keeps a delivery\'s outcomes at consecutive indexes, and a refusal as one placeholder', () => {
    const t = new MoveTable();
    const empty = new Int32Array(0);
    expect(t.get(1, 2, 0)).toBe(-1);
    const m = t.add(1, 2, 0, [{ val: 3, sends: empty, label: 'yes', event: -1 }, { val: 4, sends: empty, label: 'no', event: -1 }], empty);
    expect([t.get(1, 2, 0), t.count[m], t.val[m + 1], t.label[m + 1]]).toEqual([m, 2, 4, 'no']);
    const r = t.add(5, 2, 0, [], empty);
    expect([r, t.count[r], t.val[r]]).toEqual([2, 0, 5]);
  });
});
