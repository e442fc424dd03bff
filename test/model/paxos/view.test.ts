import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import type { WorldView } from '../../../src/model/contract.js';
import { initAcceptor, onAccept, onPrepare } from '../../../src/model/paxos/acceptor.js';
import { paxos } from '../../../src/model/paxos/protocol.js';
import { initProposer, onAck, onPromise } from '../../../src/model/paxos/proposer.js';
import { ballotShift, paxosView, shiftMessage, shiftState } from '../../../src/model/paxos/view.js';
import type { AcceptorState, PaxosConfig, PaxosMessage, PaxosState, ProposerState } from '../../../src/model/paxos/types.js';

const cfg = (bugs: string[] = []): PaxosConfig => freeze(paxos.configure({ acceptors: 3, proposers: 2, values: 2, maxRound: 4 }, bugs), true);
const acc = (s: Partial<AcceptorState>): AcceptorState => freeze({ ...initAcceptor(), ...s }, true);
const prop = (s: Partial<ProposerState>): ProposerState => freeze({ ...initProposer(), ...s }, true);

function world(states: PaxosState[], messages: PaxosMessage[] = []): WorldView<PaxosState, PaxosMessage> {
  const ids = ['a1', 'a2', 'a3', 'p1', 'p2'];
  return freeze(
    {
      time: 0,
      nodes: states.map((state, index) => ({ id: ids[index], role: state.role, index, up: true, state, clock: 0 })),
      messages: messages.map((msg) => ({ from: 'p1', to: 'a1', msg })),
    },
    true,
  );
}

describe('Paxos view: ballots shifted by whole rounds', () => {
  it('shifts nothing while a proposer has not started a ballot', () => {
    const w = world([acc({ promised: 5 }), acc({}), acc({}), prop({ ballot: 5 }), prop({ ballot: 0 })]);
    expect(ballotShift(cfg(), w)).toBe(0);
  });

  it('shifts by the lowest round in use, over states and messages, in whole rounds', () => {
    // Ballot b is round floor((b - 1) / 2) of proposer ((b - 1) mod 2) + 1.
    const states = [acc({ promised: 6 }), acc({ promised: 5, accepted: [5, 'v1'] }), acc({}), prop({ ballot: 7 }), prop({ ballot: 6 })];
    expect(ballotShift(cfg(), world(states))).toBe(4);
    expect(ballotShift(cfg(), world(states, [{ t: '1a', b: 3 }]))).toBe(2);
    expect(ballotShift(cfg(), world(states, [{ t: '1b', b: 6, acc: [2, 'v2'] }]))).toBe(0);
    // With shared ballots a round is one ballot.
    expect(ballotShift(cfg(['sharedBallots']), world(states))).toBe(4);
    expect(ballotShift(cfg(['sharedBallots']), world([acc({ promised: 3 }), acc({}), acc({}), prop({ ballot: 3 }), prop({ ballot: 4 })]))).toBe(2);
  });

  it('keeps "no promise" at 0 and shifts every ballot it finds', () => {
    expect(shiftState(acc({ promised: 0 }), 2)).toEqual(acc({ promised: 0 }));
    expect(shiftState(acc({ promised: 6, accepted: [5, 'v1'] }), 4)).toEqual({ role: 'acceptor', promised: 2, accepted: [1, 'v1'] });
    expect(shiftState(prop({ ballot: 7, phase: 1, best: [5, 'v2'] }), 4)).toMatchObject({ ballot: 3, best: [1, 'v2'] });
    expect(shiftMessage({ t: '1b', b: 6, acc: [5, 'v1'] }, 4)).toEqual({ t: '1b', b: 2, acc: [1, 'v1'] });
    expect(shiftMessage({ t: '2a', b: 6, v: 'v1' }, 4)).toEqual({ t: '2a', b: 2, v: 'v1' });
    const s = acc({ promised: 3 });
    expect(shiftState(s, 0)).toBe(s);
  });

  it('commutes with the rules: shifting before or after a step gives the same result', () => {
    const c = cfg();
    const by = 4;
    const a = acc({ promised: 6, accepted: [5, 'v1'] });
    for (const [b, v] of [[7, 'v2'], [6, 'v1'], [5, 'v1']] as const) {
      const step = onAccept(c, a, b, v, 'p1');
      const shifted = onAccept(c, shiftState(a, by) as AcceptorState, b - by, v, 'p1');
      expect(shifted.state).toEqual(shiftState(step.state, by));
      expect(shifted.send.map((x) => x.msg)).toEqual(step.send.map((x) => shiftMessage(x.msg, by)));
      const prep = onPrepare(c, a, b, 'p1');
      const prepShifted = onPrepare(c, shiftState(a, by) as AcceptorState, b - by, 'p1');
      expect(prepShifted.state).toEqual(shiftState(prep.state, by));
      expect(prepShifted.send.map((x) => x.msg)).toEqual(prep.send.map((x) => shiftMessage(x.msg, by)));
    }
    const p = prop({ ballot: 7, phase: 1, value: 'v1', promises: 1, best: [5, 'v2'] });
    const promise = onPromise(c, p, 7, [6, 'v1'], 'a2');
    const promiseShifted = onPromise(c, shiftState(p, by) as ProposerState, 3, [2, 'v1'], 'a2');
    expect(promiseShifted.state).toEqual(shiftState(promise.state, by));
    expect(promiseShifted.send.map((x) => x.msg)).toEqual(promise.send.map((x) => shiftMessage(x.msg, by)));
    const q = prop({ ballot: 7, phase: 2, value: 'v1', acks: 1, proposed: ['v1'] });
    expect(onAck(c, shiftState(q, by) as ProposerState, 3, 'v1', 'a2').state).toEqual(shiftState(onAck(c, q, 7, 'v1', 'a2').state, by));
  });

  it('is the view the protocol declares, raising maxRound for replays', () => {
    expect(paxos.view).toBe(paxosView);
    expect(paxosView.raiseBounds(cfg(), 3).maxRound).toBe(7);
  });
});
