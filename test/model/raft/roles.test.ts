import { describe, expect, it } from 'vitest';
import { raft } from '../../../src/model/raft/protocol.js';
import { asFollower, asLeader, observeTerm } from '../../../src/model/raft/roles.js';
import { cfg, log, st } from './helpers.js';

describe('role changes', () => {
  it('a higher term makes a leader a follower with no vote and no leader state', () => {
    const s = st({ role: 'leader', term: 2, votedFor: 's1', log: log([2, 'v1']), commit: 1, next: [0, 2, 2], match: [0, 1, 0], leaderLog: log([2, 'v1']) });
    const f = observeTerm(s, 3);
    expect(f).toMatchObject({ role: 'follower', term: 3, votedFor: null, next: [], match: [], leaderLog: [], commit: 1 });
    expect(f.log).toBe(s.log);
  });

  it('an equal or lower term changes nothing', () => {
    const s = st({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'] });
    expect(observeTerm(s, 2)).toBe(s);
    expect(observeTerm(s, 1)).toBe(s);
  });

  it('stepping down in the same term keeps the vote', () => {
    const s = st({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'] });
    expect(asFollower(s, 2)).toMatchObject({ role: 'follower', term: 2, votedFor: 's1', votes: [] });
  });

  it('a new leader sets nextIndex past its log and matchIndex 0, own slots 0', () => {
    const s = st({ role: 'candidate', term: 2, votedFor: 's2', votes: ['s2'], log: log([1, 'v1']) });
    const l = asLeader(cfg(), 's2', s);
    expect(l).toMatchObject({ role: 'leader', next: [2, 0, 2], match: [0, 0, 0], votes: [] });
    expect(l.leaderLog).toBe(s.log);
  });
});

describe('persistence (Figure 2, dissertation §3.8)', () => {
  const leader = st({
    role: 'leader',
    term: 3,
    votedFor: 's1',
    log: log([1, 'v1'], [3, 'v1']),
    commit: 2,
    next: [0, 3, 3],
    match: [0, 2, 1],
    leaderLog: log([1, 'v1'], [3, 'v1']),
  });

  it('a crash keeps currentTerm, votedFor and the log', () => {
    expect(raft.persisted(cfg(), leader)).toEqual({ term: 3, votedFor: 's1', log: leader.log });
  });

  it('recover resets everything volatile: a follower with commitIndex 0', () => {
    const c = cfg();
    const back = raft.recover(c, 's1', raft.persisted(c, leader));
    expect(back).toEqual({ ...raft.init(c, 's1'), term: 3, votedFor: 's1', log: leader.log });
  });

  it('with votedForNotPersisted the vote is lost on restart', () => {
    const c = cfg({}, ['votedForNotPersisted']);
    const back = raft.recover(c, 's1', raft.persisted(c, leader));
    expect(back.votedFor).toBeNull();
    expect(back.term).toBe(3);
  });
});
