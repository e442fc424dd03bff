import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/checker/canonical.js';
import { onCopies, thaw } from '../../src/checker/thaw.js';

describe('thaw', () => {
  it('copies every array and the objects on the way to one, and shares the rest', () => {
    const leaf = { type: '1a', bal: 0 };
    const v = { maxBal: [-1, 2], msgs: [leaf], meta: { n: 1 }, deep: { list: [[1]] } };
    deepFreeze(v);
    const c = thaw(v);
    expect(c).toEqual(v);
    expect(c).not.toBe(v);
    expect(c.msgs).not.toBe(v.msgs);
    expect(c.msgs[0]).toBe(leaf);
    expect(c.meta).toBe(v.meta);
    expect(c.deep.list[0]).not.toBe(v.deep.list[0]);
    expect(Object.isFrozen(c.msgs) || Object.isFrozen(c)).toBe(false);
    const plain = { a: 1, b: { c: 'x' } };
    deepFreeze(plain);
    expect(thaw(plain)).toBe(plain);
  });

  it('keeps a null prototype and non-enumerable properties', () => {
    const o = Object.assign(Object.create(null) as Record<string, unknown>, { xs: [1] });
    Object.defineProperty(o, 'hidden', { value: 7, enumerable: false });
    deepFreeze(o);
    const c = thaw(o);
    expect(Object.getPrototypeOf(c)).toBeNull();
    expect(c.hidden).toBe(7);
    expect(Object.keys(c)).toEqual(['xs']);
  });
});

describe('onCopies', () => {
  it('returns what the rule returned on the copies when it left them alone', () => {
    const v = { xs: [1, 2] };
    deepFreeze(v);
    const c = thaw(v);
    expect(onCopies([v], [c], (copies) => (copies ? c : v).xs.filter((x) => x > 1))).toEqual([2]);
  });

  it('runs a rule that changed a copy again on the frozen value, where its write throws', () => {
    const v = { xs: [1, 2] };
    deepFreeze(v);
    const c = thaw(v);
    expect(() => onCopies([v], [c], (copies) => (copies ? c : v).xs.push(3))).toThrow(TypeError);
    // A rule that does not repeat its write is still reported.
    let first = true;
    const c2 = thaw(v);
    const once = (copies: boolean): void => {
      if (first) (copies ? c2 : v).xs.length = 0;
      first = false;
    };
    expect(() => onCopies([v], [c2], once)).toThrow('mutates a value it was given');
  });
});
