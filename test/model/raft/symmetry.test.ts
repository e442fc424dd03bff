import { describe, expect, it } from 'vitest';
import type { Permutation } from '../../../src/model/contract.js';
import { raftSymmetry } from '../../../src/model/raft/symmetry.js';
import { cfg, log, st } from './helpers.js';

// s1 -> s2 -> s3 -> s1, v1 <-> v2
const p: Permutation = {
  node: (id) => ({ s1: 's2', s2: 's3', s3: 's1' })[id] ?? id,
  value: (v) => ({ v1: 'v2', v2: 'v1' })[v] ?? v,
};

describe('symmetry', () => {
  it('renames votes, per-server slots and log values', () => {
    const s = st({ role: 'leader', term: 2, votedFor: 's1', log: log([1, 'v1']), next: [0, 2, 1], match: [0, 1, 0], leaderLog: log([1, 'v1']) });
    expect(raftSymmetry.permuteState(cfg({ values: 2 }), s, p)).toEqual({
      ...s,
      votedFor: 's2',
      log: [[1, 'v2']],
      leaderLog: [[1, 'v2']],
      next: [1, 0, 2],
      match: [0, 0, 1],
    });
  });

  it('sorts permuted vote sets and renames values in AppendEntries', () => {
    const s = st({ role: 'candidate', term: 1, votedFor: 's3', votes: ['s2', 's3'] });
    expect(raftSymmetry.permuteState(cfg(), s, p).votes).toEqual(['s1', 's3']);
    expect(raftSymmetry.permuteMessage(cfg(), { t: 'AE', term: 1, prevIndex: 0, prevTerm: 0, entries: [[1, 'v1']], commit: 0 }, p)).toMatchObject({ entries: [[1, 'v2']] });
  });
});
