import { describe, expect, it } from 'vitest';
import { ModelConfigError } from '../../../src/model/contract.js';
import { describeMessage, describeState } from '../../../src/model/multipaxos/describe.js';
import { multipaxos } from '../../../src/model/multipaxos/protocol.js';
import { agreement, allAnswered, gapLeftOpen, requestChosenTwice } from '../../../src/model/multipaxos/properties.js';
import { stale } from '../../../src/model/multipaxos/stale.js';
import { cfg, put1, put2, server, world } from './helpers.js';

describe('configuration', () => {
  it('names replicas, candidates and clients; clients try the candidates in order', () => {
    const c = cfg();
    expect(c.acceptors).toEqual(['s1', 's2', 's3']);
    expect(c.proposers).toEqual(['s1', 's2']);
    expect(c.servers).toEqual(['s1', 's2']);
    expect(c.majority).toBe(2);
    expect(multipaxos.nodes(c).map((n) => `${n.id}:${n.role}`)).toEqual(['s1:server', 's2:server', 's3:server', 'c1:client', 'c2:client']);
  });

  it('refuses an unknown bug and more candidates than replicas', () => {
    expect(() => cfg(['nope'])).toThrow(ModelConfigError);
    expect(() => cfg([], { replicas: 1, candidates: 2 })).toThrow(/candidates/);
  });

  it('a restart keeps the acceptor, what was learned and executed, and stops leading', () => {
    const s = server({ promised: 1, ballot: 1, phase: 2, log: [put1], acks: [1], accepted: [[1, put1]] });
    expect(multipaxos.recover(cfg(), 's1', multipaxos.persisted(cfg(), s))).toEqual({ ...s, phase: 0, log: [], acks: [] });
  });

  it('has the kv object only with clients', () => {
    expect(multipaxos.object?.(cfg())?.name).toBe('kv');
    expect(multipaxos.object?.(cfg([], { clients: 0 }))).toBeNull();
  });
});

describe('stale messages', () => {
  const c = cfg();
  it('acceptor: prepares at or below the promise, accepts below it', () => {
    const s = server({ promised: 2 });
    expect(stale(c, 's3', s, { t: '1a', b: 2 }, 's2')).toBe(true);
    expect(stale(c, 's3', s, { t: '1a', b: 3 }, 's1')).toBe(false);
    expect(stale(c, 's3', s, { t: '2a', b: 1, slot: 0, v: put1 }, 's1')).toBe(true);
    expect(stale(c, 's3', s, { t: '2a', b: 2, slot: 0, v: put1 }, 's2')).toBe(false);
  });

  it('leader: promises and acks of older ballots, counted ones, and acks for a slot known chosen', () => {
    const s = server({ promised: 2, ballot: 2, phase: 2, log: [put1, put2], acks: [0b010, 0b110], chosen: [put1] });
    expect(stale(c, 's2', s, { t: '1b', b: 2, votes: [] }, 's3')).toBe(true);
    expect(stale(c, 's2', s, { t: '2b', b: 1, slot: 1 }, 's3')).toBe(true);
    expect(stale(c, 's2', s, { t: '2b', b: 2, slot: 0 }, 's1')).toBe(true);
    expect(stale(c, 's2', s, { t: '2b', b: 2, slot: 1 }, 's3')).toBe(true);
    expect(stale(c, 's2', s, { t: '2b', b: 2, slot: 1 }, 's1')).toBe(false);
  });

  it('requests: at a replica that never leads, or older than the client\'s session; replies at a client no longer waiting for them', () => {
    expect(stale(c, 's3', server(), { t: 'req', seq: 0, cmd: { op: 'put', key: 'x', value: 1 } }, 'c1')).toBe(true);
    const s = server({ sessions: { c1: [1, 1] } });
    expect(stale(c, 's1', s, { t: 'req', seq: 0, cmd: { op: 'get', key: 'x' } }, 'c1')).toBe(true);
    expect(stale(c, 's1', s, { t: 'req', seq: 1, cmd: { op: 'get', key: 'x' } }, 'c1')).toBe(false);
    const waiting = { role: 'client', next: 1, waiting: true, target: 0, retried: 0 } as const;
    expect(stale(c, 'c1', waiting, { t: 'resp', seq: 0, out: 'ok' }, 's1')).toBe(false);
    expect(stale(c, 'c1', { ...waiting, waiting: false }, { t: 'resp', seq: 0, out: 'ok' }, 's1')).toBe(true);
  });
});

