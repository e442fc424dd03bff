import { describe, expect, it } from 'vitest';
import { paxos } from '../../../src/model/paxos/protocol.js';
import { initAcceptor } from '../../../src/model/paxos/acceptor.js';
import { initProposer, onPromise, startSteps } from '../../../src/model/paxos/proposer.js';
import { paxosObserve, paxosRestarts, paxosTimers } from '../../../src/model/paxos/timers.js';
import type { PaxosConfig } from '../../../src/model/paxos/types.js';

const cfg = (): PaxosConfig => paxos.configure({ acceptors: 3, proposers: 2, values: 2, maxRound: 2 }, []);

describe('Paxos timers', () => {
  it('every ballot start waits for the retry timer', () => {
    expect(startSteps(cfg(), 'p1', initProposer()).map((s) => s.timer)).toEqual(['retry', 'retry']);
    expect(paxos.timers).toBe(paxosTimers);
  });

  it('a promise for the current ballot is progress and restarts the retry timer; one for another ballot is not', () => {
    const s = { ...initProposer(), ballot: 3, phase: 1 as const, value: 'v1' };
    const msg = { t: '1b', b: 3, acc: null } as const;
    expect(paxosRestarts(s, msg, onPromise(cfg(), s, 3, null, 'a1').state)).toEqual(['retry']);
    const other = { t: '1b', b: 1, acc: null } as const;
    expect(paxosRestarts(s, other, onPromise(cfg(), s, 1, null, 'a1').state)).toEqual([]);
    expect(paxosRestarts(initAcceptor(), { t: '1a', b: 1 }, initAcceptor())).toEqual([]);
  });

  it('observes a proposer in phase 2 as leading its ballot, and its decision as one committed operation', () => {
    expect(paxosObserve({ ...initProposer(), ballot: 3, phase: 2, value: 'v1' })).toEqual({ leader: true, term: 3, accepted: 0, committed: 0 });
    expect(paxosObserve({ ...initProposer(), ballot: 3, decided: ['v1'] })).toEqual({ leader: false, term: 3, accepted: 1, committed: 1 });
    expect(paxosObserve(initAcceptor())).toEqual({});
  });
});
