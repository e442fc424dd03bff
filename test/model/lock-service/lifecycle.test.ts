import { describe, expect, it } from 'vitest';
import { initNode, persistNode, staleAt } from '../../../src/model/lock-service/lifecycle.js';
import { cfg, client, inst, leased } from './helpers.js';

describe('lock-service lifecycle', () => {
  it('boots instances, clients and the storage', () => {
    expect(initNode(cfg(), 'i3')).toEqual(inst());
    expect(initNode(cfg(), 'c2')).toEqual(client());
    expect(initNode(cfg(), 'st')).toEqual({ role: 'storage', writes: [] });
  });

  it('an instance keeps promise, vote and ballot on disk; the request in progress is lost', () => {
    const s = inst({ promised: 3, accepted: [1, 'c1'], ballot: 3, phase: 1, op: { kind: 'acquire', client: 'c2', n: 1 }, promises: 1, best: [1, 'c1'], lapsed: true });
    expect(persistNode(cfg(), s)).toEqual(inst({ promised: 3, accepted: [1, 'c1'], ballot: 3 }));
  });

  it('with leases the accept time of a vote for a holder is unknown after a restart', () => {
    expect(persistNode(leased(), inst({ accepted: [1, 'c1'], acceptedAt: 4 })).acceptedAt).toBeNull();
    expect(persistNode(leased(), inst({ accepted: [1, null] })).acceptedAt).toBe(0);
  });

  it('with promisesInMemory only the ballot counter survives', () => {
    const s = inst({ promised: 3, accepted: [1, 'c1'], ballot: 2 });
    expect(persistNode(cfg({}, ['promisesInMemory']), s)).toEqual(inst({ ballot: 2 }));
  });

  it('clients and the storage keep everything', () => {
    const c = client({ n: 1, phase: 'holding', token: 2 });
    expect(persistNode(cfg(), c)).toBe(c);
  });

  it('stale: prepares and accepts an acceptor has promised past, unless its promise lives in memory', () => {
    const s = inst({ promised: 3 });
    expect(staleAt(cfg(), s, { t: '1a', b: 3 }, 'i2')).toBe(true);
    expect(staleAt(cfg(), s, { t: '1a', b: 4 }, 'i2')).toBe(false);
    expect(staleAt(cfg(), s, { t: '2a', b: 2, holder: 'c1' }, 'i2')).toBe(true);
    expect(staleAt(cfg(), s, { t: '2a', b: 3, holder: 'c1' }, 'i2')).toBe(false);
    expect(staleAt(cfg({}, ['promisesInMemory']), s, { t: '1a', b: 1 }, 'i2')).toBe(false);
    expect(staleAt(cfg(), s, { t: 'acquire', n: 1 }, 'c1')).toBe(false);
  });

  it('stale: promises and commits for a ballot the proposer has moved past or counted', () => {
    const s = inst({ ballot: 3, phase: 1, promises: 0b001 });
    expect(staleAt(cfg(), s, { t: '1b', b: 1, acc: null, lapsed: false }, 'i2')).toBe(true);
    expect(staleAt(cfg(), s, { t: '1b', b: 3, acc: null, lapsed: false }, 'i2')).toBe(false);
    expect(staleAt(cfg(), s, { t: '1b', b: 3, acc: null, lapsed: false }, 'i1')).toBe(true);
    expect(staleAt(cfg(), s, { t: '2b', b: 3 }, 'i2')).toBe(true);
    expect(staleAt(cfg(), { ...s, phase: 2, acks: 0b001 }, { t: '2b', b: 3 }, 'i2')).toBe(false);
    expect(staleAt(cfg(), { ...s, phase: 2, acks: 0b011 }, { t: '2b', b: 3 }, 'i2')).toBe(true);
  });

  it('stale: answers a client no longer waits for, writes the storage refuses for good', () => {
    expect(staleAt(cfg(), client({ n: 2, phase: 'acquiring' }), { t: 'granted', n: 1, token: 1 }, 'i1')).toBe(true);
    expect(staleAt(cfg(), client({ n: 2, phase: 'acquiring' }), { t: 'busy', n: 2 }, 'i1')).toBe(false);
    const st = { role: 'storage', writes: [['c2', 4]] } as const;
    expect(staleAt(cfg(), st, { t: 'write', token: 3 }, 'c1')).toBe(true);
    expect(staleAt(cfg(), st, { t: 'write', token: 4 }, 'c1')).toBe(false);
    expect(staleAt(cfg({}, ['noFencing']), st, { t: 'write', token: 3 }, 'c1')).toBe(false);
  });
});
