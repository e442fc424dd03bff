import { describe, expect, it } from 'vitest';
import { onAccept, onPrepare, sameValue, withVote } from '../../../src/model/multipaxos/acceptor.js';
import { get1, put1, put2, server } from './helpers.js';

describe('acceptor', () => {
  it('promises a higher ballot once for every slot, reporting the vote held in each', () => {
    const s = server({ promised: 1, accepted: [[1, put1], null, [1, 'noop']] });
    const r = onPrepare(s, 2, 's2');
    expect(r.state).toEqual({ ...s, promised: 2 });
    expect(r.send).toEqual([{ to: 's2', msg: { t: '1b', b: 2, votes: s.accepted } }]);
  });

  it('ignores a prepare at or below its promise (it answered that ballot already)', () => {
    const s = server({ promised: 2 });
    expect(onPrepare(s, 2, 's2')).toEqual({ state: s, send: [] });
    expect(onPrepare(s, 1, 's1').state).toBe(s);
  });

  it('stops leading when it promises a higher ballot than the one it leads (preempted)', () => {
    const s = server({ promised: 1, ballot: 1, phase: 2, log: [put1], acks: [1] });
    expect(onPrepare(s, 2, 's2').state).toEqual({ ...s, promised: 2, phase: 0, log: [], acks: [] });
  });

  it('accepts a slot at or above its promise, growing the vote list, and acks to the leader', () => {
    const s = server({ promised: 2 });
    const r = onAccept(s, 2, 1, put1, 's2');
    expect(r.state).toEqual({ ...s, accepted: [null, [2, put1]] });
    expect(r.send).toEqual([{ to: 's2', msg: { t: '2b', b: 2, slot: 1 } }]);
    const higher = onAccept(s, 3, 0, put2, 's1');
    expect(higher.state).toEqual({ ...s, promised: 3, accepted: [[3, put2]] });
  });

  it('refuses a slot below its promise, and re-acks a vote it already holds without changing', () => {
    const s = server({ promised: 2, accepted: [[2, put1]] });
    expect(onAccept(s, 1, 0, put2, 's1')).toEqual({ state: s, send: [] });
    const again = onAccept(s, 2, 0, put1, 's2');
    expect(again.state).toBe(s);
    expect(again.send).toEqual([{ to: 's2', msg: { t: '2b', b: 2, slot: 0 } }]);
  });

  it('a vote replaces the one held in its slot only', () => {
    expect(withVote([[1, put1], [1, put2]], 0, 2, 'noop')).toEqual([[2, 'noop'], [1, put2]]);
  });

  it('tells requests apart by client and number, and no-ops from requests', () => {
    expect(sameValue(put1, { ...put1 })).toBe(true);
    expect(sameValue(put1, get1)).toBe(false);
    expect(sameValue(put1, put2)).toBe(false);
    expect(sameValue('noop', 'noop')).toBe(true);
    expect(sameValue('noop', put1)).toBe(false);
  });
});
