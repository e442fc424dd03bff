import { describe, expect, it } from 'vitest';
import { advanceCommit, clientSteps, onAppendEntries, onAppendResponse, quorumSteps, replicateSteps } from '../../../src/model/raft/replication.js';
import { cfg, log, st } from './helpers.js';

const leader = st({
  role: 'leader',
  term: 2,
  votedFor: 's1',
  log: log([1, 'v1'], [2, 'v1']),
  commit: 0,
  next: [0, 3, 2],
  match: [0, 0, 0],
  leaderLog: log([1, 'v1'], [2, 'v1']),
});

describe('client requests', () => {
  it('a leader appends one entry per value in its own term, below maxLog', () => {
    const steps = clientSteps(cfg({ maxLog: 3, values: 2 }), 's1', leader);
    expect(steps.map((s) => s.state.log[2])).toEqual([
      [2, 'v1'],
      [2, 'v2'],
    ]);
    expect(steps[0].state.leaderLog).toBe(steps[0].state.log);
    expect(clientSteps(cfg({ maxLog: 2 }), 's1', leader)).toEqual([]);
    expect(clientSteps(cfg(), 's1', st({ term: 2 }))).toEqual([]);
  });
});

describe('replication step', () => {
  it('sends each peer exactly what its nextIndex says', () => {
    const [step] = replicateSteps(cfg(), 's1', { ...leader, commit: 1 });
    expect(step.send).toEqual([
      { to: 's2', msg: { t: 'AE', term: 2, prevIndex: 2, prevTerm: 2, entries: [], commit: 1 } },
      { to: 's3', msg: { t: 'AE', term: 2, prevIndex: 1, prevTerm: 1, entries: [[2, 'v1']], commit: 1 } },
    ]);
    expect(replicateSteps(cfg(), 's1', st())).toEqual([]);
  });
});

describe('AppendEntries receiver', () => {
  const ae = (o: Partial<{ term: number; prevIndex: number; prevTerm: number; entries: readonly (readonly [number, string])[]; commit: number }>) => ({
    term: 2,
    prevIndex: 0,
    prevTerm: 0,
    entries: [],
    commit: 0,
    ...o,
  });

  it('rejects a stale term with the current one, unchanged', () => {
    const s = st({ term: 3 });
    expect(onAppendEntries(cfg(), s, ae({}), 's1')).toEqual({ state: s, send: [{ to: 's1', msg: { t: 'AER', term: 3, success: false, index: 0 } }] });
  });

  it('fails the consistency check when prev does not match, after adopting the term', () => {
    const out = onAppendEntries(cfg(), st({ term: 1, log: log([1, 'v1']) }), ae({ prevIndex: 1, prevTerm: 2 }), 's1');
    expect(out.state).toMatchObject({ term: 2, log: [[1, 'v1']] });
    expect(out.send[0].msg).toEqual({ t: 'AER', term: 2, success: false, index: 1 });
    expect(onAppendEntries(cfg(), st({ term: 2 }), ae({ prevIndex: 1, prevTerm: 1 }), 's1').send[0].msg).toMatchObject({ success: false });
  });

  it('appends, answers with the last index covered and learns the commit index up to it', () => {
    const out = onAppendEntries(cfg(), st({ term: 2, votedFor: 's1' }), ae({ entries: [[1, 'v1'], [2, 'v1']], commit: 5 }), 's1');
    expect(out.state).toMatchObject({ log: [[1, 'v1'], [2, 'v1']], commit: 2 });
    expect(out.send[0].msg).toEqual({ t: 'AER', term: 2, success: true, index: 2 });
  });

  it('a stale request whose entries already match truncates nothing', () => {
    const s = st({ term: 2, log: log([1, 'v1'], [2, 'v1']) });
    const out = onAppendEntries(cfg(), s, ae({ entries: [[1, 'v1']] }), 's1');
    expect(out.state).toBe(s);
    expect(out.send[0].msg).toEqual({ t: 'AER', term: 2, success: true, index: 1 });
  });

  it('truncateOnStaleAppend: the same stale request cuts the newer entry', () => {
    const s = st({ term: 2, log: log([1, 'v1'], [2, 'v1']) });
    expect(onAppendEntries(cfg({}, ['truncateOnStaleAppend']), s, ae({ entries: [[1, 'v1']] }), 's1').state.log).toEqual([[1, 'v1']]);
  });

  it('a conflicting entry is replaced from the first mismatch', () => {
    const s = st({ term: 3, log: log([1, 'v1'], [2, 'v1']) });
    expect(onAppendEntries(cfg(), s, ae({ term: 3, prevIndex: 1, prevTerm: 1, entries: [[3, 'v1']] }), 's2').state.log).toEqual([
      [1, 'v1'],
      [3, 'v1'],
    ]);
  });

  it('a candidate of the same term steps down; commit never goes backwards', () => {
    const cand = st({ role: 'candidate', term: 2, votedFor: 's2', votes: ['s2'], log: log([1, 'v1']), commit: 1 });
    const out = onAppendEntries(cfg(), cand, ae({ commit: 0 }), 's1');
    expect(out.state).toMatchObject({ role: 'follower', term: 2, votedFor: 's2', commit: 1 });
  });

  it('a leader given an AppendEntries of its own term (two leaders: election safety already broken) follows Figure 2 literally', () => {
    const l = st({ role: 'leader', term: 2, votedFor: 's1', log: log([1, 'v1']), next: [0, 2, 2], match: [0, 0, 0], leaderLog: log([1, 'v1']) });
    const out = onAppendEntries(cfg(), l, ae({ entries: [[2, 'v1']] }), 's3');
    expect(out.state).toMatchObject({ role: 'leader', log: [[2, 'v1']], leaderLog: [[1, 'v1']] });
  });

  it('with preVote or checkQuorum a follower takes a lease from its leader', () => {
    expect(onAppendEntries(cfg({ checkQuorum: true }), st({ term: 2 }), ae({}), 's1').state.lease).toBe(true);
    expect(onAppendEntries(cfg(), st({ term: 2 }), ae({}), 's1').state.lease).toBe(false);
  });
});

