import { describe, expect, it } from 'vitest';
import { Pool } from '../../src/checker/intern.js';
import { DataError, canonicalKey, hashString, sealData } from '../../src/checker/canonical.js';
import { laneA, laneB, sameData, structuralHash } from '../../src/checker/structural-hash.js';

const hash = (v: unknown, salt = ''): [number, number] => {
  structuralHash(v, salt);
  return [laneA, laneB];
};

describe('structural hashing', () => {
  it('is the hash of the canonical text, without the text', () => {
    const values: unknown[] = [
      null, true, false, 0, -0, 7, -42, 2147483647, -2147483648, 2147483648, 2 ** 53, 1e21, 1.5, -0.25, 1e-7,
      '', 'v1', 'a"b', 'back\\slash', 'tab\t', '\u0001', 'é', '😀', '\ud800',
      [], [1, [2, [3]]], [[{ a: [{ b: 1 }] }]], {}, { b: 1, a: 2, '10': 3, '9': 4, 'é': 5, A: 6 }, { type: '1b', acc: 'a1', bal: 2, mbal: -1, mval: null },
    ];
    for (const v of values) {
      for (const salt of ['', 'S', 'P']) expect(hash(v, salt)).toEqual(hashString(salt + canonicalKey(v)));
    }
  });

  it('hashes equal data alike however it was built (object keys in any order)', () => {
    expect(hash({ a: 1, b: [true, null, 'x'] })).toEqual(hash({ b: [true, null, 'x'], a: 1 }));
    expect(hash(Object.assign(Object.create(null) as object, { a: 1 }))).toEqual(hash({ a: 1 }));
    expect(hash(-0)).toEqual(hash(0));
  });

  it('tells apart what JSON tells apart', () => {
    const distinct = [1, '1', true, null, [1], { 0: 1 }, [1, 2], [2, 1], { a: 1 }, { a: 2 }, { b: 1 }, 1.5, 2 ** 40, [], {}, '', [[]], [{}]];
    const seen = new Set(distinct.map((v) => hash(v).join(',')));
    expect(seen.size).toBe(distinct.length);
    expect(hash(1, 'S')).not.toEqual(hash(1));
  });

  it('compares on content, and never equals something that is not data', () => {
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData({}, new Set())).toBe(false);
    expect(sameData({}, { [Symbol('s')]: 1 })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(sameData([1, null], [1, ,])).toBe(false);
  });
});

describe('Pool', () => {
  it('gives equal values one id and one hash, and keeps salts apart', () => {
    const p = new Pool<unknown>();
    const a = p.intern({ x: [1, 2], y: 'v1' }, 'S');
    expect(p.intern({ y: 'v1', x: [1, 2] }, 'S')).toBe(a);
    const b = p.intern({ x: [1, 2], y: 'v1' }, 'P');
    expect(b).not.toBe(a);
    expect(p.intern({ x: [1, 3], y: 'v1' }, 'S')).toBe(2);
    expect(p.size).toBe(3);
    expect([p.hashA[a], p.hashB[a]]).not.toEqual([p.hashA[b], p.hashB[b]]);
  });

  it('hashes by content, not by the order values arrive (workers must agree)', () => {
    const p = new Pool<unknown>();
    const q = new Pool<unknown>();
    const values = Array.from({ length: 3000 }, (_, i) => ({ n: i, msgs: [{ t: 'x', b: i % 7 }] }));
    const ids = values.map((v) => p.intern(v, 'S'));
    const back = [...values].reverse().map((v) => q.intern(structuredClone(v), 'S'));
    back.reverse();
    expect(ids.map((id) => p.hashA[id])).toEqual(back.map((id) => q.hashA[id]));
    expect(ids.map((id) => p.hashB[id])).toEqual(back.map((id) => q.hashB[id]));
    // After the table grew, every value is still found.
    expect(values.map((v) => p.intern(structuredClone(v), 'S'))).toEqual(ids);
  });

  it('tells apart values that share parts, and finds them again', () => {
    const p = new Pool<unknown>();
    const m1 = { type: '1a', bal: 0 };
    const s1 = { msgs: [m1] };
    const a = p.intern(s1);
    const b = p.intern({ msgs: [m1, { type: '1a', bal: 1 }] });
    expect(b).not.toBe(a);
    expect(p.intern({ msgs: [m1, { type: '1a', bal: 1 }] })).toBe(b);
    expect(p.intern({ msgs: [{ type: '1a', bal: 0 }] })).toBe(a);
  });

  it('freezes new values and names what is not data', () => {
    const p = new Pool<unknown>();
    const v = { a: [1] };
    p.intern(v);
    expect(Object.isFrozen(v.a)).toBe(true);
    expect(() => p.intern({ a: new Set([1]) })).toThrow(DataError);
    expect(() => p.intern({ a: new Set([1]) })).toThrow('a is a Set, not data');
    expect(() => p.intern({ a: undefined })).toThrow('a is undefined, not data');
    const cyc: { self?: unknown } = {};
    cyc.self = cyc;
    expect(() => p.intern(cyc)).toThrow('refers back to itself');
    p.intern({});
    expect(() => p.intern({ [Symbol('id')]: 1 })).toThrow('symbol key');
  });

  it('seals a new value in one walk: checked first, frozen all the way down, left unfrozen when it is not data', () => {
    const hidden = { shown: [1] };
    Object.defineProperty(hidden, 'h', { value: { y: 1 }, enumerable: false });
    const ok = { a: [{ b: 1 }], hidden };
    sealData(ok);
    expect([ok, ok.a, ok.a[0], hidden, hidden.shown, (hidden as unknown as { h: object }).h].every((o) => Object.isFrozen(o))).toBe(true);
    const bad = { first: { x: [1] }, s: new Set([1]) };
    expect(() => sealData(bad)).toThrow('s is a Set');
    expect(Object.isFrozen(bad)).toBe(false);
    const cyc: { self?: unknown; inner: number[] } = { inner: [1] };
    cyc.self = cyc;
    expect(() => sealData(cyc)).toThrow('refers back to itself');
    expect(Object.isFrozen(cyc)).toBe(false);
  });
});
