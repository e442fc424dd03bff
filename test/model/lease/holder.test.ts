import { describe, expect, it } from 'vitest';
import { grantStale, onGrant, requestSteps } from '../../../src/model/lease/holder.js';
import { cfg, st } from './helpers.js';

describe('holder: asking', () => {
  it('a free candidate asks everyone else and grants itself, noting when it asked', () => {
    const steps = requestSteps(cfg(), 'n1', st(), 2);
    expect(steps).toHaveLength(1);
    expect(steps[0].label).toBe('asks for a lease (r=1) at clock 2');
    expect(steps[0].state).toEqual({ ...st(), round: 1, sentAt: 2, grants: 0b001, grantee: 'n1', until: 9, granted: [1, 0] });
    expect(steps[0].send).toEqual([
      { to: 'n2', msg: { t: 'req', r: 1 } },
      { to: 'n3', msg: { t: 'req', r: 1 } },
    ]);
  });

  it('a node that is not a candidate, or has used its rounds, never asks', () => {
    expect(requestSteps(cfg(), 'n3', st(), 0)).toEqual([]);
    expect(requestSteps(cfg(), 'n1', st({ round: 2, granted: [2, 0] }), 0)).toEqual([]);
  });

  it('a node does not ask while its own promise binds it to another, or before waiting out a restart', () => {
    expect(requestSteps(cfg(), 'n1', st({ grantee: 'n2', until: 7, granted: [0, 1] }), 6)).toEqual([]);
    expect(requestSteps(cfg(), 'n1', st({ grantee: 'n2', until: 7, granted: [0, 1] }), 7)).toHaveLength(1);
    expect(requestSteps(cfg(), 'n1', st({ until: null }), 6)).toEqual([]);
  });

  it('a holder renews while its lease is valid, keeping the lease until the new one is granted', () => {
    const s = st({ round: 1, lease: [1, 0, 3], grantee: 'n1', until: 7, granted: [1, 0] });
    const steps = requestSteps(cfg(), 'n1', s, 2);
    expect(steps).toHaveLength(1);
    expect(steps[0].label).toBe('renews its lease (r=2) at clock 2');
    expect(steps[0].state).toEqual({ ...s, round: 2, sentAt: 2, grants: 0b001, until: 9, granted: [2, 0] });
  });

  it('without renewal a holder waits for its lease to end, then drops it when asking again', () => {
    const config = cfg({ renew: false });
    const s = st({ round: 1, lease: [1, 0, 3], grantee: 'n1', until: 7, granted: [1, 0] }, config);
    expect(requestSteps(config, 'n1', s, 2)).toEqual([]);
    const steps = requestSteps(config, 'n1', s, 3);
    expect(steps[0].state.lease).toBeNull();
    expect(steps[0].label).toBe('asks for a lease (r=2) at clock 3');
  });
});

describe('holder: grants', () => {
  const pending = st({ round: 1, sentAt: 2, grants: 0b001, grantee: 'n1', until: 9, granted: [1, 0] });

  it('a majority of grants gives a lease counted from when the request was sent', () => {
    const out = onGrant(cfg(), pending, 'n3', 1, 4);
    expect(out.state).toEqual({ ...pending, sentAt: null, grants: 0, lease: [1, 2, 5] });
    expect(out.send).toEqual([]);
  });

  it('with the leaseFromReceipt bug the lease is counted from the grant\'s arrival', () => {
    const config = cfg({}, ['leaseFromReceipt']);
    const out = onGrant(config, st({ ...pending }, config), 'n3', 1, 4);
    expect(out.state.lease).toEqual([1, 4, 7]);
  });

  it('a grant short of a majority is recorded', () => {
    const config = cfg({ nodes: 5, candidates: 2 });
    const s = st({ round: 1, sentAt: 2, grants: 0b00001, grantee: 'n1', until: 9, granted: [1, 0] }, config);
    const out = onGrant(config, s, 'n4', 1, 3);
    expect(out.state).toEqual({ ...s, grants: 0b01001 });
  });

  it('grants for another round, a repeated grant, or with nothing pending change nothing', () => {
    expect(onGrant(cfg(), pending, 'n3', 2, 4).state).toBe(pending);
    const withN3 = st({ ...pending, grants: 0b101 });
    expect(onGrant(cfg(), withN3, 'n3', 1, 4).state).toBe(withN3);
    const idle = st({ round: 1, lease: [1, 2, 5] });
    expect(onGrant(cfg(), idle, 'n3', 1, 4).state).toBe(idle);
  });

  it('grantStale: an older round, a round no longer pending, a grant already counted', () => {
    expect(grantStale(cfg(), st({ round: 2, sentAt: 3 }), 'n3', 1)).toBe(true);
    expect(grantStale(cfg(), st({ round: 1, sentAt: null }), 'n3', 1)).toBe(true);
    expect(grantStale(cfg(), st({ round: 1, sentAt: 3, grants: 0b100 }), 'n3', 1)).toBe(true);
    expect(grantStale(cfg(), st({ round: 1, sentAt: 3, grants: 0b001 }), 'n3', 1)).toBe(false);
  });
});
