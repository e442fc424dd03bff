import { describe, expect, it } from 'vitest';
import { leaderHolds, leaseExclusive } from '../../../src/model/lease/properties.js';
import { cfg, node, st, world } from './helpers.js';

describe('leaseExclusive', () => {
  const h1 = st({ round: 1, lease: [1, 1, 4], grantee: 'n1', until: 8, granted: [1, 0] });
  const h2 = st({ round: 1, lease: [1, 3, 6], grantee: 'n2', until: 10, granted: [0, 1] });
  const g3 = st({ grantee: 'n2', until: 9, granted: [1, 1] });

  it('two nodes that each believe, by their own clock, that they hold a lease break it', () => {
    const v = leaseExclusive.check(cfg(), world(3, [node('n1', h1, 3), node('n2', h2, 4), node('n3', g3, 2)]));
    expect(v?.message).toBe('n1 and n2 both believe they hold the lease at global time 3');
    expect(v?.witnesses).toEqual([
      't=3: n1 holds [1,4) by its clock 3 (round 1)',
      't=3: n2 holds [3,6) by its clock 4 (round 1)',
      'n1 (clock 3) promised n1 until 8',
      'n2 (clock 4) promised n2 until 10',
      'n3 (clock 2) promised n2 until 9',
    ]);
  });

  it('a lease whose end its holder\'s clock has reached does not count', () => {
    expect(leaseExclusive.check(cfg(), world(4, [node('n1', h1, 4), node('n2', h2, 4), node('n3', g3, 4)]))).toBeNull();
  });

  it('a node that is down holds nothing', () => {
    expect(leaseExclusive.check(cfg(), world(3, [node('n1', h1, 3, false), node('n2', h2, 4), node('n3', g3, 2)]))).toBeNull();
  });

  it('one holder is fine', () => {
    expect(leaseExclusive.check(cfg(), world(3, [node('n1', h1, 3), node('n2', st(), 3), node('n3', g3, 2)]))).toBeNull();
  });
});

describe('leaderHolds', () => {
  it('holds exactly when some node that is up holds a valid lease', () => {
    const h = st({ round: 1, lease: [1, 1, 4] });
    expect(leaderHolds.holds(cfg(), world(2, [node('n1', h, 2), node('n2', st(), 2)]))).toBe(true);
    expect(leaderHolds.holds(cfg(), world(5, [node('n1', h, 4), node('n2', st(), 5)]))).toBe(false);
    expect(leaderHolds.holds(cfg(), world(2, [node('n1', h, 2, false), node('n2', st(), 2)]))).toBe(false);
  });
});
