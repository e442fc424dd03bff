import { describe, expect, it } from 'vitest';
import { acceptVote, initInstance, onAccept, onPrepare, resumeSteps, voteLapsed } from '../../../src/model/lock-service/acceptor.js';
import { cfg, inst, leased } from './helpers.js';

describe('lock-service acceptor', () => {
  it('starts with no promise and no vote', () => {
    expect(initInstance()).toEqual({ role: 'instance', promised: 0, accepted: null, acceptedAt: 0, ballot: 0, phase: 0, op: null, promises: 0, best: null, lapsed: false, acks: 0 });
  });

  it('phase 1b: promises a higher ballot and reports its vote', () => {
    const s = inst({ promised: 1, accepted: [1, 'c1'] });
    const out = onPrepare(cfg(), s, 2, 'i2', 0);
    expect(out.state).toEqual({ ...s, promised: 2 });
    expect(out.send).toEqual([{ to: 'i2', msg: { t: '1b', b: 2, acc: [1, 'c1'], lapsed: false } }]);
  });

  it('phase 1b: ignores a ballot at or below its promise', () => {
    const s = inst({ promised: 2 });
    for (const b of [1, 2]) {
      const out = onPrepare(cfg(), s, b, 'i1', 0);
      expect(out.state).toBe(s);
      expect(out.send).toEqual([]);
    }
  });

  it('phase 2b: accepts at or above its promise, commits to the proposer', () => {
    const s = inst({ promised: 2 });
    const out = onAccept(cfg(), s, 2, 'c2', 'i2', 0);
    expect(out.state).toEqual({ ...s, accepted: [2, 'c2'] });
    expect(out.send).toEqual([{ to: 'i2', msg: { t: '2b', b: 2 } }]);
    const higher = onAccept(cfg(), s, 3, null, 'i1', 0);
    expect(higher.state).toEqual({ ...s, promised: 3, accepted: [3, null] });
  });

  it('phase 2b: refuses a ballot below its promise', () => {
    const s = inst({ promised: 3 });
    const out = onAccept(cfg(), s, 2, 'c1', 'i2', 0);
    expect(out.state).toBe(s);
    expect(out.send).toEqual([]);
  });

  it('with leases, a vote for a holder records the clock it was accepted at; the same vote again keeps it', () => {
    const s = acceptVote(leased(), inst(), 1, 'c1', 4);
    expect(s.acceptedAt).toBe(4);
    expect(acceptVote(leased(), s, 1, 'c1', 9)).toBe(s);
    expect(acceptVote(leased(), s, 3, null, 9).acceptedAt).toBe(0);
    expect(acceptVote(cfg(), inst(), 1, 'c1', 4).acceptedAt).toBe(0);
  });

  it('a vote lapses at its accept + D + 2ε by the instance\'s clock, never without leases or while the accept time is unknown', () => {
    const s = inst({ promised: 1, accepted: [1, 'c1'], acceptedAt: 2 });
    expect(voteLapsed(leased(), s, 6)).toBe(false);
    expect(voteLapsed(leased(), s, 7)).toBe(true);
    expect(voteLapsed(cfg(), s, 100)).toBe(false);
    expect(voteLapsed(leased(), { ...s, acceptedAt: null }, 100)).toBe(false);
    expect(voteLapsed(leased(), inst({ accepted: [1, null] }), 100)).toBe(false);
    expect(onPrepare(leased(), s, 2, 'i2', 7).send).toEqual([{ to: 'i2', msg: { t: '1b', b: 2, acc: [1, 'c1'], lapsed: true } }]);
  });

  it('a restarted instance counts its vote\'s lease afresh from when it resumes', () => {
    const s = inst({ accepted: [1, 'c1'], acceptedAt: null });
    const steps = resumeSteps(s, 3);
    expect(steps.map((x) => x.label)).toEqual(["resumes: counts its vote's lease from clock 3"]);
    expect(steps[0].state).toEqual({ ...s, acceptedAt: 3 });
    expect(steps[0].timer).toBe('resume');
    expect(resumeSteps(inst(), 3)).toEqual([]);
  });
});
