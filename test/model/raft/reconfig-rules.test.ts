/** How elections, replication and commitment read the configuration in the log. */
import { describe, expect, it } from 'vitest';
import { onPreVoteResponse, onVoteResponse, timeoutSteps } from '../../../src/model/raft/election.js';
import { advanceCommit, clientSteps, onAppendResponse, quorumSteps, replicateSteps, stepDownIfRemoved } from '../../../src/model/raft/replication.js';
import { staleMessage } from '../../../src/model/raft/stale.js';
import type { Entry, Membership } from '../../../src/model/raft/types.js';
import { cfg, st } from './helpers.js';

const c = cfg({ servers: 4, members: 3, reconfig: 'single' });
const four: Membership = [['s1', 's2', 's3', 's4']];
const withFour: readonly Entry[] = [[1, four]];

describe('elections under a configuration', () => {
  it('a server outside its configuration never campaigns; once its log adds it, it does', () => {
    expect(timeoutSteps(c, 's4', st())).toEqual([]);
    expect(timeoutSteps(c, 's4', st({ term: 1, log: withFour }))).toHaveLength(1);
    const removed: readonly Entry[] = [[1, [['s2', 's3', 's4']]]];
    expect(timeoutSteps(c, 's1', st({ term: 1, log: removed }))).toEqual([]);
  });

  it('a candidate asks the peers of its own configuration', () => {
    const [step] = timeoutSteps(c, 's1', st({ term: 1, log: withFour }));
    expect(step.send.map((x) => x.to)).toEqual(['s2', 's3', 's4']);
    const [plain] = timeoutSteps(c, 's1', st());
    expect(plain.send.map((x) => x.to)).toEqual(['s2', 's3']);
  });

  it('wins on a quorum of its configuration: two of three, three of four; votes from outside do not count', () => {
    const cand3 = st({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'] });
    expect(onVoteResponse(c, 's1', cand3, { term: 2, granted: true }, 's4').state).toBe(cand3);
    expect(onVoteResponse(c, 's1', cand3, { term: 2, granted: true }, 's2').state.role).toBe('leader');
    const cand4 = st({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'], log: withFour });
    const two = onVoteResponse(c, 's1', cand4, { term: 2, granted: true }, 's4').state;
    expect(two).toMatchObject({ role: 'candidate', votes: ['s1', 's4'] });
    const won = onVoteResponse(c, 's1', two, { term: 2, granted: true }, 's2');
    expect(won.state.role).toBe('leader');
    expect(won.send.map((x) => x.to)).toEqual(['s2', 's3', 's4']);
  });

  it('the only member of its configuration leads as soon as it campaigns, pre-vote or not', () => {
    const alone = cfg({ servers: 3, members: 1, reconfig: 'single' });
    const [step] = timeoutSteps(alone, 's1', st());
    expect(step.state).toMatchObject({ role: 'leader', term: 1, votedFor: 's1' });
    expect(step.send).toEqual([]);
    const [pv] = timeoutSteps(cfg({ servers: 3, members: 1, reconfig: 'single', preVote: true }), 's1', st());
    expect(pv.state).toMatchObject({ role: 'leader', term: 1 });
  });

  it('pre-votes count by the configuration too', () => {
    const pc = st({ role: 'precandidate', term: 1, votes: ['s1'], log: withFour });
    const pvc = cfg({ servers: 4, members: 3, reconfig: 'single', preVote: true });
    expect(onPreVoteResponse(pvc, 's1', pc, { term: 2, granted: true }, 's2').state).toMatchObject({ role: 'precandidate', votes: ['s1', 's2'] });
    expect(onPreVoteResponse(pvc, 's1', st({ role: 'precandidate', term: 1, votes: ['s1'] }), { term: 2, granted: true }, 's4').state.votes).toEqual(['s1']);
  });
});

describe('replication and commitment under a configuration', () => {
  const log: readonly Entry[] = [
    [2, 'v1'],
    [2, four],
  ];
  const leader = st({ role: 'leader', term: 2, votedFor: 's1', log, leaderLog: log, next: [0, 3, 3, 3], match: [0, 0, 0, 0] });

  it('a leader replicates to the members of its latest configuration, committed or not', () => {
    const [step] = replicateSteps(c, 's1', leader);
    expect(step.send.map((x) => x.to)).toEqual(['s2', 's3', 's4']);
  });

  it('commits on a quorum of its latest configuration: three of four', () => {
    expect(advanceCommit(c, 's1', { ...leader, match: [0, 2, 0, 0] }).commit).toBe(0);
    expect(advanceCommit(c, 's1', { ...leader, match: [0, 2, 0, 2] }).commit).toBe(2);
  });

  it('a leader outside its own configuration does not count itself, and steps down once that configuration commits', () => {
    const out: readonly Entry[] = [
      [2, 'v1'],
      [2, [['s2', 's3', 's4']]],
    ];
    const s = { ...leader, log: out, leaderLog: out };
    expect(advanceCommit(c, 's1', { ...s, match: [0, 2, 0, 0] }).commit).toBe(0);
    const r = onAppendResponse(c, 's1', { ...s, match: [0, 2, 0, 0] }, { term: 2, success: true, index: 2 }, 's3');
    expect(r.state).toMatchObject({ role: 'follower', term: 2, commit: 2 });
    // Before commitment it keeps leading.
    expect(stepDownIfRemoved(c, 's1', { ...s, commit: 1 })).toMatchObject({ role: 'leader' });
    expect(stepDownIfRemoved(c, 's1', { ...leader, commit: 2 })).toMatchObject({ role: 'leader' });
  });

  it('maxLog bounds client values only; a lone member commits what it appends', () => {
    expect(clientSteps(cfg({ servers: 4, members: 3, reconfig: 'single', maxLog: 2 }), 's1', leader)).toHaveLength(1);
    const alone = cfg({ servers: 3, members: 1, reconfig: 'single', maxLog: 1 });
    const [step] = clientSteps(alone, 's1', st({ role: 'leader', term: 1, votedFor: 's1', next: [0, 1, 1], match: [0, 0, 0] }));
    expect(step.state).toMatchObject({ log: [[1, 'v1']], commit: 1 });
  });

  it('CheckQuorum counts answers from a quorum of the configuration', () => {
    const q = cfg({ servers: 4, members: 3, reconfig: 'single', checkQuorum: true });
    expect(quorumSteps(q, 's1', { ...leader, acks: ['s2'] })[0].label).toBe('checks quorum: no majority heard, steps down');
    expect(quorumSteps(q, 's1', { ...leader, acks: ['s2', 's4'] })[0].label).toBe('checks quorum: heard from a majority');
  });

  it('a reply the leader has already counted is not declared stale: a change that adds its sender resets its progress', () => {
    const s = { ...leader, match: [0, 2, 0, 0], next: [0, 3, 3, 3] };
    const ack = { t: 'AER', term: 2, success: true, index: 1 } as const;
    expect(staleMessage(cfg(), { ...s, log: [[2, 'v1'], [2, 'v1']], match: [0, 2, 0], next: [0, 3, 3] }, ack, 's2')).toBe(true);
    expect(staleMessage(c, s, ack, 's2')).toBe(false);
    // Replies of an older term, and to a follower, stay stale.
    expect(staleMessage(c, s, { ...ack, term: 1 }, 's2')).toBe(true);
    expect(staleMessage(c, st({ term: 2 }), ack, 's2')).toBe(true);
  });
});
