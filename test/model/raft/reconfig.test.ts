import { describe, expect, it } from 'vitest';
import { adminSteps, changesIn, committedInTerm, finishJointSteps } from '../../../src/model/raft/reconfig.js';
import type { Entry, Membership, RaftState } from '../../../src/model/raft/types.js';
import { cfg, st } from './helpers.js';

const single = cfg({ servers: 4, members: 3, reconfig: 'single', maxChanges: 2 });
const joint = cfg({ servers: 4, members: 3, reconfig: 'joint', maxChanges: 1 });
const three: Membership = [['s1', 's2', 's3']];

/** s1 leads term 2 with one committed entry of its term. */
function leader(over: Partial<RaftState> = {}): RaftState {
  return st({ role: 'leader', term: 2, votedFor: 's1', log: [[2, 'v1']], commit: 1, next: [0, 2, 2, 2], match: [0, 1, 1, 0], leaderLog: [[2, 'v1']], ...over });
}

describe('administrator changes, single-server', () => {
  it('offer adding each server outside the configuration and removing each member, appended in the leader\'s term', () => {
    const steps = adminSteps(single, 's1', leader());
    expect(steps.map((s) => s.label)).toEqual([
      'adds s4: appends configuration {s1,s2,s3,s4} at index 2',
      'removes s1: appends configuration {s2,s3} at index 2',
      'removes s2: appends configuration {s1,s3} at index 2',
      'removes s3: appends configuration {s1,s2} at index 2',
    ]);
    expect(steps[0].state.log[1]).toEqual([2, [['s1', 's2', 's3', 's4']]]);
    expect(steps[0].state.leaderLog).toBe(steps[0].state.log);
    expect(steps[0].send).toEqual([]);
  });

  it('only the servers that may change are added or removed', () => {
    const c = cfg({ servers: 4, members: 3, reconfig: 'single', changing: 2 });
    expect(adminSteps(c, 's1', leader()).map((s) => s.label.split(':')[0])).toEqual(['adds s4', 'removes s3']);
  });

  it('wait for a committed entry of the current term (the 2015 fix); the changeBeforeTermCommit bug does not', () => {
    const fresh = leader({ term: 3 }); // its committed entry is from term 2
    expect(committedInTerm(fresh)).toBe(false);
    expect(adminSteps(single, 's1', fresh)).toEqual([]);
    expect(adminSteps(single, 's1', leader({ commit: 0 }))).toEqual([]);
    const buggy = cfg({ servers: 4, members: 3, reconfig: 'single' }, ['changeBeforeTermCommit']);
    expect(adminSteps(buggy, 's1', fresh)).toHaveLength(4);
  });

  it('wait for the previous configuration to commit, even with the bug, and stay within the budget', () => {
    const log: readonly Entry[] = [
      [2, 'v1'],
      [2, [['s1', 's2', 's3', 's4']]],
    ];
    const pending = leader({ log, leaderLog: log, commit: 1 });
    expect(adminSteps(cfg({ servers: 4, members: 3, reconfig: 'single' }, ['changeBeforeTermCommit']), 's1', pending)).toEqual([]);
    expect(adminSteps(single, 's1', { ...pending, commit: 2 })).toHaveLength(4); // 4 members: 4 removals
    expect(adminSteps(cfg({ servers: 4, members: 3, reconfig: 'single', maxChanges: 1 }), 's1', { ...pending, commit: 2 })).toEqual([]);
  });

  it('a server the change adds starts from scratch at the leader', () => {
    const s = leader({ next: [0, 2, 2, 5], match: [0, 1, 1, 4] });
    const [add] = adminSteps(single, 's1', s);
    expect(add.state.next).toEqual([0, 2, 2, 2]);
    expect(add.state.match).toEqual([0, 1, 1, 0]);
  });

  it('nothing for followers, without reconfiguration, or with a budget of 0', () => {
    expect(adminSteps(single, 's1', st({ term: 2 }))).toEqual([]);
    expect(adminSteps(cfg(), 's1', st({ role: 'leader', term: 2, log: [[2, 'v1']], commit: 1, next: [0, 2, 2], match: [0, 1, 1] }))).toEqual([]);
    expect(adminSteps(cfg({ servers: 4, members: 3, reconfig: 'single', maxChanges: 0 }), 's1', leader())).toEqual([]);
  });
});

describe('administrator changes, joint consensus', () => {
  it('start C_old,new: add, remove or replace one server, with no current-term guard', () => {
    const labels = adminSteps(joint, 's1', leader({ term: 3 })).map((s) => s.label);
    expect(labels).toContain('adds s4: appends C_old,new {s1,s2,s3}→{s1,s2,s3,s4} at index 2');
    expect(labels).toContain('replaces s2 by s4: appends C_old,new {s1,s2,s3}→{s1,s3,s4} at index 2');
    expect(labels).toHaveLength(7);
  });

  it('append C_new once C_old,new is committed, and not before; the jointEarlySwitch bug does not wait', () => {
    const m: Membership = [three[0], ['s1', 's3', 's4']];
    const log: readonly Entry[] = [
      [2, 'v1'],
      [2, m],
    ];
    const s = leader({ log, leaderLog: log, commit: 1 });
    expect(adminSteps(joint, 's1', { ...s, commit: 2 })).toEqual([]); // a change is in progress
    expect(finishJointSteps(joint, 's1', s)).toEqual([]);
    const [done] = finishJointSteps(joint, 's1', { ...s, commit: 2 });
    expect(done.label).toBe('C_old,new committed: appends C_new {s1,s3,s4} at index 3');
    expect(done.state.log[2]).toEqual([2, [['s1', 's3', 's4']]]);
    const early = cfg({ servers: 4, members: 3, reconfig: 'joint' }, ['jointEarlySwitch']);
    expect(finishJointSteps(early, 's1', s).map((x) => x.label)).toEqual(['C_old,new not yet committed: appends C_new {s1,s3,s4} at index 3']);
    expect(finishJointSteps(joint, 's1', leader())).toEqual([]);
  });

  it('C_new ends the change: the budget counts C_old,new, not C_new', () => {
    const m: Membership = [three[0], ['s1', 's3', 's4']];
    expect(changesIn([[1, m], [1, [m[1]]]])).toBe(1);
    expect(changesIn([[1, three], [1, [['s1', 's2']]], [2, 'v1']])).toBe(2);
    expect(changesIn([[1, 'v1']])).toBe(0);
  });
});
