import { describe, expect, it } from 'vitest';
import { nextBallot, ballotOwner } from '../../../src/model/lock-service/ballots.js';
import { onCommit, onPromise, onRequest, outcome, retrySteps } from '../../../src/model/lock-service/proposer.js';
import type { Op } from '../../../src/model/lock-service/types.js';
import { cfg, inst, leased } from './helpers.js';

const acquire1: Op = { kind: 'acquire', client: 'c1', n: 1 };
const release1: Op = { kind: 'release', client: 'c1', n: 1 };

describe('lock-service ballots', () => {
  it('are unique per serving instance: round × serving + k, within maxRound', () => {
    const c = cfg();
    expect(nextBallot(c, 'i1', 0)).toBe(1);
    expect(nextBallot(c, 'i2', 0)).toBe(2);
    expect(nextBallot(c, 'i1', 1)).toBe(3);
    expect(nextBallot(c, 'i1', 2)).toBe(3);
    expect(nextBallot(c, 'i2', 2)).toBe(4);
    expect(nextBallot(c, 'i1', 3)).toBeNull();
    expect(nextBallot(c, 'i3', 0)).toBeNull();
    expect(ballotOwner(c, 3)).toBe('i1');
    expect(ballotOwner(c, 4)).toBe('i2');
  });
});

describe('lock-service proposer: what a request makes of the holder', () => {
  it('acquire takes a free or lapsed lock and keeps its own; another holder is busy', () => {
    const c = cfg();
    expect(outcome(c, acquire1, null, false)).toEqual({ propose: 'c1' });
    expect(outcome(c, acquire1, 'c1', false)).toEqual({ propose: 'c1' });
    expect(outcome(c, acquire1, 'c2', true)).toEqual({ propose: 'c1' });
    expect(outcome(c, acquire1, 'c2', false)).toBe('busy');
  });

  it('release frees only its holder\'s lock, unless releaseByAnyone', () => {
    expect(outcome(cfg(), release1, 'c1', false)).toEqual({ propose: null });
    expect(outcome(cfg(), release1, 'c2', false)).toBe('done');
    expect(outcome(cfg(), release1, null, false)).toBe('done');
    expect(outcome(cfg({}, ['releaseByAnyone']), release1, 'c2', false)).toEqual({ propose: null });
  });
});

