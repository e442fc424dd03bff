import { describe, expect, it } from 'vitest';
import { onClientRequest, onLogRequest, onReadRequest } from '../../../src/model/raft-kv/requests.js';
import { cfg, cmd, getX, leader, noop, put1, srv } from './helpers.js';

const putReq = { t: 'req', seq: 0, cmd: put1 } as const;
const getReq = { t: 'req', seq: 1, cmd: getX } as const;

describe('client requests at a server', () => {
  it('a follower drops them: the client times out and retries elsewhere', () => {
    const f = srv({}, { term: 1 });
    expect(onClientRequest(cfg(), 's2', f, putReq, 'c1', 0)).toEqual({ state: f, send: [] });
  });

  it('the leader appends a new command in its term, answering nothing yet', () => {
    const r = onLogRequest(cfg(), 's1', leader(1, []), putReq, 'c1');
    expect(r.state.raft.log).toEqual([cmd(1, 'c1', 0, put1)]);
    expect(r.state.raft.leaderLog).toEqual(r.state.raft.log);
    expect(r.send).toEqual([]);
  });

  it('a retry of an applied command is answered from the session table; of one in the log, left to wait', () => {
    const done = leader(1, [cmd(1, 'c1', 0, put1)], { applied: 1, store: { x: 1 }, sessions: { c1: [0, 'ok'] } }, { commit: 1 });
    expect(onLogRequest(cfg(), 's1', done, putReq, 'c1')).toEqual({ state: done, send: [{ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } }] });
    const older = leader(1, [], { sessions: { c1: [1, 'ok'] } });
    expect(onLogRequest(cfg(), 's1', older, putReq, 'c1')).toEqual({ state: older, send: [] });
    const waiting = leader(1, [cmd(1, 'c1', 0, put1)]);
    expect(onLogRequest(cfg(), 's1', waiting, putReq, 'c1').state).toBe(waiting);
  });

  it('bug noSessionTable: every copy is appended', () => {
    const waiting = leader(1, [cmd(1, 'c1', 0, put1)]);
    expect(onLogRequest(cfg({}, ['noSessionTable']), 's1', waiting, putReq, 'c1').state.raft.log).toHaveLength(2);
  });

  it('appends nothing once the log holds maxLog entries', () => {
    const full = leader(1, [noop(1), cmd(1, 'c2', 0, put1)]);
    expect(onLogRequest(cfg({ maxLog: 2 }), 's1', full, putReq, 'c1').state).toBe(full);
  });

  it('with reads through the log a get is an entry like any command', () => {
    expect(onClientRequest(cfg(), 's1', leader(1, []), getReq, 'c1', 0).state.raft.log).toEqual([cmd(1, 'c1', 1, getX)]);
  });

  it('ReadIndex: before an entry of its term is committed the leader takes no read (bug noNoop does)', () => {
    const fresh = leader(2, [cmd(1, 'c1', 0, put1), noop(2)], {}, { commit: 0 });
    expect(onReadRequest(cfg({ reads: 'readIndex' }), 's1', fresh, getReq, 'c1', 0).state).toBe(fresh);
    const r = onReadRequest(cfg({ reads: 'readIndex' }, ['noNoop']), 's1', fresh, getReq, 'c1', 0);
    expect(r.state.reads).toHaveLength(1);
  });

  it('ReadIndex: the read waits for the next round, which starts now', () => {
    const l = leader(1, [noop(1)], {}, { commit: 1 });
    const r = onReadRequest(cfg({ reads: 'readIndex' }), 's1', l, getReq, 'c1', 0);
    expect(r.state.reads).toEqual([{ client: 'c1', seq: 1, cmd: getX, round: 1 }]);
    expect(r.state.round).toBe(1);
    expect(r.state.lastRead).toEqual({ c1: 1 });
    expect(r.send.map((x) => x.msg)).toEqual([
      { t: 'HB', term: 1, round: 1 },
      { t: 'HB', term: 1, round: 1 },
    ]);
    expect(onReadRequest(cfg({ reads: 'readIndex' }), 's1', r.state, getReq, 'c1', 0).state).toBe(r.state);
  });

  it('lease: answered at once from the store while the lease holds, by ReadIndex once it has run out', () => {
    const l = leader(1, [noop(1)], { leaseEnd: 5, store: { x: 1 } }, { commit: 1 });
    const now = onReadRequest(cfg({ reads: 'lease', timeout: 6 }), 's1', l, getReq, 'c1', 4);
    expect(now.send).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 1, out: 1 } }]);
    expect(now.state.reads).toEqual([]);
    const late = onReadRequest(cfg({ reads: 'lease', timeout: 6 }), 's1', l, getReq, 'c1', 5);
    expect(late.state.reads).toHaveLength(1);
  });
});