describe('commit rule and AppendEntries responses', () => {
  it('counts the leader plus matchIndex, but only for an entry of the current term', () => {
    expect(advanceCommit(cfg(), 's1', { ...leader, match: [0, 1, 0] }).commit).toBe(0); // index 1 is from term 1
    expect(advanceCommit(cfg(), 's1', { ...leader, match: [0, 2, 0] }).commit).toBe(2); // index 2 is from term 2
  });

  it('figure8 commits an earlier-term entry by counting replicas', () => {
    expect(advanceCommit(cfg({}, ['figure8']), 's1', { ...leader, match: [0, 1, 0] }).commit).toBe(1);
  });

  it('a success advances matchIndex and nextIndex (never backwards) and commits', () => {
    const out = onAppendResponse(cfg(), 's1', leader, { term: 2, success: true, index: 2 }, 's3');
    expect(out.state).toMatchObject({ match: [0, 0, 2], next: [0, 3, 3], commit: 2 });
    expect(onAppendResponse(cfg(), 's1', out.state, { term: 2, success: true, index: 1 }, 's3').state).toBe(out.state);
  });

  it('a failure lowers nextIndex to the failed prevIndex, not below matchIndex + 1', () => {
    expect(onAppendResponse(cfg(), 's1', leader, { term: 2, success: false, index: 2 }, 's2').state.next).toEqual([0, 2, 2]);
    const matched = { ...leader, match: [0, 2, 0], next: [0, 3, 2] };
    expect(onAppendResponse(cfg(), 's1', matched, { term: 2, success: false, index: 1 }, 's2').state).toBe(matched);
  });

  it('a higher term deposes the leader; a stale term is ignored', () => {
    expect(onAppendResponse(cfg(), 's1', leader, { term: 3, success: false, index: 0 }, 's2').state).toMatchObject({ role: 'follower', term: 3 });
    expect(onAppendResponse(cfg(), 's1', leader, { term: 1, success: true, index: 2 }, 's2').state).toBe(leader);
  });
});

describe('checkQuorum', () => {
  const c = cfg({ checkQuorum: true });

  it('responses are recorded as acks; a quorum check with a majority starts a new period', () => {
    const heard = onAppendResponse(c, 's1', leader, { term: 2, success: true, index: 0 }, 's3').state;
    expect(heard.acks).toEqual(['s3']);
    const [step] = quorumSteps(c, 's1', heard);
    expect(step.state).toMatchObject({ role: 'leader', acks: [] });
  });

  it('under quietTimeouts leaders neither count answers nor run the quorum timer', () => {
    const q = cfg({ checkQuorum: true, quietTimeouts: true });
    expect(onAppendResponse(q, 's1', leader, { term: 2, success: true, index: 0 }, 's3').state.acks).toEqual([]);
    expect(quorumSteps(q, 's1', leader)).toEqual([]);
    expect(onAppendEntries(q, st({ term: 2 }), { term: 2, prevIndex: 0, prevTerm: 0, entries: [], commit: 0 }, 's1').state.lease).toBe(true);
  });

  it('without a majority the leader steps down in its term', () => {
    const [step] = quorumSteps(c, 's1', leader);
    expect(step.state).toMatchObject({ role: 'follower', term: 2, votedFor: 's1' });
    expect(quorumSteps(cfg(), 's1', leader)).toEqual([]);
  });
});