describe('lock-service proposer: rounds', () => {
  it('a request starts phase 1 at the next ballot above its ballot and promise, promising it locally', () => {
    const s = inst({ promised: 2 });
    const out = onRequest(cfg(), 'i1', s, acquire1, 0);
    expect(out.state).toEqual({ ...s, promised: 3, ballot: 3, phase: 1, op: acquire1, promises: 0b001, best: null, lapsed: false, acks: 0 });
    expect(out.send).toEqual([
      { to: 'i2', msg: { t: '1a', b: 3 } },
      { to: 'i3', msg: { t: '1a', b: 3 } },
    ]);
  });

  it('a request is dropped while busy, out of ballots, or at an instance that serves no clients', () => {
    const busy = inst({ ballot: 1, phase: 1, op: release1 });
    expect(onRequest(cfg(), 'i1', busy, acquire1, 0).state).toBe(busy);
    const spent = inst({ ballot: 3 });
    expect(onRequest(cfg(), 'i1', spent, acquire1, 0)).toEqual({ state: spent, send: [] });
    expect(onRequest(cfg(), 'i3', inst(), acquire1, 0).send).toEqual([]);
  });

  it('a quorum of promises for a free lock starts phase 2 with the client, accepting locally', () => {
    const s = inst({ promised: 1, ballot: 1, phase: 1, op: acquire1, promises: 0b001 });
    const out = onPromise(cfg(), 'i1', s, 1, null, false, 'i3', 0);
    expect(out.state).toEqual({ ...s, accepted: [1, 'c1'], phase: 2, promises: 0, acks: 0b001 });
    expect(out.send).toEqual([
      { to: 'i2', msg: { t: '2a', b: 1, holder: 'c1' } },
      { to: 'i3', msg: { t: '2a', b: 1, holder: 'c1' } },
    ]);
  });

  it('phase 2 carries the holder the highest reported vote makes of it: busy for another live holder', () => {
    const s = inst({ promised: 3, ballot: 3, phase: 1, op: acquire1, promises: 0b001, best: [1, null] });
    const out = onPromise(cfg(), 'i1', s, 3, [2, 'c2'], false, 'i2', 0);
    expect(out.state).toEqual({ ...s, phase: 0, op: null, promises: 0, best: null });
    expect(out.send).toEqual([{ to: 'c1', msg: { t: 'busy', n: 1 } }]);
  });

  it('a lapsed vote for another holder is taken over; a lower vote does not replace a higher one', () => {
    const s = inst({ promised: 3, ballot: 3, phase: 1, op: acquire1, promises: 0b001, best: [2, 'c2'] });
    expect(onPromise(leased(), 'i1', s, 3, [2, 'c2'], true, 'i3', 0).send[0]).toEqual({ to: 'i2', msg: { t: '2a', b: 3, holder: 'c1' } });
    expect(onPromise(cfg(), 'i1', s, 3, [1, null], true, 'i3', 0).send).toEqual([{ to: 'c1', msg: { t: 'busy', n: 1 } }]);
  });

  it('a release of a lock its client does not hold ends the round with nothing written', () => {
    const s = inst({ promised: 1, ballot: 1, phase: 1, op: release1, promises: 0b001, best: [1, 'c2'] });
    const out = onPromise(cfg(), 'i1', s, 1, null, false, 'i2', 0);
    expect(out.state).toEqual({ ...s, phase: 0, op: null, promises: 0, best: null });
    expect(out.send).toEqual([]);
  });

  it('promises for another ballot, a repeated promise, or outside phase 1 change nothing', () => {
    const s = inst({ promised: 3, ballot: 3, phase: 1, op: acquire1, promises: 0b001 });
    expect(onPromise(cfg(), 'i1', s, 1, null, false, 'i2', 0).state).toBe(s);
    expect(onPromise(cfg(), 'i1', s, 3, null, false, 'i1', 0).state).toBe(s);
    const two = inst({ ballot: 3, phase: 2, op: acquire1 });
    expect(onPromise(cfg(), 'i1', two, 3, null, false, 'i2', 0).state).toBe(two);
  });

  it('own accept is skipped when the instance promised a higher ballot meanwhile', () => {
    const s = inst({ promised: 4, ballot: 3, phase: 1, op: acquire1, promises: 0b001 });
    const out = onPromise(cfg(), 'i1', s, 3, null, false, 'i2', 0);
    expect(out.state).toEqual({ ...s, phase: 2, promises: 0, acks: 0 });
  });

  it('a quorum of commits answers the acquire with the ballot as fencing token', () => {
    const s = inst({ promised: 3, ballot: 3, accepted: [3, 'c1'], phase: 2, op: acquire1, acks: 0b001 });
    const out = onCommit(cfg(), s, 3, 'i2');
    expect(out.state).toEqual({ ...s, phase: 0, op: null, acks: 0 });
    expect(out.send).toEqual([{ to: 'c1', msg: { t: 'granted', n: 1, token: 3 } }]);
    expect(onCommit(cfg(), s, 3, 'i1').state).toBe(s);
    expect(onCommit(cfg(), s, 1, 'i2').state).toBe(s);
  });

  it('a release is not answered; one commit short of a quorum waits', () => {
    const s = inst({ ballot: 3, phase: 2, op: release1, acks: 0b001 });
    expect(onCommit(cfg(), s, 3, 'i3')).toEqual({ state: { ...s, phase: 0, op: null, acks: 0 }, send: [] });
    const five = cfg({ instances: 5 });
    expect(onCommit(five, s, 3, 'i3')).toEqual({ state: { ...s, acks: 0b101 }, send: [] });
  });

  it('grantWithoutQuorum answers when phase 2 starts, and not again on the quorum', () => {
    const c = cfg({}, ['grantWithoutQuorum']);
    const s = inst({ promised: 1, ballot: 1, phase: 1, op: acquire1, promises: 0b001 });
    const out = onPromise(c, 'i1', s, 1, null, false, 'i2', 0);
    expect(out.send).toContainEqual({ to: 'c1', msg: { t: 'granted', n: 1, token: 1 } });
    expect(onCommit(c, out.state, 1, 'i2').send).toEqual([]);
  });

  it('a single instance decides alone: the request is answered in the step that takes it', () => {
    const out = onRequest(cfg({ instances: 1, serving: 1 }), 'i1', inst(), acquire1, 0);
    expect(out.state.phase).toBe(0);
    expect(out.send).toEqual([{ to: 'c1', msg: { t: 'granted', n: 1, token: 1 } }]);
  });

  it('a stalled ballot is retried at the next ballot with the same request, while ballots last', () => {
    const s = inst({ promised: 2, ballot: 1, phase: 2, op: acquire1, acks: 0b001 });
    const steps = retrySteps(cfg(), 'i1', s, 0);
    expect(steps.map((x) => x.label)).toEqual(['retries acquire for c1 at ballot 3']);
    expect(steps[0].timer).toBe('retry');
    expect(steps[0].state).toEqual({ ...s, promised: 3, ballot: 3, phase: 1, promises: 0b001, acks: 0 });
    expect(retrySteps(cfg(), 'i1', { ...s, ballot: 3 }, 0)).toEqual([]);
    expect(retrySteps(cfg(), 'i1', inst(), 0)).toEqual([]);
  });
});
