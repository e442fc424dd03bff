import { describe, expect, it } from 'vitest';
import type { LocalStep, Send } from '../../../src/model/contract.js';
import { kvReference } from '../../../src/model/machines/kv-reference.js';
import { raftKv } from '../../../src/model/raft-kv/protocol.js';
import type { NodeState, RaftKvConfig, RaftKvMessage, ServerState } from '../../../src/model/raft-kv/types.js';
import { cfg, getX, leader, noop, put1, srv } from './helpers.js';

type Msg = RaftKvMessage;

function local(config: RaftKvConfig, id: string, s: NodeState, clock: number, label: RegExp): LocalStep<NodeState, Msg> {
  const step = raftKv.local(config, id, s, clock).find((x) => label.test(x.label));
  if (step === undefined) throw new Error(`${id} has no step ${label}`);
  return step;
}

function to(send: readonly Send<Msg>[], id: string): Msg {
  const m = send.find((x) => x.to === id);
  if (m === undefined) throw new Error(`nothing sent to ${id}`);
  return m.msg;
}

describe('raft-kv protocol', () => {
  it('declares servers (campaigning or voting only) and clients, and the kv object (its specification, kv-reference.ts) while there are clients', () => {
    const c = cfg({ candidates: 2, clients: 2 });
    expect(raftKv.nodes(c).map((n) => `${n.id}:${n.role}`)).toEqual(['s1:server', 's2:server', 's3:voter', 'c1:client', 'c2:client']);
    expect(raftKv.object?.(c)).toBe(kvReference);
    expect(raftKv.object?.(cfg({ clients: 0 }))).toBeNull();
    expect((raftKv.init(c, 'c1') as { role: string }).role).toBe('client');
    expect((raftKv.init(c, 's1') as ServerState).raft.term).toBe(0);
  });

  it('a follower bound by its lease promise ignores a RequestVote of a later term, and does not time out', () => {
    const c = cfg({ reads: 'lease', timeout: 5 });
    const f = srv({ until: 5 }, { term: 1 });
    const rv: Msg = { t: 'RV', term: 2, lastIndex: 0, lastTerm: 0 };
    expect(raftKv.handle(c, 's3', f, rv, 's2', 4)).toEqual({ state: f, send: [] });
    expect((raftKv.handle(c, 's3', f, rv, 's2', 5) as { state: ServerState }).state.raft).toMatchObject({ term: 2, votedFor: 's2' });
    expect(raftKv.local(c, 's2', f, 4).some((x) => /times out/.test(x.label))).toBe(false);
    expect(raftKv.local(c, 's2', f, 5).some((x) => /times out/.test(x.label))).toBe(true);
  });

  it('a refusal from a later term deposes a leader and drops its reads', () => {
    const l = leader(1, [noop(1)], { round: 1, acks: ['s1'], reads: [{ client: 'c1', seq: 1, cmd: getX, round: 1 }] });
    const r = raftKv.handle(cfg({ reads: 'readIndex' }), 's1', l, { t: 'HBR', term: 2, round: 0, ok: false }, 's3', 0) as { state: ServerState };
    expect(r.state.raft).toMatchObject({ role: 'follower', term: 2 });
    expect(r.state.reads).toEqual([]);
  });

  it('a client takes the reply to its outstanding request and ignores the rest', () => {
    const c = cfg();
    const [inv] = raftKv.local(c, 'c1', raftKv.init(c, 'c1'), 0);
    expect(inv.invoke).toEqual(put1);
    const r = raftKv.handle(c, 'c1', inv.state, { t: 'resp', seq: 0, out: 'ok' }, 's1', 0) as { respond?: unknown };
    expect(r.respond).toBe('ok');
  });

  it('judges Raft messages by Raft\'s own stale rules, and collapses old heartbeats into one', () => {
    const c = cfg();
    const f = srv({}, { term: 3 });
    expect(raftKv.stale?.(c, 's2', f, { t: 'RVR', term: 2, granted: true }, 's1')).toBe(true);
    expect(raftKv.stale?.(c, 's2', f, { t: 'req', seq: 0, cmd: put1 }, 'c1')).toBe(false);
    expect(raftKv.stale?.(c, 's2', f, { t: 'HBR', term: 2, round: 1, ok: true }, 's1')).toBe(true);
    expect(raftKv.normalize?.(c, 's2', f, { t: 'HB', term: 2, round: 4 }, 's1')).toEqual({ t: 'HB', term: 0, round: 0 });
    expect(raftKv.normalize?.(c, 's2', f, { t: 'HB', term: 3, round: 4 }, 's1')).toEqual({ t: 'HB', term: 3, round: 4 });
    expect(raftKv.normalize?.(c, 's2', f, { t: 'RV', term: 1, lastIndex: 2, lastTerm: 1 }, 's1')).toEqual({ t: 'RV', term: 0, lastIndex: 0, lastTerm: 0 });
  });

  it('describes servers, messages and the fields a trace diff shows', () => {
    const c = cfg({ reads: 'lease' });
    const l = leader(1, [noop(1)], { store: { x: 1 }, round: 1, acks: ['s1'], leaseEnd: 3 }, { commit: 1 });
    expect(raftKv.describeState(c, 's1', l)).toBe('leader t=1 log=[1:noop] c=1 voted=s1 store={x=1} match=s2:0,s3:0 round 1 acks={s1} lease<3');
    expect(raftKv.describeMessage({ t: 'HB', term: 2, round: 1 })).toBe('Heartbeat(t=2, round 1)');
    expect(raftKv.describeMessage({ t: 'HBR', term: 2, round: 0, ok: false })).toBe('HeartbeatReply(t=2, refused)');
    expect(raftKv.describeMessage({ t: 'req', seq: 0, cmd: put1 })).toBe('req#0 put(x, 1)');
    expect(raftKv.describeField?.(c, 's1', 'store', l)).toBe('{x=1}');
    expect(raftKv.describeField?.(c, 's1', 'raft', l)).toBe('leader t=1 log=[1:noop] c=1 voted=s1');
  });
});

