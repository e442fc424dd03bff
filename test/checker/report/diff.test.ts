import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { diffLines, formatData, statePatches } from '../../../src/checker/report/diff.js';
import type { Data } from '../../../src/model/contract.js';

const f = <T extends Data>(x: T): T => freeze(x, true);

describe('state diffs', () => {
  it('is empty when nothing changed', () => {
    expect(diffLines(f({ a: 1, b: [1, 2] }), f({ a: 1, b: [1, 2] }))).toEqual([]);
  });

  it('shows a changed field as old → new', () => {
    expect(diffLines(f({ promised: 1, accepted: null }), f({ promised: 2, accepted: [2, 'v2'] }))).toEqual(['promised: 1 → 2', 'accepted: - → [2,v2]']);
  });

  it('replaces flat arrays whole and walks into lists of records or tuples by index', () => {
    expect(diffLines(f({ votes: ['a'] }), f({ votes: ['a', 'b'] }))).toEqual(['votes: [a] → [a,b]']);
    const before = f({ log: [[1, 'v1'], [1, 'v2']] });
    expect(diffLines(before, f({ log: [[1, 'v1'], [2, 'v3'], [2, 'v4']] }))).toEqual(['log[1]: [1,v2] → [2,v3]', 'log[2]: + [2,v4]']);
    expect(diffLines(before, f({ log: [[1, 'v1']] }))).toEqual(['log[1]: − [1,v2]']);
  });

  it('shows added and removed fields, nested paths, and whole-value changes', () => {
    expect(diffLines(f({ a: { b: 1 } }), f({ a: { b: 2 }, c: true }))).toEqual(['a.b: 1 → 2', 'c: + true']);
    expect(diffLines(f({ a: 1, gone: 'x' }), f({ a: 1 }))).toEqual(['gone: − x']);
    expect(diffLines(3, 4)).toEqual(['state: 3 → 4']);
  });

  it('uses immer patches and leaves its inputs alone', () => {
    const before = f({ n: 1, xs: [{ k: 1 }] });
    const after = f({ n: 1, xs: [{ k: 2 }] });
    expect(statePatches(before, after)).toEqual([{ op: 'replace', path: ['xs', 0, 'k'], value: 2 }]);
    expect(before).toEqual({ n: 1, xs: [{ k: 1 }] });
  });

  it('formats values compactly and cuts long ones', () => {
    expect(formatData({ a: [1, null], b: 'x' })).toBe('{a:[1,-],b:x}');
    expect(formatData('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});
