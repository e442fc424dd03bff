import { describe, expect, it } from 'vitest';
import type { WorldView } from '../../../src/model/contract.js';
import { ballotShift, lockView, shiftMessage, shiftState } from '../../../src/model/lock-service/view.js';
import type { LockMessage, LockState } from '../../../src/model/lock-service/types.js';
import { cfg, client, inst } from './helpers.js';

function world(states: LockState[], messages: LockMessage[] = []): WorldView<LockState, LockMessage> {
  const ids = ['i1', 'i2', 'i3', 'c1', 'c2', 'st'];
  return {
    nodes: states.map((state, index) => ({ id: ids[index], role: 'x', index, up: true, state, clock: 0 })),
    messages: messages.map((msg) => ({ from: 'i1', to: 'i2', msg })),
    time: 0,
  };
}

const storage = (writes: readonly (readonly [string, number])[] = []): LockState => ({ role: 'storage', writes });

describe('lock-service view', () => {
  it('shifts by whole rounds down to the lowest round in use', () => {
    const w = world([inst({ promised: 6, ballot: 5 }), inst({ promised: 6, ballot: 6 }), inst({ promised: 5 }), client(), client(), storage()], [{ t: '1a', b: 6 }]);
    expect(ballotShift(cfg(), w)).toBe(4);
  });

  it('does not shift while a serving instance has not started, or below a token or a message in use', () => {
    expect(ballotShift(cfg(), world([inst({ ballot: 5 }), inst(), inst(), client(), client(), storage()]))).toBe(0);
    const base = [inst({ ballot: 5, promised: 6 }), inst({ ballot: 6, promised: 6 }), inst({ promised: 6 })];
    expect(ballotShift(cfg(), world([...base, client({ token: 1 }), client(), storage()]))).toBe(0);
    expect(ballotShift(cfg(), world([...base, client(), client(), storage([['c1', 3]])]))).toBe(2);
    expect(ballotShift(cfg(), world([...base, client(), client(), storage()], [{ t: '1b', b: 6, acc: [2, 'c1'], lapsed: false }]))).toBe(0);
  });

  it('shifts every ballot and token in states and messages, and keeps 0 as none', () => {
    expect(shiftState(inst({ promised: 5, ballot: 5, accepted: [3, 'c1'], best: [3, 'c1'] }), 2)).toEqual(inst({ promised: 3, ballot: 3, accepted: [1, 'c1'], best: [1, 'c1'] }));
    expect(shiftState(inst(), 2)).toEqual(inst());
    expect(shiftState(client({ token: 5 }), 2)).toEqual(client({ token: 3 }));
    expect(shiftState(storage([['c1', 5]]), 2)).toEqual(storage([['c1', 3]]));
    expect(shiftMessage({ t: '1b', b: 5, acc: [3, null], lapsed: true }, 2)).toEqual({ t: '1b', b: 3, acc: [1, null], lapsed: true });
    expect(shiftMessage({ t: 'granted', n: 1, token: 5 }, 2)).toEqual({ t: 'granted', n: 1, token: 3 });
    expect(shiftMessage({ t: 'write', token: 5 }, 2)).toEqual({ t: 'write', token: 3 });
    const acquire = { t: 'acquire', n: 1 } as const;
    expect(shiftMessage(acquire, 2)).toBe(acquire);
  });

  it('raises the round bound for replays', () => {
    expect(lockView.raiseBounds(cfg(), 4).maxRound).toBe(6);
  });
});
