import { describe, expect, it } from 'vitest';
import { describeField, describeMessage, describeState } from '../../../src/model/lease/describe.js';
import { cfg, st } from './helpers.js';

describe('describe', () => {
  it('messages', () => {
    expect(describeMessage({ t: 'req', r: 2 })).toBe('Req(r=2)');
    expect(describeMessage({ t: 'grant', r: 1 })).toBe('Grant(r=1)');
  });

  it('a state is one short line', () => {
    expect(describeState(cfg(), st())).toBe('r=0');
    const s = st({ round: 2, sentAt: 3, grants: 0b001, lease: [1, 1, 4], grantee: 'n1', until: 10, granted: [2, 1] });
    expect(describeState(cfg(), s)).toBe('r=2 asked@3 grants={n1} lease r=1 [1,4) promised n1 until 10 granted n1:2,n2:1');
    expect(describeState(cfg(), st({ until: null }))).toBe('r=0 restarted: promise forgotten');
    expect(describeState(cfg(), st({ until: 8 }))).toBe('r=0 waits out until 8');
  });

  it('fields for trace diffs: the grant mask as a set, the lease as in the state line', () => {
    const s = st({ grants: 0b011, lease: [1, 1, 4], granted: [2, 1] });
    expect(describeField(cfg(), 'grants', s)).toBe('{n1,n2}');
    expect(describeField(cfg(), 'lease', s)).toBe('r=1 [1,4)');
    expect(describeField(cfg(), 'lease', st())).toBe('-');
    expect(describeField(cfg(), 'granted', s)).toBe('n1:2,n2:1');
    expect(describeField(cfg(), 'round', s)).toBeUndefined();
  });
});
