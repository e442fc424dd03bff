import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../../src/checker/run.js';
import { parseSpec, validateSpec } from '../../../src/checker/spec.js';
import { ModelConfigError } from '../../../src/model/contract.js';
import { findProtocol } from '../../../src/model/registry.js';
import { describeMessage, describeState } from '../../../src/model/shared-log/describe.js';
import { sharedLog } from '../../../src/model/shared-log/protocol.js';
import type { SequencerState } from '../../../src/model/shared-log/types.js';
import { cfg, client, put1, seq, server } from './helpers.js';

describe('shared-log wiring', () => {
  it('has the sequencer, servers s1..sn and clients, kv as its object, none without clients', () => {
    expect(sharedLog.nodes(cfg([], { servers: 3 })).map((n) => `${n.id}:${n.role}`)).toEqual(['seq:sequencer', 's1:server', 's2:server', 's3:server', 'c1:client', 'c2:client']);
    expect(sharedLog.object?.(cfg())?.name).toBe('kv');
    expect(sharedLog.object?.(cfg([], { clients: 0 }))).toBeNull();
    expect(findProtocol('shared-log')).toBe(sharedLog);
  });

  it('rejects an unknown bug and a failover without a second server', () => {
    expect(() => cfg(['nope'])).toThrow(/unknown bug "nope"/);
    expect(() => cfg([], { servers: 1 })).toThrow(ModelConfigError);
    expect(cfg([], { servers: 1, failover: false }).servers).toEqual(['s1']);
  });

  it('dispatches deliveries by role and message; a node ignores messages not meant for its role', () => {
    const c = cfg();
    expect(sharedLog.handle(c, 'seq', seq(), { t: 'next', ask: 0 }, 'c1', 0).send).toEqual([{ to: 'c1', msg: { t: 'token', ask: 0, pos: 0 } }]);
    expect(sharedLog.handle(c, 'seq', seq(), { t: 'tail', ask: 0 }, 'c1', 0).send).toEqual([{ to: 'c1', msg: { t: 'tailIs', ask: 0, pos: 0 } }]);
    expect(sharedLog.handle(c, 's1', server(), { t: 'write', pos: 0, entry: put1 }, 'c1', 0).state).toEqual(server({ log: [put1] }));
    expect(sharedLog.handle(c, 's2', server(), { t: 'read', pos: 0 }, 'c1', 0).send).toEqual([{ to: 'c1', msg: { t: 'val', pos: 0, val: null } }]);
    const s = server();
    expect(sharedLog.handle(c, 's1', s, { t: 'ack', pos: 0, seq: 0 }, 's2', 0)).toEqual({ state: s, send: [] });
    const k = client();
    expect(sharedLog.handle(c, 'c1', k, { t: 'read', pos: 0 }, 'c2', 0)).toEqual({ state: k, send: [] });
    expect(sharedLog.local(c, 's2', server(), 0)).toHaveLength(1);
    expect(sharedLog.local(c, 'seq', seq(), 0)).toEqual([]);
    expect(sharedLog.local(c, 'c1', client(), 0)).toHaveLength(1);
  });

  it('keeps every node\'s state on disk; only the buggy sequencer forgets its counter', () => {
    const s = seq({ next: 2, asked: [0, -1] });
    expect(sharedLog.recover(cfg(), 'seq', sharedLog.persisted(cfg(), s))).toBe(s);
    expect((sharedLog.recover(cfg(['sequencerFromZero']), 'seq', sharedLog.persisted(cfg(['sequencerFromZero']), s)) as SequencerState).next).toBe(0);
    const v = server({ log: [put1] });
    expect(sharedLog.recover(cfg(), 's1', v)).toBe(v);
  });

  it('describes states and messages in the notation of the traces', () => {
    expect(describeState(cfg(), 's1', server({ log: [put1, null, 'junk'] }))).toBe('e1 log [put(x, 1), _, junk]');
    expect(describeState(cfg(), 'seq', seq({ next: 2 }))).toBe('next 2');
    expect(describeState(cfg(), 'c1', client())).toBe('idle, next put(x, 1), read []');
    expect(describeState(cfg(), 'c1', client({ next: 1, phase: 'write', pos: 2, head: 1 }))).toBe('put(x, 1) writing at 2, read [], head s2');
    expect(describeState(cfg(), 'c1', client({ next: 2, phase: 'read', upTo: 2, log: [put1], filling: true }))).toBe('get(x) reading 1 (filling) of 2, read [put(x, 1)]');
    expect(describeState(cfg(), 'c1', client({ next: 2 }))).toBe('done, read []');
    expect(describeMessage({ t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' })).toBe('fwd(e1, 0, put(x, 1), write for c1)');
    expect(describeMessage({ t: 'val', pos: 3, val: null })).toBe('val(3, _)');
  });
});

describe('shared-log under the checker', () => {
  it('one client, no failover: the one run, 12 worlds, 11 steps, plus 2 redeliveries of the read that change nothing', () => {
    // put: invoke, next?, token, write, fwd, ack; get: invoke, tail?, tail, read, val. The read request stays
    // in the set network and is answered again (the same val while it is in flight, a stale one after).
    const spec = validateSpec('spec/x/one-client.json', {
      protocol: 'shared-log', params: { clients: 1, ops: 2, servers: 2, attempts: 1, failover: false }, network: 'set', expect: 'pass',
    }, findProtocol);
    const r = checkSpec(spec);
    expect(r.verdict).toBe('pass');
    expect([r.states, r.transitions, r.depth]).toEqual([12, 13, 11]);
  }, 120_000);

  const check = (file: string) => checkSpec(parseSpec(file, readFileSync(file, 'utf8'), findProtocol));

  it.each([
    ['spec/shared-log/sequencer-from-zero.json', 'linearizable', 11],
    ['spec/shared-log/ack-before-tail.json', 'linearizable', 14],
    ['spec/shared-log/fill-overwrites.json', 'onePerPosition', 17],
  ])('%s violates %s in %i steps', (file, property, steps) => {
    const r = check(file);
    expect(r.verdict).toBe('violation');
    expect(r.property).toBe(property);
    expect(r.traceLength).toBe(steps);
  }, 120_000);

  it('the correct variant passes the buggy specs\' bounds', () => {
    for (const file of ['spec/shared-log/sequencer-from-zero.json', 'spec/shared-log/ack-before-tail.json', 'spec/shared-log/fill-overwrites.json']) {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const r = checkSpec(validateSpec(file, { ...raw, bugs: [], expect: 'pass' }, findProtocol));
      expect(r.verdict, file).toBe('pass');
    }
  }, 300_000);
});
