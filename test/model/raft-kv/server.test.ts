import { describe, expect, it } from 'vitest';
import { afterRaft, afterRaftSteps, initKvServer, persistKvServer, recoverKvServer, settle } from '../../../src/model/raft-kv/server.js';
import { cfg, cmd, leader, noop, put1, srv } from './helpers.js';

describe('a server: Raft and the state machine it feeds', () => {
  it('starts as a Raft follower with an empty store, nothing promised', () => {
    const s = initKvServer();
    expect(s.raft.role).toBe('follower');
    expect(s).toMatchObject({ role: 'server', applied: 0, store: {}, sessions: {}, reads: [], round: 0, leaseEnd: 0, until: 0, resumed: true });
  });

  it('keeps Raft\'s term, vote and log on disk; a restart rebuilds the store by applying again, and with leases waits out its promise', () => {
    const s = srv({ applied: 1, store: { x: 1 }, sessions: { c1: [0, 'ok'] } }, { term: 2, votedFor: 's2', log: [cmd(1, 'c1', 0, put1)], commit: 1 });
    const disk = persistKvServer(cfg(), s);
    expect(disk).toEqual({ term: 2, votedFor: 's2', log: s.raft.log });
    const back = recoverKvServer(cfg(), disk);
    expect(back).toMatchObject({ applied: 0, store: {}, sessions: {}, resumed: true });
    expect(back.raft.commit).toBe(0);
    expect(recoverKvServer(cfg({ reads: 'lease' }), disk).resumed).toBe(false);
  });

  it('a Raft step that changes nothing is the same state', () => {
    const s = srv();
    expect(afterRaft(cfg(), 's1', s, { state: s.raft, send: [] }, 0).state).toBe(s);
    expect(settle(cfg(), 's1', s, { state: s, send: [] }, 0).state).toBe(s);
  });

  it('a server that has just won appends a no-op when reads skip the log (not with bug noNoop, nor with reads through the log)', () => {
    const cand = srv({}, { role: 'candidate', term: 1, votedFor: 's1', votes: ['s1'] });
    const won = leader(1, []).raft;
    expect(afterRaft(cfg({ reads: 'readIndex' }), 's1', cand, { state: won, send: [] }, 0).state.raft.log).toEqual([noop(1)]);
    expect(afterRaft(cfg({ reads: 'readIndex' }), 's1', cand, { state: won, send: [] }, 0).state.raft.leaderLog).toEqual([noop(1)]);
    expect(afterRaft(cfg({ reads: 'readIndex' }, ['noNoop']), 's1', cand, { state: won, send: [] }, 0).state.raft.log).toEqual([]);
    expect(afterRaft(cfg(), 's1', cand, { state: won, send: [] }, 0).state.raft.log).toEqual([]);
  });

  it('a new leader\'s first AppendEntries carry its no-op, in place of the empty ones Raft\'s rule sent', () => {
    const cand = srv({}, { role: 'candidate', term: 1, votedFor: 's1', votes: ['s1'] });
    const won = leader(1, []).raft;
    const empty = { t: 'AE', term: 1, prevIndex: 0, prevTerm: 0, entries: [], commit: 0 } as const;
    const raftSend = [{ to: 's2', msg: empty }, { to: 's3', msg: empty }];
    const carrying = { ...empty, entries: [noop(1)] };
    expect(afterRaft(cfg({ reads: 'readIndex' }), 's1', cand, { state: won, send: raftSend }, 0).send).toEqual([
      { to: 's2', msg: carrying },
      { to: 's3', msg: carrying },
    ]);
    // Without a no-op Raft's own initial AppendEntries go out as they are.
    expect(afterRaft(cfg(), 's1', cand, { state: won, send: raftSend }, 0).send).toEqual(raftSend);
  });

  it('with leases a new leader starts its first heartbeat round at its clock', () => {
    const cand = srv({}, { role: 'candidate', term: 1, votedFor: 's1', votes: ['s1'] });
    const r = afterRaft(cfg({ reads: 'lease' }), 's1', cand, { state: leader(1, []).raft, send: [] }, 3);
    expect(r.state).toMatchObject({ round: 1, roundAt: 3, acks: ['s1'] });
    expect(r.send.filter((x) => x.msg.t === 'HB')).toEqual([
      { to: 's2', msg: { t: 'HB', term: 1, round: 1 } },
      { to: 's3', msg: { t: 'HB', term: 1, round: 1 } },
    ]);
  });

  it('a leader that steps down drops its pending reads, rounds and lease', () => {
    const s = leader(1, [noop(1)], { reads: [{ client: 'c1', seq: 1, cmd: { op: 'get', key: 'x' }, round: 1 }], round: 1, acks: ['s1'], leaseEnd: 4, lastRead: { c1: 1 } });
    const r = afterRaft(cfg({ reads: 'lease' }), 's1', s, { state: { ...s.raft, role: 'follower', term: 2, votedFor: null }, send: [] }, 0);
    expect(r.state).toMatchObject({ reads: [], round: 0, acks: [], leaseEnd: 0, lastRead: {}, confirmed: 0 });
  });

  it('applies what a Raft step committed, and the leader answers', () => {
    const s = leader(1, [cmd(1, 'c1', 0, put1)], {}, { match: [0, 0, 0] });
    const r = afterRaft(cfg(), 's1', s, { state: { ...s.raft, match: [0, 1, 0], commit: 1 }, send: [] }, 0);
    expect(r.state.store).toEqual({ x: 1 });
    expect(r.send).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } }]);
  });

  it('wraps Raft\'s local steps, keeping their labels and timers', () => {
    const s = srv();
    const steps = afterRaftSteps(cfg(), 's1', s, [{ label: 'times out', timer: 'election', state: { ...s.raft, role: 'candidate', term: 1 }, send: [] }], 0);
    expect(steps[0].label).toBe('times out');
    expect(steps[0].timer).toBe('election');
    expect(steps[0].state.raft.term).toBe(1);
  });
});
