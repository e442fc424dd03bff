import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { diffLines, formatData, nodeChanges, statePatches } from '../../../src/checker/report/diff.js';
import type { NodeSnapshot } from '../../../src/checker/trace.js';
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

describe('nodeChanges', () => {
  const node = (state: Data, fields?: Record<string, string>): NodeSnapshot => ({ id: 'p1', role: 'proposer', up: true, state, summary: '', clock: 0, ...(fields === undefined ? {} : { fields }) });

  it('compares the fields a model describes as the model writes them, the rest as raw data', () => {
    const before = node({ ballot: 1, acks: 0, log: [[1, 'v1']] }, { acks: '{}' });
    const after = node({ ballot: 2, acks: 4, log: [[1, 'v1'], [2, 'v2']] }, { acks: '{a3}' });
    expect(nodeChanges(before, after)).toEqual(['ballot: 1 → 2', 'acks: {} → {a3}', 'log[1]: + [2,v2]']);
  });

  it('says nothing of a described field whose meaning did not change', () => {
    expect(nodeChanges(node({ acks: 4, b: 1 }, { acks: '{a3}' }), node({ acks: 4, b: 1 }, { acks: '{a3}' }))).toEqual([]);
  });

  it('falls back to the raw diff when the model describes no field', () => {
    expect(nodeChanges(node({ promised: 1 }), node({ promised: 2 }))).toEqual(['promised: 1 → 2']);
  });
});
