import { describe, expect, it } from 'vitest';
import type { Permutation } from '../../../src/model/contract.js';
import { lockSymmetry } from '../../../src/model/lock-service/symmetry.js';
import { cfg, client, inst } from './helpers.js';

/** Swaps c1 and c2 and, with 5 instances, the replicas i3 and i4. */
const swap: Permutation = {
  node: (id) => ({ c1: 'c2', c2: 'c1', i3: 'i4', i4: 'i3' })[id] ?? id,
  value: (v) => v,
};

describe('lock-service symmetry', () => {
  it('permutes clients and replicas, never serving instances', () => {
    expect(lockSymmetry.roles).toEqual(['client', 'replica']);
    expect(lockSymmetry.values(cfg())).toEqual([]);
  });

  it('renames holders in votes, the request in progress and the masks of replicas', () => {
    const c = cfg({ instances: 5 });
    const s = inst({ accepted: [1, 'c1'], op: { kind: 'acquire', client: 'c2', n: 1 }, promises: 0b00101, best: [1, null], acks: 0b01001 });
    expect(lockSymmetry.permuteState(c, s, swap)).toEqual({ ...s, accepted: [1, 'c2'], op: { kind: 'acquire', client: 'c1', n: 1 }, promises: 0b01001, acks: 0b00101 });
  });

  it('renames writers at the storage and holders in messages; clients\' own state names no one', () => {
    const c = cfg();
    expect(lockSymmetry.permuteState(c, { role: 'storage', writes: [['c1', 1], ['c2', 2]] }, swap)).toEqual({ role: 'storage', writes: [['c2', 1], ['c1', 2]] });
    const k = client({ n: 1, phase: 'holding', token: 1 });
    expect(lockSymmetry.permuteState(c, k, swap)).toBe(k);
    expect(lockSymmetry.permuteMessage(c, { t: '1b', b: 2, acc: [1, 'c1'], lapsed: false }, swap)).toEqual({ t: '1b', b: 2, acc: [1, 'c2'], lapsed: false });
    expect(lockSymmetry.permuteMessage(c, { t: '2a', b: 2, holder: 'c2' }, swap)).toEqual({ t: '2a', b: 2, holder: 'c1' });
    const free = { t: '2a', b: 2, holder: null } as const;
    expect(lockSymmetry.permuteMessage(c, free, swap)).toBe(free);
  });
});
