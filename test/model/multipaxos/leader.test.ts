import { describe, expect, it } from 'vitest';
import { onAck, onPromise, onRequest, startSteps, stepDown } from '../../../src/model/multipaxos/leader.js';
import { cfg, put1, put2, server } from './helpers.js';

const req = (seq: number, value: number) => ({ t: 'req', seq, cmd: { op: 'put', key: 'x', value } }) as const;

describe('leader: phase 1 once for all slots', () => {
  it('a candidate prepares each of its ballots above what it has seen, promising itself', () => {
    const steps = startSteps(cfg(), 's2', server({ promised: 1, accepted: [[1, put1]] }));
    expect(steps.map((s) => s.label)).toEqual(['prepares ballot 2 for every slot', 'prepares ballot 4 for every slot']);
    expect(steps[0].state).toEqual({ ...server({ accepted: [[1, put1]] }), promised: 2, ballot: 2, phase: 1, promises: 0b010, votes: [[1, put1]] });
    expect(steps[0].send).toEqual([{ to: 's1', msg: { t: '1a', b: 2 } }, { to: 's3', msg: { t: '1a', b: 2 } }]);
  });

  it('no ballot at or below one promised; a replica that is not a candidate never prepares', () => {
    expect(startSteps(cfg(), 's1', server({ promised: 4 })).map((s) => s.label)).toEqual([]);
    expect(startSteps(cfg(), 's1', server({ promised: 2 })).map((s) => s.label)).toEqual(['prepares ballot 3 for every slot']);
    expect(startSteps(cfg(), 's3', server())).toEqual([]);
  });

  it('on a majority of promises re-proposes every reported slot, a no-op in the gap, and leads', () => {
    const s = server({ promised: 2, ballot: 2, phase: 1, promises: 0b010 });
    const r = onPromise(cfg(), 's2', s, 2, [null, [1, put1]], 's3');
    expect(r.state).toEqual({ ...s, phase: 2, promises: 0, votes: [], log: ['noop', put1], acks: [0b010, 0b010], accepted: [[2, 'noop'], [2, put1]] });
    expect(r.send).toEqual([
      { to: 's1', msg: { t: '2a', b: 2, slot: 0, v: 'noop' } },
      { to: 's3', msg: { t: '2a', b: 2, slot: 0, v: 'noop' } },
      { to: 's1', msg: { t: '2a', b: 2, slot: 1, v: put1 } },
      { to: 's3', msg: { t: '2a', b: 2, slot: 1, v: put1 } },
    ]);
  });

  it('does not re-propose a slot it already knows is chosen', () => {
    const s = server({ promised: 3, ballot: 3, phase: 1, promises: 0b001, votes: [[1, put1]], accepted: [[1, put1]], chosen: [put1], executed: 1 });
    const r = onPromise(cfg(), 's1', s, 3, [[1, put1]], 's3');
    expect(r.state.log).toEqual([put1]);
    expect(r.state.accepted).toEqual([[1, put1]]);
    expect(r.send).toEqual([]);
  });

  it('ignores a promise for another ballot, a second one from the same acceptor, or one after phase 1', () => {
    const s = server({ promised: 2, ballot: 2, phase: 1, promises: 0b010 });
    expect(onPromise(cfg(), 's2', s, 1, [], 's3').state).toBe(s);
    expect(onPromise(cfg(), 's2', s, 2, [], 's2').state).toBe(s);
    const leading = server({ promised: 2, ballot: 2, phase: 2 });
    expect(onPromise(cfg(), 's2', leading, 2, [], 's3').state).toBe(leading);
  });
});

describe('leader: phase 2 per slot', () => {
  const leading = server({ promised: 1, ballot: 1, phase: 2 });

  it('gives a new request the next slot, accepting it locally and proposing it', () => {
    const r = onRequest(cfg(), 's1', leading, req(0, 1), 'c1');
    expect(r.state).toEqual({ ...leading, log: [put1], acks: [0b001], accepted: [[1, put1]] });
    expect(r.send).toEqual([{ to: 's2', msg: { t: '2a', b: 1, slot: 0, v: put1 } }, { to: 's3', msg: { t: '2a', b: 1, slot: 0, v: put1 } }]);
  });

  it('a request already in the log waits for its slot; one executed is answered from its session; a full log takes none', () => {
    const inLog = server({ ...leading, log: [put1], acks: [1], accepted: [[1, put1]] });
    expect(onRequest(cfg(), 's1', inLog, req(0, 1), 'c1')).toEqual({ state: inLog, send: [] });
    const done = server({ ...inLog, chosen: [put1], executed: 1, sessions: { c1: [0, 'ok'] } });
    expect(onRequest(cfg(), 's1', done, req(0, 1), 'c1')).toEqual({ state: done, send: [{ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } }] });
    expect(onRequest(cfg([], { slots: 1 }), 's1', inLog, req(0, 2), 'c2')).toEqual({ state: inLog, send: [] });
  });

  it('a replica that is not leading ignores requests', () => {
    const s = server({ promised: 1, ballot: 1, phase: 1 });
    expect(onRequest(cfg(), 's1', s, req(0, 1), 'c1')).toEqual({ state: s, send: [] });
  });

  it('bug gapFilledWithCommand: a new request takes the first open slot', () => {
    const s = server({ ...leading, log: [null, put1], acks: [0, 1], accepted: [null, [1, put1]] });
    const r = onRequest(cfg(['gapFilledWithCommand']), 's1', s, req(0, 2), 'c2');
    expect(r.state.log).toEqual([put2, put1]);
  });

  it('a majority of acks chooses the slot, which is learned and executed', () => {
    const s = server({ ...leading, log: [put1], acks: [0b001], accepted: [[1, put1]] });
    const r = onAck(cfg(), s, 1, 0, 's3');
    expect(r.state).toEqual({ ...s, acks: [0b101], chosen: [put1], executed: 1, store: { x: 1 }, sessions: { c1: [0, 'ok'] } });
    expect(r.send).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } }]);
  });

  it('counts an ack below a majority; ignores one of another ballot, a repeat, or for a slot already chosen', () => {
    const s = server({ ...leading, log: [put1], acks: [0], accepted: [[1, put1]] });
    expect(onAck(cfg(), s, 1, 0, 's3').state).toEqual({ ...s, acks: [0b100] });
    expect(onAck(cfg(), s, 2, 0, 's3').state).toBe(s);
    const acked = server({ ...s, acks: [0b100] });
    expect(onAck(cfg(), acked, 1, 0, 's3').state).toBe(acked);
    const chosen = server({ ...s, chosen: [put1] });
    expect(onAck(cfg(), chosen, 1, 0, 's3').state).toBe(chosen);
  });

  it('stepping down forgets only what a leader holds in memory', () => {
    const s = server({ promised: 1, ballot: 1, phase: 2, log: [put1], acks: [1], accepted: [[1, put1]], chosen: [put1], executed: 1 });
    expect(stepDown(s)).toEqual({ ...s, phase: 0, log: [], acks: [] });
    expect(stepDown(s, 1)).toBe(s);
    const idle = server();
    expect(stepDown(idle)).toBe(idle);
  });
});
