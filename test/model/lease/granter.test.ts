import { describe, expect, it } from 'vitest';
import { decide, grantedAlready, onRequest, resumeSteps } from '../../../src/model/lease/granter.js';
import { cfg, st } from './helpers.js';

describe('granter: onRequest', () => {
  it('a free granter grants, promising the asker until its clock + D + 2ε', () => {
    const s = st();
    const out = onRequest(cfg(), s, 'n1', 1, 3);
    expect(out.state).toEqual({ ...s, grantee: 'n1', until: 10, granted: [1, 0] });
    expect(out.send).toEqual([{ to: 'n1', msg: { t: 'grant', r: 1 } }]);
  });

  it('a granter bound to another node refuses and changes nothing', () => {
    const s = st({ grantee: 'n1', until: 10, granted: [1, 0] });
    const out = onRequest(cfg(), s, 'n2', 1, 9);
    expect(out.state).toBe(s);
    expect(out.send).toEqual([]);
  });

  it('a promise that has run out by the granter\'s clock no longer binds', () => {
    const s = st({ grantee: 'n1', until: 10, granted: [1, 0] });
    const out = onRequest(cfg(), s, 'n2', 1, 10);
    expect(out.state).toEqual({ ...s, grantee: 'n2', until: 17, granted: [1, 1] });
    expect(out.send).toEqual([{ to: 'n2', msg: { t: 'grant', r: 1 } }]);
  });

  it('the node it promised may renew: a newer round extends the promise', () => {
    const s = st({ grantee: 'n1', until: 10, granted: [1, 0] });
    const out = onRequest(cfg(), s, 'n1', 2, 6);
    expect(out.state).toEqual({ ...s, until: 13, granted: [2, 0] });
    expect(out.send).toEqual([{ to: 'n1', msg: { t: 'grant', r: 2 } }]);
  });

  it('a request is granted once: the same or an older round is ignored', () => {
    const s = st({ grantee: 'n1', until: 10, granted: [2, 0] });
    for (const r of [1, 2]) {
      const out = onRequest(cfg(), s, 'n1', r, 20);
      expect(out.state).toBe(s);
      expect(out.send).toEqual([]);
    }
    expect(grantedAlready(cfg(), s, 'n1', 2)).toBe(true);
    expect(grantedAlready(cfg(), s, 'n1', 3)).toBe(false);
    expect(grantedAlready(cfg(), s, 'n2', 1)).toBe(false);
  });

  it('requests from a node that is not a candidate are never granted', () => {
    expect(grantedAlready(cfg(), st(), 'n3', 1)).toBe(true);
    expect(onRequest(cfg(), st(), 'n3', 1, 0).send).toEqual([]);
  });

  it('a restarted granter refuses everyone until it has waited out a lease', () => {
    const s = st({ until: null, granted: [1, 0] });
    expect(decide(cfg(), s, 'n2', 1, 50)).toEqual({ state: s, grants: false });
    expect(decide(cfg(), s, 'n1', 2, 50)).toEqual({ state: s, grants: false });
  });
});

describe('granter: resume after restart', () => {
  it('waits out a full D + 2ε from the clock it resumes at', () => {
    const s = st({ until: null, granted: [1, 0] });
    const steps = resumeSteps(cfg(), s, 4);
    expect(steps).toHaveLength(1);
    expect(steps[0].state).toEqual({ ...s, grantee: null, until: 11 });
    expect(steps[0].send).toEqual([]);
    expect(steps[0].label).toBe('resumes granting: waits out a lease until 11');
    expect(decide(cfg(), steps[0].state, 'n2', 1, 10)?.grants).toBe(false);
    expect(decide(cfg(), steps[0].state, 'n2', 1, 11)?.grants).toBe(true);
  });

  it('is enabled only after a restart', () => {
    expect(resumeSteps(cfg(), st(), 4)).toEqual([]);
    expect(resumeSteps(cfg(), st({ grantee: 'n1', until: 9 }), 4)).toEqual([]);
  });
});
