import { describe, expect, it } from 'vitest';
import { leaseHolds, promiseBinds, resumeSteps } from '../../../src/model/raft-kv/lease.js';
import { cfg, leader, srv } from './helpers.js';

describe('leases', () => {
  it('a leader holds its lease while its clock is below the end', () => {
    const l = leader(1, [], { leaseEnd: 4 });
    expect(leaseHolds(l, 3)).toBe(true);
    expect(leaseHolds(l, 4)).toBe(false);
    expect(leaseHolds(srv({ leaseEnd: 4 }), 0)).toBe(false);
  });

  it('a follower is bound by its promise until its clock reaches it, and only with lease reads', () => {
    const f = srv({ until: 5 });
    expect(promiseBinds(cfg({ reads: 'lease' }), f, 4)).toBe(true);
    expect(promiseBinds(cfg({ reads: 'lease' }), f, 5)).toBe(false);
    expect(promiseBinds(cfg({ reads: 'readIndex' }), f, 4)).toBe(false);
  });

  it('a restarted server is bound until it resumes, and then for a whole timeout', () => {
    const r = srv({ resumed: false });
    expect(promiseBinds(cfg({ reads: 'lease' }), r, 100)).toBe(true);
    const [step] = resumeSteps(cfg({ reads: 'lease', timeout: 5 }), r, 3);
    expect(step.state).toEqual({ ...r, resumed: true, until: 8 });
    expect(resumeSteps(cfg({ reads: 'lease' }), srv(), 3)).toEqual([]);
  });
});
