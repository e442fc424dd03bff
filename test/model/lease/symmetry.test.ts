import { describe, expect, it } from 'vitest';
import type { Permutation } from '../../../src/model/contract.js';
import { leaseSymmetry } from '../../../src/model/lease/symmetry.js';
import { cfg, st } from './helpers.js';

const swap: Permutation = {
  node: (id) => (id === 'n1' ? 'n2' : id === 'n2' ? 'n1' : id),
  value: (v) => v,
};

describe('symmetry', () => {
  it('candidates and pure granters are the permutable roles', () => {
    expect(leaseSymmetry.roles).toEqual(['candidate', 'granter']);
    expect(leaseSymmetry.values(cfg())).toEqual([]);
  });

  it('renaming n1 and n2 renames grants, grantee and granted rounds', () => {
    const s = st({ round: 1, sentAt: 0, grants: 0b101, grantee: 'n1', until: 7, granted: [1, 2] });
    expect(leaseSymmetry.permuteState(cfg(), s, swap)).toEqual({ ...s, grants: 0b110, grantee: 'n2', granted: [2, 1] });
  });

  it('messages carry no node ids', () => {
    const m = { t: 'req', r: 1 } as const;
    expect(leaseSymmetry.permuteMessage(cfg(), m, swap)).toBe(m);
  });
});
