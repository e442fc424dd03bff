import { describe, expect, it } from 'vitest';
import { describeField, describeMessage, describeState } from '../../../src/model/raft/describe.js';
import { cfg, log, st } from './helpers.js';

describe('describe', () => {
  it('messages read as RPCs', () => {
    expect(describeMessage({ t: 'RV', term: 2, lastIndex: 1, lastTerm: 1 })).toBe('RequestVote(t=2, last=(1,1))');
    expect(describeMessage({ t: 'AE', term: 2, prevIndex: 1, prevTerm: 1, entries: [[2, 'v1']], commit: 1 })).toBe('AppendEntries(t=2, prev=(1,1), [2:v1], c=1)');
    expect(describeMessage({ t: 'AER', term: 2, success: true, index: 2 })).toBe('AppendReply(t=2, ok=yes, i=2)');
    expect(describeMessage({ t: 'RVR', term: 3, granted: false })).toBe('Vote(t=3, refused)');
  });

  it('a state is one line', () => {
    const s = st({ role: 'leader', term: 2, votedFor: 's1', log: log([1, 'v1'], [2, 'v2']), commit: 1, next: [0, 3, 2], match: [0, 2, 0] });
    expect(describeState(cfg(), 's1', s)).toBe('leader t=2 log=[1:v1,2:v2] c=1 voted=s1 next=s2:3,s3:2 match=s2:2,s3:0');
    expect(describeState(cfg(), 's2', st())).toBe('follower t=0 log=[] c=0 voted=-');
  });

  it('fields for trace diffs use the same notation: sets as sets, per-peer arrays by peer', () => {
    const s = st({ role: 'leader', term: 2, votedFor: 's1', log: log([1, 'v1']), votes: ['s1', 's3'], next: [0, 3, 2], match: [0, 2, 0] });
    expect(describeField(cfg(), 's1', 'votes', s)).toBe('{s1,s3}');
    expect(describeField(cfg(), 's1', 'next', s)).toBe('s2:3,s3:2');
    expect(describeField(cfg(), 's1', 'match', s)).toBe('s2:2,s3:0');
    expect(describeField(cfg(), 's1', 'log', s)).toBe('[1:v1]');
    expect(describeField(cfg(), 's2', 'next', st())).toBe('-');
    expect(describeField(cfg(), 's2', 'votedFor', st())).toBe('-');
    expect(describeField(cfg(), 's2', 'term', st())).toBeUndefined();
  });
});
