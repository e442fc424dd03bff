import { describe, expect, it } from 'vitest';
import type { NodeView, WorldView } from '../../../src/model/contract.js';
import { configurationsOverlap, usableConfigurations } from '../../../src/model/raft/overlap.js';
import { raftSymmetry } from '../../../src/model/raft/symmetry.js';
import type { Entry, Membership, RaftMessage, RaftState } from '../../../src/model/raft/types.js';
import { cfg, st } from './helpers.js';

const c = cfg({ servers: 5, members: 4, reconfig: 'single', candidates: 2 });
const added: Membership = [['s1', 's2', 's3', 's4', 's5']];
const removed: Membership = [['s1', 's2', 's3']];

function world(states: RaftState[]): WorldView<RaftState, RaftMessage> {
  const nodes: NodeView<RaftState>[] = states.map((state, index) => ({ id: `s${index + 1}`, role: 'server', index, up: true, state, clock: 0 }));
  return { nodes, messages: [], time: 0 };
}

const addLog: readonly Entry[] = [[1, added]];
const removeLog: readonly Entry[] = [[2, removed]];

describe('configurationsOverlap', () => {
  it('the add-and-remove siblings of the 2015 bug: a leader with {s1,s2,s3} and a server that could win with all five', () => {
    const w = world([
      st({ term: 2, log: addLog }), // s1: follower, its log adds s5; s3, s4, s5 would vote for it
      st({ role: 'leader', term: 2, votedFor: 's2', log: removeLog, next: [1, 0, 1, 1, 1], match: [0, 0, 0, 0, 0], leaderLog: removeLog }),
      st({ term: 2, votedFor: 's2' }),
      st({ term: 2, votedFor: 's2' }),
      st({ term: 1, log: addLog }),
    ]);
    expect(usableConfigurations(c, w).map((u) => `${u.id} ${u.how}`)).toEqual(['s1 could win an election', 's2 leader in term 2']);
    const v = configurationsOverlap.check(c, w);
    expect(v?.message).toBe('s1 and s2 use configurations with disjoint quorums');
    expect(v?.witnesses).toEqual([
      's1 (could win an election) uses {s1,s2,s3,s4,s5}, with quorum {s1,s4,s5}',
      's2 (leader in term 2) uses {s1,s2,s3}, with quorum {s2,s3}',
    ]);
  });

  it('holds once the voters s1 needs hold an entry of term 2: they refuse its stale log', () => {
    const w = world([
      st({ term: 2, log: addLog }),
      st({ role: 'leader', term: 2, votedFor: 's2', log: removeLog, next: [1, 0, 1, 1, 1], match: [0, 0, 0, 0, 0], leaderLog: removeLog }),
      st({ term: 2, log: removeLog }),
      st({ term: 2, log: [[2, 'v1']] }),
      st({ term: 1, log: addLog }),
    ]);
    expect(usableConfigurations(c, w).map((u) => u.id)).toEqual(['s2']);
    expect(configurationsOverlap.check(c, w)).toBeNull();
  });

  it('a stale leader whose quorum has moved to a higher term cannot commit, so its configuration is not usable', () => {
    const staleLeader = st({ role: 'leader', term: 1, votedFor: 's1', log: addLog, next: [0, 2, 2, 2, 2], match: [0, 0, 0, 0, 0], leaderLog: addLog });
    const w = world([staleLeader, st({ term: 2, log: removeLog }), st({ term: 2, log: removeLog }), st({ term: 2, log: removeLog }), st({ term: 2, log: removeLog })]);
    expect(usableConfigurations(c, w).map((u) => u.id)).toEqual(['s2']);
    expect(configurationsOverlap.check(c, w)).toBeNull();
  });

  it('is trivially true without reconfiguration or when every server uses one configuration', () => {
    expect(configurationsOverlap.check(cfg(), world([st(), st(), st()]))).toBeNull();
    expect(configurationsOverlap.check(c, world([st(), st(), st(), st(), st()]))).toBeNull();
  });
});

describe('symmetry of configuration entries', () => {
  it('renames the servers of a configuration and keeps it sorted', () => {
    const p = { node: (id: string) => ({ s3: 's4', s4: 's3' })[id] ?? id, value: (v: string) => v };
    const s = st({ log: [[1, [['s1', 's2', 's3'], ['s1', 's2', 's4']]]] });
    expect(raftSymmetry.permuteState(c, s, p).log).toEqual([
      [
        1,
        [
          ['s1', 's2', 's4'],
          ['s1', 's2', 's3'],
        ],
      ],
    ]);
  });
});
