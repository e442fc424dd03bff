import { describe, expect, it } from 'vitest';
import { holdsLease, leaseEnd, promiseBinds, promiseEnd } from '../../../src/model/lease/validity.js';
import { cfg, st } from './helpers.js';

describe('validity', () => {
  it('a lease is believed while the clock is below its end', () => {
    const s = st({ lease: [1, 2, 5] });
    expect(holdsLease(s, 2)).toBe(true);
    expect(holdsLease(s, 4)).toBe(true);
    expect(holdsLease(s, 5)).toBe(false);
    expect(holdsLease(st(), 0)).toBe(false);
  });

  it('a promise binds until its end, and always right after a restart', () => {
    expect(promiseBinds(st({ grantee: 'n1', until: 7 }), 6)).toBe(true);
    expect(promiseBinds(st({ grantee: 'n1', until: 7 }), 7)).toBe(false);
    expect(promiseBinds(st({ until: null }), 100)).toBe(true);
    expect(promiseBinds(st(), 0)).toBe(false);
  });

  it('each side allows for the skew twice: the holder stops 2ε early, a granter promises 2ε longer', () => {
    expect(leaseEnd(cfg(), 2)).toBe(2 + 5 - 2);
    expect(promiseEnd(cfg(), 2)).toBe(2 + 5 + 2);
    expect(leaseEnd(cfg({ margin: 2 }), 0)).toBe(1);
    expect(promiseEnd(cfg({ margin: 2 }), 0)).toBe(9);
  });

  it('the margin bugs shrink the margins', () => {
    expect(leaseEnd(cfg({}, ['noSkewMargin']), 2)).toBe(7);
    expect(promiseEnd(cfg({}, ['noSkewMargin']), 2)).toBe(7);
    expect(leaseEnd(cfg({}, ['halfMargin']), 2)).toBe(6);
    expect(promiseEnd(cfg({}, ['halfMargin']), 2)).toBe(8);
  });
});