/**
 * The deposed leader's lease read, played step by step with clocks: s1
 * leads term 1 and its heartbeat round, sent at clock 0, reaches s3 at
 * clock 0; s3's clock runs ahead and s1's behind, so when s3's reaches 6
 * (its promise's end with E = 6) s1's reads 4. s2 is elected in term 2 and
 * acknowledges put(x, 1); then s1 gets the client's get(x).
 */
function deposedLeaderRead(config: RaftKvConfig): readonly Send<Msg>[] {
  let s1: NodeState = raftKv.init(config, 's1');
  let s2: NodeState = raftKv.init(config, 's2');
  let s3: NodeState = raftKv.init(config, 's3');
  const deliver = (id: string, s: NodeState, m: Msg, from: string, clock: number): { state: NodeState; send: readonly Send<Msg>[] } => {
    const r = raftKv.handle(config, id, s, m, from, clock);
    return Array.isArray(r) ? r[0] : (r as { state: NodeState; send: readonly Send<Msg>[] });
  };
  let step = local(config, 's1', s1, 0, /times out/);
  s1 = step.state;
  let r = deliver('s3', s3, to(step.send, 's3'), 's1', 0);
  s3 = r.state;
  r = deliver('s1', s1, to(r.send, 's1'), 's3', 0);
  s1 = r.state;
  const hb = to(r.send.filter((x) => x.msg.t === 'HB'), 's3');
  r = deliver('s3', s3, hb, 's1', 0);
  s3 = r.state;
  r = deliver('s1', s1, to(r.send, 's1'), 's3', 0);
  s1 = r.state;
  step = local(config, 's1', s1, 0, /AppendEntries/);
  r = deliver('s3', s3, to(step.send, 's3'), 's1', 0);
  s3 = r.state;
  s2 = deliver('s2', s2, to(step.send, 's2'), 's1', 0).state;
  r = deliver('s1', s1, to(r.send, 's1'), 's3', 0);
  s1 = r.state;
  expect((s1 as ServerState).raft.commit).toBe(1);
  step = local(config, 's2', s2, 1, /times out/);
  s2 = step.state;
  const rv = to(step.send, 's3');
  expect(deliver('s3', s3, rv, 's2', 5).state).toBe(s3);
  r = deliver('s3', s3, rv, 's2', 6);
  s3 = r.state;
  r = deliver('s2', s2, to(r.send, 's2'), 's3', 5);
  s2 = r.state;
  s2 = deliver('s2', s2, { t: 'req', seq: 0, cmd: put1 }, 'c1', 5).state;
  step = local(config, 's2', s2, 5, /AppendEntries/);
  r = deliver('s3', s3, to(step.send, 's3'), 's2', 6);
  r = deliver('s2', s2, to(r.send, 's2'), 's3', 5);
  expect(r.send).toContainEqual({ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } });
  return deliver('s1', s1, { t: 'req', seq: 1, cmd: getX }, 'c1', 4).send;
}

describe('lease reads across a leader change', () => {
  it('bug leaseIgnoresSkew: the deposed leader answers get(x) with nil after put(x, 1) was acknowledged', () => {
    const send = deposedLeaderRead(cfg({ reads: 'lease', timeout: 6, margin: 1 }, ['leaseIgnoresSkew']));
    expect(send).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 1, out: null } }]);
  });

  it('with the lease E − 4ε it has run out by then: the get waits for a round that s3, now in term 2, refuses', () => {
    const send = deposedLeaderRead(cfg({ reads: 'lease', timeout: 6, margin: 1 }));
    expect(send.every((x) => x.msg.t === 'HB')).toBe(true);
  });
});
