import { describe, expect, it } from 'vitest';
import { onAppendEntries, clientSteps, quorumSteps, replicateSteps } from '../../../src/model/raft/replication.js';
import { onRequestVote, timeoutSteps } from '../../../src/model/raft/election.js';
import { raftObserve, raftRestarts, raftTimers } from '../../../src/model/raft/timers.js';
import { raft } from '../../../src/model/raft/protocol.js';
import { cfg, log, st } from './helpers.js';

const leader = st({ role: 'leader', term: 2, next: [0, 1, 1], match: [0, 0, 0] });

describe('Raft timers', () => {
  it('labels every local step with one of the declared timers', () => {
    const names = raftTimers.map((t) => t.name);
    const c = cfg({ maxLog: 2, checkQuorum: true });
    const steps = [...timeoutSteps(c, 's1', st({ term: 1 })), ...timeoutSteps(cfg({ preVote: true }), 's1', st({ term: 1 })), ...clientSteps(c, 's1', leader), ...replicateSteps(c, 's1', leader), ...quorumSteps(c, 's1', leader)];
    expect(steps.map((s) => s.timer)).toEqual(['election', 'election', 'client', 'heartbeat', 'quorum']);
    for (const s of steps) expect(names).toContain(s.timer);
    expect(raft.timers).toBe(raftTimers);
  });

  it('an AppendEntries from the leader of the current term restarts the election timer; a stale one does not', () => {
    const c = cfg();
    const f = st({ term: 2 });
    const ae = { t: 'AE', term: 2, prevIndex: 0, prevTerm: 0, entries: [], commit: 0 } as const;
    expect(raftRestarts(c, f, ae, onAppendEntries(c, f, ae, 's2').state)).toEqual(['election']);
    const old = { ...ae, term: 1 };
    expect(raftRestarts(c, f, old, onAppendEntries(c, f, old, 's2').state)).toEqual([]);
  });

  it('granting a vote restarts the election timer; refusing does not', () => {
    const c = cfg();
    const rv = { t: 'RV', term: 3, lastIndex: 0, lastTerm: 0 } as const;
    const f = st({ term: 2 });
    expect(raftRestarts(c, f, rv, onRequestVote(c, f, rv, 's2').state)).toEqual(['election']);
    const behind = st({ term: 2, log: log([2, 'v1']) });
    expect(raftRestarts(c, behind, rv, onRequestVote(c, behind, rv, 's2').state)).toEqual([]);
  });

  it('observes role, term, log length and what is committed of it', () => {
    expect(raftObserve(cfg(), { ...leader, log: log([2, 'v1'], [2, 'v1']), commit: 1 })).toEqual({ leader: true, term: 2, accepted: 2, committed: 1 });
    expect(raftObserve(cfg(), st({ term: 4 }))).toEqual({ leader: false, term: 4, accepted: 0, committed: 0 });
  });
});
