import { describe, expect, it } from 'vitest';
import { mergeVotes, recoveredLog } from '../../../src/model/multipaxos/recovery.js';
import { cfg, get1, put1, put2 } from './helpers.js';

describe('recovery', () => {
  it('keeps the highest-ballot vote of each slot across promises', () => {
    expect(mergeVotes([[1, put1], null], [[3, put2], [2, get1], [1, 'noop']])).toEqual([[3, put2], [2, get1], [1, 'noop']]);
    expect(mergeVotes([[3, put1]], [[2, put2]])).toEqual([[3, put1]]);
    const a = [[1, put1] as const];
    expect(mergeVotes(a, [])).toBe(a);
  });

  it('re-proposes the reported value of each slot up to the highest voted one, a no-op in each gap', () => {
    expect(recoveredLog(cfg(), [null, [1, put1], null, [2, put2], null])).toEqual(['noop', put1, 'noop', put2]);
    expect(recoveredLog(cfg(), [null, null])).toEqual([]);
  });

  it('bug skipLastVotedSlot: stops one short, so the last voted slot is free', () => {
    expect(recoveredLog(cfg(['skipLastVotedSlot']), [[1, put1], [1, put2]])).toEqual([put1]);
    expect(recoveredLog(cfg(['skipLastVotedSlot']), [[1, put1]])).toEqual([]);
  });

  it('bug gapFilledWithCommand: leaves gaps open', () => {
    expect(recoveredLog(cfg(['gapFilledWithCommand']), [null, [1, put1]])).toEqual([null, put1]);
  });
});
