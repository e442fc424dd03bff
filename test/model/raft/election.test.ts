import { describe, expect, it } from 'vitest';
import { onPreVote, onPreVoteResponse, onRequestVote, onVoteResponse, timeoutSteps } from '../../../src/model/raft/election.js';
import { cfg, log, st } from './helpers.js';

describe('election timeout', () => {
  it('a follower campaigns in term + 1, votes for itself and asks every peer', () => {
    const [step, ...rest] = timeoutSteps(cfg(), 's1', st({ term: 1, log: log([1, 'v1']) }));
    expect(rest).toEqual([]);
    expect(step.state).toMatchObject({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'] });
    expect(step.send).toEqual([
      { to: 's2', msg: { t: 'RV', term: 2, lastIndex: 1, lastTerm: 1 } },
      { to: 's3', msg: { t: 'RV', term: 2, lastIndex: 1, lastTerm: 1 } },
    ]);
  });

  it('a candidate may time out again; a leader never does; nobody passes maxTerm', () => {
    expect(timeoutSteps(cfg(), 's1', st({ role: 'candidate', term: 1, votedFor: 's1', votes: ['s1'] }))).toHaveLength(1);
    expect(timeoutSteps(cfg(), 's1', st({ role: 'leader', term: 1, next: [0, 1, 1], match: [0, 0, 0] }))).toEqual([]);
    expect(timeoutSteps(cfg({ maxTerm: 3 }), 's1', st({ term: 3 }))).toEqual([]);
  });

  it('with candidates = k only s1..sk time out; the others only vote and follow', () => {
    const c = cfg({ candidates: 2 });
    expect(c.candidates).toEqual(['s1', 's2']);
    expect(timeoutSteps(c, 's2', st({ term: 1 }))).toHaveLength(1);
    expect(timeoutSteps(c, 's3', st({ term: 1 }))).toEqual([]);
    expect(timeoutSteps(c, 's3', st({ role: 'candidate', term: 1 }))).toEqual([]);
    // s3 still votes.
    expect(onRequestVote(c, st(), { term: 1, lastIndex: 0, lastTerm: 0 }, 's1').state.votedFor).toBe('s1');
  });

  it('under quietTimeouts a follower that heard its leader never times out; one that did not still does', () => {
    const c = cfg({ quietTimeouts: true });
    expect(timeoutSteps(c, 's1', st({ term: 1, lease: true }))).toEqual([]);
    expect(timeoutSteps(c, 's1', st({ term: 1 }))).toHaveLength(1);
    expect(timeoutSteps(cfg(), 's1', st({ term: 1, lease: true }))).toHaveLength(1);
  });

  it('with preVote the timeout keeps the term and asks for pre-votes for term + 1', () => {
    const [step] = timeoutSteps(cfg({ preVote: true }), 's1', st({ term: 1, lease: true }));
    expect(step.state).toMatchObject({ role: 'precandidate', term: 1, votedFor: null, votes: ['s1'], lease: false });
    expect(step.send[0].msg).toEqual({ t: 'PV', term: 2, lastIndex: 0, lastTerm: 0 });
  });
});

describe('RequestVote receiver', () => {
  const rv = (term: number, lastIndex = 0, lastTerm = 0) => ({ term, lastIndex, lastTerm });

  it('grants in a new term and records the vote', () => {
    const out = onRequestVote(cfg(), st({ term: 1, votedFor: 's3' }), rv(2), 's1');
    expect(out.state).toMatchObject({ term: 2, votedFor: 's1', role: 'follower' });
    expect(out.send).toEqual([{ to: 's1', msg: { t: 'RVR', term: 2, granted: true } }]);
  });

  it('grants again to the same candidate (a duplicate request)', () => {
    const s = st({ term: 2, votedFor: 's1' });
    const out = onRequestVote(cfg(), s, rv(2), 's1');
    expect(out.state).toBe(s);
    expect(out.send[0].msg).toEqual({ t: 'RVR', term: 2, granted: true });
  });

  it('refuses a second candidate in the same term (silently: the refusal would change nothing)', () => {
    const s = st({ term: 2, votedFor: 's1' });
    expect(onRequestVote(cfg(), s, rv(2), 's3')).toEqual({ state: s, send: [] });
  });

  it('refuses a stale term and tells the candidate the current one', () => {
    const s = st({ term: 3 });
    expect(onRequestVote(cfg(), s, rv(2), 's1')).toEqual({ state: s, send: [{ to: 's1', msg: { t: 'RVR', term: 3, granted: false } }] });
  });

  it('refuses a candidate whose log is less up-to-date, but adopts its term', () => {
    const s = st({ term: 1, log: log([1, 'v1']) });
    const out = onRequestVote(cfg(), s, rv(2, 0, 0), 's3');
    expect(out.state).toMatchObject({ term: 2, votedFor: null });
    expect(out.send).toEqual([]);
  });

  it('noUpToDateCheck grants it anyway', () => {
    const out = onRequestVote(cfg({}, ['noUpToDateCheck']), st({ term: 1, log: log([1, 'v1']) }), rv(2, 0, 0), 's3');
    expect(out.state.votedFor).toBe('s3');
  });

  it('with checkQuorum a follower that hears its leader ignores a higher term', () => {
    const s = st({ term: 1, lease: true });
    expect(onRequestVote(cfg({ checkQuorum: true }), s, rv(2), 's3')).toEqual({ state: s, send: [] });
    expect(onRequestVote(cfg({ checkQuorum: false }), s, rv(2), 's3').state.term).toBe(2);
  });
});

describe('vote responses', () => {
  const cand = st({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'], log: log([1, 'v1']) });

  it('a majority (self + one of three) makes the candidate leader', () => {
    const out = onVoteResponse(cfg(), 's1', cand, { term: 2, granted: true }, 's2');
    expect(out.state).toMatchObject({ role: 'leader', term: 2, next: [0, 2, 2], match: [0, 0, 0] });
  });

  it('a new leader at once sends every peer an initial AppendEntries (Figure 2, "upon election")', () => {
    const out = onVoteResponse(cfg(), 's1', cand, { term: 2, granted: true }, 's2');
    expect(out.send.map((s) => s.to)).toEqual(['s2', 's3']);
    for (const s of out.send) expect(s.msg).toEqual({ t: 'AE', term: 2, prevIndex: 1, prevTerm: 1, entries: [], commit: 0 });
  });

  it('with five servers one vote is not enough and a duplicate vote counts once', () => {
    const c = cfg({ servers: 5 });
    const one = onVoteResponse(c, 's1', cand, { term: 2, granted: true }, 's2').state;
    expect(one).toMatchObject({ role: 'candidate', votes: ['s1', 's2'] });
    expect(onVoteResponse(c, 's1', one, { term: 2, granted: true }, 's2').state).toBe(one);
    expect(onVoteResponse(c, 's1', one, { term: 2, granted: true }, 's4').state.role).toBe('leader');
  });

  it('ignores votes of another term and refusals; steps down on a higher term', () => {
    expect(onVoteResponse(cfg(), 's1', cand, { term: 1, granted: true }, 's2').state).toBe(cand);
    expect(onVoteResponse(cfg(), 's1', cand, { term: 2, granted: false }, 's2').state).toBe(cand);
    expect(onVoteResponse(cfg(), 's1', cand, { term: 3, granted: false }, 's2').state).toMatchObject({ role: 'follower', term: 3, votedFor: null });
  });
});

describe('pre-vote', () => {
  const c = cfg({ preVote: true });

  it('grants without changing term or vote when the log is up-to-date and no leader is heard', () => {
    const s = st({ term: 1, votedFor: 's2' });
    expect(onPreVote(c, s, { term: 2, lastIndex: 0, lastTerm: 0 }, 's1')).toEqual({ state: s, send: [{ to: 's1', msg: { t: 'PVR', term: 2, granted: true } }] });
  });

  it('refuses while it hears a leader, or for a stale log, answering with its own term', () => {
    expect(onPreVote(c, st({ term: 1, lease: true }), { term: 2, lastIndex: 0, lastTerm: 0 }, 's1').send[0].msg).toEqual({ t: 'PVR', term: 1, granted: false });
    expect(onPreVote(c, st({ term: 1, log: log([1, 'v1']) }), { term: 2, lastIndex: 0, lastTerm: 0 }, 's1').send[0].msg.granted).toBe(false);
    expect(onPreVote(c, st({ term: 2 }), { term: 2, lastIndex: 0, lastTerm: 0 }, 's1').send[0].msg.granted).toBe(false);
  });

  it('a majority of pre-votes starts the real election', () => {
    const pre = st({ role: 'precandidate', term: 1, votes: ['s1'] });
    const out = onPreVoteResponse(c, 's1', pre, { term: 2, granted: true }, 's3');
    expect(out.state).toMatchObject({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'] });
    expect(out.send.map((x) => x.msg.t)).toEqual(['RV', 'RV']);
  });

  it('a grant does not raise the term of a follower; a refusal from a higher term does', () => {
    const f = st({ term: 1 });
    expect(onPreVoteResponse(c, 's1', f, { term: 2, granted: true }, 's3').state).toBe(f);
    expect(onPreVoteResponse(c, 's1', f, { term: 4, granted: false }, 's3').state).toMatchObject({ role: 'follower', term: 4 });
  });
});
