import { describe, expect, it } from 'vitest';
import { acquireSteps, answerStale, believesHeld, describeClient, giveUpSteps, onAnswer, releaseSteps, retrySteps, writeSteps } from '../../../src/model/lock-service/client.js';
import { cfg, client, leased } from './helpers.js';

describe('lock-service client', () => {
  it('asks any serving instance for the lock, noting the clock with leases', () => {
    const steps = acquireSteps(leased(), client(), 4);
    expect(steps.map((s) => s.label)).toEqual(['asks i1 for the lock (#1)', 'asks i2 for the lock (#1)']);
    expect(steps[1].state).toEqual(client({ n: 1, phase: 'acquiring', target: 1, start: 4 }));
    expect(steps[1].send).toEqual([{ to: 'i2', msg: { t: 'acquire', n: 1 } }]);
    expect(acquireSteps(cfg(), client(), 4)[0].state.start).toBe(0);
  });

  it('makes no more acquisitions than its budget, and none while busy', () => {
    expect(acquireSteps(cfg(), client({ n: 1 }), 0)).toEqual([]);
    expect(acquireSteps(cfg({ acquisitions: 2 }), client({ n: 1 }), 0)).toHaveLength(2);
    expect(acquireSteps(cfg({ acquisitions: 2 }), client({ n: 1, phase: 'acquiring' }), 0)).toEqual([]);
  });

  it('times out and asks the next serving instance, within its retries', () => {
    const s = client({ n: 1, phase: 'acquiring', target: 1 });
    const steps = retrySteps(cfg({ retries: 1 }), s);
    expect(steps.map((x) => x.label)).toEqual(['times out, asks i1 again (#1)']);
    expect(steps[0].state).toEqual({ ...s, target: 0, retried: 1 });
    expect(steps[0].send).toEqual([{ to: 'i1', msg: { t: 'acquire', n: 1 } }]);
    expect(retrySteps(cfg({ retries: 1 }), { ...s, retried: 1 })).toEqual([]);
    expect(retrySteps(cfg({ retries: 1, serving: 1 }), s)).toEqual([]);
  });

  it('with no retries left gives up, releasing in case an attempt went through', () => {
    const s = client({ n: 1, phase: 'acquiring', target: 1 });
    const steps = giveUpSteps(cfg(), s);
    expect(steps[0].state).toEqual(client({ n: 1 }));
    expect(steps[0].send).toEqual([{ to: 'i2', msg: { t: 'release', n: 1 } }]);
    expect(giveUpSteps(cfg({ giveUp: false }), s)).toEqual([]);
    expect(giveUpSteps(cfg({ retries: 1 }), s)).toEqual([]);
  });

  it('a grant for the current acquisition makes it a holder; busy ends the acquisition', () => {
    const s = client({ n: 1, phase: 'acquiring' });
    expect(onAnswer(s, { t: 'granted', n: 1, token: 4 }).state).toEqual({ ...s, phase: 'holding', token: 4 });
    expect(onAnswer(s, { t: 'busy', n: 1 }).state).toEqual(client({ n: 1 }));
  });

  it('ignores late answers: an earlier acquisition\'s, or after it stopped acquiring', () => {
    const s = client({ n: 2, phase: 'acquiring' });
    expect(onAnswer(s, { t: 'granted', n: 1, token: 4 }).state).toBe(s);
    const held = client({ n: 2, phase: 'holding', token: 3 });
    expect(onAnswer(held, { t: 'granted', n: 2, token: 5 }).state).toBe(held);
    expect(answerStale(s, 1)).toBe(true);
    expect(answerStale(s, 2)).toBe(false);
    expect(answerStale(held, 2)).toBe(true);
  });

  it('believes it holds the lock until its lease, counted from when it first asked, runs out by its clock', () => {
    const s = client({ n: 1, phase: 'holding', start: 2, token: 1 });
    expect(believesHeld(leased(), s, 2)).toBe(true);
    expect(believesHeld(leased(), s, 3)).toBe(false);
    expect(believesHeld(cfg(), s, 100)).toBe(true);
    expect(believesHeld(cfg(), client({ phase: 'acquiring' }), 0)).toBe(false);
  });

  it('writes once per grant with its token, only while it believes it holds the lock', () => {
    const s = client({ n: 1, phase: 'holding', start: 2, token: 3 });
    const steps = writeSteps(leased(), s, 2);
    expect(steps.map((x) => x.label)).toEqual(['writes to st with token 3']);
    expect(steps[0].send).toEqual([{ to: 'st', msg: { t: 'write', token: 3 } }]);
    expect(writeSteps(leased(), s, 3)).toEqual([]);
    expect(writeSteps(leased(), { ...s, wrote: true }, 2)).toEqual([]);
  });

  it('releases after writing or once its lease ran out, stopping to believe at once', () => {
    const s = client({ n: 1, phase: 'holding', start: 2, token: 3, target: 1 });
    expect(releaseSteps(leased(), s, 2)).toEqual([]);
    const after = releaseSteps(leased(), { ...s, wrote: true }, 2);
    expect(after[0].state).toEqual(client({ n: 1 }));
    expect(after[0].send).toEqual([{ to: 'i2', msg: { t: 'release', n: 1 } }]);
    expect(releaseSteps(leased(), s, 3)).toHaveLength(1);
    expect(releaseSteps(cfg({ release: false }), { ...s, wrote: true }, 2)).toEqual([]);
  });

  it('describes itself in one line', () => {
    expect(describeClient(cfg(), client())).toBe('idle');
    expect(describeClient(leased(), client({ n: 1, phase: 'acquiring', retried: 1, start: 2 }))).toBe('acquiring #1 at i1 (retry 1) since 2');
    expect(describeClient(leased(), client({ n: 1, phase: 'holding', start: 2, token: 3, wrote: true }))).toBe('holding #1 token 3 lease until 3 wrote');
    expect(describeClient(cfg(), client({ n: 1 }))).toBe('idle after #1');
  });
});
