import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { onAccept, onPrepare, initAcceptor } from '../../../src/model/paxos/acceptor.js';
import { paxos } from '../../../src/model/paxos/protocol.js';
import { initProposer, inputsOf, onAck, onPromise, recoverProposer, startSteps } from '../../../src/model/paxos/proposer.js';
import { stale } from '../../../src/model/paxos/stale.js';
import type { AcceptorState, PaxosConfig, ProposerState } from '../../../src/model/paxos/types.js';

const cfg = (bugs: string[] = [], maxRound = 2): PaxosConfig =>
  freeze(paxos.configure({ acceptors: 3, proposers: 2, values: 2, maxRound }, bugs), true);
const acc = (s: Partial<AcceptorState>): AcceptorState => freeze({ ...initAcceptor(), ...s }, true);
const prop = (s: Partial<ProposerState>): ProposerState => freeze({ ...initProposer(), ...s }, true);

describe('acceptor', () => {
  it('promises a higher ballot and reports its vote', () => {
    const r = onPrepare(cfg(), acc({ promised: 1, accepted: [1, 'v1'] }), 2, 'p2');
    expect(r.state).toEqual({ role: 'acceptor', promised: 2, accepted: [1, 'v1'] });
    expect(r.send).toEqual([{ to: 'p2', msg: { t: '1b', b: 2, acc: [1, 'v1'] } }]);
  });

  it('ignores a prepare at or below its promise', () => {
    const s = acc({ promised: 2 });
    expect(onPrepare(cfg(), s, 2, 'p2')).toEqual({ state: s, send: [] });
    expect(onPrepare(cfg(), s, 1, 'p1').state).toBe(s);
  });

  it('with sharedBallots re-answers a prepare for the ballot it promised', () => {
    const s = acc({ promised: 1 });
    const r = onPrepare(cfg(['sharedBallots']), s, 1, 'p2');
    expect(r.state).toBe(s);
    expect(r.send).toEqual([{ to: 'p2', msg: { t: '1b', b: 1, acc: null } }]);
  });

  it('accepts a 2a at or above its promise and acks the sender', () => {
    const r = onAccept(cfg(), acc({ promised: 2 }), 2, 'v2', 'p2');
    expect(r.state).toEqual({ role: 'acceptor', promised: 2, accepted: [2, 'v2'] });
    expect(r.send).toEqual([{ to: 'p2', msg: { t: '2b', b: 2, v: 'v2' } }]);
  });

  it('refuses a 2a below its promise, unless acceptBelowPromise', () => {
    const s = acc({ promised: 3 });
    expect(onAccept(cfg(), s, 2, 'v2', 'p2')).toEqual({ state: s, send: [] });
    const buggy = onAccept(cfg(['acceptBelowPromise']), s, 2, 'v2', 'p2');
    expect(buggy.state).toEqual({ role: 'acceptor', promised: 3, accepted: [2, 'v2'] });
  });

  it('returns the same state object when a 2a repeats its vote', () => {
    const s = acc({ promised: 2, accepted: [2, 'v2'] });
    expect(onAccept(cfg(), s, 2, 'v2', 'p2').state).toBe(s);
  });
});

