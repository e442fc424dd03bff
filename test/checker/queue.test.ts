import { describe, expect, it } from 'vitest';
import { WorldQueue } from '../../src/checker/queue.js';

describe('world queue', () => {
  it('returns worlds first in, first out, with their state indexes', () => {
    const q = new WorldQueue();
    for (let k = 0; k < 1000; k++) q.push(k, Int32Array.from({ length: 1 + (k % 13) }, (_, j) => k * 100 + j));
    expect(q.length).toBe(1000);
    for (let k = 0; k < 1000; k++) {
      expect(q.shift()).toBe(k);
      expect(Array.from(q.world)).toEqual(Array.from({ length: 1 + (k % 13) }, (_, j) => k * 100 + j));
    }
    expect(q.shift()).toBe(-1);
    expect(q.length).toBe(0);
  });

  it('copies only the given prefix of a scratch buffer', () => {
    const q = new WorldQueue();
    const scratch = Int32Array.from([1, 2, 3, 4, 5, 6]);
    q.push(9, scratch, 3);
    scratch[0] = 99;
    expect(q.shift()).toBe(9);
    expect(Array.from(q.world)).toEqual([1, 2, 3]);
  });

  it('spans chunks and releases the ones read past', () => {
    const q = new WorldQueue();
    const big = new Int32Array(100_000);
    for (let k = 0; k < 60; k++) q.push(k, big.fill(k));
    const held = q.bytes;
    expect(held).toBeGreaterThanOrEqual(60 * 100_002 * 4);
    for (let k = 0; k < 59; k++) expect(q.shift()).toBe(k);
    expect(q.world[0]).toBe(58);
    expect(q.bytes).toBeLessThan(held / 2);
  });
});
