import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../../src/checker/run.js';
import { validateSpec } from '../../../src/checker/spec.js';
import { ModelConfigError } from '../../../src/model/contract.js';
import { lockService } from '../../../src/model/lock-service/protocol.js';
import { findProtocol, protocols } from '../../../src/model/registry.js';
import { cfg, client, inst } from './helpers.js';

describe('lock-service protocol', () => {
  it('is registered, uses time, and names its nodes by role', () => {
    expect(protocols().map((p) => p.name)).toContain('lock-service');
    expect(lockService.usesTime).toBe(true);
    expect(lockService.nodes(cfg()).map((n) => `${n.id}:${n.role}`)).toEqual(['i1:instance', 'i2:instance', 'i3:replica', 'c1:client', 'c2:client', 'st:storage']);
    expect(cfg({ instances: 5 }).majority).toBe(3);
    expect(cfg({ lease: 3, margin: 1 })).toMatchObject({ duration: 3, holderMargin: 2, granterMargin: 2 });
  });

  it('rejects unknown bugs, more serving instances than instances, and leases the margin swallows', () => {
    expect(() => cfg({}, ['nope' as never])).toThrow(ModelConfigError);
    expect(() => cfg({ instances: 1, serving: 2 })).toThrow(/serving \(2\) cannot exceed instances \(1\)/);
    expect(() => cfg({ lease: 2, margin: 1 })).toThrow(/give lease > 2/);
  });

  it('routes each message to its role\'s rule', () => {
    const c = cfg();
    const asked = lockService.handle(c, 'i1', freeze(inst(), true), { t: 'acquire', n: 1 }, 'c1', 0);
    expect(asked.state).toMatchObject({ phase: 1, op: { kind: 'acquire', client: 'c1', n: 1 } });
    expect(lockService.handle(c, 'i3', inst(), { t: '1a', b: 1 }, 'i1', 0).send).toEqual([{ to: 'i1', msg: { t: '1b', b: 1, acc: null, lapsed: false } }]);
    expect(lockService.handle(c, 'c1', client({ n: 1, phase: 'acquiring' }), { t: 'granted', n: 1, token: 1 }, 'i1', 0).state).toMatchObject({ phase: 'holding', token: 1 });
    expect(lockService.handle(c, 'st', { role: 'storage', writes: [] }, { t: 'write', token: 1 }, 'c1', 0).state).toEqual({ role: 'storage', writes: [['c1', 1]] });
    const s = client();
    expect(lockService.handle(c, 'c1', s, { t: '1a', b: 1 }, 'i1', 0).state).toBe(s);
  });

  it('offers instances their resume and retry steps, clients theirs', () => {
    const c = cfg();
    expect(lockService.local(c, 'i1', inst({ accepted: [1, 'c1'], acceptedAt: null }), 0).map((s) => s.label)).toEqual(["resumes: counts its vote's lease from clock 0"]);
    expect(lockService.local(c, 'c1', client(), 0).map((s) => s.label)).toEqual(['asks i1 for the lock (#1)', 'asks i2 for the lock (#1)']);
    expect(lockService.local(c, 'st', { role: 'storage', writes: [] }, 0)).toEqual([]);
  });

  it('one client on one instance: exactly the six worlds of ask, grant, hold, write, storage accepts', () => {
    const spec = validateSpec(
      'tiny.json',
      {
        protocol: 'lock-service',
        params: { instances: 1, serving: 1, clients: 1, giveUp: false, release: false },
        network: 'multiset',
        time: { maxTime: 0, skew: 0 },
        reachable: ['granted', 'written'],
        expect: 'pass',
      },
      findProtocol,
    );
    const r = checkSpec(spec);
    expect([r.verdict, r.asExpected, r.states, r.transitions, r.depth]).toEqual(['pass', true, 6, 5, 5]);
  });
});
