import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { lastTerm, mergeEntries, overwriteEntries, termAt, upToDate } from '../../../src/model/raft/log.js';
import type { Entry } from '../../../src/model/raft/types.js';

const L = (...e: Entry[]): readonly Entry[] => freeze(e, true);

describe('log arithmetic', () => {
  it('termAt: 0 for the empty prefix, -1 past the end', () => {
    const l = L([1, 'v1'], [2, 'v1']);
    expect(termAt(l, 0)).toBe(0);
    expect(termAt(l, 2)).toBe(2);
    expect(termAt(l, 3)).toBe(-1);
    expect(lastTerm(L())).toBe(0);
  });

  it('upToDate compares last terms first, then lengths (§5.4.1)', () => {
    const l = L([1, 'v1'], [2, 'v1']);
    expect(upToDate(l, 1, 3)).toBe(true); // higher last term wins even if shorter
    expect(upToDate(l, 5, 1)).toBe(false); // lower last term loses even if longer
    expect(upToDate(l, 2, 2)).toBe(true);
    expect(upToDate(l, 1, 2)).toBe(false);
  });
});

describe('mergeEntries (AppendEntries steps 3-4)', () => {
  it('appends past the end', () => {
    expect(mergeEntries(L([1, 'v1']), 1, L([1, 'v2']))).toEqual([
      [1, 'v1'],
      [1, 'v2'],
    ]);
  });

  it('keeps matching entries and what follows them: a stale request changes nothing', () => {
    const l = L([1, 'v1'], [1, 'v2'], [2, 'v1']);
    expect(mergeEntries(l, 0, L([1, 'v1']))).toBe(l);
  });

  it('truncates from the first conflicting term only', () => {
    const l = L([1, 'v1'], [1, 'v2'], [1, 'v3']);
    expect(mergeEntries(l, 0, L([1, 'v1'], [3, 'v1']))).toEqual([
      [1, 'v1'],
      [3, 'v1'],
    ]);
  });

  it('overwriteEntries (the bug) cuts whatever follows prevIndex', () => {
    const l = L([1, 'v1'], [1, 'v2']);
    expect(overwriteEntries(l, 0, L([1, 'v1']))).toEqual([[1, 'v1']]);
    expect(overwriteEntries(l, 1, L([1, 'v2']))).toBe(l);
  });
});
