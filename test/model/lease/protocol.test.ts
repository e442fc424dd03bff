import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { ModelConfigError } from '../../../src/model/contract.js';
import { lease } from '../../../src/model/lease/protocol.js';
import { cfg, st } from './helpers.js';

const params = { nodes: 3, candidates: 0, duration: 5, margin: 1, maxRound: 2, renew: true };

describe('lease protocol', () => {
  it('uses time and names its nodes by role', () => {
    expect(lease.usesTime).toBe(true);
    expect(lease.nodes(cfg())).toEqual([
      { id: 'n1', role: 'candidate' },
      { id: 'n2', role: 'candidate' },
      { id: 'n3', role: 'granter' },
    ]);
    expect(lease.configure(params, []).candidates).toEqual(['n1', 'n2', 'n3']);
    expect(lease.configure(params, []).majority).toBe(2);
  });

  it('rejects unknown bugs, more candidates than nodes, and leases the margin swallows', () => {
    expect(() => lease.configure(params, ['nope'])).toThrow(ModelConfigError);
    expect(() => lease.configure({ ...params, candidates: 4 }, [])).toThrow(/candidates/);
    expect(() => lease.configure({ ...params, duration: 2 }, [])).toThrow(/duration > 2/);
    expect(lease.configure({ ...params, duration: 2 }, ['halfMargin']).holderMargin).toBe(1);
    expect(lease.configure({ ...params, duration: 1 }, ['noSkewMargin']).holderMargin).toBe(0);
  });

  it('dispatches requests to the granter and grants to the holder', () => {
    const config = cfg();
    const asked = freeze(lease.local(config, 'n1', st(), 0)[0].state, true);
    const granted = lease.handle(config, 'n3', st(), { t: 'req', r: 1 }, 'n1', 0);
    expect(granted.send).toEqual([{ to: 'n1', msg: { t: 'grant', r: 1 } }]);
    const held = lease.handle(config, 'n1', asked, { t: 'grant', r: 1 }, 'n3', 1).state;
    expect(held.lease).toEqual([1, 0, 3]);
  });

  it('persists rounds and recovers through them', () => {
    const config = cfg();
    const s = st({ round: 1, lease: [1, 0, 3], granted: [1, 0], grantee: 'n1', until: 7 });
    expect(lease.recover(config, 'n1', freeze(lease.persisted(config, s), true))).toEqual(st({ round: 1, granted: [1, 0], until: null }));
  });

  it('declares stale messages', () => {
    expect(lease.stale?.(cfg(), 'n3', st({ granted: [1, 0] }), { t: 'req', r: 1 }, 'n1')).toBe(true);
  });
});
