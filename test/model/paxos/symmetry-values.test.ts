import { describe, expect, it } from 'vitest';
import { paxos } from '../../../src/model/paxos/protocol.js';
import { paxosSymmetry } from '../../../src/model/paxos/symmetry.js';

const cfg = (proposers: number, values: number) => paxos.configure({ acceptors: 3, proposers, values, maxRound: 1 }, []);

describe('Paxos value symmetry', () => {
  it('is declared only when every proposer may propose every value', () => {
    // p1 proposes v1 and p2 proposes v2: swapping the values alone is not a symmetry.
    expect(paxosSymmetry.values(cfg(2, 2))).toEqual([]);
    // One proposer with both values: they are interchangeable.
    expect(paxosSymmetry.values(cfg(1, 2))).toEqual(['v1', 'v2']);
    // Two proposers sharing one value: a single value, nothing to swap but harmless.
    expect(paxosSymmetry.values(cfg(2, 1))).toEqual(['v1']);
  });
});