describe('proposer', () => {
  it('has its own input value and ballots round × proposers + id', () => {
    expect(inputsOf(cfg(), 'p1')).toEqual(['v1']);
    expect(inputsOf(cfg(), 'p2')).toEqual(['v2']);
    expect(startSteps(cfg(), 'p2', prop({})).map((s) => s.label)).toEqual(['starts ballot 2 with v2', 'starts ballot 4 with v2']);
    expect(startSteps(cfg(['sharedBallots']), 'p2', prop({})).map((s) => s.label)).toEqual(['starts ballot 1 with v2', 'starts ballot 2 with v2']);
  });

  it('starting a ballot sends 1a to every acceptor and resets the round', () => {
    const [step] = startSteps(cfg(), 'p1', prop({ ballot: 0 }));
    expect(step.state).toMatchObject({ ballot: 1, phase: 1, value: 'v1', promises: 0, best: null });
    expect(step.send.map((s) => s.to)).toEqual(['a1', 'a2', 'a3']);
    expect(step.send.every((s) => s.msg.t === '1a' && s.msg.b === 1)).toBe(true);
  });

  it('only starts ballots above its current one, and not once it has learned', () => {
    expect(startSteps(cfg(), 'p1', prop({ ballot: 3 }))).toEqual([]);
    expect(startSteps(cfg(), 'p1', prop({ ballot: 1, decided: ['v1'] }))).toEqual([]);
  });

  it('collects promises and on a majority proposes the highest reported vote', () => {
    const s0 = prop({ ballot: 3, phase: 1, value: 'v1' });
    const s1 = onPromise(cfg(), s0, 3, [1, 'v2'], 'a1').state;
    expect(s1).toMatchObject({ phase: 1, promises: 1, best: [1, 'v2'] });
    const r = onPromise(cfg(), freeze(s1, true), 3, [2, 'v1'], 'a3');
    expect(r.state).toMatchObject({ phase: 2, value: 'v1', proposed: ['v1'] });
    expect(r.send).toEqual(['a1', 'a2', 'a3'].map((to) => ({ to, msg: { t: '2a', b: 3, v: 'v1' } })));
  });

  it('proposes its own value when no vote was reported, and with ignorePromisedValues always', () => {
    const s1 = prop({ ballot: 3, phase: 1, value: 'v1', promises: 1, best: [2, 'v2'] });
    expect(onPromise(cfg(), s1, 3, null, 'a2').state.value).toBe('v2');
    expect(onPromise(cfg(['ignorePromisedValues']), s1, 3, null, 'a2').state.value).toBe('v1');
  });

  it('ignores promises for other ballots, repeated promises and promises outside phase 1', () => {
    const s = prop({ ballot: 3, phase: 1, value: 'v1', promises: 1 });
    expect(onPromise(cfg(), s, 1, null, 'a2').state).toBe(s);
    expect(onPromise(cfg(), s, 3, null, 'a1').state).toBe(s);
    const p2 = prop({ ballot: 3, phase: 2, value: 'v1' });
    expect(onPromise(cfg(), p2, 3, null, 'a2').state).toBe(p2);
  });

  it('learns its value from a majority of acks for the current ballot', () => {
    const s = prop({ ballot: 3, phase: 2, value: 'v1', proposed: ['v1'] });
    const s1 = onAck(cfg(), s, 3, 'v1', 'a2').state;
    expect(s1).toMatchObject({ acks: 2, decided: [] });
    const s2 = onAck(cfg(), freeze(s1, true), 3, 'v1', 'a3').state;
    expect(s2).toMatchObject({ phase: 0, acks: 0, decided: ['v1'] });
  });

  it('does not count acks from an earlier ballot, unless learnAcrossBallots', () => {
    const s = prop({ ballot: 3, phase: 2, value: 'v1', acks: 1 });
    expect(onAck(cfg(), s, 1, 'v1', 'a2').state).toBe(s);
    expect(onAck(cfg(['learnAcrossBallots']), s, 1, 'v1', 'a2').state.decided).toEqual(['v1']);
  });

  it('recovers from disk with ballot, proposals and decisions, but no round in progress', () => {
    const s = prop({ ballot: 3, phase: 2, value: 'v1', acks: 1, proposed: ['v1'], decided: [] });
    expect(recoverProposer(s)).toEqual({ ...initProposer(), ballot: 3, proposed: ['v1'] });
    const idle = prop({ ballot: 3 });
    expect(recoverProposer(idle)).toBe(idle);
  });
});

describe('stale messages', () => {
  it('an acceptor ignores for good prepares at or below, and 2a below, its promise', () => {
    const s = acc({ promised: 2 });
    expect(stale(cfg(), s, { t: '1a', b: 2 }, 'p2')).toBe(true);
    expect(stale(cfg(), s, { t: '1a', b: 3 }, 'p1')).toBe(false);
    expect(stale(cfg(), s, { t: '2a', b: 1, v: 'v1' }, 'p1')).toBe(true);
    expect(stale(cfg(), s, { t: '2a', b: 2, v: 'v2' }, 'p2')).toBe(false);
    expect(stale(cfg(['acceptBelowPromise']), s, { t: '2a', b: 1, v: 'v1' }, 'p1')).toBe(false);
  });

  it('a proposer ignores for good replies to older ballots and repeats', () => {
    const s = prop({ ballot: 3, phase: 1, value: 'v1', promises: 1 });
    expect(stale(cfg(), s, { t: '1b', b: 1, acc: null }, 'a2')).toBe(true);
    expect(stale(cfg(), s, { t: '1b', b: 3, acc: null }, 'a1')).toBe(true);
    expect(stale(cfg(), s, { t: '1b', b: 3, acc: null }, 'a2')).toBe(false);
    expect(stale(cfg(), prop({ ballot: 1, decided: ['v1'] }), { t: '2b', b: 1, v: 'v1' }, 'a3')).toBe(true);
  });

  it('agrees with handle: a stale message changes nothing', () => {
    const c = cfg();
    const cases: [ProposerState | AcceptorState, Parameters<typeof paxos.handle>[3], string, string][] = [
      [acc({ promised: 2 }), { t: '1a', b: 1 }, 'a1', 'p1'],
      [acc({ promised: 2 }), { t: '2a', b: 1, v: 'v1' }, 'a1', 'p1'],
      [prop({ ballot: 3, phase: 1, value: 'v1', promises: 1 }), { t: '1b', b: 3, acc: null }, 'p1', 'a1'],
      [prop({ ballot: 3, phase: 2, value: 'v1', acks: 2 }), { t: '2b', b: 3, v: 'v1' }, 'p1', 'a2'],
    ];
    for (const [s, m, self, from] of cases) {
      expect(stale(c, s, m, from)).toBe(true);
      expect(paxos.handle(c, self, s, m, from, 0)).toEqual({ state: s, send: [] });
    }
  });
});