describe('properties', () => {
  it('agreement: two values chosen for one slot, by acceptors or by a learner', () => {
    const c = cfg();
    const ok = world({ s1: server({ accepted: [[1, put1]] }), s2: server({ accepted: [[1, put1]] }), s3: server({ accepted: [[2, put2]] }) });
    expect(agreement.check(c, ok)).toBeNull();
    const oneChosen = world({ s1: server({ accepted: [[1, put1]] }), s2: server({ accepted: [[2, put2]] }), s3: server({ accepted: [[2, put2]] }), c1: { role: 'client', next: 0, waiting: false, target: 0, retried: 0 } });
    const learnedOther = world({ s1: server({ chosen: [put1] }), s2: server({ accepted: [[2, put2]] }), s3: server({ accepted: [[2, put2]] }) });
    expect(agreement.check(c, oneChosen)).toBeNull();
    expect(agreement.check(c, learnedOther)?.message).toBe('two values chosen for slot 0: c1#0 put(x, 1) and c2#0 put(x, 2)');
    expect(agreement.check(c, learnedOther)?.witnesses).toEqual(['slot 0: c2#0 put(x, 2) chosen by {s2,s3} at ballot 2', 'slot 0: s1 learned c1#0 put(x, 1)']);
  });

  it('gapLeftOpen: a leader whose log has no proposal below a chosen slot', () => {
    const c = cfg();
    expect(gapLeftOpen.holds(c, world({ s1: server({ phase: 2, log: [null, put1], chosen: [null, put1] }) }))).toBe(true);
    expect(gapLeftOpen.holds(c, world({ s1: server({ phase: 2, log: ['noop', put1], chosen: [null, put1] }) }))).toBe(false);
  });

  it('requestChosenTwice: one request chosen in two slots, as a learner knows it or as acceptors hold it', () => {
    const c = cfg();
    expect(requestChosenTwice.holds(c, world({ s1: server({ chosen: [put1, 'noop', put1] }) }))).toBe(true);
    expect(requestChosenTwice.holds(c, world({ s1: server({ chosen: [put1, put2, 'noop', 'noop'] }) }))).toBe(false);
    const twice = server({ accepted: [[1, put1], [2, put1]] });
    expect(requestChosenTwice.holds(c, world({ s1: twice, s2: twice, s3: server() }))).toBe(true);
    const once = server({ accepted: [[1, put1], [2, put2]] });
    expect(requestChosenTwice.holds(c, world({ s1: once, s2: once, s3: server() }))).toBe(false);
  });

  it('allAnswered: every client done', () => {
    const c = cfg();
    const done = { role: 'client', next: 1, waiting: false, target: 0, retried: 0 } as const;
    expect(allAnswered.holds(c, world({ c1: done, c2: done }))).toBe(true);
    expect(allAnswered.holds(c, world({ c1: done, c2: { ...done, waiting: true } }))).toBe(false);
  });
});

describe('descriptions', () => {
  it('reads states and messages in the protocol\'s notation', () => {
    const c = cfg();
    expect(describeState(c, 's1', server({ promised: 1, ballot: 1, phase: 2, log: [put1], acks: [0b101], accepted: [[1, put1]], chosen: [put1], executed: 1, store: { x: 1 } }))).toBe(
      'promised=1 acc=[(1,c1#0 put(x, 1))] leading b=1 log=[c1#0 put(x, 1)] acks=[{s1,s3}] chosen=[c1#0 put(x, 1)] executed={0} store {x=1}',
    );
    expect(describeMessage({ t: '1b', b: 2, votes: [null, [1, 'noop']] })).toBe('1b(b=2, [-; (1,noop)])');
    expect(describeMessage({ t: '2a', b: 2, slot: 1, v: put2 })).toBe('2a(b=2, #1 c2#0 put(x, 2))');
    expect(describeMessage({ t: '2b', b: 2, slot: 1 })).toBe('2b(b=2, #1)');
  });
});
