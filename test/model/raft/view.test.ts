import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import type { WorldView } from '../../../src/model/contract.js';
import { onRequestVote } from '../../../src/model/raft/election.js';
import { raft } from '../../../src/model/raft/protocol.js';
import { onAppendEntries } from '../../../src/model/raft/replication.js';
import type { RaftMessage, RaftState } from '../../../src/model/raft/types.js';
import { raftView, shiftRaftMessage, shiftRaftState, termShift } from '../../../src/model/raft/view.js';
import { cfg, log, st } from './helpers.js';

function world(states: RaftState[], messages: RaftMessage[] = []): WorldView<RaftState, RaftMessage> {
  return freeze(
    {
      time: 0,
      nodes: states.map((state, index) => ({ id: `s${index + 1}`, role: 'server', index, up: true, state, clock: 0 })),
      messages: messages.map((msg) => ({ from: 's1', to: 's2', msg })),
    },
    true,
  );
}

describe('Raft view: terms shifted so the lowest in use is 1', () => {
  it('shifts nothing while a server is in term 0', () => {
    expect(termShift(cfg(), world([st({ term: 4 }), st({ term: 5 }), st({ term: 0 })]))).toBe(0);
  });

  it('shifts by the lowest term in use minus 1: server terms, log entries, messages', () => {
    const servers = [st({ term: 5 }), st({ term: 6 }), st({ term: 5, log: log([4, 'v1']) })];
    expect(termShift(cfg(), world(servers))).toBe(3);
    expect(termShift(cfg(), world(servers, [{ t: 'RVR', term: 2, granted: false }]))).toBe(1);
    expect(termShift(cfg(), world(servers, [{ t: 'AE', term: 5, prevIndex: 1, prevTerm: 4, entries: [[3, 'v1']], commit: 0 }]))).toBe(2);
    // lastTerm 0 and prevTerm 0 mean "the empty prefix", not a term in use.
    expect(termShift(cfg(), world(servers, [{ t: 'RV', term: 5, lastIndex: 0, lastTerm: 0 }]))).toBe(3);
  });

  it('keeps term 0 and shifts every term it finds', () => {
    const s = st({ role: 'leader', term: 6, log: log([4, 'v1'], [6, 'v1']), leaderLog: log([4, 'v1']) });
    expect(shiftRaftState(s, 3)).toMatchObject({ term: 3, log: [[1, 'v1'], [3, 'v1']], leaderLog: [[1, 'v1']] });
    expect(shiftRaftMessage({ t: 'RV', term: 6, lastIndex: 0, lastTerm: 0 }, 3)).toEqual({ t: 'RV', term: 3, lastIndex: 0, lastTerm: 0 });
    expect(shiftRaftMessage({ t: 'AE', term: 6, prevIndex: 0, prevTerm: 0, entries: [[4, 'v1']], commit: 0 }, 3)).toEqual({
      t: 'AE',
      term: 3,
      prevIndex: 0,
      prevTerm: 0,
      entries: [[1, 'v1']],
      commit: 0,
    });
    expect(shiftRaftMessage({ t: 'AER', term: 6, success: true, index: 1 }, 3)).toEqual({ t: 'AER', term: 3, success: true, index: 1 });
    expect(shiftRaftState(s, 0)).toBe(s);
  });

  it('commutes with the rules: shifting before or after a step gives the same result', () => {
    const c = cfg();
    const by = 3;
    const follower = st({ term: 5, votedFor: null, log: log([4, 'v1']) });
    const requests: RaftMessage[] = [
      { t: 'RV', term: 6, lastIndex: 1, lastTerm: 4 },
      { t: 'RV', term: 5, lastIndex: 0, lastTerm: 0 },
      { t: 'RV', term: 4, lastIndex: 1, lastTerm: 4 },
    ];
    for (const m of requests) {
      if (m.t !== 'RV') continue;
      const step = onRequestVote(c, follower, m, 's2');
      const shiftedMsg = shiftRaftMessage(m, by);
      if (shiftedMsg.t !== 'RV') throw new Error('shape');
      const shifted = onRequestVote(c, shiftRaftState(follower, by), shiftedMsg, 's2');
      expect(shifted.state).toEqual(shiftRaftState(step.state, by));
      expect(shifted.send.map((x) => x.msg)).toEqual(step.send.map((x) => shiftRaftMessage(x.msg, by)));
    }
    const ae: RaftMessage = { t: 'AE', term: 6, prevIndex: 1, prevTerm: 4, entries: [[6, 'v1']], commit: 1 };
    const shiftedAe = shiftRaftMessage(ae, by);
    if (ae.t !== 'AE' || shiftedAe.t !== 'AE') throw new Error('shape');
    const step = onAppendEntries(c, follower, ae, 's1');
    const shifted = onAppendEntries(c, shiftRaftState(follower, by), shiftedAe, 's1');
    expect(shifted.state).toEqual(shiftRaftState(step.state, by));
    expect(shifted.send.map((x) => x.msg)).toEqual(step.send.map((x) => shiftRaftMessage(x.msg, by)));
  });

  it('is the view the protocol declares, raising maxTerm for replays', () => {
    expect(raft.view).toBe(raftView);
    expect(raftView.raiseBounds(cfg(), 5).maxTerm).toBe(8);
  });
});
