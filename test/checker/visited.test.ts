import { describe, expect, it } from 'vitest';
import { SharedTable } from '../../src/checker/parallel/shared-table.js';
import { ParentStore } from '../../src/checker/parents.js';
import { MessageFate } from '../../src/checker/message-fate.js';
import { TripleMap } from '../../src/checker/triple-map.js';
import { FingerprintSet, homeSlot } from '../../src/checker/visited.js';

/** Deterministic pseudo-random 32-bit values (xorshift), signed as the engine produces them. */
function randoms(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x | 0;
  };
}

describe('visited set', () => {
  it('answers membership exactly through many growths', () => {
    const set = new FingerprintSet(16);
    const next = randoms(7);
    const keys: [number, number][] = [];
    for (let k = 0; k < 50_000; k++) keys.push([next(), next()]);
    expect(keys.every(([hi, lo]) => set.add(hi, lo))).toBe(true);
    expect(keys.some(([hi, lo]) => set.add(hi, lo))).toBe(false);
    expect(set.size).toBe(keys.length);
    expect(keys.every(([hi, lo]) => set.has(hi, lo))).toBe(true);
    expect(set.has(12345, 67890)).toBe(false);
  });

  it('stores (0,0) too, and tells (0,0) from (0,1) only as far as 64 bits allow', () => {
    const set = new FingerprintSet();
    expect(set.add(0, 0)).toBe(true);
    expect(set.has(0, 0)).toBe(true);
    expect(set.add(0, 0)).toBe(false);
  });

  it('never spends more than 16 bytes a state once past its first table', () => {
    const set = new FingerprintSet(1 << 10);
    const next = randoms(3);
    let worst = 0;
    for (let k = 1; k <= 300_000; k++) {
      set.add(next(), next());
      if (k > 1 << 10) worst = Math.max(worst, set.bytes / set.size);
    }
    expect(worst).toBeLessThanOrEqual(16);
    expect(worst).toBeGreaterThan(15);
  });

  it('maps fingerprints uniformly onto any capacity', () => {
    const cap = 1000;
    const counts = new Array<number>(10).fill(0);
    const next = randoms(11);
    let outside = 0;
    for (let k = 0; k < 100_000; k++) {
      const i = homeSlot(next(), cap);
      if (i < 0 || i >= cap || !Number.isInteger(i)) outside++;
      else counts[Math.floor(i / 100)]++;
    }
    expect(outside).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
    expect(homeSlot(-1, cap)).toBe(cap - 1);
    expect(homeSlot(0, cap)).toBe(0);
  });
});

describe('shared visited table', () => {
  it('inserts once, finds, and keeps everything when grown', () => {
    let t = SharedTable.create(64);
    const next = randoms(5);
    const keys: [number, number][] = [];
    for (let k = 0; k < 40; k++) keys.push([next(), next()]);
    for (const [hi, lo] of keys) expect(t.insert(hi, lo)).toBe(true);
    for (const [hi, lo] of keys) expect(t.insert(hi, lo)).toBe(false);
    t = t.grownTo(200);
    expect(t.capacity).toBe(200);
    for (const [hi, lo] of keys) expect(t.has(hi, lo)).toBe(true);
    expect(t.has(1, 2)).toBe(false);
    // Zero words are stored as 1: (0, x) and (1, x) are the same fingerprint here, a 2^-32 loss.
    expect(t.insert(0, 9)).toBe(true);
    expect(t.insert(1, 9)).toBe(false);
  });
});

describe('parent links', () => {
  it('rebuild paths across chunks at 6 bytes a state', () => {
    const p = new ParentStore();
    p.add(0, 0);
    for (let k = 1; k < 200_000; k++) p.add(k - 1, k % 7);
    expect(p.size).toBe(200_000);
    expect(p.parentOf(150_000)).toBe(149_999);
    expect(p.ordinalOf(150_000)).toBe(150_000 % 7);
    const path = p.path(10);
    expect(path).toEqual([1, 2, 3, 4, 5, 6, 0, 1, 2, 3]);
    expect(p.bytes / p.size).toBeLessThan(6 * 1.4);
    expect(() => p.add(0, 70_000)).toThrow(RangeError);
  });
});

describe('memo tables', () => {
  it('TripleMap keeps every key apart through growth', () => {
    const m = new TripleMap(16);
    for (let a = 0; a < 60; a++) for (let b = -3; b < 30; b++) m.set(a, b, a % 5, a * 1000 + b);
    expect(m.size).toBe(60 * 33);
    for (let a = 0; a < 60; a++) for (let b = -3; b < 30; b++) expect(m.get(a, b, a % 5)).toBe(a * 1000 + b);
    expect(m.get(1, 1, 4)).toBe(-1);
  });

  it('MessageFate asks the model once per pair, rows or overflow, and keeps drops and replacements apart', () => {
    // Every third pair is dropped, every third + 1 replaced by message 1000 + msg, the rest kept.
    const truth = (val: number, msg: number) => ((val + msg) % 3 === 0 ? -1 : (val + msg) % 3 === 1 ? 1000 + msg : msg);
    for (const budget of [1 << 20, 0]) {
      let calls = 0;
      const memo = new MessageFate((val, msg) => {
        calls++;
        return truth(val, msg);
      }, budget);
      for (let round = 0; round < 2; round++) {
        for (let val = 0; val < 20; val++) for (let msg = 0; msg < 300; msg += 7) expect(memo.of(val, msg)).toBe(truth(val, msg));
      }
      expect(calls).toBe(20 * Math.ceil(300 / 7));
    }
  });
});
