import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { initLease, leaseStale, persistLease, recoverLease } from '../../../src/model/lease/lifecycle.js';
import { lease } from '../../../src/model/lease/protocol.js';
import { cfg, st } from './helpers.js';

describe('lifecycle', () => {
  it('a node boots with nothing promised and nothing to wait out', () => {
    expect(initLease(cfg())).toEqual({ round: 0, sentAt: null, grants: 0, lease: null, grantee: null, until: 0, granted: [0, 0] });
  });

  it('only rounds reach the disk, never clock readings', () => {
    const s = st({ round: 2, sentAt: 5, grants: 1, lease: [1, 0, 3], grantee: 'n1', until: 12, granted: [2, 1] });
    expect(persistLease(s)).toEqual({ round: 2, granted: [2, 1] });
  });

  it('a restarted node holds nothing and has forgotten its promise', () => {
    const disk = freeze({ round: 2, granted: [2, 1] }, true);
    expect(recoverLease(cfg(), disk)).toEqual({ round: 2, sentAt: null, grants: 0, lease: null, grantee: null, until: null, granted: [2, 1] });
  });

  it('with the noWaitOut bug a restarted node may grant at once', () => {
    const config = cfg({}, ['noWaitOut']);
    expect(recoverLease(config, freeze({ round: 1, granted: [1, 0] }, true)).until).toBe(0);
  });

  it('messages ignored for good are stale: granted requests, grants for a round no longer pending', () => {
    const s = st({ round: 1, sentAt: null, granted: [1, 0] });
    expect(leaseStale(cfg(), s, { t: 'req', r: 1 }, 'n1')).toBe(true);
    expect(leaseStale(cfg(), s, { t: 'req', r: 2 }, 'n1')).toBe(false);
    expect(leaseStale(cfg(), s, { t: 'req', r: 1 }, 'n2')).toBe(false);
    expect(leaseStale(cfg(), s, { t: 'grant', r: 1 }, 'n3')).toBe(true);
    expect(leaseStale(cfg(), st({ round: 1, sentAt: 0, grants: 1 }), { t: 'grant', r: 1 }, 'n3')).toBe(false);
  });

  it('crash and restart: a granter that promised n1 refuses n2 until a full lease has passed after it resumes', () => {
    const config = cfg();
    const granted = lease.handle(config, 'n3', st(), { t: 'req', r: 1 }, 'n1', 2).state;
    expect(granted.until).toBe(9);
    const back = lease.recover(config, 'n3', freeze(lease.persisted(config, granted), true));
    expect(lease.handle(config, 'n3', back, { t: 'req', r: 1 }, 'n2', 30).send).toEqual([]);
    const [resume] = lease.local(config, 'n3', freeze(back, true), 3);
    expect(resume.state.until).toBe(10);
    expect(lease.handle(config, 'n3', freeze(resume.state, true), { t: 'req', r: 1 }, 'n2', 9).send).toEqual([]);
    expect(lease.handle(config, 'n3', freeze(resume.state, true), { t: 'req', r: 1 }, 'n2', 10).send).toEqual([{ to: 'n2', msg: { t: 'grant', r: 1 } }]);
  });

  it('crash and restart: a holder loses its lease and never reuses a round', () => {
    const config = cfg();
    const holder = st({ round: 1, lease: [1, 0, 3], grantee: 'n1', until: 7, granted: [1, 0] });
    const back = freeze(lease.recover(config, 'n1', freeze(lease.persisted(config, holder), true)), true);
    expect(back.lease).toBeNull();
    expect(lease.handle(config, 'n1', back, { t: 'grant', r: 1 }, 'n3', 1).state).toBe(back);
    const [resume] = lease.local(config, 'n1', back, 1);
    const asks = lease.local(config, 'n1', freeze(resume.state, true), 8);
    expect(asks.map((s) => s.label)).toEqual(['asks for a lease (r=2) at clock 8']);
  });
});
